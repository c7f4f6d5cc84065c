"""The baseline report as a workbook (XLSX), in the active language: one sheet per part of the report.

Every cell goes through common.spreadsheets (xlsx_workbook_bytes): a spreadsheet runs text starting with = + - @ as a formula
(a name typed as =HYPERLINK(...) would become a link), so such text gets a leading apostrophe and is stored
as a string. Numbers and dates keep their types.
"""

from django.utils.translation import gettext as _

from common.spreadsheets import XlsxSheet, xlsx_workbook_bytes

from .selectors import BaselineReport, assessment_of


def _join(values) -> str:
    return "; ".join(str(v) for v in values)


def _period_end(programme):
    return programme.end_month if programme.end_month else _("no end date")


def programme_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    headers = [
        _("Programme"),
        _("Lead stakeholder"),
        _("Partner stakeholders"),
        _("Domains"),
        _("Target groups"),
        _("Area"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Source of funding"),
        _("Amount"),
        _("Currency"),
        _("Source of the information"),
        _("Needs and opportunities it relates to"),
        _("Assessed"),
    ]
    rows = []
    for p in report.programmes:
        area = p.get_coverage_display()
        if p.districts:
            area = f"{area}: {p.districts}"
        rows.append(
            [
                p.title,
                p.lead.display_name,
                _join(s.display_name for s in p.partners.all()),
                _join(d.name for d in p.domains.all()),
                _join(t.get_group_display() for t in p.target_groups.all()),
                area,
                p.start_month,
                _period_end(p),
                p.get_status_display(),
                p.funding_source,
                p.amount,
                p.currency,
                p.source,
                _join(item.short_text for item in p.mapping_items.all()),
                _("yes") if assessment_of(p) is not None else _("no"),
            ]
        )
    return headers, rows


def matrix_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    """Stakeholders by domains: in how many programmes (led or as partner) in each domain."""
    matrix = report.matrix
    headers = [_("Stakeholder"), *(d.name for d in matrix.domains), _("Programmes")]
    rows = [[row.stakeholder.display_name, *(cell.total for cell in row.cells), row.total] for row in matrix.rows]
    rows.append([_("Programmes per domain"), *matrix.programme_counts, ""])
    return headers, rows


def gap_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    headers = [_("Gap"), _("Domain or target group"), _("Needs from the mapping"), _("Planned programmes")]
    rows = [
        [
            _("Domain with needs and no running programme"),
            gap.domain.name,
            _join(need.text for need in gap.needs),
            _join(p.title for p in gap.planned),
        ]
        for gap in report.gaps.domains
    ]
    rows += [
        [_("Target group no running programme serves"), gap.label, "", _join(p.title for p in gap.planned)]
        for gap in report.gaps.groups
    ]
    return headers, rows


def overlap_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    headers = [_("Domain"), _("Target group"), _("Running programmes"), _("Programmes")]
    rows = [
        [o.domain.name, o.group_label, len(o.programmes), _join(p.title for p in o.programmes)] for o in report.overlaps
    ]
    return headers, rows


def assessment_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    criteria = [summary.criterion for summary in report.criteria]
    headers = [
        _("Programme"),
        _("Date of the assessment"),
        _("What works (positive aspects)"),
        _("What does not work (negative aspects)"),
        _("Gaps"),
        _("Lessons"),
        *(c.name for c in criteria),
    ]
    rows = []
    for p in report.assessed:
        assessment = assessment_of(p)
        scores = {r.criterion_id: r.score for r in assessment.ratings.all()}
        rows.append(
            [
                p.title,
                assessment.assessed_on,
                assessment.positives,
                assessment.negatives,
                assessment.gaps,
                assessment.lessons,
                *(scores.get(c.pk) for c in criteria),
            ]
        )
    return headers, rows


def criteria_rows(report: BaselineReport) -> tuple[list[str], list[list]]:
    headers = [_("Criterion"), _("Programmes rated"), _("Mean score (1 to 5)"), "1", "2", "3", "4", "5"]
    rows = [[s.criterion.name, s.count, s.mean, *s.distribution] for s in report.criteria]
    return headers, rows


def report_xlsx_bytes(report: BaselineReport, *, rtl: bool) -> bytes:
    # Programme periods are months, assessments are dated.
    sheets = [
        XlsxSheet(_("Programmes"), *programme_rows(report), width=30, date_format="yyyy-mm"),
        XlsxSheet(_("Who does what"), *matrix_rows(report), width=14),
        XlsxSheet(_("Coverage gaps"), *gap_rows(report), width=40),
        XlsxSheet(_("Overlaps"), *overlap_rows(report), width=30),
        XlsxSheet(_("Assessments"), *assessment_rows(report), width=40),
        XlsxSheet(_("Criteria"), *criteria_rows(report), width=18),
    ]
    return xlsx_workbook_bytes(sheets, rtl=rtl, freeze_panes="B2")
