"""The activity log and an object's history: who may see them, the filters, and a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from stakeholders.models import Stakeholder
from tests.factories import (
    ActionFactory,
    ConsultationFactory,
    ContactFactory,
    StakeholderFactory,
    TorSectionFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db

LOG = "/fr/c/tunis/activity/"


@pytest.fixture
def stakeholder(city, alice):
    s = StakeholderFactory(city=city, name_fr="Croissant rouge")
    s.influence = 5
    s._history_user = alice
    s.save()
    return s


def test_anonymous_visitors_are_sent_to_the_login(client, city):
    response = client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")


def test_an_outsider_gets_404(client, charlie, stakeholder):
    client.force_login(charlie)
    assert client.get(LOG).status_code == 404
    assert client.get(f"{LOG}history/stakeholder/{stakeholder.pk}/").status_code == 404
    assert client.get(f"{LOG}stakeholders/{stakeholder.pk}/timeline/").status_code == 404


def test_charlie_cannot_read_his_city_s_log_for_a_tunis_object(client, charlie, stakeholder):
    client.force_login(charlie)
    assert client.get(f"/fr/c/sfax/activity/history/stakeholder/{stakeholder.pk}/").status_code == 404


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_members_see_who_changed_what(client, request, user, stakeholder):
    client.force_login(request.getfixturevalue(user))
    response = client.get(LOG)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Croissant rouge" in html
    assert "par <bdi>alice</bdi>" in html
    assert "influence" in html


def test_an_editor_sees_contacts_a_viewer_sees_them_masked(client, bob, eve, city, alice):
    """The product's rule (docs/security.md): contacts' personal data for editors and coordinators only."""
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city), name="Leïla Ben Salah", phone="")
    contact.phone = "+216 71 000 000"
    contact._history_user = alice
    contact.save()
    client.force_login(eve)
    html = client.get(f"{LOG}?kind=contact").content.decode()
    assert "Leïla Ben Salah" in html
    assert "+216 71 000 000" in html
    client.force_login(bob)
    html = client.get(f"{LOG}?kind=contact").content.decode()
    assert "Leïla Ben Salah" not in html
    assert "+216 71 000 000" not in html
    assert "•••" in html


def test_the_log_is_in_arabic_right_to_left(client, bob, stakeholder):
    client.force_login(bob)
    html = client.get("/ar/c/tunis/activity/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "سجل النشاط" in html
    assert "التأثير" in html


def test_it_filters_by_type(client, alice, stakeholder, city):
    ActionFactory(city=city, title_fr="Guichet unique", lead=stakeholder)
    client.force_login(alice)
    html = client.get(f"{LOG}?kind=action").content.decode()
    events = html.split("activity-events")[-1]
    assert "Guichet unique" in events
    assert '<span class="badge text-bg-light border">Action</span>' in events
    assert '<span class="badge text-bg-light border">Partie prenante</span>' not in events


def test_it_filters_by_user(client, alice, bob, eve, stakeholder):
    stakeholder.interest = 1
    stakeholder._history_user = eve
    stakeholder.save()
    client.force_login(bob)
    html = client.get(f"{LOG}?kind=stakeholder&user={eve.pk}").content.decode()
    events = html.split("activity-events")[-1]
    assert "par <bdi>eve</bdi>" in events
    assert "par <bdi>alice</bdi>" not in events


def test_it_filters_by_date(client, alice, stakeholder):
    Stakeholder.history.filter(id=stakeholder.pk, history_type="+").update(
        history_date=timezone.now() - datetime.timedelta(days=40)
    )
    client.force_login(alice)
    today = timezone.localdate().isoformat()
    html = client.get(f"{LOG}?kind=stakeholder&date_from={today}&date_to={today}").content.decode()
    events = html.split("activity-events")[-1]
    assert events.count('<li class="border-bottom py-2">') == 1
    old = (timezone.localdate() - datetime.timedelta(days=40)).isoformat()
    html = client.get(f"{LOG}?kind=stakeholder&date_to={old}").content.decode()
    assert html.split("activity-events")[-1].count('<li class="border-bottom py-2">') == 1


@pytest.mark.parametrize("query", ["?kind=nope", "?user=abc", "?date_from=2023-99-99", "?page=x", "?user=99999"])
def test_bad_filters_are_dropped_not_500(client, alice, stakeholder, query):
    client.force_login(alice)
    assert client.get(LOG + query).status_code == 200


def test_the_object_history_shows_the_object_and_its_contacts(client, alice, stakeholder, city):
    ContactFactory(stakeholder=stakeholder, name="Karim Haddad")
    ContactFactory(stakeholder=StakeholderFactory(city=city, name_fr="Autre"), name="Sonia Trabelsi")
    client.force_login(alice)
    response = client.get(f"{LOG}history/stakeholder/{stakeholder.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karim Haddad" in html
    assert "Sonia Trabelsi" not in html


@pytest.mark.parametrize("path", ["history/nope/1/", "history/stakeholder/999999/"])
def test_an_unknown_object_is_404(client, alice, city, path):
    client.force_login(alice)
    assert client.get(LOG + path).status_code == 404


def test_the_log_paginates(client, alice, city):
    for i in range(30):
        StakeholderFactory(city=city, name_fr=f"Organisation {i:02d}")
    client.force_login(alice)
    html = client.get(f"{LOG}?kind=stakeholder&page=2").content.decode()
    assert "Page 2 sur 2" in html
    assert html.count('<li class="border-bottom py-2">') == 5


@pytest.mark.parametrize("events", [1, 50])
def test_the_log_runs_a_constant_number_of_queries(client, alice, city, events, django_assert_num_queries):
    for _ in range(events):
        s = StakeholderFactory(city=city)
        s.influence = 1
        s._history_user = alice
        s.save()
    client.force_login(alice)
    # 1 session, 2 user, 3 city and role, 4 the members (user filter), 5 count, 6 the page of the UNION,
    # 7 the page's historical stakeholder rows with the previous row's id, 8 those previous rows,
    # 9 the domains kept with those rows (many-to-many history)
    with django_assert_num_queries(9):
        response = client.get(f"{LOG}?kind=stakeholder")
    assert response.status_code == 200


@pytest.mark.parametrize("events", [1, 50])
def test_the_object_history_runs_a_constant_number_of_queries(client, alice, city, events, django_assert_num_queries):
    s = StakeholderFactory(city=city)
    for i in range(events):
        s.interest = 1 + i % 5
        s._history_user = alice
        s.save()
    client.force_login(alice)
    # 1 session, 2 user, 3 city and role, 4 the object exists, 5 count, 6 the page, 7 the historical rows,
    # 8 the previous rows, 9 the domains kept with them (many-to-many history)
    with django_assert_num_queries(9):
        response = client.get(f"{LOG}history/stakeholder/{s.pk}/")
    assert response.status_code == 200


def test_object_pages_link_to_their_history(client, bob, city):
    consultation = ConsultationFactory(city=city, number=1)
    version = TorVersionFactory(tor__city=city)
    action = ActionFactory(city=city)
    client.force_login(bob)
    pages = {
        "/fr/c/tunis/consultations/1/": f"/fr/c/tunis/activity/history/consultation/{consultation.pk}/",
        f"/fr/c/tunis/terms/v/{version.number}/": f"/fr/c/tunis/activity/history/torversion/{version.pk}/",
        f"/fr/c/tunis/planning/actions/{action.pk}/": f"/fr/c/tunis/activity/history/action/{action.pk}/",
        "/fr/c/tunis/planning/dashboard/": "/fr/c/tunis/activity/",
    }
    for page, link in pages.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'href="{link}"' in response.content.decode(), page


def test_a_version_s_history_shows_its_sections(client, alice, city):
    version = TorVersionFactory(tor__city=city, sections=0)
    TorSectionFactory(version=version, heading_fr="Objet du groupe")
    client.force_login(alice)
    html = client.get(f"{LOG}history/torversion/{version.pk}/").content.decode()
    assert "Objet du groupe" in html


def test_a_change_made_through_a_page_records_the_user_who_made_it(client, eve, bob, city):
    """The middleware gives simple_history the request's user: no view passes it by hand."""
    client.force_login(eve)
    data = {
        "name_fr": "Association Ahmed pour la solidarité",
        "name_ar": "جمعية أحمد للتضامن",
        "category": "civil_society",
        "level": "local",
        "influence": "4",
        "interest": "5",
        "is_active": "on",
    }
    assert client.post("/fr/c/tunis/stakeholders/new/", data).status_code == 302
    stakeholder = Stakeholder.objects.get()
    assert client.post(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/edit/", data | {"influence": "2"}).status_code == 302

    assert [(h.history_type, h.history_user) for h in stakeholder.history.order_by("history_date")] == [
        ("+", eve),
        ("~", eve),
    ]
    client.force_login(bob)
    html = client.get(f"{LOG}history/stakeholder/{stakeholder.pk}/").content.decode()
    assert "par <bdi>eve</bdi>" in html
