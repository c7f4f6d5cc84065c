"""A programme's figures as a workbook (XLSX), in the active language: one sheet for the cities, one for the
stakeholders by category, one by domain of expertise. No contact, no name of a person: organisations are
counted, never listed.

Every cell goes through common.spreadsheets.xlsx_append_row (no cell is ever a formula); numbers and dates
keep their types, and a rate is a whole percentage (empty when there is nothing to divide by).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from common.spreadsheets import XlsxSheet, xlsx_workbook_bytes

from .selectors import Overview


def _step(row) -> str:
    step = row.current_step
    if step is None:
        return _("Cycle complete")
    return _("Consultation %(number)s: %(status)s") % {"number": step.number, "status": step.status_label}


def _local_date(value, city):
    return timezone.localtime(value, city.tzinfo).date() if value else None


def city_rows(overview: Overview) -> tuple[list[str], list[list]]:
    headers = [
        _("City"),
        _("Country"),
        _("Where it stands"),
        _("Consultations closed"),
        _("Active stakeholders"),
        _("Consultations with invitations"),
        _("Invitations sent"),
        _("Invitation rate (%)"),
        _("Answer rate (%)"),
        _("Attendance rate (%)"),
        _("Walk-ins"),
        _("ToR version sent for ratification"),
        _("Ratified"),
        _("Declined"),
        _("Pending"),
        _("Ratification completion (%)"),
        _("ToR adopted on"),
        _("Roadmap approved on"),
        _("Actions"),
        _("Indicators"),
        _("On track"),
        _("Off track"),
        _("Plan progress (%)"),
    ]
    rows = []
    for row in overview.cities:
        inv, rat, me = row.invitations, row.ratification, row.me
        rows.append(
            [
                row.city.name,
                row.city.country,
                _step(row),
                row.steps_closed,
                row.active,
                inv.consultations,
                inv.invited,
                inv.invitation_rate,
                inv.answer_rate,
                inv.attendance_rate,
                inv.walk_ins,
                rat.version_number,
                rat.ratified,
                rat.declined,
                rat.pending,
                rat.completion,
                _local_date(rat.tor_adopted_at, row.city),
                rat.roadmap_approved_on,
                me.actions,
                me.indicators,
                me.on_track,
                me.off_track,
                me.percent,
            ]
        )
    return headers, rows


def category_rows(overview: Overview) -> tuple[list[str], list[list]]:
    headers = [_("Category"), *(row.city.name for row in overview.cities), _("Total")]
    rows = [[label, *counts, total] for _code, label, counts, total in overview.categories]
    return headers, rows


def domain_rows(overview: Overview) -> tuple[list[str], list[list]]:
    headers = [_("Domain of expertise"), *(row.city.name for row in overview.cities), _("Total")]
    rows = [[domain.name, *counts, total] for domain, counts, total in overview.domain_rows]
    return headers, rows


def overview_xlsx_bytes(overview: Overview, *, rtl: bool) -> bytes:
    sheets = [
        XlsxSheet(_("Cities"), *city_rows(overview), width=16),
        XlsxSheet(_("Stakeholders by category"), *category_rows(overview), width=18),
        XlsxSheet(_("Stakeholders by domain"), *domain_rows(overview), width=18),
    ]
    return xlsx_workbook_bytes(sheets, rtl=rtl)
