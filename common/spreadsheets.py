"""The one guard for every cell a CSV or XLSX export writes (CSV / formula injection).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them) as a
formula: =HYPERLINK(...) leaks data, =cmd|... runs programs. Such text gets a leading apostrophe, so
it shows as typed. Plain numbers (-3.5) and phone numbers (+216 71 123 456) are left as they are:
they cannot call a function or reference a cell, and an apostrophe would spoil them.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

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


def csv_bytes(rows: Iterable[Sequence], *, delimiter: str = ",") -> bytes:
    """Rows as CSV through safe_cell: UTF-8 with a byte-order mark (spreadsheets then read Arabic
    right), CRLF line ends. None is written as an empty cell."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_append_row(sheet, values: Sequence) -> None:
    """Append a row to an openpyxl worksheet through safe_cell. Text is stored as text (data type "s"),
    so no cell of an export is ever a formula; numbers and dates keep their types."""
    sheet.append([safe_cell(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
