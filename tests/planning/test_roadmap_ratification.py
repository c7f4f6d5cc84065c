"""Ratification of a frozen roadmap version by the stakeholders, through emailed links.

The roadmap reuses the shared machinery of the ratification app (also used by the terms of reference):
these tests check that the roadmap gets the same guarantees end to end, through its own pages.
"""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from links.models import EmailLink, EventKind
from links.selectors import link_current_for_target, link_events_for_target
from outbox.selectors import batch_progress
from planning import services
from planning.models import RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion
from ratification.models import DecisionChannel, RatificationStatus
from tests.factories import ContactFactory, FrozenRoadmapVersionFactory, RoadmapVersionFactory, StakeholderFactory
from tests.terms.helpers import link_in, open_link

BASE = "/fr/c/tunis/planning/"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"
    mail.outbox = []


def make_group(city, n=3, prefix=""):
    """n active stakeholders, each with a primary contact (French, Arabic, French...)."""
    out = []
    for i in range(n):
        s = StakeholderFactory(city=city, name_fr=f"Organisation {prefix}{chr(65 + i)}", name_ar=f"منظمة {prefix}{i}")
        ContactFactory(
            stakeholder=s,
            name=f"Contact {prefix}{i}",
            email=f"r{prefix}{i}@example.org",
            language="fr ar".split()[i % 2],
        )
        out.append(s)
    return out


@pytest.fixture
def group(city):
    return make_group(city)


