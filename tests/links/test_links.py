from datetime import timedelta

import pytest
from django.utils import timezone

from common.models import RateCounter
from links.models import AppendOnlyError, EmailLink, EventKind, LinkEvent
from links.registry import register_purpose
from links.selectors import link_current_for_target, link_events_for_target
from links.services import link_event_record, link_issue, link_revoke, token_hash
from tests.factories import ContactFactory

pytestmark = pytest.mark.urls("tests.links.urls")


@pytest.fixture(autouse=True)
def _purpose():
    register_purpose("test-purpose", "test_purpose")


@pytest.fixture
def contact(city):
    return ContactFactory(stakeholder__city=city)


def _issue(contact, **kwargs):
    defaults = {"purpose": "test-purpose", "expires_at": timezone.now() + timedelta(days=7), "language": "ar"}
    return link_issue(target=contact, **(defaults | kwargs))


def test_it_stores_only_the_hash_of_the_token(contact):
    issued = _issue(contact)
    link = EmailLink.objects.get()
    assert link.token_hash == token_hash(issued.token) != issued.token
    assert issued.token not in str(EmailLink.objects.values().get())
    assert len(issued.token) >= 43


def test_it_builds_the_url_from_site_url_in_the_contact_language(contact):
    issued = _issue(contact)
    assert issued.url == f"https://stakeholders.example.org/ar/l/{issued.token}/"


def test_it_revokes_the_previous_link_when_reissued(contact):
    first = _issue(contact)
    second = _issue(contact)
    first.link.refresh_from_db()
    assert first.link.is_revoked and first.link.revoked_reason == "reissued"
    assert second.link.is_usable
    assert link_current_for_target(contact, "test-purpose") == second.link
    assert [e.kind for e in link_events_for_target(contact)] == [EventKind.REVOKED]


def test_a_delivered_link_with_the_same_deadline_stays_valid_beside_a_new_one(contact):
    """A reminder: the same offer sent again. The first email's link keeps working."""
    expires = timezone.now() + timedelta(days=7)
    first = _issue(contact, expires_at=expires)
    link_event_record(kind=EventKind.SENT, link=first.link)
    second = _issue(contact, expires_at=expires)
    first.link.refresh_from_db()
    assert first.link.is_usable and second.link.is_usable
    assert not LinkEvent.objects.filter(kind=EventKind.REVOKED).exists()


def test_an_undelivered_link_is_replaced_even_with_the_same_deadline(contact):
    """A failed send being retried: the token no email carried stops working."""
    expires = timezone.now() + timedelta(days=7)
    first = _issue(contact, expires_at=expires)
    _issue(contact, expires_at=expires)
    first.link.refresh_from_db()
    assert first.link.is_revoked


def test_a_link_with_another_purpose_is_left_alone(contact):
    first = _issue(contact)
    _issue(contact, purpose="other-purpose")
    first.link.refresh_from_db()
    assert first.link.is_usable


def test_the_landing_moves_the_token_to_the_session_and_redirects(client, contact):
    issued = _issue(contact)
    response = client.get(f"/ar/l/{issued.token}/", HTTP_USER_AGENT="Mozilla/5.0 test")
    assert response.status_code == 302
    assert response["Location"] == "/ar/test-purpose/"
    assert issued.token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    page = client.get(response["Location"])
    assert page.content == f"target={contact.pk}".encode()
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cache-Control"] == "no-store"
    event = LinkEvent.objects.get(kind=EventKind.OPENED)
    assert (event.link, event.ip, event.user_agent) == (issued.link, "127.0.0.1", "Mozilla/5.0 test")


def test_a_head_request_records_nothing_and_stores_nothing(client, contact):
    issued = _issue(contact)
    response = client.head(f"/fr/l/{issued.token}/")
    assert response.status_code == 302
    assert LinkEvent.objects.count() == 0
    assert client.get("/fr/test-purpose/").status_code == 404


