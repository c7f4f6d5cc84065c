"""The ratification page reached through an emailed link: every bad case of DESIGN.md's list."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from links.models import EmailLink, EventKind, LinkEvent
from links.selectors import link_events_for_target
from ratification.services import ratification_decide, ratification_resend, ratification_send
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest, TorVersion, VersionStatus
from terms.services.feedback import tor_version_circulate
from terms.services.versions import tor_version_create_from, tor_version_status_set
from tests.factories import TorVersionFactory
from tests.terms.conftest import make_group
from tests.terms.helpers import link_in, open_link, path_of, token_of

pytestmark = pytest.mark.django_db

PAGE = "/fr/p/terms/ratify/"


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def sent(final_version, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=final_version)
    return final_version


def url_for(email):
    return link_in(next(m for m in mail.outbox if m.to == [email]))


def rr_of(stakeholder, number=1):
    return RatificationRequest.objects.get(stakeholder=stakeholder, version__number=number)


def ratify_data(version, **extra):
    return {"action": "ratify", "sha256": version.sha256, "confirm": "on", "signed_name": "Amal Ben Salah", **extra}


def decided_events():
    return LinkEvent.objects.filter(kind__in=[EventKind.RATIFIED, EventKind.DECLINED]).count()


class TestHappyPaths:
    def test_the_link_redirects_to_a_page_showing_version_hash_roles_and_pdf(self, client, sent, group):
        location = open_link(client, url_for("c0@example.org"))
        assert location == PAGE
        response = client.get(location)
        assert response.status_code == 200
        html = response.content.decode()
        assert sent.sha256 in html
        assert "Membre" in html  # the stakeholder's role, from the catalogue
        assert "Organisation A" in html
        assert "/fr/p/terms/ratify/pdf/fr/" in html
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "same-origin"
        assert "noindex" in response["X-Robots-Tag"]
        assert [e.kind for e in link_events_for_target(rr_of(group[0]))] == ["sent", "opened", "viewed"]

    def test_ratify_by_post_then_redirect_to_a_url_without_token(self, client, sent, group):
        token = token_of(url_for("c0@example.org"))
        client.get(path_of(url_for("c0@example.org")))
        response = client.post(PAGE, ratify_data(sent), HTTP_USER_AGENT="Firefox test", REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 302 and response["Location"] == PAGE
        assert token not in response["Location"]
        rr = rr_of(group[0])
        assert (rr.status, rr.signed_name, rr.decided_sha256) == ("ratified", "Amal Ben Salah", sent.sha256)
        event = LinkEvent.objects.get(kind=EventKind.RATIFIED)
        assert (event.ip, event.user_agent, event.actor) == ("203.0.113.9", "Firefox test", f"contact:{rr.contact_id}")
        page = client.get(PAGE)
        with translation.override("fr"):
            assert [str(m) for m in page.context["messages"]] == [gettext("Thank you: your ratification is recorded.")]
        assert 'id="decision"' in page.content.decode() and 'id="ratify-form"' not in page.content.decode()
        assert token not in page.content.decode()

    def test_decline_with_a_reason(self, client, sent, group):
        open_link(client, url_for("c1@example.org"))
        client.post("/ar/p/terms/ratify/", {"action": "decline", "sha256": sent.sha256, "reason": "المادة 3 غير واضحة"})
        rr = rr_of(group[1])
        assert (rr.status, rr.decline_reason) == ("declined", "المادة 3 غير واضحة")

    def test_the_pdf_is_served_to_the_link_holder_only(self, client, sent):
        open_link(client, url_for("c0@example.org"))
        response = client.get("/fr/p/terms/ratify/pdf/bi/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert Client().get("/fr/p/terms/ratify/pdf/bi/").status_code == 404


class TestBadLinks:
    def _generic(self, response):
        assert response.status_code == 404
        assert [t.name for t in response.templates][0] == "links/invalid.html"

    def test_a_tampered_token_gets_the_generic_page(self, client, sent):
        url = url_for("c0@example.org")
        token = token_of(url)
        tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
        self._generic(client.get(path_of(url).replace(token, tampered)))
        self._generic(client.get(PAGE))

    def test_a_truncated_token_gets_the_generic_page(self, client, sent):
        url = url_for("c0@example.org")
        token = token_of(url)
        self._generic(client.get(path_of(url).replace(token, token[:20])))

    def test_an_unknown_token_gets_the_same_page_as_an_expired_one(self, client, sent):
        url = url_for("c0@example.org")
        unknown = client.get("/fr/l/" + "x" * 43 + "/")
        EmailLink.objects.update(expires_at=timezone.now())
        expired = client.get(path_of(url))
        assert unknown.status_code == expired.status_code == 404
        assert unknown.content == expired.content

    def test_expiry_at_the_exact_boundary(self, client, sent, group, monkeypatch):
        url = url_for("c0@example.org")
        link = EmailLink.objects.get(target_id=rr_of(group[0]).pk)
        monkeypatch.setattr(timezone, "now", lambda: link.expires_at - dt.timedelta(microseconds=1))
        open_link(client, url)
        assert client.get(PAGE).status_code == 200
        monkeypatch.setattr(timezone, "now", lambda: link.expires_at)
        self._generic(client.post(PAGE, ratify_data(sent)))
        self._generic(Client().get(path_of(url)))
        assert rr_of(group[0]).status == "pending" and decided_events() == 0

    def test_the_old_link_is_dead_after_a_resend(self, client, sent, group, django_capture_on_commit_callbacks):
        old_url = url_for("c0@example.org")
        open_link(client, old_url)  # the contact had the page open...
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            ratification_resend(TOR_RATIFICATION, ratification_request=rr_of(group[0]))
        new_url = url_for("c0@example.org")
        assert token_of(new_url) != token_of(old_url)
        self._generic(client.post(PAGE, ratify_data(sent)))  # ...but the old session link is revoked
        self._generic(Client().get(path_of(old_url)))
        other = Client()
        open_link(other, new_url)
        assert other.post(PAGE, ratify_data(sent)).status_code == 302
        assert rr_of(group[0]).status == "ratified"

    def test_a_token_acts_only_for_its_own_stakeholder(self, client, sent, group):
        open_link(client, url_for("c1@example.org"))
        client.post(PAGE, ratify_data(sent))
        assert [rr_of(s).status for s in group] == ["pending", "ratified", "pending"]

    def test_a_token_of_another_version_cannot_decide_this_one(
        self, client, sent, group, django_capture_on_commit_callbacks
    ):
        # Another city's final version, whose contact has the same address as c0@example.org.
        other_version = TorVersionFactory(status="final")
        other_group = make_group(other_version.tor.city, other_version, n=1)
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            ratification_send(TOR_RATIFICATION, version=other_version)
        open_link(client, url_for("c0@example.org"))
        response = client.post(PAGE, ratify_data(sent))  # this version's hash, the other version's link
        assert response.status_code == 200 and sorted(response.context["form"].errors) == ["__all__"]
        assert RatificationRequest.objects.get(stakeholder=other_group[0]).status == "pending"
        assert rr_of(group[0]).status == "pending" and decided_events() == 0

    def test_a_feedback_link_does_not_open_the_ratification_page(
        self, client, city, tor, group, django_capture_on_commit_callbacks
    ):
        draft = TorVersionFactory(tor=tor)
        with django_capture_on_commit_callbacks(execute=True):
            tor_version_circulate(version=draft)
        open_link(client, url_for("c0@example.org"))
        self._generic(client.get(PAGE))


class TestBadPosts:
    def test_a_post_without_csrf_token_is_refused(self, sent, group):
        client = Client(enforce_csrf_checks=True)
        open_link(client, url_for("c0@example.org"))
        response = client.post(PAGE, ratify_data(sent))
        assert response.status_code == 403
        assert rr_of(group[0]).status == "pending" and decided_events() == 0

    def test_a_post_with_the_csrf_token_of_the_page_works(self, sent, group):
        client = Client(enforce_csrf_checks=True)
        open_link(client, url_for("c0@example.org"))
        client.get(PAGE)
        token = client.cookies["csrftoken"].value
        response = client.post(PAGE, {**ratify_data(sent), "csrfmiddlewaretoken": token})
        assert response.status_code == 302 and rr_of(group[0]).status == "ratified"

    @pytest.mark.parametrize(
        "data, fields",
        [
            ({"confirm": ""}, ["confirm"]),
            ({"signed_name": "   "}, ["signed_name"]),
            ({"signed_name": "x" * 151}, ["signed_name"]),
            ({"sha256": "0" * 64}, ["__all__"]),
            ({"sha256": ""}, ["sha256"]),
            ({"action": "approve"}, ["action"]),
            ({"action": "decline", "reason": "  "}, ["reason"]),
        ],
    )
    def test_an_incomplete_post_decides_nothing_and_says_why(self, client, sent, group, data, fields):
        open_link(client, url_for("c0@example.org"))
        response = client.post(PAGE, ratify_data(sent, **data))
        assert response.status_code == 200
        assert rr_of(group[0]).status == "pending" and decided_events() == 0
        errors = response.context["form"].errors
        assert sorted(errors) == fields
        html = response.content.decode()
        for message in errors[fields[0]]:
            assert escape(message) in html
        assert 'id="form-errors"' in html

    def test_a_replayed_post_says_already_decided_and_changes_nothing(self, client, sent, group):
        open_link(client, url_for("c0@example.org"))
        client.post(PAGE, ratify_data(sent), follow=True)
        first = rr_of(group[0])
        response = client.post(PAGE, ratify_data(sent, signed_name="Quelqu'un d'autre"), follow=True)
        assert response.status_code == 200
        with translation.override("fr"):
            expected = gettext("Your organisation has already decided on this version. Nothing was changed.")
        assert [str(m) for m in response.context["messages"]] == [expected]
        again = rr_of(group[0])
        assert (again.signed_name, again.decided_at) == (first.signed_name, first.decided_at)
        decline = client.post(PAGE, {"action": "decline", "sha256": sent.sha256, "reason": "En fait non"})
        assert decline.status_code == 302 and rr_of(group[0]).status == "ratified"
        assert decided_events() == 1

    def test_get_and_head_by_a_mail_scanner_change_nothing(self, sent, group):
        url = url_for("c0@example.org")
        scanner = Client()
        assert scanner.head(path_of(url)).status_code == 302
        assert scanner.get(path_of(url)).status_code == 302
        assert scanner.head(PAGE).status_code == 200
        assert scanner.get(PAGE).status_code == 200
        rr = rr_of(group[0])
        assert (rr.status, rr.decided_at) == ("pending", None)
        assert [e.kind for e in link_events_for_target(rr)] == ["sent", "opened", "viewed"]

    def test_a_version_superseded_between_get_and_post_is_not_decided(
        self, client, city, tor, sent, group, django_capture_on_commit_callbacks
    ):
        open_link(client, url_for("c0@example.org"))
        assert client.get(PAGE).status_code == 200
        # Meanwhile a newer version is adopted.
        v3 = tor_version_create_from(previous=sent)
        v3 = tor_version_status_set(version=v3, status=VersionStatus.FINAL)
        with django_capture_on_commit_callbacks(execute=True):
            ratification_send(TOR_RATIFICATION, version=v3)
        for rr in RatificationRequest.objects.filter(version=v3):
            from links.selectors import link_current_for_target

            ratification_decide(
                TOR_RATIFICATION,
                ratification_request=rr,
                link=link_current_for_target(rr, "ratification"),
                decision="ratified",
                signed_name="X",
                posted_sha256=v3.sha256,
            )
        assert TorVersion.objects.get(pk=sent.pk).status == "superseded"
        response = client.post(PAGE, ratify_data(sent))
        assert response.status_code == 404
        assert rr_of(group[0]).status == "superseded" and decided_events() == 3  # the three on version 2 only

    def test_a_version_status_change_alone_closes_the_page(self, client, sent, group):
        open_link(client, url_for("c0@example.org"))
        TorVersion.objects.filter(pk=sent.pk).update(status=VersionStatus.SUPERSEDED)
        assert client.post(PAGE, ratify_data(sent)).status_code == 404
        assert rr_of(group[0]).status == "pending"


class TestLinksAndReferrers:
    def test_links_are_built_from_site_url_even_with_a_forged_host(
        self, alice, final_version, group, settings, django_capture_on_commit_callbacks
    ):
        settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
        client = Client(HTTP_HOST="evil.example", HTTP_X_FORWARDED_HOST="evil2.example")
        client.force_login(alice)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/fr/c/tunis/terms/v/1/ratification/send/")
        assert response.status_code == 302
        assert len(mail.outbox) == 3
        for message in mail.outbox:
            assert link_in(message).startswith("https://stakeholders.example.org/")
            assert "evil" not in message.body and "evil" not in message.alternatives[0][0]

    def test_no_token_reaches_a_referer(self, client, sent):
        url = url_for("c0@example.org")
        token = token_of(url)
        landing = client.get(path_of(url))
        assert landing["Referrer-Policy"] == "no-referrer"
        assert token not in landing["Location"]
        page = client.get(landing["Location"])
        # The page the contact reads (and every link or form on it) carries no token.
        assert token not in page.content.decode()
        assert page.wsgi_request.get_full_path() == PAGE
        assert page["Referrer-Policy"] == "same-origin"
