"""Files to upload: CSV in either dialect, XLSX, with French or Arabic headers."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.columns import COLUMNS, headers

UPLOAD = "/{lang}/c/tunis/imports/"

ROW_OIM = {
    "name_fr": "Organisation Internationale pour les Migrations",
    "name_ar": "المنظمة الدولية للهجرة",
    "acronym_fr": "OIM",
    "category": "Organisation internationale",
    "level": "International",
    "domains": "Santé, Logement",
    "influence": "4",
    "interest": "5",
    "is_active": "oui",
    "joined_on": "2023-11-07",
    "contact_name": "Sonia Haddad",
    "contact_email": "sonia.haddad@example.org",
    "contact_phone": "+216 71 111 222",
    "contact_language": "Arabe",
}
ROW_ASSOCIATION = {
    "name_fr": "Association Terre d'Asile Tunisie",
    "name_ar": "جمعية أرض اللجوء تونس",
    "category": "civil_society",
    "level": "local",
    "domains": "legal-aid",
}


def table(rows: list[dict], language: str = "fr") -> list[list[str]]:
    keys = list(COLUMNS)
    return [headers(language)] + [[row.get(key, "") for key in keys] for row in rows]


def csv_file(rows, *, language="fr", delimiter=";", bom=True, name="registre.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(table(rows, language))
    data = ("\ufeff" if bom else "") + buffer.getvalue()
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_bytes(cells: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in cells:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(rows, *, language="fr", name="registre.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(table(rows, language)))


@pytest.fixture
def upload(client, alice):
    """Log alice in and post a file to the upload page; returns the response (not followed)."""
    client.force_login(alice)

    def post(file, lang="fr"):
        return client.post(UPLOAD.format(lang=lang), {"file": file})

    return post
