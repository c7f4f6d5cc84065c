"""The registry's own export (CSV and XLSX, in French and in Arabic) re-imports: nothing duplicated, nothing lost."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from imports.models import ImportBatch
from stakeholders import demo
from stakeholders.models import Contact, Stakeholder

pytestmark = pytest.mark.django_db


def _snapshot(city):
    translation.activate("fr")  # modeltranslation's values() reads `name` in the active language
    stakeholders = list(Stakeholder.objects.filter(city=city).order_by("pk").values())
    domains = list(Stakeholder.domains.through.objects.order_by("pk").values_list("stakeholder_id", "domain_id"))
    contacts = list(Contact.objects.filter(stakeholder__city=city).order_by("pk").values())
    return stakeholders, domains, contacts


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_export_re_imports_unchanged(client, alice, city, other_city, language, extension):
    demo.load(city, {}, other_city=other_city)
    Stakeholder.objects.filter(city=city).update(notes='=1+1 "une note"; avec, séparateurs')
    before = _snapshot(city)
    client.force_login(alice)
    export = client.get(f"/{language}/c/tunis/stakeholders/export.{extension}?status=all")
    assert export.content.startswith(b"\xef\xbb\xbf" if extension == "csv" else b"PK")
    if extension == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
        assert sheet.sheet_view.rightToLeft is (language == "ar")
        assert sheet["A1"].value == ("Nom en français" if language == "fr" else "الاسم بالفرنسية")
    response = client.post(
        f"/{language}/c/tunis/imports/", {"file": SimpleUploadedFile(f"registry.{extension}", export.content)}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert all(row["valid"] and row["choice"] == "update" for row in batch.rows), batch.rows[:2]
    count = len(batch.rows)
    assert count == len(before[0])
    done = client.post(response.url + "commit/", follow=True).content.decode()
    if language == "fr":
        assert f"Import terminé : 0 créées, 0 mises à jour, {count} inchangées, 0 ignorées." in done
    assert _snapshot(city) == before


def test_a_changed_export_updates_only_what_changed(client, alice, city, other_city):
    demo.load(city, {}, other_city=other_city)
    client.force_login(alice)
    text = client.get("/fr/c/tunis/stakeholders/export.csv").content.decode("utf-8-sig")
    text = text.replace(
        "Ville de Tunis – Bureau des relations internationales",
        "Ville de Tunis – Bureau des relations internationales (BRI)",
    )
    response = client.post("/fr/c/tunis/imports/", {"file": SimpleUploadedFile("registry.csv", text.encode())})
    done = client.post(response.url + "commit/", follow=True).content.decode()
    assert "0 créées, 1 mises à jour" in done
    assert Stakeholder.objects.filter(name_fr="Ville de Tunis – Bureau des relations internationales (BRI)").exists()
