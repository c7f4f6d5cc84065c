"""The one guard for every cell a CSV or XLSX export writes (CSV / formula injection).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them) as a
formula: =HYPERLINK(...) leaks data, =cmd|... runs programs. Such text gets a leading apostrophe, so
it shows as typed. Plain numbers (-3.5) and phone numbers (+216 71 123 456) are left as they are:
they cannot call a function or reference a cell, and an apostrophe would spoil them.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# -3.5, +12, 1,5: a sign, digits, one decimal separator.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# +216 71 123 456, +216.71.123.456: a leading plus, then digits grouped by spaces or dots (no operator).
_PHONE_NUMBER = re.compile(r"\+\d+(?:[ .]\d+)*")


def safe_cell(value):
    """The value to write in a spreadsheet cell: text that a spreadsheet would run is defused with a
    leading apostrophe; numbers, dates, None and other non-text values come back unchanged. A lazy
    translation (a choice's label) is written as its text."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value) or _PHONE_NUMBER.fullmatch(value):
        return value
    return "'" + value


# The product's one CSV dialect, the one a spreadsheet set to French opens with a double click (Excel in
# France and Tunisia): cells separated by semicolons, a comma before decimals, UTF-8 with a byte-order mark
# (without it Arabic comes out garbled), CRLF line ends, dates as ISO 8601 (read as dates whatever the locale).
CSV_DELIMITER = ";"
CSV_DECIMAL_MARK = ","


def csv_text(value):
    """A value as the dialect writes it: None empty, dates ISO, decimals with a comma and no trailing
    zeros (200.00 -> "200", 12.50 -> "12,5"); text and integers as they are."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetime too
        return value.isoformat()
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", CSV_DECIMAL_MARK)
    return value


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """Rows as CSV in the product's dialect (CSV_DELIMITER above), every cell through csv_text then
    safe_cell. Every CSV download is built here, so they all open the same way."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(csv_text(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_append_row(sheet, values: Sequence) -> None:
    """Append a row to an openpyxl worksheet through safe_cell. Text is stored as text (data type "s"),
    so no cell of an export is ever a formula; numbers and dates keep their types."""
    sheet.append([safe_cell(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


@dataclass(frozen=True)
class XlsxSheet:
    """One sheet of a workbook: a bold header row, then the rows; every column `width` wide, dates shown
    with `date_format` (a report whose periods are months says "yyyy-mm")."""

    title: str
    headers: Sequence
    rows: Iterable[Sequence]
    width: int
    date_format: str = "yyyy-mm-dd"


def xlsx_sheet_title(title: str) -> str:
    """A sheet's name: at most 31 characters, none of []:*?/\\ (a spreadsheet refuses them)."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31]


def xlsx_workbook_bytes(sheets: Iterable[XlsxSheet], *, rtl: bool, freeze_panes: str | None = None) -> bytes:
    """A workbook of these sheets, right to left when `rtl`, every cell through xlsx_append_row; with
    `freeze_panes` ("B2") the header row and first columns stay in view."""
    from openpyxl import Workbook  # noqa: PLC0415 -- heavy, loaded on the first export
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415 -- same

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(title=xlsx_sheet_title(spec.title))
        sheet.sheet_view.rightToLeft = rtl
        xlsx_append_row(sheet, spec.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF2F7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for values in spec.rows:
            xlsx_append_row(sheet, values)
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = spec.width
            for cell in column[1:]:
                if hasattr(cell.value, "isoformat"):
                    cell.number_format = spec.date_format
        if freeze_panes:
            sheet.freeze_panes = freeze_panes
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
