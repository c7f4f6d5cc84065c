"""Attacks on emailed links, through every purpose the apps register (links.registry).

tests/links covers the landing page on its own (hash-only storage, bad and expired tokens, HEAD, the
rate limit). Here: the real purpose pages of the apps, with real targets -- a GET or HEAD (what a
mail scanner does) changes nothing; a link opens only its own purpose and target; reissued, expired
and revoked links stop working in a session that already opened them; the session never holds the token.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from links.models import EmailLink, EventKind, LinkEvent
from links.registry import _PURPOSES
from links.services import link_issue, link_revoke
from terms.models import RatificationStatus

# The object each purpose's link points at (a builder name of world.py). A new purpose fails
# test_every_purpose_has_a_target until it is added here.
PURPOSE_TARGETS = {
    "ratification": "ratification",
    "tor_feedback": "feedback_request",
    "invitation": "invitation",
    "minutes_review": "minutes_review",
    "roadmap_ratification": "roadmap_ratification",
    "space": "contact",
}
PURPOSES = sorted(_PURPOSES)
# The Tunis marker, not when it is part of the Sfax one.
TUNIS_MARKER = re.compile(r"(?<!Sfax-)Temoin7Q")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"


def _issue(target, purpose, *, language="fr", days=7):
    return link_issue(
        target=target, purpose=purpose, expires_at=timezone.now() + timedelta(days=days), language=language
    )


def _path(issued) -> str:
    return issued.url.removeprefix("https://stakeholders.example.org")


def _page_url(purpose) -> str:
    return reverse(_PURPOSES[purpose])


def _row(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


def test_every_purpose_has_a_target():
    missing = [p for p in PURPOSES if p not in PURPOSE_TARGETS]
    assert missing == [], f"add the target of these link purposes to PURPOSE_TARGETS in {__file__}"


@pytest.mark.parametrize("purpose", PURPOSES)
def test_get_and_head_through_a_valid_link_change_nothing(purpose, world, client):
    target = world.get(PURPOSE_TARGETS[purpose])
    issued = _issue(target, purpose)
    target_before, link_before = _row(target), _row(issued.link)

    assert client.head(_path(issued)).status_code == 302
    landing = client.get(_path(issued))
    assert landing.status_code == 302
    page_url = landing["Location"]
    assert page_url == _page_url(purpose)
    for method in ("get", "head", "get"):
        response = getattr(client, method)(page_url)
        assert response.status_code == 200, f"{method.upper()} {page_url}: {response.status_code}"
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "same-origin"
    assert world.marker in client.get(page_url).content.decode()

    assert _row(target) == target_before, "a GET or HEAD changed the target"
    assert _row(issued.link) == link_before, "a GET or HEAD changed the link"
    kinds = set(LinkEvent.objects.filter(link=issued.link).values_list("kind", flat=True))
    assert kinds <= {EventKind.OPENED, EventKind.VIEWED}


@pytest.mark.parametrize("purpose", PURPOSES)
def test_the_session_keeps_a_link_id_never_the_token_and_changes_key(purpose, world, client):
    issued = _issue(world.get(PURPOSE_TARGETS[purpose]), purpose)
    client.get(reverse("login"))  # a session before the link
    client.session.save()
    before = client.session.session_key
    client.get(_path(issued))
    session = client.session
    assert session.session_key != before, "opening a link must rotate the session key (fixation)"
    assert issued.token not in str(dict(session.items()))
    assert issued.token not in str(EmailLink.objects.values().get(pk=issued.link.pk))


@pytest.mark.parametrize("purpose", PURPOSES)
def test_a_link_opens_only_its_own_purpose(purpose, world, client):
    issued = _issue(world.get(PURPOSE_TARGETS[purpose]), purpose)
    client.get(_path(issued))
    for other in PURPOSES:
        if other == purpose:
            continue
        response = client.get(_page_url(other))
        assert response.status_code == 404, f"a {purpose} link opened the {other} page"
        assert world.marker not in response.content.decode()


@pytest.mark.parametrize("purpose", PURPOSES)
def test_another_targets_link_shows_only_that_target(purpose, world, foreign_world, client):
    mine = _issue(world.get(PURPOSE_TARGETS[purpose]), purpose)
    theirs = _issue(foreign_world.get(PURPOSE_TARGETS[purpose]), purpose)
    client.get(_path(mine))
    assert TUNIS_MARKER.search(client.get(_page_url(purpose)).content.decode())
    # Opening someone else's link replaces mine in the session: the page shows theirs only.
    client.get(_path(theirs))
    body = client.get(_page_url(purpose)).content.decode()
    assert foreign_world.marker in body
    assert not TUNIS_MARKER.search(body)


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("how", ["reissued", "revoked", "expired"])
def test_a_dead_link_stops_working_in_a_session_that_opened_it(purpose, how, world, client):
    target = world.get(PURPOSE_TARGETS[purpose])
    issued = _issue(target, purpose)
    client.get(_path(issued))
    assert client.get(_page_url(purpose)).status_code == 200
    if how == "reissued":
        _issue(target, purpose)  # a resend: the old token is revoked
    elif how == "revoked":
        link_revoke(link=issued.link, reason="test")
    else:
        EmailLink.objects.filter(pk=issued.link.pk).update(
            created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(seconds=1)
        )
    for method in ("get", "post"):
        response = getattr(client, method)(_page_url(purpose))
        assert response.status_code == 404
        assert world.marker not in response.content.decode()
    # The old token itself (a replay) gets the generic page too.
    replay = Client().get(_path(issued))
    assert replay.status_code == 404
    assert issued.token not in replay.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [lambda t: t[:-1], lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:10], lambda t: t + "%00"],
    ids=["truncated", "tampered", "short", "nul-suffix"],
)
def test_a_mangled_token_opens_nothing_and_is_not_echoed(mangle, world, client):
    issued = _issue(world.get("ratification"), "ratification")
    bad = mangle(issued.token)
    response = client.get(f"/fr/l/{bad}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert bad not in body and issued.token not in body
    assert world.marker not in body
    assert client.get(_page_url("ratification")).status_code == 404


def test_a_ratification_is_decided_once_and_only_with_the_shown_hash(world, client):
    rr = world.get("ratification")
    issued = _issue(rr, "ratification")
    client.get(_path(issued))
    page = _page_url("ratification")
    data = {"action": "ratify", "confirm": "on", "signed_name": "Amal Ben Salah", "sha256": "0" * 64}
    client.post(page, data)
    rr.refresh_from_db()
    assert rr.status == RatificationStatus.PENDING, "a POST with another document's SHA-256 decided"
    data["sha256"] = rr.version.sha256
    client.post(page, data)
    client.post(page, {**data, "action": "decline", "reason": "changed my mind"})
    rr.refresh_from_db()
    assert rr.status == RatificationStatus.RATIFIED
    assert LinkEvent.objects.filter(kind=EventKind.RATIFIED).count() == 1
    assert LinkEvent.objects.filter(kind=EventKind.DECLINED).count() == 0
