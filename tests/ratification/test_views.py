"""The ratification pages, for every registered kind: the staff's status and request pages under each role,
their query counts, and the contact's page reached through the emailed link (French and Arabic)."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from links.selectors import link_current_for_target, link_events_for_target
from ratification.models import RatificationStatus
from ratification.services import ratification_decide, ratification_record_paper, ratification_remind
from tests.terms.helpers import link_in, open_link

from .conftest import MARKER, kind_id, kinds, make_group, ratify, request_of

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("kind", kinds(), ids=kind_id)]

# Where each kind's pages have always been (bookmarks, emails already sent, bench/run.py).
PATHS = {
    "tor": ("/fr/c/tunis/terms/v/1/ratification/", "/fr/c/tunis/terms/ratification/", "/fr/p/terms/ratify/"),
    "roadmap": (
        "/fr/c/tunis/planning/roadmap/1/ratification/",
        "/fr/c/tunis/planning/roadmap/ratification/",
        "/fr/p/planning/ratify/",
    ),
}


def _status_url(kind, version):
    return kind.url("status", city_slug="tunis", number=version.number)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_keep_their_paths(kind, sent, group):
    status, requests, decide = PATHS[kind.name]
    rr = request_of(kind, group[0])
    assert _status_url(kind, sent) == status
    assert kind.url("send", city_slug="tunis", number=1) == status + "send/"
    assert kind.url("request", city_slug="tunis", pk=rr.pk) == f"{requests}{rr.pk}/"
    for action in ("resend", "remind", "revoke", "contact", "paper"):
        assert kind.url(action, city_slug="tunis", pk=rr.pk) == f"{requests}{rr.pk}/{action}/"
    assert kind.public_url("decide") == decide
    assert kind.public_url("pdf", language="ar") == decide + "pdf/ar/"


class TestStaff:
    def test_the_coordinator_sends_and_follows_the_ratification(
        self, kind, client, alice, version, group, django_capture_on_commit_callbacks
    ):
        client.force_login(alice)
        url = _status_url(kind, version)
        assert "Envoyer pour ratification" in client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(kind.url("send", city_slug="tunis", number=version.number), follow=True)
        assert "3 demandes de ratification créées" in response.content.decode()
        rr = request_of(kind, group[0])
        detail = client.get(kind.url("request", city_slug="tunis", pk=rr.pk))
        assert detail.status_code == 200 and "Organisation A" in detail.content.decode()
        response = client.post(kind.url("remind", city_slug="tunis", pk=rr.pk), follow=True)
        assert [str(m) for m in response.context["messages"]] == ["Relance programmée pour c0@example.org."]
        rr.refresh_from_db()
        assert rr.reminder_count == 1
        # A refusal of the service comes back as a message on the request's page.
        ratify(kind, rr)
        response = client.post(kind.url("revoke", city_slug="tunis", pk=rr.pk), follow=True)
        assert response.redirect_chain[-1][0] == kind.url("request", city_slug="tunis", pk=rr.pk)
        assert len(list(response.context["messages"])) == 1
        assert request_of(kind, group[0]).status == "ratified"

    def test_the_send_button_lists_who_cannot_be_reached(self, kind, case, client, alice, city, version, group):
        group[1].contacts.update(email="")
        client.force_login(alice)
        page = client.get(_status_url(kind, version)).content.decode()
        assert 'id="not-ready"' in page and "Organisation B" in page and "send/" not in page
        response = client.post(kind.url("send", city_slug="tunis", number=version.number), follow=True)
        assert [str(m).count("Organisation B") for m in response.context["messages"]] == [1]
        assert not kind.request_model.objects.exists()

    def test_a_viewer_sees_the_requests_but_cannot_send_nor_act(self, kind, client, bob, sent, group):
        client.force_login(bob)
        url = _status_url(kind, sent)
        page = client.get(url).content.decode()
        assert "Organisation A" in page and "send/" not in page
        assert client.post(url + "send/").status_code == 403
        rr = request_of(kind, group[0])
        assert client.get(kind.url("request", city_slug="tunis", pk=rr.pk)).status_code == 200
        for action in ("resend", "remind", "revoke", "contact", "paper"):
            assert client.post(kind.url(action, city_slug="tunis", pk=rr.pk)).status_code == 403
        assert request_of(kind, group[0]).reminder_count == 0

    def test_an_outsider_and_an_anonymous_user_see_nothing(self, kind, client, charlie, sent, group):
        rr = request_of(kind, group[0])
        urls = [_status_url(kind, sent), kind.url("request", city_slug="tunis", pk=rr.pk)]
        for url in urls:
            assert client.get(url).status_code == 302  # to the login page
        client.force_login(charlie)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404 and b"Organisation A" not in response.content
        assert client.post(kind.url("remind", city_slug="tunis", pk=rr.pk)).status_code == 404

    def test_a_request_of_another_city_is_not_found(self, kind, case, client, alice, other_city, send):
        foreign = case.version(other_city)
        make_group(case, other_city, foreign, n=1, prefix="S")
        send(foreign)
        other = kind.request_model.objects.get()
        client.force_login(alice)
        assert client.get(kind.url("request", city_slug="tunis", pk=other.pk)).status_code == 404
        assert client.post(kind.url("revoke", city_slug="tunis", pk=other.pk)).status_code == 404
        assert client.get(kind.url("status", city_slug="tunis", number=foreign.number)).status_code == 404
        assert kind.request_model.objects.get().status == "pending"

    def test_a_get_on_an_action_is_refused(self, kind, client, alice, sent, group):
        client.force_login(alice)
        rr = request_of(kind, group[0])
        assert client.get(kind.url("send", city_slug="tunis", number=sent.number)).status_code == 405
        assert client.get(kind.url("remind", city_slug="tunis", pk=rr.pk)).status_code == 405

    def test_the_status_page_shows_progress_and_states(self, kind, client, alice, sent, group):
        rr = request_of(kind, group[0])
        ratification_decide(
            kind,
            ratification_request=rr,
            link=link_current_for_target(rr, kind.purpose),
            decision="declined",
            reason="Article 2",
            posted_sha256=sent.sha256,
        )
        client.force_login(alice)
        url = _status_url(kind, sent)
        response = client.get(url)
        counts = response.context["counts"]
        assert (counts.total, counts.pending, counts.declined, counts.ratified) == (3, 2, 1, 0)
        progress = response.context["progress"]
        assert (progress.total, progress.sent, progress.pending) == (3, 3, False)
        assert "Article 2" in response.content.decode()
        assert 'http-equiv="refresh"' not in response.content.decode()
        filtered = client.get(url + "?status=declined")
        assert [r.pk for r, _ in filtered.context["rows"]] == [rr.pk]

    def test_the_status_page_is_constant_for_1_and_many_requests(self, kind, case, client, alice, city, version, send):
        make_group(case, city, version, n=1)
        send(version)
        client.force_login(alice)
        url = _status_url(kind, version)
        # session, user, city + role, version, paginator count, page of requests (+ stakeholder, recorded_by),
        # batch progress, status counts, tally (counts, active count), readiness (the kind's rules, contacts)
        assert _count(client, url) == case.status_queries
        type(version).objects.filter(pk=version.pk).update(ratification_sent_at=None)
        make_group(case, city, version, n=8, prefix="M")
        send(version)
        rr = kind.request_model.objects.order_by("pk").first()
        ratification_record_paper(
            kind, ratification_request=rr, user=alice, decision="declined", signed_name="", reason="Non"
        )
        assert _count(client, url) == case.status_queries

    def test_a_request_page_is_constant_whatever_its_history(self, kind, case, client, alice, city, version, send):
        make_group(case, city, version, n=1)
        send(version)
        rr = kind.request_model.objects.get()
        client.force_login(alice)
        url = kind.url("request", city_slug="tunis", pk=rr.pk)
        # session, user, city + role, request (+ version, city, stakeholder, contact), audit events, emails,
        # the contact form's choices, and what the kind adds (the terms: the stakeholder's roles)
        first = _count(client, url)
        for _ in range(3):
            ratification_remind(kind, ratification_request=rr, user=alice)
        assert _count(client, url) == first == case.request_queries


class TestThroughTheLink:
    def test_the_contact_reads_the_version_and_ratifies_it_by_post_only(self, kind, client, sent, group):
        page = open_link(client, link_in(next(m for m in mail.outbox if m.to == ["c0@example.org"])))
        assert page == kind.public_url("decide")
        response = client.get(page)
        content = response.content.decode()
        assert response.status_code == 200
        assert MARKER in content and sent.sha256 in content and "Organisation A" in content
        assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"
        rr = request_of(kind, group[0])
        assert rr.status == "pending"  # a GET decides nothing
        assert [e.kind for e in link_events_for_target(rr)] == ["sent", "opened", "viewed"]
        data = {"action": "ratify", "sha256": sent.sha256, "confirm": "on", "signed_name": "Sami Trabelsi"}
        response = client.post(page, data)
        assert response.status_code == 302 and response["Location"] == page
        rr.refresh_from_db()
        assert (rr.status, rr.signed_name, rr.decided_sha256) == ("ratified", "Sami Trabelsi", sent.sha256)
        decided = client.get(page).content.decode()
        assert "Sami Trabelsi" in decided and 'id="decision"' in decided and 'id="ratify-form"' not in decided
        # A replayed POST changes nothing.
        again = client.post(page, {**data, "signed_name": "Quelqu'un d'autre"}, follow=True)
        with translation.override("fr"):
            expected = gettext("Your organisation has already decided on this version. Nothing was changed.")
        assert [str(m) for m in again.context["messages"]] == [expected]
        assert request_of(kind, group[0]).signed_name == "Sami Trabelsi"

    def test_the_arabic_contact_gets_the_page_right_to_left_and_bad_input_is_refused(self, kind, client, sent, group):
        page = open_link(client, link_in(next(m for m in mail.outbox if m.to == ["c1@example.org"])))
        assert page == kind.public_url("decide").replace("/fr/", "/ar/", 1)
        content = client.get(page).content.decode()
        assert '<html lang="ar" dir="rtl">' in content and sent.sha256 in content
        response = client.post(page, {"action": "decline", "sha256": sent.sha256, "reason": "  "})
        assert response.status_code == 200
        assert 'id="form-errors"' in response.content.decode()
        assert request_of(kind, group[1]).status == "pending"
        client.post(page, {"action": "decline", "sha256": sent.sha256, "reason": "المادة 3 غير واضحة"})
        assert (request_of(kind, group[1]).status, request_of(kind, group[1]).decline_reason) == (
            "declined",
            "المادة 3 غير واضحة",
        )

    def test_the_contact_downloads_the_pdf_of_the_version(self, kind, client, sent, group):
        open_link(client, link_in(next(m for m in mail.outbox if m.to == ["c0@example.org"])))
        response = client.get(kind.public_url("pdf", language="ar"))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == f'inline; filename="{kind.name}-v{sent.number}-ar.pdf"'
        assert client.get(kind.public_url("pdf", language="xx")).status_code == 404
        assert Client().get(kind.public_url("pdf", language="ar")).status_code == 404

    def test_a_version_replaced_between_get_and_post_is_not_decided(
        self, kind, case, client, sent, group, alice, committed
    ):
        page = open_link(client, link_in(next(m for m in mail.outbox if m.to == ["c0@example.org"])))
        assert client.get(page).status_code == 200
        committed(case.replace, sent, alice)
        response = client.post(page, {"action": "ratify", "sha256": sent.sha256, "confirm": "on", "signed_name": "X"})
        assert response.status_code == 404
        assert request_of(kind, group[0]).status == RatificationStatus.SUPERSEDED