@pytest.fixture
def frozen(city):
    return FrozenRoadmapVersionFactory(city=city, number=1, introduction_fr="Feuille de route Témoin")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def do(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.roadmap_ratification_send(version=version, **kwargs)

    return do


def _ratify(rr, name="Nom Prénom", sha=None):
    link = link_current_for_target(rr, "roadmap_ratification")
    return services.roadmap_ratification_decide(
        ratification_request=rr,
        link=link,
        decision="ratified",
        signed_name=name,
        posted_sha256=rr.version.sha256 if sha is None else sha,
    )


class TestSend:
    def test_it_creates_one_request_per_active_stakeholder_and_emails_its_primary_contact(
        self, city, frozen, group, send
    ):
        StakeholderFactory(city=city, is_active=False)
        assert send(frozen) == 3
        requests = list(RoadmapRatificationRequest.objects.order_by("stakeholder__name_fr"))
        assert [(r.stakeholder, r.contact_email, r.language, r.status) for r in requests] == [
            (group[0], "r0@example.org", "fr", "pending"),
            (group[1], "r1@example.org", "ar", "pending"),
            (group[2], "r2@example.org", "fr", "pending"),
        ]
        assert sorted(m.to[0] for m in mail.outbox) == ["r0@example.org", "r1@example.org", "r2@example.org"]
        arabic = next(m for m in mail.outbox if m.to == ["r1@example.org"])
        assert "https://stakeholders.example.org/ar/l/" in arabic.body
        assert frozen.sha256 in arabic.body
        assert "خارطة الطريق" in arabic.subject
        assert batch_progress(batch=f"roadmap-ratification:version:{frozen.pk}").sent == 3
        assert EmailLink.objects.filter(purpose="roadmap_ratification").count() == 3
        frozen.refresh_from_db()
        assert frozen.ratification_sent_at is not None
        # Sending does not approve anything: the meeting's decision does.
        assert frozen.status == RoadmapStatus.FROZEN

    def test_a_draft_or_superseded_version_cannot_be_sent(self, city, group, send):
        draft = RoadmapVersionFactory(city=city, number=1)
        superseded = FrozenRoadmapVersionFactory(city=city, number=2, status=RoadmapStatus.SUPERSEDED)
        with translation.override("en"):
            for version in (draft, superseded):
                with pytest.raises(ValidationError, match="Only a frozen or approved version"):
                    send(version)
        assert not RoadmapRatificationRequest.objects.exists() and mail.outbox == []

    def test_it_refuses_while_a_stakeholder_has_no_email_and_names_it(self, city, frozen, group, send):
        ContactFactory(stakeholder=StakeholderFactory(city=city, name_fr="Sans courriel", acronym_fr=""), email="")
        with translation.override("en"), pytest.raises(ValidationError) as exc:
            send(frozen)
        assert "without a primary contact with an email: Sans courriel" in exc.value.messages[0]
        assert not RoadmapRatificationRequest.objects.exists() and mail.outbox == []

    def test_sending_again_reaches_only_new_stakeholders(self, city, frozen, group, send):
        send(frozen)
        mail.outbox = []
        make_group(city, n=1, prefix="N")
        assert send(frozen) == 1
        assert [m.to for m in mail.outbox] == [["rN0@example.org"]]


class TestDecide:
    def test_a_ratification_is_recorded_once_with_its_audit_event(self, frozen, group, send):
        send(frozen)
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[0])
        assert _ratify(rr, name="  Leïla Ben Salah ") == "ratified"
        rr.refresh_from_db()
        assert (rr.status, rr.signed_name, rr.channel, rr.decided_sha256) == (
            "ratified",
            "Leïla Ben Salah",
            DecisionChannel.LINK,
            frozen.sha256,
        )
        assert _ratify(rr, name="Autre") == "already_decided"
        rr.refresh_from_db()
        assert rr.signed_name == "Leïla Ben Salah"
        assert [e.kind for e in link_events_for_target(rr)] == [EventKind.SENT, EventKind.RATIFIED]
        frozen.refresh_from_db()
        assert frozen.status == RoadmapStatus.FROZEN
        tally = services.roadmap_ratification_tally(version=frozen)
        assert (tally.active, tally.ratified, tally.declined) == (3, 1, 0)

    def test_a_posted_hash_that_differs_is_refused_and_nothing_is_recorded(self, frozen, group, send):
        send(frozen)
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[0])
        with pytest.raises(ValidationError):
            _ratify(rr, sha="0" * 64)
        rr.refresh_from_db()
        assert rr.status == RatificationStatus.PENDING and rr.decided_at is None

    def test_a_link_of_the_terms_of_reference_cannot_decide_a_roadmap_request(self, frozen, group, send):
        from links.services import link_issue

        send(frozen)
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[0])
        wrong = link_issue(target=rr, purpose="ratification", expires_at=rr.expires_at, language="fr").link
        outcome = services.roadmap_ratification_decide(
            ratification_request=rr, link=wrong, decision="ratified", signed_name="X", posted_sha256=frozen.sha256
        )
        assert outcome == "closed"
        rr.refresh_from_db()
        assert rr.status == RatificationStatus.PENDING

    def test_a_paper_decision_records_who_entered_it_and_revokes_the_link(self, frozen, group, send, alice):
        send(frozen)
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[1])
        link = link_current_for_target(rr, "roadmap_ratification")
        services.roadmap_ratification_record_paper(
            ratification_request=rr, user=alice, decision="declined", signed_name="", reason="Budget absent"
        )
        rr.refresh_from_db()
        link.refresh_from_db()
        assert (rr.status, rr.channel, rr.recorded_by, rr.decline_reason) == (
            "declined",
            "paper",
            alice,
            "Budget absent",
        )
        assert link.revoked_at is not None

    def test_approving_a_newer_version_supersedes_the_open_requests_and_tells_their_contacts(
        self, city, frozen, group, send, alice, django_capture_on_commit_callbacks
    ):
        send(frozen)
        _ratify(RoadmapRatificationRequest.objects.get(stakeholder=group[0]))
        pending = RoadmapRatificationRequest.objects.get(stakeholder=group[1])
        old_link = link_current_for_target(pending, "roadmap_ratification")
        newer = FrozenRoadmapVersionFactory(city=city, number=2)
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            services.roadmap_version_approve(
                version=newer, decided_on=newer.frozen_at.date(), decision_fr="Approuvée.", user=alice
            )
        statuses = dict(RoadmapRatificationRequest.objects.values_list("stakeholder_id", "status"))
        assert statuses == {group[0].pk: "ratified", group[1].pk: "superseded", group[2].pk: "superseded"}
        old_link.refresh_from_db()
        assert old_link.revoked_at is not None
        assert RoadmapVersion.objects.get(pk=frozen.pk).status == RoadmapStatus.SUPERSEDED
        assert sorted(m.to[0] for m in mail.outbox) == ["r1@example.org", "r2@example.org"]
        assert all("2" in m.body and "1" in m.body for m in mail.outbox)

    def test_the_shared_expiry_command_covers_the_roadmap(self, frozen, group, send):
        from django.core.management import call_command

        send(frozen)
        RoadmapRatificationRequest.objects.filter(stakeholder=group[0]).update(expires_at=frozen.frozen_at)
        out = io.StringIO()
        call_command("ratification_expire", stdout=out)
        assert out.getvalue().startswith("1 ")
        assert RoadmapRatificationRequest.objects.get(stakeholder=group[0]).status == "expired"


