"""The reminders pages: the policy, "remind the non-responders" (preview then POST), post and phone, the
buttons on the lower apps' status pages; permissions (alice, bob, charlie, anonymous); query counts."""

import datetime as dt
import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from common.page_actions import page_action_templates
from consultations.models import Answer, Invitation
from consultations.services.invitations import invitation_record_offline
from ratification.kinds import get_kind
from ratification.services import ratification_send
from reminders.models import ReminderLog, ReminderPolicy
from stakeholders.models import SendChannel
from terms.models import FeedbackRequest, TorVersion
from terms.services.feedback import tor_version_circulate
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.common.test_collation import _positions as positions
from tests.factories import (
    ContactFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorFeedbackFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db


def policy_url(lang="fr"):
    return f"/{lang}/c/tunis/reminders/"


def remind_url(number=1, lang="fr"):
    return f"/{lang}/c/tunis/reminders/consultations/{number}/remind/"


def offline_url(number=1):
    return f"/fr/c/tunis/reminders/consultations/{number}/offline/"


POLICY_POST = {"enabled": "on", "days_before": "5", "repeat_days": "2", "quiet_start": "21:00", "quiet_end": "07:30"}


class TestPolicyPage:
    def test_alice_changes_the_policy(self, client, alice):
        client.force_login(alice)
        response = client.post(policy_url(), POLICY_POST, follow=True)
        assert "Règle de rappel enregistrée." in html.unescape(response.content.decode())
        policy = ReminderPolicy.objects.get()
        assert (policy.enabled, policy.days_before, policy.repeat_days, policy.quiet_start, policy.quiet_end) == (
            True,
            5,
            2,
            dt.time(21, 0),
            dt.time(7, 30),
        )
        assert policy.updated_by == alice

    def test_out_of_range_values_are_refused_on_the_form(self, client, alice):
        client.force_login(alice)
        response = client.post(policy_url(), {**POLICY_POST, "days_before": "0", "repeat_days": "99"})
        body = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert "entre 1 et 60 jours" in body and "30 jours" in body
        assert not ReminderPolicy.objects.exists()

    def test_bob_reads_it_but_cannot_change_it(self, client, bob):
        client.force_login(bob)
        response = client.get(policy_url())
        assert response.status_code == 200
        assert "Seuls les coordinateurs de la ville modifient la règle." in html.unescape(response.content.decode())
        assert client.post(policy_url(), POLICY_POST).status_code == 403
        assert not ReminderPolicy.objects.exists()

    def test_charlie_and_anonymous_see_nothing(self, client, charlie, city):
        assert client.get(policy_url()).status_code == 302
        client.force_login(charlie)
        assert client.get(policy_url()).status_code == 404
        assert client.post(policy_url(), POLICY_POST).status_code == 404

    def test_arabic_page_is_rtl_and_translated(self, client, alice):
        client.force_login(alice)
        body = client.get(policy_url("ar")).content.decode()
        assert 'dir="rtl"' in body and "التذكيرات" in body and "Reminders" not in body

    @pytest.mark.parametrize("rows", [1, 3])
    def test_query_count(self, client, alice, city, django_assert_num_queries, rows):
        for i in range(rows):
            ReminderLog.objects.create(
                city=city, kind="invitation", target_type_id=1, target_id=i, slot="auto:0", to=f"x{i}@example.org"
            )
        client.force_login(alice)
        client.get(policy_url())  # warms the per-process caches (content types)
        # session, user, city + role, policy, log count, log page
        with django_assert_num_queries(6):
            assert client.get(policy_url()).status_code == 200


class TestRemindInvitations:
    def test_the_preview_lists_who_gets_what(self, client, alice, city, invited):
        Invitation.objects.filter(stakeholder__name_fr="OIM Tunisie").update(answer=Answer.ATTENDING)
        phoned = StakeholderFactory(city=city, name_fr="Association au téléphone")
        ContactFactory(stakeholder=phoned, email="", phone="+216 71 222 222")
        invitation_record_offline(consultation=invited, stakeholder=phoned, channel=SendChannel.PHONE, user=alice)
        client.force_login(alice)
        body = client.get(remind_url()).content.decode()
        assert "Croissant-Rouge" in body and "c0@example.org" in body
        assert "OIM Tunisie" not in body  # answered
        assert "Association au téléphone" in body and "à appeler" in body and "+216 71 222 222" in body
        croissant = Invitation.objects.get(stakeholder__name_fr="Croissant-Rouge")
        assert f'name="target" value="{croissant.pk}" id="target-{croissant.pk}" checked' in body
        assert body.count('name="target"') == 1  # the phone one has no checkbox
        # The subject in each language a recipient reads (here only Arabic).
        assert "تذكير: دعوة إلى الاستشارة الأولى" in body

    def test_the_post_sends_the_checked_ones_once_a_day(
        self, client, alice, invited, django_capture_on_commit_callbacks
    ):
        croissant = Invitation.objects.get(stakeholder__name_fr="Croissant-Rouge")
        client.force_login(alice)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(remind_url(), {"target": [str(croissant.pk)]}, follow=True)
        assert "1 rappel est en cours d'envoi." in html.unescape(response.content.decode())
        assert [m.to for m in mail.outbox] == [["c0@example.org"]]
        assert ReminderLog.objects.get().sent_by == alice
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(remind_url(), {"target": [str(croissant.pk)]}, follow=True)
        assert "déjà été relancé aujourd'hui" in html.unescape(response.content.decode())
        assert len(mail.outbox) == 1
        assert "déjà relancé aujourd'hui" in client.get(remind_url()).content.decode()

    def test_nothing_checked_is_an_error(self, client, alice, invited):
        client.force_login(alice)
        response = client.post(remind_url(), {}, follow=True)
        assert "Choisissez au moins un destinataire." in html.unescape(response.content.decode())
        assert mail.outbox == []

    def test_permissions(self, client, alice, bob, charlie, invited):
        assert client.get(remind_url()).status_code == 302
        client.force_login(bob)
        assert client.get(remind_url()).status_code == 403
        assert client.post(remind_url(), {"target": ["1"]}).status_code == 403
        client.force_login(charlie)
        assert client.get(remind_url()).status_code == 404
        client.force_login(alice)
        assert client.get(remind_url()).status_code == 200
        assert client.get(remind_url(number=4)).status_code == 404
        assert mail.outbox == []

    def test_the_button_sits_on_the_invitations_page_for_editors_only(self, client, alice, bob, invited):
        assert "reminders/_invitations_action.html" in page_action_templates("consultations.invitations")
        assert "reminders/_ratification_action.html" in page_action_templates("ratification.status")
        client.force_login(alice)
        assert remind_url() in client.get("/fr/c/tunis/consultations/1/invitations/").content.decode()
        client.force_login(bob)
        assert remind_url() not in client.get("/fr/c/tunis/consultations/1/invitations/").content.decode()

    @pytest.mark.parametrize("rows", [1, 3])
    def test_query_count(self, client, alice, city, consultation, django_assert_num_queries, rows):
        for i in range(rows):
            s = StakeholderFactory(city=city)
            contact = ContactFactory(stakeholder=s, language=("fr", "ar")[i % 2])
            Invitation.objects.create(
                consultation=consultation,
                stakeholder=s,
                contact=contact,
                language=contact.language,
                sent_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            )
        client.force_login(alice)
        client.get(remind_url())  # warms the per-process caches (content types)
        # session, user, city + role, consultation, pending invitations, reminded today, one invitation per
        # language for the subject preview
        with django_assert_num_queries(7):
            assert client.get(remind_url()).status_code == 200


class TestRemindRatification:
    @pytest.fixture
    def sent_version(self, city, django_capture_on_commit_callbacks):
        kind = get_kind("tor")
        version = TorVersionFactory(tor=TorFactory(city=city), status="final")
        for i in range(2):
            s = StakeholderFactory(city=city, name_fr=f"Organisation {i}")
            ContactFactory(stakeholder=s, email=f"r{i}@example.org", language=("fr", "ar")[i])
            RoleAssignmentFactory(version=version, stakeholder=s)
        with django_capture_on_commit_callbacks(execute=True):
            ratification_send(kind, version=version)
        mail.outbox = []
        return kind, version

    def url(self, version):
        return reverse(
            "reminders:ratification", kwargs={"city_slug": "tunis", "kind_name": "tor", "number": version.number}
        )

    def test_the_status_page_links_to_the_preview_which_sends(
        self, client, alice, sent_version, django_capture_on_commit_callbacks
    ):
        kind, version = sent_version
        client.force_login(alice)
        status = client.get(kind.url("status", city_slug="tunis", number=version.number)).content.decode()
        assert self.url(version) in status
        body = client.get(self.url(version)).content.decode()
        assert "Relance : ratification des termes de référence, version 1 – Tunis" in body
        assert "تذكير: المصادقة على الاختصاصات المرجعية، النسخة 1 – تونس" in body
        ids = [str(pk) for pk in kind.request_model.objects.values_list("pk", flat=True)]
        with django_capture_on_commit_callbacks(execute=True):
            client.post(self.url(version), {"target": ids})
        assert sorted(m.to[0] for m in mail.outbox) == ["r0@example.org", "r1@example.org"]
        assert list(kind.request_model.objects.values_list("reminder_count", flat=True)) == [1, 1]

    def test_permissions(self, client, alice, bob, charlie, sent_version):
        _kind, version = sent_version
        assert client.get(self.url(version)).status_code == 302
        client.force_login(bob)
        assert client.get(self.url(version)).status_code == 403
        client.force_login(charlie)
        assert client.get(self.url(version)).status_code == 404
        client.force_login(alice)
        assert client.get(self.url(version)).status_code == 200
        assert client.get(self.url(version).replace("/tor/", "/nope/")).status_code == 404

    def test_query_count(self, client, alice, sent_version, django_assert_num_queries):
        _kind, version = sent_version
        client.force_login(alice)
        client.get(self.url(version))  # warms the per-process caches (content types)
        # session, user, city + role, version, pending requests, reminded today, one request per language
        # for the subject preview
        with django_assert_num_queries(7):
            assert client.get(self.url(version)).status_code == 200


class TestRemindFeedback:
    @pytest.fixture
    def circulated(self, city, invitees, alice, django_capture_on_commit_callbacks):
        """Version 1 circulated to the two invitees (Croissant-Rouge reads Arabic, OIM Tunisie French)."""
        version = TorVersionFactory(tor=TorFactory(city=city), status="draft")
        with django_capture_on_commit_callbacks(execute=True):
            tor_version_circulate(version=version, user=alice)
        mail.outbox = []
        return version

    def url(self, version, lang="fr"):
        return f"/{lang}/c/tunis/reminders/feedback/{version.number}/remind/"

    def feedback_page(self, version):
        return f"/fr/c/tunis/terms/v/{version.number}/feedback/"

    def test_the_feedback_page_links_to_a_preview_of_who_has_given_none(self, client, alice, invitees, circulated):
        _croissant, oim = invitees
        TorFeedbackFactory(version=circulated, stakeholder=oim, text="Un commentaire.")
        assert "reminders/_feedback_action.html" in page_action_templates("terms.feedback")
        client.force_login(alice)
        assert self.url(circulated) in client.get(self.feedback_page(circulated)).content.decode()
        body = html.unescape(client.get(self.url(circulated)).content.decode())
        assert "Croissant-Rouge" in body and "c0@example.org" in body
        assert "OIM Tunisie" not in body  # gave feedback
        assert body.count('name="target"') == 1
        assert "تذكير: ملاحظاتكم على الاختصاصات المرجعية (النسخة 1) – تونس" in body

    def test_the_post_sends_once_a_day(self, client, alice, invitees, circulated, django_capture_on_commit_callbacks):
        croissant, _oim = invitees
        request = FeedbackRequest.objects.get(stakeholder=croissant)
        client.force_login(alice)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self.url(circulated), {"target": [str(request.pk)]}, follow=True)
        assert response.redirect_chain[-1][0] == self.feedback_page(circulated)
        assert "1 rappel est en cours d'envoi." in html.unescape(response.content.decode())
        (message,) = mail.outbox
        assert message.to == ["c0@example.org"]
        assert message.subject == "تذكير: ملاحظاتكم على الاختصاصات المرجعية (النسخة 1) – تونس"
        log = ReminderLog.objects.get()
        assert (log.kind, log.sent_by, log.target_id) == ("feedback", alice, request.pk)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self.url(circulated), {"target": [str(request.pk)]}, follow=True)
        assert "déjà été relancé aujourd'hui" in html.unescape(response.content.decode())
        assert len(mail.outbox) == 1
        assert "déjà relancé aujourd'hui" in client.get(self.url(circulated)).content.decode()

    def test_a_version_no_longer_circulated_has_nobody_to_remind_and_no_button(self, client, alice, circulated):
        TorVersion.objects.filter(pk=circulated.pk).update(status="presented")
        client.force_login(alice)
        assert self.url(circulated) not in client.get(self.feedback_page(circulated)).content.decode()
        body = html.unescape(client.get(self.url(circulated)).content.decode())
        assert "Tout le monde a répondu" in body and 'name="target"' not in body

    def test_permissions(self, client, alice, bob, charlie, circulated):
        assert client.get(self.url(circulated)).status_code == 302
        client.force_login(bob)
        assert self.url(circulated) not in client.get(self.feedback_page(circulated)).content.decode()
        assert client.get(self.url(circulated)).status_code == 403
        assert client.post(self.url(circulated), {"target": ["1"]}).status_code == 403
        client.force_login(charlie)
        assert client.get(self.url(circulated)).status_code == 404
        assert client.post(self.url(circulated), {"target": ["1"]}).status_code == 404
        client.force_login(alice)
        assert client.get(self.url(circulated)).status_code == 200
        assert client.get("/fr/c/tunis/reminders/feedback/99/remind/").status_code == 404
        assert mail.outbox == []
        assert not ReminderLog.objects.exists()

    def test_arabic_preview_is_rtl_and_translated(self, client, alice, circulated):
        client.force_login(alice)
        body = client.get(self.url(circulated, lang="ar")).content.decode()
        assert 'dir="rtl"' in body and "Remind" not in body and "Version" not in body

    @pytest.mark.parametrize("rows", [1, 3])
    def test_query_count(
        self, client, alice, city, django_assert_num_queries, django_capture_on_commit_callbacks, rows
    ):
        for i in range(rows):
            ContactFactory(stakeholder=StakeholderFactory(city=city), language=("fr", "ar")[i % 2])
        version = TorVersionFactory(tor=TorFactory(city=city), status="draft")
        with django_capture_on_commit_callbacks(execute=True):
            tor_version_circulate(version=version, user=alice)
        assert FeedbackRequest.objects.count() == rows
        client.force_login(alice)
        client.get(self.url(version))  # warms the per-process caches (content types)
        # session, user, city + role, version, pending feedback, reminded today, one request per language
        # for the subject preview
        with django_assert_num_queries(7):
            body = client.get(self.url(version)).content.decode()
        assert body.count('name="target"') == rows


