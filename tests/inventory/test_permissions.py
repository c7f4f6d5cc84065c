"""Who may see and do what: anonymous visitors and outsiders see nothing (login / 404), viewers read,
editors record programmes, assessments and criteria, coordinators also delete programmes."""

import datetime

import pytest

from inventory.models import Assessment, Criterion, Programme, Rating

READ = [
    "",
    "{programme}/",
    "matrix/",
    "gaps/",
    "overlaps/",
    "timeline/",
    "needs/",
    "criteria/",
    "report/",
    "report/pdf/fr/",
    "report/pdf/ar/",
    "report/pdf/bi/",
    "report.xlsx",
]
EDIT_PAGES = ["new/", "{programme}/edit/", "{programme}/assessment/", "criteria/new/", "criteria/{criterion}/edit/"]
EDIT_POSTS = ["{programme}/assessment/delete/", "criteria/{unused}/delete/"]
COORDINATOR_POSTS = ["{programme}/delete/"]


@pytest.fixture
def urls(programme, assessment, criterion, city):
    unused = Criterion.objects.create(city=city, name_fr="Durabilité", position=5)
    ids = {"programme": programme.pk, "criterion": criterion.pk, "unused": unused.pk}

    def build(path, lang="fr"):
        return f"/{lang}/c/tunis/inventory/" + path.format(**ids)

    return build


def _counts():
    return (Programme.objects.count(), Assessment.objects.count(), Rating.objects.count(), Criterion.objects.count())


@pytest.mark.parametrize("path", READ + EDIT_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, urls, path):
    response = client.get(urls(path))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")


@pytest.mark.parametrize("path", EDIT_PAGES + EDIT_POSTS + COORDINATOR_POSTS)
def test_anonymous_posts_change_nothing(client, urls, path):
    before = _counts()
    response = client.post(urls(path), {"title_fr": "Intrus", "name_fr": "Intrus"})
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")
    assert _counts() == before


@pytest.mark.parametrize("path", READ + EDIT_PAGES)
def test_outsiders_get_404_and_see_no_data(client, charlie, urls, path):
    client.force_login(charlie)
    response = client.get(urls(path))
    assert response.status_code == 404
    assert "Aide au retour volontaire" not in response.content.decode(errors="replace")


@pytest.mark.parametrize("path", EDIT_PAGES + EDIT_POSTS + COORDINATOR_POSTS)
def test_outsiders_cannot_post(client, charlie, urls, path):
    client.force_login(charlie)
    before = _counts()
    assert client.post(urls(path)).status_code == 404
    assert _counts() == before


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("path", READ)
def test_viewers_read_every_page(client, bob, urls, path, lang):
    client.force_login(bob)
    assert client.get(urls(path, lang)).status_code == 200


@pytest.mark.parametrize("path", EDIT_PAGES)
def test_viewers_cannot_open_the_forms(client, bob, urls, path):
    client.force_login(bob)
    assert client.get(urls(path)).status_code == 403


@pytest.mark.parametrize("path", EDIT_PAGES + EDIT_POSTS + COORDINATOR_POSTS)
def test_viewers_cannot_write(client, bob, urls, path):
    client.force_login(bob)
    before = _counts()
    assert client.post(urls(path), {"title_fr": "Lecteur", "name_fr": "Lecteur"}).status_code == 403
    assert _counts() == before


def test_viewers_see_no_edit_buttons(client, bob, urls):
    client.force_login(bob)
    html = client.get(urls("{programme}/")).content.decode()
    assert "/edit/" not in html and "/delete/" not in html and "/assessment/" not in html
    assert "Aide au retour volontaire" in html


@pytest.mark.parametrize("path", EDIT_PAGES)
def test_editors_open_the_forms(client, eve, urls, path):
    client.force_login(eve)
    assert client.get(urls(path)).status_code == 200


def test_editors_record_a_programme_an_assessment_and_a_criterion(client, eve, urls, city, health, lead):
    client.force_login(eve)
    response = client.post(
        urls("new/"),
        {
            "title_fr": "Permanence juridique",
            "lead": lead.pk,
            "domains": [health.pk],
            "target_groups": ["workers"],
            "coverage": "city",
            "start_month": "2020-03",
            "status": "running",
            "source": "Consultation 1",
        },
    )
    created = Programme.objects.get(title_fr="Permanence juridique")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    response = client.post(urls("criteria/new/"), {"name_fr": "Coordination"})
    assert response.status_code == 302
    response = client.post(
        f"/fr/c/tunis/inventory/{created.pk}/assessment/",
        {"assessed_on": "2023-11-07", "positives_fr": "Service gratuit."},
    )
    assert response.status_code == 302
    assert created.assessment.assessed_on == datetime.date(2023, 11, 7)


def test_editors_delete_assessments_and_unused_criteria_but_not_programmes(client, eve, urls):
    client.force_login(eve)
    assert client.post(urls("{programme}/delete/")).status_code == 403
    assert client.post(urls("{programme}/assessment/delete/")).status_code == 302
    assert client.post(urls("criteria/{unused}/delete/")).status_code == 302
    assert _counts() == (1, 0, 0, 1)


def test_coordinators_delete_programmes(client, alice, urls):
    client.force_login(alice)
    response = client.post(urls("{programme}/delete/"))
    assert response.status_code == 302 and response["Location"] == "/fr/c/tunis/inventory/"
    assert _counts() == (0, 0, 0, 2)


def test_another_citys_programme_is_not_found_through_my_city(client, alice, secret_programme):
    client.force_login(alice)
    for path in ("{pk}/", "{pk}/edit/", "{pk}/assessment/"):
        assert client.get("/fr/c/tunis/inventory/" + path.format(pk=secret_programme.pk)).status_code == 404
    assert client.post(f"/fr/c/tunis/inventory/{secret_programme.pk}/delete/").status_code == 302
    assert Programme.objects.filter(pk=secret_programme.pk).exists()
    assert "Programme secret de Sfax" not in client.get("/fr/c/tunis/inventory/").content.decode()
