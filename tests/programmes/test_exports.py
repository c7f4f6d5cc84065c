"""The workbook opens and holds the dashboard's figures; the one-page summary in French, Arabic and both
says what it should and nothing of the contacts."""

import datetime as dt
import io

import openpyxl
import pypdf
import pytest

from programmes.documents import overview_pdf
from tests.programmes.conftest import SECRETS


def _workbook(client, member, lang="fr"):
    client.force_login(member)
    response = client.get(f"/{lang}/programmes/mc2cm/export.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="programme-mc2cm-' in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _text(data: bytes) -> str:
    """The PDF's text, its whitespace (line breaks inside table cells) made single spaces."""
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages).split())


def test_the_workbook_holds_the_figures_of_each_city(client, member):
    workbook = _workbook(client, member)

    assert workbook.sheetnames == ["Villes", "Parties prenantes par catégorie", "Parties prenantes par domaine"]
    rows = list(workbook["Villes"].values)
    figures = dict(zip(rows[0], rows[1], strict=True))
    assert figures["Ville"] == "Tunis"
    assert figures["Où elle en est"] == "Consultation 2 : Planifiée"
    assert figures["Parties prenantes actives"] == 4
    assert figures["Invitations envoyées"] == 6
    assert figures["Taux d'invitation (%)"] == 75
    assert figures["Taux de réponse (%)"] == 67
    assert figures["Taux de présence (%)"] == 50
    assert figures["Venus sans invitation"] == 1
    assert (figures["Ratifié"], figures["Refusé"], figures["En attente"]) == (2, 1, 1)
    assert figures["Avancement de la ratification (%)"] == 50
    assert figures["TdR adoptés le"] == dt.datetime(2024, 4, 2)
    assert figures["Feuille de route approuvée le"] == dt.datetime(2024, 10, 15)
    assert (figures["Dans les temps"], figures["En retard"], figures["Avancement du plan (%)"]) == (1, 1, 30)


def test_the_workbook_counts_stakeholders_by_category_and_domain(client, member):
    workbook = _workbook(client, member)

    categories = {row[0]: row[1:] for row in workbook["Parties prenantes par catégorie"].values}
    domains = {row[0]: row[1:] for row in workbook["Parties prenantes par domaine"].values}
    assert categories["Société civile / ONG"] == (2, 2)
    assert domains["Santé"] == (2, 2)
    assert domains["Logement"] == (1, 1)


def test_the_arabic_workbook_reads_right_to_left(client, member):
    workbook = _workbook(client, member, lang="ar")

    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["A1"].value == "المدينة"
    assert sheet["A2"].value == "تونس"


def test_the_workbook_holds_no_contact_data(client, member):
    workbook = _workbook(client, member)

    cells = [str(v) for sheet in workbook for row in sheet.values for v in row if v is not None]
    for secret in SECRETS:
        assert not any(secret in cell for cell in cells)


def test_the_french_summary(programme):
    text = _text(overview_pdf(programme=programme, language="fr"))

    assert "MC2CM RUCP" in text
    assert "Parties prenantes actives" in text
    assert "Taux d'invitation" in text
    assert "75 %" in text
    assert "2 avril 2024" in text


def test_the_arabic_summary_has_no_french(programme):
    data = overview_pdf(programme=programme, language="ar")
    text = _text(data)

    assert "برنامج المدن" in text
    assert "المدن" in text
    assert "تونس" in text
    for french in ("Parties prenantes", "Taux", "Villes", "Consultation", "MC2CM", "avril"):
        assert french not in text


def test_the_bilingual_summary_says_everything_twice(programme):
    text = _text(overview_pdf(programme=programme, language="bi"))

    assert "Parties prenantes actives" in text
    assert "Taux de présence" in text
    assert "MC2CM RUCP" in text
    assert "برنامج المدن" in text


@pytest.mark.parametrize("language", ["fr", "ar", "bi"])
def test_the_summary_fits_one_page_and_holds_no_contact_data(programme, language):
    data = overview_pdf(programme=programme, language=language)

    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    text = _text(data)
    for secret in SECRETS:
        assert secret not in text
