"""The one spreadsheet-cell guard: formulas defused, phone numbers and numbers left alone, in CSV and XLSX."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from common.spreadsheets import XlsxSheet, csv_bytes, csv_text, safe_cell, xlsx_append_row, xlsx_workbook_bytes

DEFUSED = [
    '=HYPERLINK("http://evil.example","click")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "-cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "+",
    "-",
    "=",
    "+216 71 123 456+HYPERLINK(1)",
    "+1-1",
    "-3.5e10",
]
LEFT_ALONE = [
    "+216 71 123 456",
    "+216.71.123.456",
    "+21671123456",
    "-3.5",
    "-3,5",
    "+12",
    "-7",
    "Tunis",
    "تونس",
    "a=b",
    " =1",  # a leading blank is text for every spreadsheet
    "",
]


@pytest.mark.parametrize("value", DEFUSED)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", LEFT_ALONE)
def test_phone_numbers_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [None, 0, -3, Decimal("-3.5"), 2.5, datetime.date(2023, 11, 7), True])
def test_values_that_are_not_text_come_back_unchanged(value):
    assert safe_cell(value) is value


def test_csv_bytes_has_a_byte_order_mark_crlf_and_every_cell_guarded():
    data = csv_bytes(
        [["Nom", "Téléphone", "Cible"], ['=HYPERLINK("x")', "+216 71 123 456", Decimal("-3.5")], [None, 4]]
    )
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [["Nom", "Téléphone", "Cible"], ['\'=HYPERLINK("x")', "+216 71 123 456", "-3,5"], ["", "4"]]


def test_csv_bytes_writes_the_one_dialect_a_french_spreadsheet_opens():
    data = csv_bytes(
        [
            ["a", "b;c", 'd "e"'],
            ["@x", 1, Decimal("200.00")],
            [Decimal("12.50"), 2.5, datetime.date(2023, 11, 7)],
            [datetime.datetime(2023, 11, 7, 9, 30, tzinfo=datetime.UTC), None, "-1,5"],
        ]
    )
    assert data.decode("utf-8") == (
        '\ufeffa;"b;c";"d ""e"""\r\n\'@x;1;200\r\n12,5;2,5;2023-11-07\r\n2023-11-07T09:30:00+00:00;;-1,5\r\n'
    )


@pytest.mark.parametrize(
    "value, text",
    [(None, ""), (Decimal("-3.50"), "-3,5"), (Decimal("1E+2"), "100"), (0.1, "0,1"), (7, 7), ("7.5", "7.5")],
)
def test_csv_text_writes_decimals_with_a_comma_and_leaves_text_alone(value, text):
    assert csv_text(value) == text


def test_xlsx_rows_store_no_formula_and_keep_numbers_and_dates():
    workbook = Workbook()
    sheet = workbook.active
    xlsx_append_row(sheet, ["Titre", "Téléphone", "Cible", "Date"])
    xlsx_append_row(
        sheet, ['=HYPERLINK("http://evil.example")', "+216 71 123 456", Decimal("200"), datetime.date(2025, 1, 1)]
    )
    xlsx_append_row(sheet, ["@SUM(A1:A2)", "-3.5", -3, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    loaded = load_workbook(io.BytesIO(buffer.getvalue())).active
    cells = [cell for row in loaded.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert loaded["A2"].value == '\'=HYPERLINK("http://evil.example")'
    assert loaded["A2"].data_type == "s"
    assert loaded["B2"].value == "+216 71 123 456"
    assert loaded["C2"].value == 200
    assert loaded["D2"].value == datetime.datetime(2025, 1, 1)
    assert loaded["A3"].value == "'@SUM(A1:A2)"
    assert (loaded["B3"].value, loaded["B3"].data_type) == ("-3.5", "s")
    assert loaded["C3"].value == -3


def test_xlsx_workbook_writes_each_sheet_with_its_header_widths_dates_and_direction():
    sheets = [
        XlsxSheet("Periods: 2025/2026 [draft] and a name longer than that", ["Mois"], [[datetime.date(2025, 3, 1)]],
                  width=30, date_format="yyyy-mm"),
        XlsxSheet("Dates", ["Date", "Note"], [[datetime.date(2025, 3, 1), "=1+1"]], width=14),
    ]  # fmt: skip

    workbook = load_workbook(io.BytesIO(xlsx_workbook_bytes(sheets, rtl=True, freeze_panes="B2")))

    assert workbook.sheetnames == ["Periods  2025 2026  draft  and ", "Dates"]
    periods, dates = workbook.worksheets
    assert periods["A1"].font.bold
    assert periods.sheet_view.rightToLeft
    assert periods.freeze_panes == "B2"
    assert periods.column_dimensions["A"].width == 30
    assert periods["A2"].number_format == "yyyy-mm"
    assert dates["A2"].number_format == "yyyy-mm-dd"
    assert (dates["B2"].value, dates["B2"].data_type) == ("'=1+1", "s")
