"""The space link follows the rules of every emailed link: hash only, session move, no-store, expiry,
revocation, rotation on resend."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from common.hashing import sha256_hex
from links.models import EmailLink, EventKind, LinkEvent
from links.services import link_revoke
from portal.services import SPACE_PURPOSE
from tests.terms.helpers import path_of, token_of

pytestmark = pytest.mark.django_db

SPACE = "/fr/p/space/"


def space_links():
    return EmailLink.objects.filter(purpose=SPACE_PURPOSE)


def test_it_stores_only_the_hash_of_the_token(org, send_space):
    token = token_of(send_space(org.contact))
    link = space_links().get()
    assert link.token_hash == sha256_hex(token)
    assert token not in str(EmailLink.objects.values_list().get(pk=link.pk))
    assert link.target == org.contact and link.city_id == org.stakeholder.city_id


def test_it_moves_the_token_into_the_session_then_redirects_without_it(client, org, send_space):
    url = send_space(org.contact)
    response = client.get(path_of(url))
    assert response.status_code == 302
    assert response["Location"] == SPACE
    assert token_of(url) not in response["Location"]
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(SPACE)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert "Contact Alpha" in page.content.decode()
    assert LinkEvent.objects.filter(kind=EventKind.OPENED, link__purpose=SPACE_PURPOSE).count() == 1
    assert LinkEvent.objects.filter(kind=EventKind.VIEWED, link__purpose=SPACE_PURPOSE).count() == 1


def test_the_space_without_a_link_in_the_session_is_the_generic_page(client, org):
    response = client.get(SPACE)
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def test_an_expired_link_opens_nothing(client, org, send_space):
    url = send_space(org.contact)
    space_links().update(created_at=timezone.now() - dt.timedelta(days=100), expires_at=timezone.now())
    assert client.get(path_of(url)).status_code == 404


def test_a_link_that_expires_after_opening_closes_the_space(client, org, open_space):
    open_space(org.contact)
    space_links().update(created_at=timezone.now() - dt.timedelta(days=100), expires_at=timezone.now())
    assert client.get(SPACE).status_code == 404


def test_a_revoked_link_opens_nothing(client, org, send_space):
    url = send_space(org.contact)
    link_revoke(link=space_links().get(), reason="test")
    assert client.get(path_of(url)).status_code == 404


def test_sending_again_kills_the_old_link_and_the_session_it_opened(client, org, send_space):
    old = send_space(org.contact)
    assert client.get(path_of(old)).status_code == 302
    new = send_space(org.contact)
    assert old != new
    assert client.get(SPACE).status_code == 404  # the session held the old link
    assert client.get(path_of(old)).status_code == 404
    assert client.get(path_of(new)).status_code == 302
    assert client.get(SPACE).status_code == 200
    assert space_links().filter(revoked_at__isnull=True).count() == 1


def test_an_erased_contact_space_closes(client, org, open_space):
    open_space(org.contact)
    org.contact.erased_at, org.contact.is_primary = timezone.now(), False
    org.contact.save(update_fields=["erased_at", "is_primary"])
    assert client.get(SPACE).status_code == 404


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_email_is_in_the_contact_language(org, send_space, language):
    org.contact.language = language
    org.contact.save(update_fields=["language"])
    url = send_space(org.contact)
    message = mail.outbox[0]
    print(message.subject, message.body, sep="\n")
    assert f"/{language}/l/" in url
    if language == "ar":
        assert "فضاؤكم الشخصي" in message.subject
        assert 'dir="rtl"' in message.alternatives[0][0]
    else:
        assert "Votre espace personnel" in message.subject
