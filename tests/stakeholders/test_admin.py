import pytest

from tests.factories import ContactFactory, StakeholderFactory


@pytest.mark.parametrize(
    "url",
    [
        "/admin/stakeholders/stakeholder/",
        "/admin/stakeholders/stakeholder/?q=احمد",
        "/admin/stakeholders/stakeholder/?category__exact=civil_society&is_active__exact=1",
        "/admin/stakeholders/contact/?q=sassi",
        "/admin/stakeholders/domain/",
        "/admin/stakeholders/stakeholder/add/",
    ],
)
def test_the_admin_pages_open(client, superuser, city, url):
    s = StakeholderFactory(city=city, name_fr="Association Ahmed", name_ar="جمعية أحمد")
    ContactFactory(stakeholder=s, name="Mariem Sassi")
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    if "q=" in url:
        assert response.context["cl"].result_count == 1


def test_the_admin_change_page_shows_both_languages_and_contacts(client, superuser, city):
    s = StakeholderFactory(city=city, name_fr="Association Ahmed", name_ar="جمعية أحمد")
    ContactFactory(stakeholder=s, name="Mariem Sassi")
    client.force_login(superuser)
    html = client.get(f"/admin/stakeholders/stakeholder/{s.pk}/change/").content.decode()
    assert 'name="name_fr"' in html and 'name="name_ar"' in html
    assert 'value="Mariem Sassi"' in html


def test_the_admin_refuses_two_primary_contacts(client, superuser, city):
    s = StakeholderFactory(city=city, name_fr="Association Ahmed", name_ar="جمعية أحمد")
    client.force_login(superuser)
    data = {
        "name_fr": s.name_fr,
        "name_ar": s.name_ar,
        "acronym_fr": "",
        "acronym_ar": "",
        "category": s.category,
        "level": s.level,
        "influence": 3,
        "interest": 3,
        "is_active": "on",
        "notes": "",
        "city": city.pk,
        "contacts-TOTAL_FORMS": 2,
        "contacts-INITIAL_FORMS": 0,
        "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000,
        "contacts-0-name": "Un",
        "contacts-0-language": "fr",
        "contacts-0-is_primary": "on",
        "contacts-1-name": "Deux",
        "contacts-1-language": "fr",
        "contacts-1-is_primary": "on",
    }
    response = client.post(f"/admin/stakeholders/stakeholder/{s.pk}/change/", data)
    assert response.status_code == 200
    assert "Une partie prenante a au plus un contact principal." in response.content.decode()
    assert s.contacts.count() == 0
