"""The ratification services, for every registered kind: send, decide once, paper, follow-up, expiry, supersede."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from links.models import EmailLink, EventKind
from links.registry import purpose_url_name
from links.selectors import link_current_for_target, link_events_for_target
from links.services import link_issue
from outbox.models import OutgoingEmail
from outbox.selectors import batch_progress
from ratification.emails import ratification_emails_queue
from ratification.kinds import all_kinds
from ratification.models import DecisionChannel, RatificationStatus
from ratification.selectors import ratification_counts
from ratification.services import (
    ratification_change_contact,
    ratification_decide,
    ratification_expire_due,
    ratification_record_paper,
    ratification_remind,
    ratification_resend,
    ratification_revoke,
    ratification_send,
    ratification_tally,
)
from ratification.signals import decision_recorded
from tests.factories import ContactFactory, StakeholderFactory

from .conftest import CASES, kind_id, kinds, make_group, ratify, request_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english"),
    pytest.mark.parametrize("kind", kinds(), ids=kind_id),
]


def test_every_kind_has_a_case_and_its_links_open_its_decision_page(kind):
    assert kind.name in CASES, f"add how to build a {kind.name} document to CASES in tests/ratification/conftest.py"
    assert purpose_url_name(kind.purpose) == f"{kind.public_url_namespace}:decide"
    assert len({k.purpose for k in all_kinds()}) == len(all_kinds())


class TestSend:
    def test_it_creates_one_request_per_active_stakeholder_and_emails_its_primary_contact(
        self, kind, city, version, group, send
    ):
        StakeholderFactory(city=city, is_active=False)
        assert send(version) == 3
        requests = list(kind.request_model.objects.order_by("stakeholder__name_fr"))
        assert [(r.stakeholder, r.contact_email, r.language, r.status) for r in requests] == [
            (group[0], "c0@example.org", "fr", "pending"),
            (group[1], "c1@example.org", "ar", "pending"),
            (group[2], "c2@example.org", "fr", "pending"),
        ]
        assert sorted(m.to[0] for m in mail.outbox) == ["c0@example.org", "c1@example.org", "c2@example.org"]
        arabic = next(m for m in mail.outbox if m.to == ["c1@example.org"])
        assert "https://stakeholders.example.org/ar/l/" in arabic.body
        assert version.sha256 in arabic.body
        assert batch_progress(batch=kind.batch(version)).sent == 3
        assert EmailLink.objects.filter(purpose=kind.purpose).count() == 3
        version.refresh_from_db()
        assert version.ratification_sent_at is not None
        # The token is in the email only: the outbox keeps a placeholder.
        assert "/l/" not in "".join(OutgoingEmail.objects.values_list("body_text", flat=True)).replace(
            "link.invalid", ""
        )

    def test_a_version_in_a_status_the_kind_does_not_send_is_refused(self, kind, case, city, send):
        for version in case.unsendable(city, 1):
            with pytest.raises(ValidationError) as exc:
                send(version)
            assert exc.value.messages == [str(kind.not_sendable_message)]
        assert not kind.request_model.objects.exists() and mail.outbox == []

    def test_it_refuses_while_a_stakeholder_has_no_email_and_names_it(self, kind, case, city, version, group, send):
        s = StakeholderFactory(city=city, name_fr="Sans courriel", acronym_fr="")
        ContactFactory(stakeholder=s, email="")
        case.prepare(version, s)
        with pytest.raises(ValidationError) as exc:
            send(version)
        message = exc.value.messages[0]
        assert message.startswith("This version cannot be sent for ratification.")
        assert "Active stakeholders without a primary contact with an email: Sans courriel." in message
        assert not kind.request_model.objects.exists() and mail.outbox == []

    def test_a_group_without_active_stakeholder_is_refused(self, kind, version, send):
        with pytest.raises(ValidationError, match="no active stakeholder"):
            send(version)
        version.refresh_from_db()
        assert version.ratification_sent_at is None

    def test_sending_again_reaches_only_new_stakeholders(self, kind, case, city, version, group, send):
        send(version)
        mail.outbox = []
        type(version).objects.filter(pk=version.pk).update(ratification_sent_at=None)  # e.g. roles open again
        make_group(case, city, version, n=1, prefix="N")
        assert send(version) == 1
        assert [m.to for m in mail.outbox] == [["cN0@example.org"]]

    def test_a_failing_mail_server_leaves_failed_emails_to_retry(self, kind, version, group, send, settings):
        settings.EMAIL_BACKEND = "tests.outbox.failing_backend.EmailBackend"
        send(version)
        progress = batch_progress(batch=kind.batch(version))
        assert (progress.total, progress.failed, progress.sent) == (3, 3, 0)
        assert kind.request_model.objects.filter(status="pending").count() == 3

    def test_the_send_returns_before_the_emails_are_rendered_and_the_task_queues_each_once(
        self, kind, version, group, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert ratification_send(kind, version=version) == 3
        assert OutgoingEmail.objects.count() == 0
        assert ratification_counts(kind, version=version).preparing == 3
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
        assert OutgoingEmail.objects.filter(purpose=kind.purpose).count() == 3
        assert ratification_counts(kind, version=version).preparing == 0
        assert ratification_emails_queue(kind, version=version) == 0  # a second run queues nothing
        assert len(mail.outbox) == 3

    def test_each_contact_gets_the_email_in_their_language(self, case, sent):
        arabic = next(m for m in mail.outbox if m.to == ["c1@example.org"])
        french = next(m for m in mail.outbox if m.to == ["c0@example.org"])
        assert (french.subject, arabic.subject) == (case.subjects["fr"], case.subjects["ar"])
        html = arabic.alternatives[0][0]
        assert 'lang="ar"' in html and 'dir="rtl"' in html
        assert sent.sha256 in html


class TestDecide:
    def test_a_ratification_is_recorded_once_with_its_audit_event(self, kind, sent, group):
        rr = request_of(kind, group[0])
        assert ratify(kind, rr, name="  Leïla Ben Salah ") == "ratified"
        rr.refresh_from_db()
        assert (rr.status, rr.signed_name, rr.channel, rr.decided_sha256) == (
            "ratified",
            "Leïla Ben Salah",
            DecisionChannel.LINK,
            sent.sha256,
        )
        assert ratify(kind, rr, name="Autre") == "already_decided"
        rr.refresh_from_db()
        assert rr.signed_name == "Leïla Ben Salah"
        assert [e.kind for e in link_events_for_target(rr)] == [EventKind.SENT, EventKind.RATIFIED]
        tally = ratification_tally(kind, version=sent)
        assert (tally.active, tally.ratified, tally.declined) == (3, 1, 0)

    def test_a_posted_hash_that_differs_is_refused_and_nothing_is_recorded(self, kind, sent, group):
        rr = request_of(kind, group[0])
        with pytest.raises(ValidationError, match="changed"):
            ratify(kind, rr, sha="0" * 64)
        rr.refresh_from_db()
        assert rr.status == RatificationStatus.PENDING and rr.decided_at is None

    def test_declining_needs_a_reason(self, kind, sent, group):
        rr = request_of(kind, group[0])
        link = link_current_for_target(rr, kind.purpose)
        decision = {"ratification_request": rr, "link": link, "decision": "declined", "posted_sha256": sent.sha256}
        with pytest.raises(ValidationError, match="reason"):
            ratification_decide(kind, reason="   ", **decision)
        assert ratification_decide(kind, reason="Article 3", **decision) == "declined"
        assert request_of(kind, group[0]).decline_reason == "Article 3"

    def test_a_link_of_another_request_decides_nothing(self, kind, sent, group):
        rr0, rr1 = (request_of(kind, s) for s in group[:2])
        outcome = ratification_decide(
            kind,
            ratification_request=rr0,
            link=link_current_for_target(rr1, kind.purpose),
            decision="ratified",
            signed_name="X",
            posted_sha256=sent.sha256,
        )
        assert outcome == "closed"
        assert set(kind.request_model.objects.values_list("status", flat=True)) == {"pending"}

    def test_a_link_of_another_purpose_decides_nothing(self, kind, sent, group):
        rr = request_of(kind, group[0])
        other = next((k.purpose for k in all_kinds() if k is not kind), "tor_feedback")
        wrong = link_issue(target=rr, purpose=other, expires_at=rr.expires_at, language="fr").link
        outcome = ratification_decide(
            kind, ratification_request=rr, link=wrong, decision="ratified", signed_name="X", posted_sha256=sent.sha256
        )
        assert outcome == "closed"
        assert request_of(kind, group[0]).status == RatificationStatus.PENDING

    def test_every_decision_is_announced_inside_its_transaction(self, kind, sent, group, alice):
        heard = []

        def listen(sender, *, version, request, **kwargs):
            heard.append((sender, version.pk, request.pk, request.status, transaction.get_connection().in_atomic_block))

        decision_recorded.connect(listen, dispatch_uid="tests.ratification.listen")
        try:
            r0, r1 = (request_of(kind, s) for s in group[:2])
            ratify(kind, r0)
            ratification_record_paper(
                kind, ratification_request=r1, user=alice, decision="declined", signed_name="", reason="Non"
            )
            ratify(kind, r0)  # already decided: nothing recorded, nothing announced
        finally:
            decision_recorded.disconnect(dispatch_uid="tests.ratification.listen")
        assert heard == [(kind, sent.pk, r0.pk, "ratified", True), (kind, sent.pk, r1.pk, "declined", True)]


class TestPaper:
    def test_a_paper_decision_records_who_entered_it_and_revokes_the_link(self, kind, sent, group, alice):
        rr = request_of(kind, group[0])
        link = link_current_for_target(rr, kind.purpose)
        ratification_record_paper(
            kind, ratification_request=rr, user=alice, decision="ratified", signed_name="Signataire", note="Classeur 2"
        )
        rr.refresh_from_db()
        assert (rr.status, rr.channel, rr.recorded_by, rr.signed_name, rr.paper_note) == (
            "ratified",
            "paper",
            alice,
            "Signataire",
            "Classeur 2",
        )
        link.refresh_from_db()
        assert link.is_revoked
        assert [e.kind for e in link_events_for_target(rr)][-1] == EventKind.PAPER_DECISION
        with pytest.raises(ValidationError, match="already decided"):
            ratification_record_paper(
                kind, ratification_request=rr, user=alice, decision="declined", signed_name="", reason="x"
            )

    @pytest.mark.parametrize(
        "decision, name, reason, message",
        [("ratified", " ", "", "name"), ("declined", "X", "", "reason"), ("maybe", "X", "x", "ratify or to decline")],
    )
    def test_a_paper_decision_needs_a_name_or_a_reason(self, kind, sent, group, alice, decision, name, reason, message):
        rr = request_of(kind, group[0])
        with pytest.raises(ValidationError, match=message):
            ratification_record_paper(
                kind, ratification_request=rr, user=alice, decision=decision, signed_name=name, reason=reason
            )
        assert request_of(kind, group[0]).status == "pending"


class TestFollowUp:
    def test_resend_revokes_the_old_link_at_once_and_sends_a_new_one(self, kind, sent, group, committed, alice):
        rr = request_of(kind, group[0])
        old = link_current_for_target(rr, kind.purpose)
        mail.outbox = []
        committed(ratification_resend, kind, ratification_request=rr, user=alice)
        old.refresh_from_db()
        new = link_current_for_target(rr, kind.purpose)
        assert old.is_revoked and new.is_usable and new.pk != old.pk
        assert [m.to for m in mail.outbox] == [["c0@example.org"]]
        events = [(e.kind, e.user) for e in link_events_for_target(rr)]
        assert (EventKind.RESENT, alice) in events and (EventKind.REVOKED, alice) in events

    def test_resend_reopens_an_expired_request_with_a_new_deadline(self, kind, sent, group, committed):
        rr = request_of(kind, group[0])
        kind.request_model.objects.filter(pk=rr.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert ratification_expire_due(kind) == 1
        assert request_of(kind, group[0]).status == "expired"
        committed(ratification_resend, kind, ratification_request=rr)
        rr.refresh_from_db()
        assert rr.status == "pending" and rr.expires_at > timezone.now() + dt.timedelta(days=kind.link_days - 1)

    def test_change_contact_sends_a_new_link_to_the_new_contact(self, kind, sent, group, committed):
        rr = request_of(kind, group[0])
        old = link_current_for_target(rr, kind.purpose)
        deputy = ContactFactory(
            stakeholder=group[0], is_primary=False, name="Adjoint", email="adjoint@example.org", language="ar"
        )
        mail.outbox = []
        committed(ratification_change_contact, kind, ratification_request=rr, contact=deputy)
        rr.refresh_from_db()
        assert (rr.contact, rr.contact_name, rr.contact_email, rr.language) == (
            deputy,
            "Adjoint",
            "adjoint@example.org",
            "ar",
        )
        old.refresh_from_db()
        assert old.is_revoked
        assert [m.to for m in mail.outbox] == [["adjoint@example.org"]]
        assert "/ar/l/" in mail.outbox[0].body

    def test_change_contact_refuses_a_contact_of_another_stakeholder(self, kind, sent, group):
        rr = request_of(kind, group[0])
        with pytest.raises(ValidationError, match="does not represent"):
            ratification_change_contact(kind, ratification_request=rr, contact=group[1].contacts.first())

    def test_reminders_go_to_pending_requests_only(self, kind, sent, group, committed):
        r0, r1, r2 = (request_of(kind, s) for s in group)
        mail.outbox = []
        committed(ratification_remind, kind, ratification_request=r0)
        assert [m.to for m in mail.outbox] == [["c0@example.org"]]
        assert request_of(kind, group[0]).reminder_count == 1
        ratify(kind, r1)
        with pytest.raises(ValidationError, match="already decided"):
            ratification_remind(kind, ratification_request=r1)
        kind.request_model.objects.filter(pk=r2.pk).update(expires_at=timezone.now())
        with pytest.raises(ValidationError, match="expired"):
            ratification_remind(kind, ratification_request=r2)

    def test_revoke_kills_the_link_and_the_request(self, kind, sent, group, alice):
        rr = request_of(kind, group[0])
        link = link_current_for_target(rr, kind.purpose)
        ratification_revoke(kind, ratification_request=rr, user=alice, reason="Mauvais contact")
        link.refresh_from_db()
        assert (request_of(kind, group[0]).status, link.is_revoked, link.revoked_reason) == (
            "revoked",
            True,
            "Mauvais contact",
        )
        outcome = ratification_decide(
            kind, ratification_request=rr, link=link, decision="ratified", signed_name="X", posted_sha256=sent.sha256
        )
        assert outcome == "closed"
        with pytest.raises(ValidationError, match="Only a pending request"):
            ratification_revoke(kind, ratification_request=rr, user=alice)

    def test_a_declined_request_can_be_reopened_and_a_ratified_one_cannot(self, kind, sent, group, committed, alice):
        r0, r1 = (request_of(kind, s) for s in group[:2])
        link = link_current_for_target(r0, kind.purpose)
        ratification_decide(
            kind, ratification_request=r0, link=link, decision="declined", reason="Article 3", posted_sha256=sent.sha256
        )
        assert ratification_tally(kind, version=sent).declined == 1
        committed(ratification_resend, kind, ratification_request=r0, user=alice)
        r0.refresh_from_db()
        assert (r0.status, r0.decline_reason, r0.decided_at) == ("pending", "", None)
        assert ratification_tally(kind, version=sent).declined == 0
        reopened = next(e for e in link_events_for_target(r0) if e.detail.get("reopened_after_decline"))
        assert reopened.kind == EventKind.RESENT
        assert (reopened.detail["reason"], reopened.user) == ("Article 3", alice)
        assert link_current_for_target(r0, kind.purpose).pk != link.pk
        ratify(kind, r1)
        with pytest.raises(ValidationError, match="already decided"):
            ratification_resend(kind, ratification_request=r1)


class TestExpiry:
    def test_expire_due_marks_overdue_requests_once(self, kind, sent):
        kind.request_model.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
        assert ratification_expire_due(kind) == 3
        assert ratification_expire_due(kind) == 0
        assert set(kind.request_model.objects.values_list("status", flat=True)) == {RatificationStatus.EXPIRED}

    def test_the_expire_command_covers_every_kind(self, kind, sent, group):
        kind.request_model.objects.filter(stakeholder=group[0]).update(
            expires_at=timezone.now() - dt.timedelta(hours=1)
        )
        out = io.StringIO()
        call_command("ratification_expire", stdout=out)
        assert out.getvalue().strip() == "1 ratification request(s) expired."
        rr = request_of(kind, group[0])
        assert rr.status == "expired"
        assert [e.kind for e in link_events_for_target(rr)][-1] == EventKind.EXPIRED


def test_a_newer_version_supersedes_the_open_requests_and_tells_their_contacts(
    kind, case, sent, group, alice, committed
):
    ratify(kind, request_of(kind, group[0]))
    pending = request_of(kind, group[1])
    old_link = link_current_for_target(pending, kind.purpose)
    mail.outbox = []
    newer = committed(case.replace, sent, alice)
    statuses = dict(kind.request_model.objects.filter(version=sent).values_list("stakeholder_id", "status"))
    assert statuses == {group[0].pk: "ratified", group[1].pk: "superseded", group[2].pk: "superseded"}
    old_link.refresh_from_db()
    assert old_link.is_revoked
    assert [e.kind for e in link_events_for_target(pending)][-1] == EventKind.SUPERSEDED
    assert type(sent).objects.get(pk=sent.pk).status == "superseded"
    told = OutgoingEmail.objects.filter(purpose=f"{kind.purpose}_superseded").order_by("to")
    assert [(e.to, e.status) for e in told] == [("c1@example.org", "sent"), ("c2@example.org", "sent")]
    assert sorted(m.to[0] for m in mail.outbox if m.subject in {e.subject for e in told}) == [
        "c1@example.org",
        "c2@example.org",
    ]
    assert all(str(newer.number) in e.body_text for e in told)
