"""The baseline report as XLSX: one sheet per part, numbers and dates kept, formulas defused."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from tests.factories import ProgrammeFactory, StakeholderFactory


def _workbook(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return response, load_workbook(io.BytesIO(response.content))


def test_the_workbook_has_every_part_of_the_report(client, bob, assessment, criterion):
    client.force_login(bob)
    response, book = _workbook(client, "/fr/c/tunis/inventory/report.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="baseline-tunis-fr.xlsx"'
    assert book.sheetnames == [
        "Programmes",
        "Qui fait quoi",
        "Lacunes de couverture",
        "Chevauchements",
        "Évaluations",
        "Critères",
    ]
    programmes = book["Programmes"]
    header = [c.value for c in programmes[1]]
    row = dict(zip(header, [c.value for c in programmes[2]], strict=True))
    assert row["Programme"] == "Aide au retour volontaire"
    assert row["Publics cibles"] == "Personnes migrantes en transit; Personnes de retour"
    assert row["Début"] == datetime.datetime(2022, 1, 1)  # a real date
    assert row["Évalué"] == "oui"
    assert row["Besoins et opportunités auxquels il se rapporte"] == "Accès limité aux soins"
    assessments = book["Évaluations"]
    assert [c.value for c in assessments[1]][-1] == "Portée"
    assert [c.value for c in assessments[2]][-1] == 4  # a real number
    assert not programmes.sheet_view.rightToLeft


def test_the_arabic_workbook_reads_right_to_left(client, bob, programme):
    client.force_login(bob)
    _response, book = _workbook(client, "/ar/c/tunis/inventory/report.xlsx")
    sheet = book.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert sheet["A2"].value == "المساعدة على العودة الطوعية"
    assert book.sheetnames[1] == "من يفعل ماذا"


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"])
def test_every_text_cell_is_defused(client, bob, city, health, formula):
    lead = StakeholderFactory(city=city, name_fr=formula, name_ar="منظمة")
    ProgrammeFactory(city=city, title_fr=formula, lead=lead, domains=[health], source=formula)
    client.force_login(bob)
    _response, book = _workbook(client, "/fr/c/tunis/inventory/report.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    tainted = [cell for cell in cells if isinstance(cell.value, str) and formula in cell.value]
    assert len(tainted) >= 4  # title, lead (programmes and matrix), source
    for cell in tainted:
        assert cell.data_type == "s"
        assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert f"'{formula}" in [cell.value for cell in tainted]
