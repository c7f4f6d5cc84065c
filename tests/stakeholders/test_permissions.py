"""Every registry view with every kind of user: anonymous, outsider (charlie, coordinator of
another city), viewer (bob), editor (eve), coordinator (alice) and superuser."""

import pytest

from tests.factories import ContactFactory, StakeholderFactory

READS = ["list", "map", "export", "export_xlsx", "detail"]
WRITE_PAGES = ["create", "edit", "contact_create", "contact_edit"]
WRITE_POSTS = ["deactivate", "reactivate", "contact_make_primary", "contact_erase"]


@pytest.fixture
def target(city):
    stakeholder = StakeholderFactory(city=city, name_fr="Observatoire National de la Migration", name_ar="المرصد")
    ContactFactory(stakeholder=stakeholder, name="Sonia Belhadj", email="sonia@example.org", is_primary=True)
    contact = ContactFactory(stakeholder=stakeholder, name="Anis Zouari", email="anis@example.org", is_primary=False)
    return stakeholder, contact


def _url(name, stakeholder, contact):
    base = f"/fr/c/{stakeholder.city.slug}/stakeholders/"
    return {
        "list": base,
        "map": base + "map/",
        "export": base + "export.csv",
        "export_xlsx": base + "export.xlsx",
        "create": base + "new/",
        "detail": f"{base}{stakeholder.pk}/",
        "edit": f"{base}{stakeholder.pk}/edit/",
        "deactivate": f"{base}{stakeholder.pk}/deactivate/",
        "reactivate": f"{base}{stakeholder.pk}/reactivate/",
        "contact_create": f"{base}{stakeholder.pk}/contacts/new/",
        "contact_edit": f"{base}{stakeholder.pk}/contacts/{contact.pk}/edit/",
        "contact_make_primary": f"{base}{stakeholder.pk}/contacts/{contact.pk}/primary/",
        "contact_erase": f"{base}{stakeholder.pk}/contacts/{contact.pk}/erase/",
    }[name]


@pytest.mark.parametrize("view", READS + WRITE_PAGES + WRITE_POSTS)
def test_anonymous_users_are_sent_to_the_login_page(client, target, view):
    url = _url(view, *target)
    response = client.post(url) if view in WRITE_POSTS else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")


@pytest.mark.parametrize("view", READS + WRITE_PAGES + WRITE_POSTS)
def test_outsiders_get_404_and_no_data(client, charlie, target, view):
    client.force_login(charlie)
    url = _url(view, *target)
    response = client.post(url) if view in WRITE_POSTS else client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Observatoire" not in body and "Sonia" not in body
    stakeholder, contact = target
    stakeholder.refresh_from_db()
    contact.refresh_from_db()
    assert stakeholder.is_active and contact.erased_at is None


def test_outsiders_cannot_reach_a_stakeholder_through_their_own_city(client, charlie, other_city, target):
    """charlie coordinates Sfax: Tunis's stakeholder ids under /c/sfax/ are not found."""
    stakeholder, contact = target
    client.force_login(charlie)
    base = f"/fr/c/{other_city.slug}/stakeholders/{stakeholder.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "edit/").status_code == 404
    assert client.post(base + "deactivate/").status_code == 404
    assert client.post(f"{base}contacts/{contact.pk}/erase/").status_code == 404
    assert client.get(f"/fr/c/{other_city.slug}/stakeholders/export.csv").content.decode().count("\n") == 1


@pytest.mark.parametrize("view", READS)
def test_viewers_read(client, bob, target, view):
    client.force_login(bob)
    assert client.get(_url(view, *target)).status_code == 200


@pytest.mark.parametrize("view", WRITE_PAGES)
def test_viewers_cannot_open_the_forms(client, bob, target, view):
    client.force_login(bob)
    assert client.get(_url(view, *target)).status_code == 403
    assert client.post(_url(view, *target), {"name_fr": "X", "name": "X"}).status_code == 403


@pytest.mark.parametrize("view", WRITE_POSTS)
def test_viewers_cannot_change_anything(client, bob, target, view):
    client.force_login(bob)
    assert client.post(_url(view, *target)).status_code == 403
    stakeholder, contact = target
    contact.refresh_from_db()
    assert (contact.is_primary, contact.erased_at) == (False, None)


@pytest.mark.parametrize("user", ["eve", "alice", "superuser"])
@pytest.mark.parametrize("view", READS + WRITE_PAGES)
def test_editors_coordinators_and_superusers_open_every_page(client, request, target, user, view):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url(view, *target)).status_code == 200


@pytest.mark.parametrize("user", ["eve", "alice", "superuser"])
@pytest.mark.parametrize("view", WRITE_POSTS)
def test_editors_coordinators_and_superusers_act(client, request, target, user, view):
    client.force_login(request.getfixturevalue(user))
    response = client.post(_url(view, *target))
    assert response.status_code == 302
    assert response["Location"] == f"/fr/c/tunis/stakeholders/{target[0].pk}/"


@pytest.mark.parametrize("view", WRITE_POSTS)
def test_state_changes_refuse_get(client, eve, target, view):
    client.force_login(eve)
    assert client.get(_url(view, *target)).status_code == 405
