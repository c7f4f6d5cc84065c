"""Permissions, the template, the link from the registry, expiry, and the preview's constant queries."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from imports.models import ImportBatch
from tests.factories import MembershipFactory, StakeholderFactory, UserFactory

from .conftest import ROW_ASSOCIATION, csv_file

pytestmark = pytest.mark.django_db


def _urls(pk):
    base = "/fr/c/tunis/imports/"
    return {
        "get": [base, base + "template-fr.xlsx", f"{base}{pk}/"],
        "post": [base, f"{base}{pk}/choices/", f"{base}{pk}/commit/", f"{base}{pk}/discard/"],
    }


@pytest.fixture
def batch(upload):
    upload(csv_file([ROW_ASSOCIATION]))
    return ImportBatch.objects.get()


@pytest.mark.parametrize("who, status", [("bob", 403), ("eve", 403), ("charlie", 404)])
def test_only_coordinators_import(client, batch, who, status, request):
    client.force_login(request.getfixturevalue(who))
    for url in _urls(batch.pk)["get"]:
        assert client.get(url).status_code == status, url
    for url in _urls(batch.pk)["post"]:
        assert client.post(url, {"file": csv_file([ROW_ASSOCIATION]), "row-0": "create"}).status_code == status, url
    batch.refresh_from_db()
    assert batch.committed_at is None and ImportBatch.objects.count() == 1


def test_anonymous_is_sent_to_login(client, batch):
    client.logout()
    for url in _urls(batch.pk)["get"]:
        assert client.get(url)["Location"].startswith("/fr/accounts/login/")


def test_another_coordinators_batch_is_out_of_reach(client, batch, city):
    other = UserFactory(username="dora")
    MembershipFactory(user=other, city=city, role="coordinator")
    client.force_login(other)
    response = client.post(f"/fr/c/tunis/imports/{batch.pk}/commit/", follow=True)
    assert "Cet import n’est plus disponible" in response.content.decode()
    batch.refresh_from_db()
    assert batch.committed_at is None


def test_get_never_changes_state(client, batch):
    assert client.get(f"/fr/c/tunis/imports/{batch.pk}/commit/").status_code == 405
    assert client.get(f"/fr/c/tunis/imports/{batch.pk}/discard/").status_code == 405


@pytest.mark.parametrize(
    "language, first, category", [("fr", "Nom en français", "Catégorie"), ("ar", "الاسم بالفرنسية", "الفئة")]
)
def test_the_template_has_the_headers_in_each_language(client, alice, language, first, category):
    client.force_login(alice)
    response = client.get(f"/{language}/c/tunis/imports/template-{language}.xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="registry-template-tunis-{language}.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook.worksheets[0].iter_rows())]
    assert header[0] == first and category in header and len(header) == 17
    assert client.get("/fr/c/tunis/imports/template-en.xlsx").status_code == 404


def test_the_registry_links_to_the_import_for_coordinators_only(client, alice, bob):
    client.force_login(alice)
    assert 'href="/fr/c/tunis/imports/"' in client.get("/fr/c/tunis/stakeholders/").content.decode()
    client.force_login(bob)
    assert 'href="/fr/c/tunis/imports/"' not in client.get("/fr/c/tunis/stakeholders/").content.decode()


@pytest.mark.parametrize("n", [10, 100])
def test_the_preview_runs_the_same_queries_for_10_and_100_rows(client, upload, city, n, django_assert_num_queries):
    rows = [{**ROW_ASSOCIATION, "name_fr": f"Association {i}", "name_ar": f"جمعية {i}"} for i in range(n)]
    for i in range(0, n, 2):  # half the rows match a stakeholder of the registry
        StakeholderFactory(city=city, name_fr=f"association {i}", name_ar="")
    upload(csv_file(rows))
    batch = ImportBatch.objects.get()
    # session, user, city with the role, the batch, the domains, the matched stakeholders of the page
    with django_assert_num_queries(6):
        response = client.get(f"/fr/c/tunis/imports/{batch.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("même nom") == (5 if n == 10 else 25)


def test_a_filled_arabic_template_imports(client, alice, city):
    client.force_login(alice)
    template = client.get("/ar/c/tunis/imports/template-ar.xlsx").content
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    header = [cell.value for cell in next(workbook.worksheets[0].iter_rows())]
    row = dict.fromkeys(header, "")
    row.update({"الاسم بالفرنسية": "Association Amal", "الاسم بالعربية": "جمعية أمل", "الفئة": "جمعية مهاجرين"})
    row.update({"المستوى": "محلي", "مجالات الخبرة": "الصحة، السكن"})
    workbook.worksheets[0].append([row[title] for title in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post("/ar/c/tunis/imports/", {"file": SimpleUploadedFile("نموذج.xlsx", buffer.getvalue())})
    client.post(response.url.replace("/fr/", "/ar/") + "commit/")
    created = city.stakeholders.get(name_fr="Association Amal")
    assert (created.name_ar, created.category, created.level) == ("جمعية أمل", "migrant_association", "local")
    assert sorted(d.code for d in created.domains.all()) == ["health", "housing"]


def test_an_expired_batch_cannot_be_imported(client, batch):
    ImportBatch.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(f"/fr/c/tunis/imports/{batch.pk}/commit/", follow=True)
    assert "Cet import n’est plus disponible" in response.content.decode()
    assert not batch.city.stakeholders.exists()
    assert client.get(f"/fr/c/tunis/imports/{batch.pk}/")["Location"] == "/fr/c/tunis/imports/"
