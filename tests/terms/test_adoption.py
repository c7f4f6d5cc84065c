"""What ratification means for the terms of reference (the shared flow is tested in tests/ratification):
every active stakeholder holds a role before a send, and the version is adopted on quorum -- through the
ratification app's decision_recorded signal -- with its ratification record generated."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from links.models import EventKind
from links.selectors import link_current_for_target, link_events_for_target
from outbox.models import OutgoingEmail
from ratification.services import (
    ratification_decide,
    ratification_readiness,
    ratification_record_paper,
    ratification_send,
    ratification_tally,
)
from ratification.signals import decision_recorded
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRecord, RatificationRequest, TorVersion, VersionStatus
from terms.services.versions import tor_version_create_from, tor_version_status_set
from tests.factories import ContactFactory, StakeholderFactory, TorVersionFactory
from tests.terms.conftest import make_group

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def do(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ratification_send(TOR_RATIFICATION, version=version, **kwargs)

    return do


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its after-commit work (emails, records) like a request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _ratify(rr, name="Nom Prénom"):
    return ratification_decide(
        TOR_RATIFICATION,
        ratification_request=rr,
        link=link_current_for_target(rr, TOR_RATIFICATION.purpose),
        decision="ratified",
        signed_name=name,
        posted_sha256=rr.version.sha256,
    )


def _decline(rr, reason="Non"):
    return ratification_decide(
        TOR_RATIFICATION,
        ratification_request=rr,
        link=link_current_for_target(rr, TOR_RATIFICATION.purpose),
        decision="declined",
        reason=reason,
        posted_sha256=rr.version.sha256,
    )


def _status(version) -> str:
    return TorVersion.objects.get(pk=version.pk).status


class TestReadiness:
    def test_it_refuses_with_the_list_of_stakeholders_missing_a_role_or_an_email(
        self, city, final_version, group, send
    ):
        StakeholderFactory(city=city, name_fr="Sans rôle", acronym_fr="SR")
        ContactFactory(stakeholder=StakeholderFactory(city=city, name_fr="Sans courriel", acronym_fr=""), email="")
        with pytest.raises(ValidationError) as exc:
            send(final_version)
        assert exc.value.messages == [
            "This version cannot be sent for ratification. "
            "Active stakeholders without a coordination role: Sans courriel, Sans rôle (SR); "
            "Active stakeholders without a primary contact with an email: Sans courriel, Sans rôle (SR)."
        ]
        assert RatificationRequest.objects.count() == 0 and mail.outbox == []

    def test_the_readiness_names_the_stakeholders_without_a_role(self, city, final_version, group):
        StakeholderFactory(city=city, name_fr="Sans rôle", acronym_fr="")
        readiness = ratification_readiness(TOR_RATIFICATION, version=final_version)
        assert [(gap.label, [s.name_fr for s in gap.stakeholders]) for gap in readiness.missing] == [
            ("Active stakeholders without a coordination role:", ["Sans rôle"]),
            ("Active stakeholders without a primary contact with an email:", ["Sans rôle"]),
        ]


class TestAdoption:
    def test_terms_listens_to_the_decisions_on_its_kind(self):
        keys = [key for key, *_ in decision_recorded.receivers]
        assert ("terms.adopt_on_quorum", id(TOR_RATIFICATION)) in keys

    def test_the_version_is_adopted_when_every_active_stakeholder_ratified(self, final_version, group, send, committed):
        send(final_version)
        requests = list(RatificationRequest.objects.order_by("pk"))
        for rr in requests[:2]:
            _ratify(rr)
        assert _status(final_version) == VersionStatus.FINAL
        committed(_ratify, requests[2])
        version = TorVersion.objects.get(pk=final_version.pk)
        assert version.status == VersionStatus.ADOPTED and version.adopted_at is not None
        # The record was generated in the three languages, each with its stored SHA-256.
        records = {r.language: r for r in RatificationRecord.objects.filter(version=version)}
        assert sorted(records) == ["ar", "bi", "fr"]
        assert all(hashlib.sha256(bytes(r.pdf)).hexdigest() == r.sha256 for r in records.values())

    def test_a_paper_decision_completes_the_adoption_too(self, final_version, group, send, alice):
        send(final_version)
        r0, r1, r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        _ratify(r0)
        _ratify(r1)
        ratification_record_paper(
            TOR_RATIFICATION, ratification_request=r2, user=alice, decision="ratified", signed_name="Signataire"
        )
        assert _status(final_version) == VersionStatus.ADOPTED

    def test_a_standing_decline_blocks_the_quorum_but_not_unanimity_of_the_others(
        self, city, final_version, group, send
    ):
        city.ratification_quorum = 60
        city.save()
        send(final_version)
        r0, r1, r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        _decline(r2)
        _ratify(r0)
        _ratify(r1)
        # 2 of 3 (67 %) reached the 60 % quorum, but a decline stands.
        assert _status(final_version) == VersionStatus.FINAL
        tally = ratification_tally(TOR_RATIFICATION, version=final_version)
        assert (tally.active, tally.ratified, tally.declined, tally.needed, tally.reached) == (3, 2, 1, 2, False)

    def test_the_quorum_adopts_without_a_decline(self, city, final_version, group, send):
        city.ratification_quorum = 60
        city.save()
        send(final_version)
        r0, r1, _r2 = RatificationRequest.objects.order_by("stakeholder__name_fr")
        _ratify(r0)
        assert _status(final_version) == VersionStatus.FINAL
        _ratify(r1)
        assert _status(final_version) == VersionStatus.ADOPTED

    def test_adoption_supersedes_the_previous_versions_and_closes_their_pending_requests(
        self, city, tor, send, committed
    ):
        v1 = TorVersionFactory(tor=tor, status=VersionStatus.ADOPTED)
        v2 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
        group = make_group(city, v2)
        send(v2)
        v2_requests = list(RatificationRequest.objects.filter(version=v2).order_by("stakeholder__name_fr"))
        _ratify(v2_requests[0])
        v3 = tor_version_create_from(previous=v2)
        # v3 becoming final supersedes v2 and closes its pending requests (one final version at a time).
        v3 = committed(tor_version_status_set, version=v3, status=VersionStatus.FINAL)
        send(v3)
        mail.outbox = []
        for rr in RatificationRequest.objects.filter(version=v3):
            committed(_ratify, rr)
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
