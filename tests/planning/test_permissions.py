"""Who may see and do what: anonymous and outsiders see nothing (404), viewers read, editors write,
coordinators also freeze, approve and delete actions."""

import pytest

from planning.models import Action, Indicator, MappingItem, Measurement, RoadmapVersion

READ = [
    "",
    "dashboard/",
    "mapping/",
    "actions/",
    "actions/{action}/",
    "timeline/",
    "indicators/{indicator}/",
    "matrix/",
    "matrix.csv",
    "matrix.xlsx",
    "roadmap/",
    "roadmap/1/",
    "roadmap/1/pdf/fr/",
]
EDIT_PAGES = [
    "mapping/new/",
    "mapping/{priority}/edit/",
    "actions/new/",
    "actions/{action}/edit/",
    "actions/{action}/indicators/new/",
    "indicators/{indicator}/edit/",
    "roadmap/1/edit/",
]
EDIT_POSTS = [
    "mapping/{priority}/delete/",
    "indicators/{indicator}/delete/",
    "measurements/{measurement}/delete/",
    "indicators/{indicator}/measurements/",
    "roadmap/new/",
]
COORDINATOR_POSTS = ["actions/{action}/delete/", "roadmap/1/freeze/", "roadmap/1/approve/"]


@pytest.fixture
def urls(priority, action, indicator, measurement, draft):
    ids = {"priority": priority.pk, "action": action.pk, "indicator": indicator.pk, "measurement": measurement.pk}

    def build(path, lang="fr"):
        return f"/{lang}/c/tunis/planning/" + path.format(**ids)

    return build


def _counts():
    return (
        MappingItem.objects.count(),
        Action.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
        list(RoadmapVersion.objects.values_list("number", "status")),
    )


@pytest.mark.parametrize("path", READ + EDIT_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, urls, path):
    response = client.get(urls(path))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")


@pytest.mark.parametrize("path", EDIT_POSTS + COORDINATOR_POSTS)
def test_anonymous_posts_are_sent_to_the_login_and_change_nothing(client, urls, path):
    before = _counts()
    response = client.post(urls(path))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")
    assert _counts() == before


@pytest.mark.parametrize("path", READ + EDIT_PAGES)
def test_outsiders_get_404_and_see_no_data(client, charlie, urls, path):
    client.force_login(charlie)
    response = client.get(urls(path))
    assert response.status_code == 404
    assert "Permanence santé" not in response.content.decode(errors="replace")


@pytest.mark.parametrize("path", EDIT_POSTS + COORDINATOR_POSTS)
def test_outsiders_cannot_post(client, charlie, urls, path):
    client.force_login(charlie)
    before = _counts()
    assert client.post(urls(path)).status_code == 404
    assert _counts() == before


@pytest.mark.parametrize("path", READ)
def test_viewers_read_every_page(client, bob, urls, path):
    client.force_login(bob)
    assert client.get(urls(path)).status_code == 200


@pytest.mark.parametrize("path", EDIT_PAGES)
def test_viewers_cannot_open_forms(client, bob, urls, path):
    client.force_login(bob)
    assert client.get(urls(path)).status_code == 403


@pytest.mark.parametrize("path", EDIT_POSTS + COORDINATOR_POSTS)
def test_viewers_cannot_post(client, bob, urls, path):
    client.force_login(bob)
    before = _counts()
    assert client.post(urls(path)).status_code == 403
    assert _counts() == before


@pytest.mark.parametrize("path", EDIT_PAGES)
def test_editors_open_forms(client, eve, urls, path):
    client.force_login(eve)
    assert client.get(urls(path)).status_code == 200


@pytest.mark.parametrize("path", COORDINATOR_POSTS)
def test_editors_cannot_freeze_approve_or_delete_actions(client, eve, urls, path):
    client.force_login(eve)
    before = _counts()
    assert client.post(urls(path)).status_code == 403
    assert _counts() == before


@pytest.mark.parametrize("path", READ + EDIT_PAGES)
def test_coordinators_open_everything(client, alice, urls, path):
    client.force_login(alice)
    assert client.get(urls(path)).status_code == 200


@pytest.mark.parametrize("path", ["mapping/{priority}/delete/", "actions/{action}/delete/", "roadmap/1/freeze/"])
def test_state_changes_need_a_post(client, alice, urls, path):
    client.force_login(alice)
    before = _counts()
    assert client.get(urls(path)).status_code == 405
    assert _counts() == before


def test_objects_of_another_city_are_not_found_through_this_city(client, alice, secret_action):
    client.force_login(alice)
    assert client.get(f"/fr/c/tunis/planning/actions/{secret_action.pk}/").status_code == 404
    assert client.get(f"/fr/c/tunis/planning/actions/{secret_action.pk}/edit/").status_code == 404
    assert client.get(f"/fr/c/tunis/planning/actions/{secret_action.pk}/indicators/new/").status_code == 404
    assert "Action secrète de Sfax" not in client.get("/fr/c/tunis/planning/actions/").content.decode()
    assert "Action secrète de Sfax" not in client.get("/fr/c/tunis/planning/matrix.csv").content.decode()


def test_a_superuser_sees_every_city(client, superuser, urls):
    client.force_login(superuser)
    assert client.get(urls("matrix/")).status_code == 200
