"""Bad files get a clear translated error and change nothing."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportBatch
from imports.readers import MAX_ROWS
from stakeholders.models import Stakeholder
from tests.factories import StakeholderFactory

from .conftest import ROW_ASSOCIATION, UPLOAD, csv_file, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def before(city):
    StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    return list(Stakeholder.objects.values_list("pk", "name_fr", "updated_at"))


def _refused(response, message, before, lang="fr"):
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body, body[body.find("alert") : body.find("alert") + 1500]
    assert list(Stakeholder.objects.values_list("pk", "name_fr", "updated_at")) == before
    assert not ImportBatch.objects.exists()


def _file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_it_refuses_a_pdf_renamed_xlsx(upload, before):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    _refused(upload(_file(pdf, "registre.xlsx")), "Ce fichier n’est pas un classeur XLSX valide.", before)


def test_it_refuses_a_pdf_renamed_csv_in_arabic(upload, before):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    _refused(upload(_file(pdf, "registre.csv"), lang="ar"), "هذا الملف ليس مصنف XLSX صالحًا.", before)


def test_it_refuses_a_zip_that_is_no_workbook(upload, before):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(upload(_file(buffer.getvalue(), "registre.xlsx")), "Ce fichier n’est pas un classeur XLSX valide.", before)


def test_it_refuses_a_zip_bomb_before_parsing(upload, before):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))
    _refused(
        upload(_file(buffer.getvalue(), "bombe.xlsx")), "Ce classeur est trop volumineux une fois décompressé.", before
    )


def test_it_refuses_a_truncated_workbook(upload, before):
    data = xlsx_bytes([["Nom en français", "Catégorie", "Niveau"], ["A", "media", "local"]])
    _refused(
        upload(_file(data[: len(data) // 2], "registre.xlsx")), "Ce fichier n’est pas un classeur XLSX valide.", before
    )


def test_it_refuses_another_type(upload, before):
    _refused(upload(_file(b"just text", "registre.docx")), "Choisissez un fichier XLSX ou CSV.", before)


def test_it_refuses_invalid_utf8(upload, before):
    data = "Nom en français;Catégorie;Niveau\nSociété;media;local\n".encode("latin-1")
    _refused(upload(_file(data, "registre.csv")), "Ce fichier n’est pas encodé en UTF-8.", before)


def test_it_refuses_invalid_utf8_in_arabic(upload, before):
    data = "Nom en français;Catégorie;Niveau\n".encode() + b"\xd8\xa7\xff\xfe;media;local\n"
    _refused(upload(_file(data, "registre.csv"), lang="ar"), "هذا الملف غير مرمّز بـ UTF-8.", before)


def test_it_refuses_nul_bytes(upload, before):
    _refused(
        upload(_file(b"Nom en fran\xc3\xa7ais;Cat\x00;Niveau\n", "r.csv")),
        "Ce fichier n’est pas un fichier texte CSV.",
        before,
    )


def test_it_refuses_a_file_over_the_row_cap(upload, before):
    lines = ["Nom en français;Catégorie;Niveau"] + [f"Org {n};media;local" for n in range(100_000)]
    data = "\n".join(lines).encode()
    _refused(upload(_file(data, "cent-mille.csv")), "Le fichier compte plus de 10\u202f000 lignes.", before)


def test_it_refuses_an_xlsx_over_the_row_cap(upload, before):
    data = xlsx_bytes(
        [["Nom en français", "Catégorie", "Niveau"]] + [[f"Org {n}", "media", "local"] for n in range(MAX_ROWS + 1)]
    )
    _refused(upload(_file(data, "trop.xlsx")), "Le fichier compte plus de 10\u202f000 lignes.", before)


def test_it_refuses_a_file_over_the_upload_size(upload, before):
    data = b"Nom en fran\xc3\xa7ais;Cat\xc3\xa9gorie;Niveau\n" + b"x;media;local\n" * 400_000  # 5.6 MB
    _refused(upload(_file(data, "gros.csv")), "Le fichier dépasse 5,0\xa0Mio.", before)


def test_a_50_mb_body_is_refused_unread(client, alice, before):
    client.force_login(alice)
    data = b"a;b;c\n" * (50 * 1024 * 1024 // 6)
    response = client.post(UPLOAD.format(lang="fr"), {"file": _file(data, "enorme.csv")})
    assert response.status_code == 413
    assert list(Stakeholder.objects.values_list("pk", "name_fr", "updated_at")) == before
    assert not ImportBatch.objects.exists()


def test_it_refuses_empty_and_headless_files(upload, before):
    _refused(upload(_file(b"", "vide.csv")), "Le fichier soumis est vide.", before)
    _refused(upload(_file(b"\r\n;;\r\n", "vide.csv")), "Le fichier est vide.", before)
    _refused(
        upload(_file(b"\xef\xbb\xbfNom en fran\xc3\xa7ais;Cat\xc3\xa9gorie;Niveau\r\n", "r.csv")),
        "Le fichier n’a aucune ligne sous ses en-têtes.",
        before,
    )
    _refused(
        upload(_file(b"Nom;Couleur\nA;bleu\n", "r.csv")),
        "Colonnes obligatoires absentes : Nom en français, Catégorie, Niveau.",
        before,
    )


def test_a_bad_row_is_shown_and_skipped_not_a_500(client, upload, city, before):
    row = {**ROW_ASSOCIATION, "joined_on": "31/02/2024", "influence": "abc", "contact_email": "pas-un-email"}
    response = upload(csv_file([row]))
    page = client.get(response.url).content.decode()
    assert "« 31/02/2024 » n’est pas une date" in page
    assert "« abc » n’est pas un nombre entier de 1 à 5." in page
    assert "Courriel du contact : Saisissez une adresse de courriel valide." in page
    assert "Primary contact" not in page  # the column's name is translated
    batch = ImportBatch.objects.get()
    assert batch.rows[0]["valid"] is False and batch.rows[0]["choice"] == "skip"


def test_rows_far_apart_count_against_the_cap(upload, before):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nom en français", "Catégorie", "Niveau"])
    sheet.cell(row=500_000, column=1, value="Loin")
    buffer = io.BytesIO()
    workbook.save(buffer)
    _refused(upload(_file(buffer.getvalue(), "loin.xlsx")), "Le fichier compte plus de 10\u202f000 lignes.", before)