@pytest.mark.parametrize(
    "mangle",
    [lambda t: t[:-1], lambda t: t + "x", lambda t: t[:20], lambda t: t.upper(), lambda t: "A" * 200],
    ids=["truncated", "extended", "short", "tampered", "huge"],
)
def test_bad_tokens_get_the_generic_page(client, contact, mangle):
    issued = _issue(contact)
    bad = mangle(issued.token)
    response = client.get(f"/fr/l/{bad}/")
    assert response.status_code == 404
    assert "Ce lien n" in response.content.decode()
    assert bad not in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_expired_and_revoked_links_get_the_same_generic_page(client, contact, city):
    expired = _issue(contact, expires_at=timezone.now() + timedelta(seconds=1))
    EmailLink.objects.filter(pk=expired.link.pk).update(expires_at=timezone.now())
    generic = client.get("/fr/l/unknown-token/").content
    assert client.get(f"/fr/l/{expired.token}/").content == generic
    other = ContactFactory(stakeholder__city=city)
    revoked = _issue(other)
    link_revoke(link=revoked.link, reason="test")
    assert client.get(f"/fr/l/{revoked.token}/").content == generic
    assert LinkEvent.objects.filter(kind=EventKind.INVALID).count() == 2


def test_a_link_revoked_after_opening_no_longer_opens_the_page(client, contact):
    issued = _issue(contact)
    client.get(f"/fr/l/{issued.token}/")
    link_revoke(link=issued.link, reason="resent")
    assert client.get("/fr/test-purpose/").status_code == 404


def test_the_purpose_page_without_a_link_is_the_generic_page(client, db):
    response = client.get("/fr/test-purpose/")
    assert response.status_code == 404
    assert "Ce lien n" in response.content.decode()


def test_bad_token_bursts_are_rate_limited(client, contact):
    for _ in range(20):
        assert client.get("/fr/l/not-a-token/").status_code == 404
    response = client.get("/fr/l/not-a-token/")
    assert response.status_code == 429
    assert "Ce lien n" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    # Another address is not affected.
    assert client.get("/fr/l/not-a-token/", REMOTE_ADDR="10.9.9.9").status_code == 404


def test_a_valid_link_is_never_rate_limited(client, contact):
    """Someone's bad tokens from a shared address (a NAT, an office) must not block a real link."""
    issued = _issue(contact)
    for _ in range(30):
        client.get("/fr/l/not-a-token/")
    assert client.get("/fr/l/not-a-token/").status_code == 429
    assert client.get(f"/fr/l/{issued.token}/").status_code == 302
    assert client.head(f"/fr/l/{issued.token}/").status_code == 302


def test_expired_and_revoked_links_count_as_bad_tokens(client, contact):
    issued = _issue(contact)
    link_revoke(link=issued.link, reason="test")
    for _ in range(20):
        assert client.get(f"/fr/l/{issued.token}/").status_code == 404
    assert client.get(f"/fr/l/{issued.token}/").status_code == 429
    # Past the limit, nothing more is written to the audit trail.
    assert LinkEvent.objects.filter(kind=EventKind.INVALID).count() == 20


def test_head_requests_count_too(client, contact):
    for _ in range(20):
        assert client.head("/fr/l/not-a-token/").status_code == 404
    assert client.get("/fr/l/not-a-token/").status_code == 429


def test_the_window_ends(client, contact, settings):
    for _ in range(21):
        client.get("/fr/l/not-a-token/")
    assert client.get("/fr/l/not-a-token/").status_code == 429
    RateCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/fr/l/not-a-token/").status_code == 404


def test_an_ipv6_host_counts_as_its_slash_64(client, contact):
    for n in range(20):
        assert client.get("/fr/l/not-a-token/", REMOTE_ADDR=f"2001:db8:1:2::{n:x}").status_code == 404
    assert client.get("/fr/l/not-a-token/", REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert client.get("/fr/l/not-a-token/", REMOTE_ADDR="2001:db8:1:3::1").status_code == 404


def test_the_address_behind_a_trusted_proxy_is_counted(client, contact, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(20):
        client.get("/fr/l/not-a-token/", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client.get("/fr/l/not-a-token/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Same proxy (REMOTE_ADDR), another client: not limited.
    assert client.get("/fr/l/not-a-token/", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 404


def test_post_is_not_allowed_on_the_landing(client, contact):
    issued = _issue(contact)
    assert client.post(f"/fr/l/{issued.token}/").status_code == 405


def test_events_are_append_only(contact):
    event = link_event_record(kind=EventKind.SENT, target=contact, actor="system")
    event.detail = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_ip_comes_from_remote_addr_unless_a_proxy_is_trusted(rf, contact, settings):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    request.user = None
    assert link_event_record(kind=EventKind.VIEWED, target=contact, request=request).ip == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert link_event_record(kind=EventKind.VIEWED, target=contact, request=request).ip == "203.0.113.9"
