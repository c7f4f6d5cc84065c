"""Staff send (and send again) a contact the link to their space from the stakeholder's page."""

import pytest
from django.core import mail

from links.models import EmailLink
from portal.services import SPACE_PURPOSE
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def send_url(city, contact):
    return f"/fr/c/{city.slug}/portal/contacts/{contact.pk}/send/"


def detail_url(city, stakeholder):
    return f"/fr/c/{city.slug}/stakeholders/{stakeholder.pk}/"


def test_alice_sends_the_link_with_a_success_message(client, city, alice, org, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(city, org.contact), follow=True)
    assert response.redirect_chain[-1][0] == detail_url(city, org.stakeholder)
    assert "Le lien vers l'espace personnel a été envoyé à alpha@example.org" in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert [m.to for m in mail.outbox] == [["alpha@example.org"]]
    assert EmailLink.objects.filter(purpose=SPACE_PURPOSE, revoked_at__isnull=True).count() == 1


def test_sending_again_revokes_the_first_link(client, city, alice, org, django_capture_on_commit_callbacks):
    client.force_login(alice)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(send_url(city, org.contact))
    links = EmailLink.objects.filter(purpose=SPACE_PURPOSE)
    assert links.count() == 2
    assert links.filter(revoked_at__isnull=True).count() == 1


def test_bob_may_not_send(client, city, bob, org):
    client.force_login(bob)
    assert client.post(send_url(city, org.contact)).status_code == 403
    assert not mail.outbox


def test_charlie_gets_404(client, city, charlie, org):
    client.force_login(charlie)
    assert client.post(send_url(city, org.contact)).status_code == 404


def test_charlie_cannot_send_to_another_city_contact_through_his_own_city(client, other_city, charlie, org):
    client.force_login(charlie)
    assert client.post(send_url(other_city, org.contact)).status_code == 404


def test_anonymous_is_sent_to_login(client, city, org):
    response = client.post(send_url(city, org.contact))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_get_sends_nothing(client, city, alice, org):
    client.force_login(alice)
    assert client.get(send_url(city, org.contact)).status_code == 405
    assert not mail.outbox


def test_a_contact_without_email_gets_an_error_message(client, city, alice, org):
    contact = ContactFactory(stakeholder=org.stakeholder, email="", is_primary=False)
    client.force_login(alice)
    response = client.post(send_url(city, contact), follow=True)
    assert "adresse électronique" in response.content.decode()
    assert not mail.outbox


def test_the_stakeholder_page_shows_the_section_with_the_button_for_editors(client, city, alice, bob, org):
    client.force_login(alice)
    page = client.get(detail_url(city, org.stakeholder)).content.decode()
    assert "Espaces personnels" in page and send_url(city, org.contact) in page
    client.force_login(bob)
    page = client.get(detail_url(city, org.stakeholder)).content.decode()
    assert "Espaces personnels" in page and send_url(city, org.contact) not in page
