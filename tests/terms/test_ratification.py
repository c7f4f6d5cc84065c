import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from links.models import EmailLink, EventKind
from links.selectors import link_current_for_target, link_events_for_target
from outbox.models import OutgoingEmail
from outbox.selectors import batch_progress
from terms import services
from terms.models import (
    DecisionChannel,
    RatificationRecord,
    RatificationRequest,
    RatificationStatus,
    TorVersion,
    VersionStatus,
)
from tests.factories import ContactFactory, RoleAssignmentFactory, StakeholderFactory, TorVersionFactory
from tests.terms.conftest import make_group

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def do(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.ratification_send(version=version, **kwargs)

    return do


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its after-commit work (emails, records) like a request would."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def _ratify(rr, name="Nom Prénom"):
    link = link_current_for_target(rr, "ratification")
    return services.ratification_decide(
        ratification_request=rr, link=link, decision="ratified", signed_name=name, posted_sha256=rr.version.sha256
    )


class TestSend:
    def test_it_creates_one_request_per_active_stakeholder_and_emails_its_primary_contact(
        self, city, final_version, group, send
    ):
        StakeholderFactory(city=city, is_active=False)
        assert send(final_version) == 3
        requests = list(RatificationRequest.objects.order_by("stakeholder__name_fr"))
        assert [(r.stakeholder, r.contact_email, r.language, r.status) for r in requests] == [
            (group[0], "c0@example.org", "fr", "pending"),
            (group[1], "c1@example.org", "ar", "pending"),
            (group[2], "c2@example.org", "fr", "pending"),
        ]
        assert sorted(m.to[0] for m in mail.outbox) == ["c0@example.org", "c1@example.org", "c2@example.org"]
        arabic = next(m for m in mail.outbox if m.to == ["c1@example.org"])
        assert "https://stakeholders.example.org/ar/l/" in arabic.body
        assert final_version.sha256 in arabic.body
        assert batch_progress(batch=f"ratification:version:{final_version.pk}").sent == 3
        final_version.refresh_from_db()
        assert final_version.ratification_sent_at is not None and final_version.roles_locked
        assert EmailLink.objects.filter(purpose="ratification").count() == 3
        # The token is in the email only: the outbox keeps a placeholder.
        assert "/l/" not in "".join(OutgoingEmail.objects.values_list("body_text", flat=True)).replace(
            "link.invalid", ""
        )

    def test_it_refuses_with_the_list_of_stakeholders_missing_a_role_or_an_email(
        self, city, final_version, group, send
    ):
        StakeholderFactory(city=city, name_fr="Sans rôle", acronym_fr="SR")
        ContactFactory(stakeholder=StakeholderFactory(city=city, name_fr="Sans courriel", acronym_fr=""), email="")
        with pytest.raises(ValidationError) as exc:
            send(final_version)
        message = exc.value.messages[0]
        assert "without a coordination role: Sans courriel, Sans rôle (SR)" in message
        assert "without a primary contact with an email: Sans courriel, Sans rôle (SR)" in message
        assert RatificationRequest.objects.count() == 0 and mail.outbox == []

    @pytest.mark.parametrize("status", ["draft", "presented", "adopted"])
    def test_only_a_final_version_can_be_sent(self, tor, status, send):
        version = TorVersionFactory(tor=tor, status=status)
        with pytest.raises(ValidationError, match="final"):
            send(version)

    def test_sending_again_reaches_only_new_stakeholders(self, city, final_version, group, send):
        send(final_version)
        newcomer = StakeholderFactory(city=city)
        ContactFactory(stakeholder=newcomer, email="new@example.org")
        TorVersion.objects.filter(pk=final_version.pk).update(ratification_sent_at=None)  # roles open for the newcomer
        RoleAssignmentFactory(version=final_version, stakeholder=newcomer)
        mail.outbox = []
        assert send(final_version) == 1
        assert [m.to for m in mail.outbox] == [["new@example.org"]]

    def test_a_failing_mail_server_leaves_failed_emails_to_retry(self, final_version, group, send, settings):
        settings.EMAIL_BACKEND = "tests.outbox.failing_backend.EmailBackend"
        send(final_version)
        progress = batch_progress(batch=f"ratification:version:{final_version.pk}")
        assert (progress.total, progress.failed, progress.sent) == (3, 3, 0)
        assert RatificationRequest.objects.filter(status="pending").count() == 3


class TestDecide:
    def test_a_ratification_is_recorded_once_with_its_audit_event(self, final_version, group, send):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        assert _ratify(rr, name="  Leïla Ben Salah ") == "ratified"
        rr.refresh_from_db()
        assert (rr.status, rr.signed_name, rr.channel, rr.decided_sha256) == (
            "ratified",
            "Leïla Ben Salah",
            DecisionChannel.LINK,
            final_version.sha256,
        )
        assert _ratify(rr, name="Autre") == "already_decided"
        rr.refresh_from_db()
        assert rr.signed_name == "Leïla Ben Salah"
        kinds = [e.kind for e in link_events_for_target(rr)]
        assert kinds == [EventKind.SENT, EventKind.RATIFIED]

    def test_a_posted_hash_that_differs_is_refused(self, final_version, group, send):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        link = link_current_for_target(rr, "ratification")
        with pytest.raises(ValidationError, match="changed"):
            services.ratification_decide(
                ratification_request=rr, link=link, decision="ratified", signed_name="X", posted_sha256="0" * 64
            )
        assert RatificationRequest.objects.get(pk=rr.pk).status == "pending"

    def test_declining_needs_a_reason(self, final_version, group, send):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        link = link_current_for_target(rr, "ratification")
        with pytest.raises(ValidationError, match="reason"):
            services.ratification_decide(
                ratification_request=rr,
                link=link,
                decision="declined",
                reason="   ",
                posted_sha256=final_version.sha256,
            )
        assert (
            services.ratification_decide(
                ratification_request=rr,
                link=link,
                decision="declined",
                reason="Article 3",
                posted_sha256=final_version.sha256,
            )
            == "declined"
        )

    def test_a_link_of_another_request_decides_nothing(self, final_version, group, send):
        send(final_version)
        rr0, rr1 = RatificationRequest.objects.order_by("stakeholder__name_fr")[:2]
        link1 = link_current_for_target(rr1, "ratification")
        outcome = services.ratification_decide(
            ratification_request=rr0,
            link=link1,
            decision="ratified",
            signed_name="X",
            posted_sha256=final_version.sha256,
        )
        assert outcome == "closed"
        assert set(RatificationRequest.objects.values_list("status", flat=True)) == {"pending"}


class TestAdoption:
    def test_the_version_is_adopted_when_every_active_stakeholder_ratified(
        self, tor, final_version, group, send, committed
    ):
        previous = TorVersion.objects.get(pk=final_version.pk)
        send(final_version)
        requests = list(RatificationRequest.objects.order_by("pk"))
        for rr in requests[:2]:
            _ratify(rr)
        assert TorVersion.objects.get(pk=final_version.pk).status == VersionStatus.FINAL
        committed(_ratify, rr=requests[2])
        version = TorVersion.objects.get(pk=previous.pk)
        assert version.status == VersionStatus.ADOPTED and version.adopted_at is not None
        # The record was generated in the three languages, each with its stored SHA-256.
        records = {r.language: r for r in RatificationRecord.objects.filter(version=version)}
        assert sorted(records) == ["ar", "bi", "fr"]
        import hashlib

        assert all(hashlib.sha256(bytes(r.pdf)).hexdigest() == r.sha256 for r in records.values())

    def test_a_standing_decline_blocks_the_quorum_but_not_unanimity_of_the_others(
        self, city, final_version, group, send
    ):
        city.ratification_quorum = 60
        city.save()
        send(final_version)
        r0, r1, r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        link = link_current_for_target(r2, "ratification")
        services.ratification_decide(
            ratification_request=r2, link=link, decision="declined", reason="Non", posted_sha256=final_version.sha256
        )
        _ratify(r0)
        _ratify(r1)
        # 2 of 3 (67 %) reached the 60 % quorum, but a decline stands.
        assert TorVersion.objects.get(pk=final_version.pk).status == VersionStatus.FINAL
        tally = services.adoption_tally(version=final_version)
        assert (tally.active, tally.ratified, tally.declined, tally.needed, tally.reached) == (3, 2, 1, 2, False)

    def test_the_quorum_adopts_without_a_decline(self, city, final_version, group, send):
        city.ratification_quorum = 60
        city.save()
        send(final_version)
        r0, r1, _r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        _ratify(r0)
        assert TorVersion.objects.get(pk=final_version.pk).status == VersionStatus.FINAL
        _ratify(r1)
        assert TorVersion.objects.get(pk=final_version.pk).status == VersionStatus.ADOPTED

    def test_adoption_supersedes_the_previous_versions_and_closes_their_pending_requests(
        self, city, tor, send, committed
    ):
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.ADOPTED)
        v2 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
        group = make_group(city, v2)
        send(v2)
        v2_requests = list(RatificationRequest.objects.filter(version=v2).order_by("stakeholder__name_fr"))
        _ratify(v2_requests[0])
        v3 = services.tor_version_create_from(previous=v2)
        v3 = services.tor_version_status_set(version=v3, status=VersionStatus.FINAL)
        send(v3)
        mail.outbox = []
        for rr in RatificationRequest.objects.filter(version=v3):
            committed(_ratify, rr=rr)
        v1.refresh_from_db()
        v2.refresh_from_db()
        v3.refresh_from_db()
        assert (v1.status, v2.status, v3.status) == ("superseded", "superseded", "adopted")
        assert v1.superseded_at is not None
        statuses = dict(RatificationRequest.objects.filter(version=v2).values_list("stakeholder_id", "status"))
        assert statuses == {group[0].pk: "ratified", group[1].pk: "superseded", group[2].pk: "superseded"}
        for rr in v2_requests[1:]:
            assert link_current_for_target(rr, "ratification") is None  # revoked
            assert [e.kind for e in link_events_for_target(rr)][-1] == EventKind.SUPERSEDED
        told = OutgoingEmail.objects.filter(purpose="ratification_superseded").order_by("to")
        assert [(e.to, e.status) for e in told] == [("c1@example.org", "sent"), ("c2@example.org", "sent")]
        assert sorted(m.to[0] for m in mail.outbox if m.subject in {e.subject for e in told}) == [
            "c1@example.org",
            "c2@example.org",
        ]


