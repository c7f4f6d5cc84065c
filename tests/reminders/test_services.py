"""The scheduled run: what is due, once; quiet hours in the city's zone; links kept alive; the last reminder."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from consultations.models import Answer, Invitation
from consultations.services.invitations import invitation_answer_by_staff, invitation_record_offline, invitation_resend
from links.models import EmailLink
from ratification.kinds import get_kind
from ratification.services import ratification_record_offline, ratification_send
from reminders.models import ReminderLog
from reminders.selectors import reminders_due
from reminders.services import reminders_send_due
from reminders.tasks import send_reminders_task
from stakeholders.models import SendChannel
from terms.models import FeedbackRequest
from terms.services.feedback import tor_version_circulate
from tests.factories import (
    ContactFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorFeedbackFactory,
    TorVersionFactory,
)

from .conftest import at, tokens, usable

pytestmark = pytest.mark.django_db


class TestScheduledRun:
    def test_it_is_idempotent_across_two_runs(self, policy, invited, committed):
        first = committed(reminders_send_due, now=at(8, 10))
        second = committed(reminders_send_due, now=at(8, 10, 30))
        assert (first.sent, second.sent) == (2, 0)
        assert sorted(m.to[0] for m in mail.outbox) == ["c0@example.org", "c1@example.org"]
        assert list(ReminderLog.objects.values_list("slot", flat=True)) == ["auto:0", "auto:0"]

    def test_the_log_refuses_a_second_entry_for_one_occasion(self, policy, invited, committed):
        committed(reminders_send_due, now=at(8, 10))
        entry = ReminderLog.objects.first()
        entry.pk = None
        with pytest.raises(Exception, match="UNIQUE|unique"):
            entry.save()

    def test_nothing_before_the_window_and_the_next_one_after_the_repeat_interval(self, policy, invited, committed):
        assert committed(reminders_send_due, now=at(4, 10)).sent == 0  # 8 days before
        assert committed(reminders_send_due, now=at(5, 11)).sent == 2  # auto:0
        assert committed(reminders_send_due, now=at(7, 11)).sent == 0  # still auto:0
        assert committed(reminders_send_due, now=at(8, 11)).sent == 2  # auto:1, 3 days later
        assert committed(reminders_send_due, now=at(12, 11)).sent == 0  # the consultation has begun
        assert sorted(set(ReminderLog.objects.values_list("slot", flat=True))) == ["auto:0", "auto:1"]

    def test_the_reminder_is_in_the_contacts_language_and_keeps_the_first_link(self, policy, invited, committed):
        invitation = Invitation.objects.get(stakeholder__name_fr="Croissant-Rouge")
        committed(reminders_send_due, now=at(8, 10))
        arabic = next(m for m in mail.outbox if m.to == ["c0@example.org"])
        french = next(m for m in mail.outbox if m.to == ["c1@example.org"])
        assert arabic.subject.startswith("تذكير")
        assert french.subject == "Relance : invitation à Première consultation, 12 mars 2030"
        assert "Le lien de notre premier message reste valable." in french.body
        # Both links the contact holds open the answer page.
        links = EmailLink.objects.filter(target_id=invitation.pk, purpose="invitation")
        assert links.count() == 2
        assert all(link.is_usable for link in links)

    def test_inactive_policy_and_answered_invitations_get_nothing(self, policy, invited, committed):
        Invitation.objects.filter(stakeholder__name_fr="OIM Tunisie").update(answer=Answer.ATTENDING)
        assert committed(reminders_send_due, now=at(8, 10)).sent == 1
        policy.enabled = False
        policy.save()
        assert committed(reminders_send_due, now=at(11, 10)).sent == 0

    def test_the_command_and_the_task_run_the_same_idempotent_service(self, policy, invited, committed):
        out = io.StringIO()
        # Real time (2026): nothing is due yet for a consultation in 2030, whichever entry point runs.
        call_command("send_reminders", stdout=out)
        assert "0 reminder(s) sent" in out.getvalue()
        assert send_reminders_task.enqueue().return_value == 0


class TestQuietHours:
    def test_nothing_is_sent_inside_the_quiet_hours_of_the_citys_zone(self, policy, invited, committed):
        # 19:30 UTC is 20:30 in Tunis: quiet there (though not in UTC).
        result = committed(reminders_send_due, now=dt.datetime(2030, 3, 8, 19, 30, tzinfo=dt.UTC))
        assert (result.sent, result.quiet_cities) == (0, ["tunis"])
        assert mail.outbox == []
        # 07:30 UTC is 08:30 in Tunis: the quiet hours are over there (though not in UTC), the run sends.
        result = committed(reminders_send_due, now=dt.datetime(2030, 3, 9, 7, 30, tzinfo=dt.UTC))
        assert (result.sent, result.quiet_cities) == (2, [])

    def test_quiet_hours_within_one_day(self, policy):
        policy.quiet_start, policy.quiet_end = dt.time(12, 0), dt.time(14, 0)
        assert policy.is_quiet_at(at(8, 13)) and not policy.is_quiet_at(at(8, 14))


class TestLinks:
    def test_a_reminder_after_a_resend_keeps_the_rotated_link_working(self, policy, invited, alice, committed):
        invitation = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
        committed(invitation_resend, invitation=invitation, user=alice)
        (rotated,) = tokens(mail.outbox[-1])
        committed(reminders_send_due, now=at(8, 10))
        reminder = next(m for m in mail.outbox[1:] if m.to == ["c1@example.org"])
        (reminded,) = tokens(reminder)
        assert rotated != reminded
        assert usable(rotated) and usable(reminded)

    def test_with_no_live_link_left_the_email_says_it_replaces_the_earlier_one(self, policy, invited, committed):
        EmailLink.objects.update(revoked_at=at(1, 9))
        committed(reminders_send_due, now=at(8, 10))
        french = next(m for m in mail.outbox if m.to == ["c1@example.org"])
        assert "Ce lien remplace celui de notre message précédent, qui ne fonctionne plus." in french.body
        assert usable(tokens(french)[0])


@pytest.fixture
def tor_requests(city, policy, committed):
    """A final ToR version sent for ratification to two stakeholders (French, Arabic)."""
    policy.quiet_start = policy.quiet_end  # no quiet hours: the deadlines follow the real clock
    policy.save()
    kind = get_kind("tor")
    version = TorVersionFactory(tor=TorFactory(city=city), status="final")
    for i, language in enumerate(("fr", "ar")):
        s = StakeholderFactory(city=city, name_fr=f"Organisation {i}")
        ContactFactory(stakeholder=s, email=f"r{i}@example.org", language=language)
        RoleAssignmentFactory(version=version, stakeholder=s)
    committed(ratification_send, kind, version=version)
    mail.outbox = []
    return kind, version


class TestRatification:
    def test_reminders_until_expiry_then_a_last_one_the_day_before(self, tor_requests, committed):
        kind, _version = tor_requests
        expires_at = kind.request_model.objects.first().expires_at
        assert committed(reminders_send_due, now=expires_at - dt.timedelta(days=5)).sent == 2
        assert committed(reminders_send_due, now=expires_at - dt.timedelta(hours=12)).sent == 2
        assert committed(reminders_send_due, now=expires_at - dt.timedelta(hours=2)).sent == 0
        assert committed(reminders_send_due, now=expires_at + dt.timedelta(hours=1)).sent == 0
        assert sorted(ReminderLog.objects.values_list("slot", flat=True)) == ["auto:0", "auto:0", "last", "last"]
        assert list(kind.request_model.objects.values_list("reminder_count", flat=True)) == [2, 2]
        assert {m.subject for m in mail.outbox} == {
            "Relance : ratification des termes de référence, version 1 – Tunis",
            "تذكير: المصادقة على الاختصاصات المرجعية، النسخة 1 – تونس",
        }
        # The link the contact first received still works next to the reminder's.
        rr = kind.request_model.objects.get(contact_email="r0@example.org")
        assert EmailLink.objects.filter(target_id=rr.pk, purpose=kind.purpose, revoked_at__isnull=True).count() == 3


class TestPostAndPhone:
    def test_an_invitation_by_phone_is_listed_not_emailed_and_its_answer_entered_by_staff(
        self, city, policy, invited, alice, committed
    ):
        stakeholder = StakeholderFactory(city=city, name_fr="Association sans email")
        ContactFactory(stakeholder=stakeholder, email="", phone="+216 71 111 111")
        invitation = invitation_record_offline(
            consultation=invited, stakeholder=stakeholder, channel=SendChannel.PHONE, user=alice
        )
        due = reminders_due(city=city, policy=policy, now=at(8, 10))
        assert sorted((p.stakeholder_name, p.by_email) for p in due) == [
            ("Association sans email", False),
            ("Croissant-Rouge", True),
            ("OIM Tunisie", True),
        ]
        result = committed(reminders_send_due, now=at(8, 10))
        assert (result.sent, result.to_call_or_write) == (2, 1)
        assert "" not in [m.to[0] for m in mail.outbox]
        invitation_answer_by_staff(invitation=invitation, answer=Answer.DELEGATE, delegate_name="Mme X", user=alice)
        invitation.refresh_from_db()
        assert (invitation.answer, invitation.send_channel, invitation.delegate_name) == ("delegate", "phone", "Mme X")

    def test_a_stakeholder_without_email_asked_by_post_lets_the_version_go_to_the_others(self, city, alice, committed):
        kind = get_kind("tor")
        version = TorVersionFactory(tor=TorFactory(city=city), status="final")
        with_email = StakeholderFactory(city=city)
        ContactFactory(stakeholder=with_email)
        by_post = StakeholderFactory(city=city)
        ContactFactory(stakeholder=by_post, email="")
        for s in (with_email, by_post):
            RoleAssignmentFactory(version=version, stakeholder=s)
        with pytest.raises(ValidationError, match="courriel"):
            ratification_send(kind, version=version)
        rr = ratification_record_offline(
            kind, version=version, stakeholder=by_post, channel=SendChannel.POST, user=alice
        )
        assert committed(ratification_send, kind, version=version) == 1
        assert len(mail.outbox) == 1
        assert (rr.status, rr.send_channel, rr.contact_email) == ("pending", "post", "")


class TestFeedback:
    def test_stakeholders_who_left_no_feedback_are_reminded_before_the_window_closes(
        self, city, policy, invitees, alice, committed
    ):
        policy.quiet_start = policy.quiet_end  # no quiet hours: the window follows the real clock
        policy.save()
        version = TorVersionFactory(tor=TorFactory(city=city), status="draft")
        committed(tor_version_circulate, version=version, user=alice)
        mail.outbox = []
        croissant, oim = invitees
        TorFeedbackFactory(version=version, stakeholder=oim, text="Un commentaire.")
        closes = EmailLink.objects.filter(purpose="tor_feedback").first().expires_at
        assert committed(reminders_send_due, now=closes - dt.timedelta(days=10)).sent == 0
        assert committed(reminders_send_due, now=closes - dt.timedelta(days=2)).sent == 1
        assert committed(reminders_send_due, now=closes - dt.timedelta(days=2)).sent == 0
        (message,) = mail.outbox
        assert message.to == ["c0@example.org"]  # Croissant-Rouge reads Arabic
        assert message.subject == "تذكير: ملاحظاتكم على الاختصاصات المرجعية (النسخة 1) – تونس"
        # Both the circulation's link and the reminder's open the feedback page.
        fr = FeedbackRequest.objects.get(stakeholder=croissant)
        links = EmailLink.objects.filter(target_id=fr.pk, purpose="tor_feedback")
        assert [link.is_usable for link in links] == [True, True]