class TestThroughTheLink:
    def test_the_contact_reads_the_frozen_roadmap_and_ratifies_it_by_post_only(self, client, frozen, group, send):
        send(frozen)
        message = next(m for m in mail.outbox if m.to == ["r0@example.org"])
        page = open_link(client, link_in(message))
        assert page == "/fr/p/planning/ratify/"
        response = client.get(page)
        content = response.content.decode()
        assert response.status_code == 200
        assert "Feuille de route Témoin" in content and frozen.sha256 in content
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[0])
        assert rr.status == "pending"  # a GET decides nothing
        response = client.post(
            page, {"action": "ratify", "sha256": frozen.sha256, "confirm": "on", "signed_name": "Sami Trabelsi"}
        )
        assert response.status_code == 302
        rr.refresh_from_db()
        assert (rr.status, rr.signed_name) == ("ratified", "Sami Trabelsi")
        assert "Sami Trabelsi" in client.get(page).content.decode()

    def test_the_arabic_contact_gets_the_page_right_to_left_and_bad_input_is_refused(self, client, frozen, group, send):
        send(frozen)
        message = next(m for m in mail.outbox if m.to == ["r1@example.org"])
        page = open_link(client, link_in(message))
        assert page == "/ar/p/planning/ratify/"
        content = client.get(page).content.decode()
        assert 'dir="rtl"' in content and "المصادقة على خارطة الطريق" in content
        response = client.post(page, {"action": "decline", "sha256": frozen.sha256, "reason": "  "})
        assert response.status_code == 200
        assert 'id="form-errors"' in response.content.decode()
        assert RoadmapRatificationRequest.objects.get(stakeholder=group[1]).status == "pending"

    def test_the_contact_downloads_the_pdf_of_the_frozen_version(self, client, frozen, group, send):
        send(frozen)
        page = open_link(client, link_in(next(m for m in mail.outbox if m.to == ["r0@example.org"])))
        response = client.get(page.replace("ratify/", "ratify/pdf/ar/"))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert client.get(page.replace("ratify/", "ratify/pdf/xx/")).status_code == 404


class TestStaffPages:
    def test_the_coordinator_sends_and_follows_the_ratification(self, client, alice, frozen, group):
        client.force_login(alice)
        url = BASE + "roadmap/1/ratification/"
        assert "Envoyer pour ratification" in client.get(url).content.decode()
        response = client.post(url + "send/", follow=True)
        assert "3 demandes de ratification créées" in response.content.decode()
        rr = RoadmapRatificationRequest.objects.get(stakeholder=group[0])
        detail = client.get(BASE + f"roadmap/ratification/{rr.pk}/")
        assert detail.status_code == 200 and "Organisation A" in detail.content.decode()
        response = client.post(BASE + f"roadmap/ratification/{rr.pk}/remind/", follow=True)
        assert "Relance" in response.content.decode()
        rr.refresh_from_db()
        assert rr.reminder_count == 1
        summary = client.get(BASE + "roadmap/1/").content.decode()
        assert 'id="ratification-summary"' in summary and "0 ratifiée" in summary.replace("\xa0", " ")

    def test_a_viewer_sees_the_requests_but_cannot_send(self, client, bob, frozen, group):
        client.force_login(bob)
        url = BASE + "roadmap/1/ratification/"
        assert "send/" not in client.get(url).content.decode()
        assert client.post(url + "send/").status_code == 403
        assert not RoadmapRatificationRequest.objects.exists()

    def test_a_request_of_another_city_is_not_found(self, client, alice, other_city):
        rr = FrozenRoadmapVersionFactory(city=other_city, number=1)
        from tests.factories import RoadmapRatificationRequestFactory

        other = RoadmapRatificationRequestFactory(version=rr)
        client.force_login(alice)
        assert client.get(BASE + f"roadmap/ratification/{other.pk}/").status_code == 404
        assert client.post(BASE + f"roadmap/ratification/{other.pk}/revoke/").status_code == 404


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_ratification_page_is_constant_for_1_and_many_requests(client, alice, city, frozen, send):
    client.force_login(alice)
    make_group(city, n=1)
    send(frozen)
    url = BASE + "roadmap/1/ratification/"
    assert _count(client, url) == 11
    make_group(city, n=8, prefix="M")
    send(frozen)
    assert _count(client, url) == 11


def test_a_request_page_is_constant_whatever_its_history(client, alice, city, frozen, send):
    client.force_login(alice)
    make_group(city, n=1)
    send(frozen)
    rr = RoadmapRatificationRequest.objects.get()
    url = BASE + f"roadmap/ratification/{rr.pk}/"
    first = _count(client, url)
    for _ in range(3):
        services.roadmap_ratification_remind(ratification_request=rr, user=alice)
    assert _count(client, url) == first == 7
