import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from tests.factories import ActionFactory, MeasurementFactory

D = datetime.date


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_has_the_m_and_e_columns_in_french(client, bob, city, indicator, measurement, health):
    ActionFactory(city=city, domain=health, title_fr="Action sans indicateur")
    client.force_login(bob)
    response = client.get("/fr/c/tunis/planning/matrix.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="me-matrix-tunis-fr.csv"'
    rows = _csv_rows(response)
    assert rows[0] == [
        "Domaine",
        "Action",
        "Statut de l'action",
        "Partie prenante cheffe de file",
        "Indicateur",
        "Type",
        "Unité",
        "Valeur de référence",
        "Date de référence",
        "Cible",
        "Date cible",
        "Dernière valeur",
        "Date de la dernière mesure",
        "Avancement (%)",
        "Avancement attendu (%)",
        "Suivi",
        "Moyens de vérification",
        "Fréquence de collecte",
        "Partie prenante responsable",
    ]
    by_action = {row[1]: row for row in rows[1:]}
    line = by_action["Permanence santé"]
    assert line[:5] == [
        "Santé",
        "Permanence santé",
        "Prévue",
        indicator.action.lead.display_name,
        "Consultations assurées",
    ]
    assert line[5:13] == ["Réalisation", "personnes", "0", "2024-01-01", "200", "2025-01-01", "50", "2024-06-30"]
    assert line[13] == "25"
    assert line[16:] == ["Registres du service", "Trimestrielle", indicator.responsible.display_name]
    flagged = by_action["Action sans indicateur"]
    assert flagged[4] == "" and flagged[15] == "Aucun indicateur"


def test_the_csv_is_in_arabic_in_arabic_pages(client, bob, indicator, measurement):
    client.force_login(bob)
    rows = _csv_rows(client.get("/ar/c/tunis/planning/matrix.csv"))
    assert (rows[0][0], rows[0][4], rows[0][17]) == ("المجال", "المؤشر", "دورية الجمع")
    assert rows[1][1] == "حصص صحية"
    assert rows[1][4] == "الاستشارات المقدمة"


def test_the_csv_neutralises_formulas(client, bob, city, health):
    ActionFactory(city=city, domain=health, title_fr='=HYPERLINK("http://evil")')
    client.force_login(bob)
    rows = _csv_rows(client.get("/fr/c/tunis/planning/matrix.csv"))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'


def test_the_xlsx_keeps_numbers_and_dates_and_reads_right_to_left_in_arabic(client, bob, indicator, measurement):
    MeasurementFactory(indicator=indicator, value=Decimal("80"), measured_on=D(2024, 9, 30))
    client.force_login(bob)
    response = client.get("/ar/c/tunis/planning/matrix.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["A1"].value == "المجال"
    assert sheet["E2"].value == "الاستشارات المقدمة"
    assert sheet["H2"].value == 0
    assert sheet["J2"].value == 200
    assert sheet["K2"].value == datetime.datetime(2025, 1, 1)
    assert sheet["L2"].value == 80
    assert sheet["N2"].value == 40
    assert sheet.max_row == 2


def test_the_french_xlsx_reads_left_to_right(client, bob, indicator):
    client.force_login(bob)
    sheet = load_workbook(io.BytesIO(client.get("/fr/c/tunis/planning/matrix.xlsx").content)).active
    assert sheet.sheet_view.rightToLeft is False
    assert sheet["D1"].value == "Partie prenante cheffe de file"
    assert sheet["L2"].value is None  # no measurement yet


def test_the_xlsx_neutralises_formulas_and_stores_none(client, bob, city, health, indicator):
    ActionFactory(city=city, domain=health, title_fr='=HYPERLINK("http://evil")')
    indicator.means_of_verification_fr = "@SUM(A1:A9)"
    indicator.save()
    client.force_login(bob)
    sheet = load_workbook(io.BytesIO(client.get("/fr/c/tunis/planning/matrix.xlsx").content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    titles = {cell.value for cell in cells if cell.column == 2}
    assert '\'=HYPERLINK("http://evil")' in titles
    assert "'@SUM(A1:A9)" in {cell.value for cell in cells if cell.column == 17}
