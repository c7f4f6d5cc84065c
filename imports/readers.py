"""Read an uploaded spreadsheet (XLSX or CSV) into rows of text, refusing what is not one.

Nothing here evaluates anything: an XLSX is read with its formulas as their text (data_only=False), and
a cell that starts with = + - @ stays the text it is. A cell the registry export defused with a leading
apostrophe (common.spreadsheets.safe_cell) comes back as it was typed, so an export re-imports exactly.
Limits are checked before the expensive part: the upload's size (the form), the workbook's uncompressed
size (a zip bomb), then the rows, counted as they stream.
"""

import csv
import datetime
import io
import zipfile

import openpyxl
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.spreadsheets import FORMULA_STARTS, safe_cell

MAX_ROWS = 10_000  # data rows, the header excluded
MAX_COLUMNS = 60
MAX_BLANK_ROWS = 10_000
MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_CELL_CHARS = 10_000


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet; the message (translated) says why."""


def unguard_cell(value: str) -> str:
    """The inverse of safe_cell: "'=A1" (as an export writes "=A1") reads "=A1"; other text is unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) and safe_cell(value[1:]) == value:
        return value[1:]
    return value


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(count)s rows. Split it into several files.")
        % {"count": number_format(MAX_ROWS, force_grouping=True)}
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean_rows(rows) -> list[tuple[int, list[str]]]:
    """(row number, text cells), stripped and unguarded; blank rows dropped; at most MAX_ROWS rows
    after the header."""
    table = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_BLANK_ROWS + MAX_ROWS:  # a sheet of blank rows (or row numbers far apart)
            raise _too_many_rows()
        cells = [unguard_cell(_cell_text(value).strip()) for value in row[:MAX_COLUMNS]]
        if not any(cells):
            continue
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise ImportFileError(
                _("A cell of the file is longer than %(count)s characters.") % {"count": MAX_CELL_CHARS}
            )
        table.append((number, cells))
        if len(table) > MAX_ROWS + 1:
            raise _too_many_rows()
    if not table:
        raise ImportFileError(_("The file is empty."))
    return table


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            uncompressed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_("This file is not a valid XLSX workbook.")) from error
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("This file is not a valid XLSX workbook."))
    if uncompressed > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("This workbook is too large once uncompressed."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            return _clean_rows(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001 -- a malformed workbook makes openpyxl raise anything; it is the file's fault, never a 500
        raise ImportFileError(_("This file is not a valid XLSX workbook.")) from error


def _delimiter(first_line: str) -> str:
    """The header line's separator: the one of ; , and tab it holds most of (";" on a tie)."""
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts.values())
    if best == 0 or counts[";"] == best:
        return ";"
    return "," if counts[","] == best else "\t"


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("This file is not encoded in UTF-8. Save it again as “CSV UTF-8” and upload it again.")
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("This file is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    try:
        return _clean_rows(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line)))
    except csv.Error as error:
        raise ImportFileError(_("This CSV file cannot be read: %(error)s") % {"error": error}) from error


def read_table(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The file's first sheet as (row number, cells as text), the header first. Raises ImportFileError."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if extension in ("xlsx", "xlsm") or data.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(_("This file is not a valid XLSX workbook."))
    if extension not in ("csv", "txt"):
        raise ImportFileError(_("Choose an XLSX or a CSV file."))
    return _read_csv(data)
