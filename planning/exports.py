"""The M&E matrix as CSV and XLSX, in the active language (columns of a usual M&E matrix).

Every cell goes through common.spreadsheets (the formula guard), in both formats.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from common.spreadsheets import csv_bytes, xlsx_append_row

from .selectors import Plan


def matrix_headers() -> list[str]:
    return [
        _("Domain"),
        _("Action"),
        _("Action status"),
        _("Lead stakeholder"),
        _("Indicator"),
        _("Type"),
        _("Unit"),
        _("Baseline"),
        _("Baseline date"),
        _("Target"),
        _("Target date"),
        _("Latest value"),
        _("Latest measurement date"),
        _("Progress (%)"),
        _("Expected progress (%)"),
        _("Tracking"),
        _("Means of verification"),
        _("Frequency of collection"),
        _("Responsible stakeholder"),
    ]


def matrix_rows(plan: Plan) -> list[list]:
    """One row per indicator; an action without indicator gets one row flagged "No indicator".

    Values keep their types (Decimal, date, int) so the XLSX has real numbers and dates.
    """
    rows = []
    for domain in plan.domains:
        for action_row in domain.actions:
            action = action_row.action
            head = [domain.domain.name, action.title, action.get_status_display(), action.lead.display_name]
            if not action_row.indicators:
                flag = _("No indicator") if action_row.has_no_indicator else ""
                rows.append(head + ["", "", "", None, None, None, None, None, None, None, None, flag, "", "", ""])
                continue
            for row in action_row.indicators:
                indicator = row.indicator
                if action_row.is_dropped:
                    tracking = pgettext("action status", "Dropped")
                elif row.progress.off_track:
                    tracking = _("Off track")
                else:
                    tracking = _("On track")
                rows.append(
                    head
                    + [
                        indicator.name,
                        indicator.get_kind_display(),
                        indicator.unit,
                        indicator.baseline_value,
                        indicator.baseline_date,
                        indicator.target_value,
                        indicator.target_date,
                        row.latest_value,
                        row.latest_date,
                        row.progress.percent,
                        row.progress.expected_percent,
                        tracking,
                        indicator.means_of_verification,
                        indicator.get_frequency_display(),
                        indicator.responsible.display_name if indicator.responsible_id else "",
                    ]
                )
    return rows


def matrix_csv_bytes(plan: Plan) -> bytes:
    """In the product's CSV dialect (common.spreadsheets): semicolons, decimal commas, ISO dates."""
    return csv_bytes([matrix_headers(), *matrix_rows(plan)])


def matrix_xlsx_bytes(plan: Plan, *, rtl: bool, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = rtl
    xlsx_append_row(sheet, matrix_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    flag_fill = PatternFill("solid", fgColor="FFF3CD")
    for values in matrix_rows(plan):
        xlsx_append_row(sheet, values)
        row = sheet.max_row
        for column in (9, 11, 13):
            sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
        if values[15] in (_("Off track"), _("No indicator")):
            sheet.cell(row=row, column=16).fill = flag_fill
    widths = [18, 36, 14, 28, 36, 10, 12, 10, 12, 10, 12, 10, 12, 10, 10, 14, 36, 14, 28]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
