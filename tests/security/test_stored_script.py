"""Names and texts entered by staff are data, never markup: in emails, PDFs and spreadsheets.

Every HTML page is already checked for the raw payloads by test_views_permissions.py (the objects of
world.py carry them); here the other outputs that show those texts.
"""

import csv
import io
import re
import shutil
import subprocess

import pytest
from django.core import mail

from tests.factories import StakeholderFactory

from .world import IMG, SCRIPT

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def _pdf_text(data: bytes, tmp_path) -> str:
    assert data.startswith(b"%PDF")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _html_alternative(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_the_ratification_email_escapes_names(client, alice, world, django_capture_on_commit_callbacks):
    contact = world.get("contact")
    world.get("assignment")
    version = world.get("version")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/c/{world.city.slug}/terms/v/{version.number}/ratification/send/")
    assert len(mail.outbox) == 1
    html = _html_alternative(mail.outbox[0])
    assert world.marker in html  # the names are shown...
    for payload in (SCRIPT, IMG):
        assert payload not in html  # ...as text
    assert contact.email in mail.outbox[0].to


def test_the_invitation_email_escapes_names(client, eve, world, django_capture_on_commit_callbacks):
    world.get("contact")
    consultation = world.get("consultation")
    client.force_login(eve)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fr/c/{world.city.slug}/consultations/{consultation.number}/invitations/send/", {"scope": "all"}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(mail.outbox) == 1
    html = _html_alternative(mail.outbox[0])
    assert world.marker in html
    for payload in (SCRIPT, IMG):
        assert payload not in html


@needs_pdftotext
@pytest.mark.parametrize(
    "entity, url",
    [
        ("version", "/fr/c/{city}/terms/v/{obj.number}/pdf/fr/"),
        ("agenda_item", "/fr/c/{city}/consultations/{obj.consultation.number}/agenda.pdf?lang=fr"),
        ("roadmap", "/fr/c/{city}/planning/roadmap/{obj.number}/pdf/fr/"),
    ],
)
def test_pdfs_print_stored_markup_as_text(entity, url, client, alice, world, tmp_path):
    """Escaped, the payload is printed literally; unescaped, WeasyPrint would drop the tags (or fetch x)."""
    obj = world.get(entity)
    client.force_login(alice)
    response = client.get(url.format(city=world.city.slug, obj=obj))
    assert response.status_code == 200
    text = _pdf_text(response.content, tmp_path)
    assert world.marker in text
    assert _squeezed(SCRIPT) in text


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"])
def test_the_registry_export_defuses_formulas(formula, client, bob, city):
    StakeholderFactory(city=city, name_fr=formula, name_ar="منظمة")
    client.force_login(bob)
    response = client.get(f"/fr/c/{city.slug}/stakeholders/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row if formula in cell]
    assert cells, "the name is exported"
    assert all(not cell.startswith(("=", "+", "@", "-")) for cell in cells), cells


def test_the_me_matrix_export_defuses_formulas(client, bob, world):
    action = world.get("action")
    action.title_fr = '=HYPERLINK("http://evil.example")'
    action.save()
    world.get("indicator")
    client.force_login(bob)
    response = client.get(f"/fr/c/{world.city.slug}/planning/matrix.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if text.count(";") > text.count(",") else ","
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row if "HYPERLINK" in cell]
    assert cells, "the action is exported"
    assert all(not cell.startswith("=") for cell in cells), cells
