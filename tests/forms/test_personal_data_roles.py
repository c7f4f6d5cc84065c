"""What personal data each role of the city sees (docs/security.md, "Personal data"): viewers see
organisations but no contact's email, phone or CSV columns; editors see contacts; only coordinators see
the IP addresses and user agents of the ratification audit trail."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from links.models import EventKind, LinkEvent
from tests.factories.stakeholders import ContactFactory, StakeholderFactory
from tests.factories.terms import RatificationRequestFactory, TorFactory, TorVersionFactory

pytestmark = pytest.mark.django_db

EMAIL = "samia.trabelsi@example.org"
PHONE = "+216 71 000 111"
IP = "203.0.113.77"
AGENT = "Mozilla/5.0 MarkerAgent"


@pytest.fixture
def stakeholder(city):
    stakeholder = StakeholderFactory(city=city, name_fr="Association Marqueur")
    ContactFactory(stakeholder=stakeholder, name="Samia Trabelsi", email=EMAIL, phone=PHONE, is_primary=True)
    return stakeholder


@pytest.fixture
def ratification_request(city, stakeholder):
    rr = RatificationRequestFactory(
        version=TorVersionFactory(tor=TorFactory(city=city), status="final"),
        stakeholder=stakeholder,
        contact=stakeholder.contacts.get(),
    )
    LinkEvent.objects.create(
        target_type=ContentType.objects.get_for_model(rr),
        target_id=rr.pk,
        kind=EventKind.OPENED,
        ip=IP,
        user_agent=AGENT,
    )
    return rr


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("who", "sees_contacts"), [("alice", True), ("eve", True), ("bob", False)])
def test_contacts_on_the_stakeholder_page_follow_the_role(client, request, city, stakeholder, who, sees_contacts):
    body = _get(client, request.getfixturevalue(who), reverse("stakeholders:detail", args=[city.slug, stakeholder.pk]))
    assert "Association Marqueur" in body
    assert (EMAIL in body) is sees_contacts
    assert (PHONE in body) is sees_contacts


@pytest.mark.parametrize(("who", "sees_contacts"), [("alice", True), ("eve", True), ("bob", False)])
def test_the_registry_csv_has_contact_columns_only_for_editors_and_coordinators(
    client, request, city, stakeholder, who, sees_contacts
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("stakeholders:export", args=[city.slug]))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Association Marqueur" in body
    assert (EMAIL in body) is sees_contacts
    assert (PHONE in body) is sees_contacts


@pytest.mark.parametrize(("who", "sees_contacts"), [("alice", True), ("eve", True), ("bob", False)])
def test_search_finds_contacts_only_for_editors_and_coordinators(
    client, request, city, stakeholder, who, sees_contacts
):
    body = _get(client, request.getfixturevalue(who), reverse("search:search", args=[city.slug]) + "?q=trabelsi")
    assert (EMAIL in body) is sees_contacts


@pytest.mark.parametrize(
    ("who", "sees_email", "sees_connection"), [("alice", True, True), ("eve", True, False), ("bob", False, False)]
)
def test_the_audit_trail_shows_ip_and_user_agent_to_coordinators_only(
    client, request, city, ratification_request, who, sees_email, sees_connection
):
    url = reverse("terms:tor:request", kwargs={"city_slug": city.slug, "pk": ratification_request.pk})
    body = _get(client, request.getfixturevalue(who), url)
    assert "Samia Trabelsi" in body  # who was asked to decide: every member sees it
    assert (EMAIL in body) is sees_email
    assert (IP in body) is sees_connection
    assert (AGENT in body) is sees_connection