class TestPostAndPhonePages:
    def test_an_editor_records_a_phone_invitation_and_the_answer(self, client, alice, city, consultation, invitees):
        silent = StakeholderFactory(city=city, name_fr="Sans courriel")
        ContactFactory(stakeholder=silent, email="", phone="+216 71 333 333")
        client.force_login(alice)
        body = client.get(offline_url()).content.decode()
        assert "Sans courriel" in body and "+216 71 333 333" in body and "Croissant-Rouge" not in body
        response = client.post(offline_url(), {"stakeholder": silent.pk, "channel": "phone"}, follow=True)
        assert "Enregistré : Sans courriel a été joint (Par téléphone)." in html.unescape(response.content.decode())
        invitation = Invitation.objects.get(stakeholder=silent)
        assert (invitation.send_channel, invitation.sent_at is not None) == ("phone", True)
        response = client.post(offline_url(), {"invitation": invitation.pk, "answer": "attending"}, follow=True)
        assert "Réponse enregistrée." in html.unescape(response.content.decode())
        invitation.refresh_from_db()
        assert invitation.answer == "attending"
        assert mail.outbox == []

    def test_bad_input_is_refused_without_error_pages(self, client, alice, city, consultation):
        client.force_login(alice)
        assert client.post(offline_url(), {"invitation": "x"}).status_code == 404
        assert client.post(offline_url(), {"invitation": "9" * 30}).status_code == 404
        assert client.post(offline_url(), {"stakeholder": "9" * 30, "channel": "post"}, follow=True).status_code == 200
        response = client.post(offline_url(), {"stakeholder": "1", "channel": "email"}, follow=True)
        assert "Choisissez courrier ou téléphone." in html.unescape(response.content.decode())

    def test_a_coordinator_records_a_ratification_request_by_post(self, client, alice, city):
        version = TorVersionFactory(tor=TorFactory(city=city), status="final")
        silent = StakeholderFactory(city=city, name_fr="Sans courriel")
        ContactFactory(stakeholder=silent, email="")
        url = reverse(
            "reminders:ratification_offline",
            kwargs={"city_slug": "tunis", "kind_name": "tor", "number": version.number},
        )
        client.force_login(alice)
        client.post(url, {"stakeholder": silent.pk, "channel": "post"})
        rr = get_kind("tor").request_model.objects.get()
        assert (rr.stakeholder, rr.send_channel, rr.status) == (silent, "post", "pending")
        assert "Par courrier" in client.get(url).content.decode()

    def test_the_lists_sort_by_the_readers_language(self, client, alice, city, consultation):
        """Those no email reaches, then those reached by post or phone, on both pages (issue 12)."""
        named = [StakeholderFactory(city=city, name_fr=fr, name_ar=ar) for fr, ar in NAMES]
        for stakeholder in named:
            ContactFactory(stakeholder=stakeholder, email="")
        TorVersionFactory(tor=TorFactory(city=city), status="final")
        ratification_url = reverse(
            "reminders:ratification_offline", kwargs={"city_slug": "tunis", "kind_name": "tor", "number": 1}
        )
        client.force_login(alice)
        for url in (offline_url(), ratification_url):
            for language, order in (("fr", FRENCH_ORDER), ("ar", ARABIC_ORDER)):
                body = client.get(f"/{language}/{url[4:]}").content.decode()
                assert positions(body, order) == sorted(positions(body, order)), (url, language)
            for stakeholder in named:
                client.post(url, {"stakeholder": stakeholder.pk, "channel": "post"}, follow=True)  # reads the message
            for language, order in (("fr", FRENCH_ORDER), ("ar", ARABIC_ORDER)):
                body = client.get(f"/{language}/{url[4:]}").content.decode()
                assert positions(body, order) == sorted(positions(body, order)), (url, language)

    def test_permissions(self, client, bob, charlie, consultation):
        client.force_login(bob)
        assert client.get(offline_url()).status_code == 403
        client.force_login(charlie)
        assert client.get(offline_url()).status_code == 404

    @pytest.mark.parametrize("rows", [1, 3])
    def test_query_count(self, client, alice, city, consultation, django_assert_num_queries, rows):
        for _ in range(rows):
            s = StakeholderFactory(city=city)
            ContactFactory(stakeholder=s, email="")
            t = StakeholderFactory(city=city)
            ContactFactory(stakeholder=t, email="")
            invitation_record_offline(consultation=consultation, stakeholder=t, channel="post", user=alice)
        client.force_login(alice)
        client.get(offline_url())  # warms the per-process caches (content types)
        # session, user, city + role, consultation, unreachable count + page, offline count + page
        with django_assert_num_queries(8):
            assert client.get(offline_url()).status_code == 200


class TestDuePage:
    @pytest.mark.parametrize("rows", [1, 3])
    def test_query_count(self, client, alice, city, policy, consultation, django_assert_num_queries, rows):
        # In three days (real time): every invitation is due its first reminder.
        consultation.date = timezone.localdate() + dt.timedelta(days=3)
        consultation.save()
        for _ in range(rows):
            s = StakeholderFactory(city=city)
            contact = ContactFactory(stakeholder=s)
            Invitation.objects.create(
                consultation=consultation,
                stakeholder=s,
                contact=contact,
                sent_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            )
        client.force_login(alice)
        client.get("/fr/c/tunis/reminders/due/")  # warms the per-process caches (content types)
        # session, user, city + role, policy, invitations, feedback, one per ratification kind (2), log
        with django_assert_num_queries(9):
            body = client.get("/fr/c/tunis/reminders/due/").content.decode()
        assert body.count("Invitation sans réponse") == rows