class TestStaffActions:
    def test_resend_revokes_the_old_link_at_once_and_sends_a_new_one(
        self, final_version, group, send, committed, alice
    ):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        old = link_current_for_target(rr, "ratification")
        mail.outbox = []
        committed(services.ratification_resend, ratification_request=rr, user=alice)
        old.refresh_from_db()
        new = link_current_for_target(rr, "ratification")
        assert old.is_revoked and new.is_usable and new.pk != old.pk
        assert [m.to for m in mail.outbox] == [["c0@example.org"]]
        events = [(e.kind, e.user) for e in link_events_for_target(rr)]
        assert (EventKind.RESENT, alice) in events and (EventKind.REVOKED, alice) in events

    def test_resend_reopens_an_expired_request_with_a_new_deadline(self, final_version, group, send, committed):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        RatificationRequest.objects.filter(pk=rr.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert services.ratification_expire_due() == 1
        assert RatificationRequest.objects.get(pk=rr.pk).status == "expired"
        committed(services.ratification_resend, ratification_request=rr)
        rr.refresh_from_db()
        assert rr.status == "pending" and rr.expires_at > timezone.now() + dt.timedelta(days=29)

    def test_change_contact_sends_a_new_link_to_the_new_contact(self, final_version, group, send, committed):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        old = link_current_for_target(rr, "ratification")
        deputy = ContactFactory(
            stakeholder=group[0], is_primary=False, name="Adjoint", email="adjoint@example.org", language="ar"
        )
        mail.outbox = []
        committed(services.ratification_change_contact, ratification_request=rr, contact=deputy)
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

    def test_change_contact_refuses_a_contact_of_another_stakeholder(self, final_version, group, send):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        with pytest.raises(ValidationError, match="does not represent"):
            services.ratification_change_contact(ratification_request=rr, contact=group[1].contacts.first())

    def test_reminders_go_to_pending_requests_only(self, final_version, group, send, committed):
        send(final_version)
        r0, r1, r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        mail.outbox = []
        committed(services.ratification_remind, ratification_request=r0)
        assert [m.to for m in mail.outbox] == [["c0@example.org"]]
        assert RatificationRequest.objects.get(pk=r0.pk).reminder_count == 1
        _ratify(r1)
        with pytest.raises(ValidationError, match="already decided"):
            services.ratification_remind(ratification_request=r1)
        RatificationRequest.objects.filter(pk=r2.pk).update(expires_at=timezone.now())
        with pytest.raises(ValidationError, match="expired"):
            services.ratification_remind(ratification_request=r2)

    def test_revoke_kills_the_link_and_the_request(self, final_version, group, send, alice):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        link = link_current_for_target(rr, "ratification")
        services.ratification_revoke(ratification_request=rr, user=alice, reason="Mauvais contact")
        link.refresh_from_db()
        assert (RatificationRequest.objects.get(pk=rr.pk).status, link.is_revoked, link.revoked_reason) == (
            "revoked",
            True,
            "Mauvais contact",
        )
        assert (
            services.ratification_decide(
                ratification_request=rr,
                link=link,
                decision="ratified",
                signed_name="X",
                posted_sha256=final_version.sha256,
            )
            == "closed"
        )

    def test_a_paper_decision_records_who_entered_it_and_revokes_the_link(self, final_version, group, send, alice):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        link = link_current_for_target(rr, "ratification")
        services.ratification_record_paper(
            ratification_request=rr, user=alice, decision="ratified", signed_name="Signataire", note="Classeur 2"
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
            services.ratification_record_paper(
                ratification_request=rr, user=alice, decision="declined", signed_name="", reason="x"
            )

    @pytest.mark.parametrize(
        "decision, name, reason, message",
        [("ratified", " ", "", "name"), ("declined", "X", "", "reason"), ("maybe", "X", "x", "ratify or to decline")],
    )
    def test_a_paper_decision_needs_a_name_or_a_reason(
        self, final_version, group, send, alice, decision, name, reason, message
    ):
        send(final_version)
        rr = RatificationRequest.objects.get(stakeholder=group[0])
        with pytest.raises(ValidationError, match=message):
            services.ratification_record_paper(
                ratification_request=rr, user=alice, decision=decision, signed_name=name, reason=reason
            )


def test_expire_due_marks_overdue_requests_once(final_version, group, send):
    send(final_version)
    RatificationRequest.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.ratification_expire_due() == 3
    assert services.ratification_expire_due() == 0
    assert set(RatificationRequest.objects.values_list("status", flat=True)) == {RatificationStatus.EXPIRED}


def test_a_declined_request_can_be_reopened_and_a_ratified_one_cannot(final_version, group, send, committed, alice):
    send(final_version)
    r0, r1, _r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
    link = link_current_for_target(r0, "ratification")
    services.ratification_decide(
        ratification_request=r0, link=link, decision="declined", reason="Article 3", posted_sha256=final_version.sha256
    )
    assert services.adoption_tally(version=final_version).declined == 1
    committed(services.ratification_resend, ratification_request=r0, user=alice)
    r0.refresh_from_db()
    assert (r0.status, r0.decline_reason, r0.decided_at) == ("pending", "", None)
    assert services.adoption_tally(version=final_version).declined == 0
    reopened = next(e for e in link_events_for_target(r0) if e.detail.get("reopened_after_decline"))
    assert reopened.kind == EventKind.RESENT
    assert (reopened.detail["reopened_after_decline"], reopened.detail["reason"], reopened.user) == (
        True,
        "Article 3",
        alice,
    )
    assert link_current_for_target(r0, "ratification").pk != link.pk
    _ratify(r1)
    with pytest.raises(ValidationError, match="already decided"):
        services.ratification_resend(ratification_request=r1)


def test_the_ratification_expire_command_marks_overdue_requests(final_version, group, send):
    from io import StringIO

    from django.core.management import call_command

    send(final_version)
    RatificationRequest.objects.filter(stakeholder=group[0]).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    out = StringIO()
    call_command("ratification_expire", stdout=out)
    assert out.getvalue().strip() == "1 ratification request(s) expired."
    rr = RatificationRequest.objects.get(stakeholder=group[0])
    assert rr.status == "expired"
    assert [e.kind for e in link_events_for_target(rr)][-1] == EventKind.EXPIRED


def test_each_contact_gets_the_email_in_their_language(final_version, group, send):
    send(final_version)
    arabic = next(m for m in mail.outbox if m.to == ["c1@example.org"])
    french = next(m for m in mail.outbox if m.to == ["c0@example.org"])
    assert arabic.subject == "المصادقة على الاختصاصات المرجعية، النسخة 1 – تونس"
    assert french.subject == "Ratification des termes de référence, version 1 – Tunis"
    html = arabic.alternatives[0][0]
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert final_version.sha256 in html


def test_the_send_returns_before_the_emails_are_rendered_and_the_task_queues_each_once(
    final_version, group, django_capture_on_commit_callbacks, client, alice
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.ratification_send(version=final_version) == 3
    assert OutgoingEmail.objects.count() == 0
    from terms.selectors import ratification_counts

    assert ratification_counts(version=final_version).preparing == 3
    client.force_login(alice)
    page = client.get("/fr/c/tunis/terms/v/1/ratification/").content.decode()
    assert 'id="preparing"' in page and 'http-equiv="refresh"' in page
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert OutgoingEmail.objects.filter(purpose="ratification").count() == 3
    assert ratification_counts(version=final_version).preparing == 0
    assert services.ratification_emails_queue(version=final_version) == 0  # a second run queues nothing
    assert len(mail.outbox) == 3
