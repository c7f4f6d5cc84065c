"""The roadmap PDF (French, Arabic or bilingual): action plan table, M&E matrix, page numbers, version hash."""

from django.utils import translation
from django.utils.translation import gettext as _

from common.models import PdfJob
from common.pdf import DocumentLanguage, html_to_pdf, render_html
from common.services import (
    document_state,
    issued_document_get,
    issued_document_get_or_issue,
    pdf_job_get_or_queue,
)

from .models import RoadmapApproval, RoadmapVersion
from .selectors import roadmap_snapshot


def roadmap_approval_of(version: RoadmapVersion) -> RoadmapApproval | None:
    try:
        return version.approval
    except RoadmapApproval.DoesNotExist:
        return None


ROADMAP_ISSUE = "planning.roadmap_issue"


def _issue_reason(version: RoadmapVersion, language: str) -> str:
    with translation.override("fr" if language == DocumentLanguage.BILINGUAL else language):
        return _("Roadmap version %(number)s") % {"number": version.number}


def roadmap_pdf(*, version: RoadmapVersion, language: str) -> bytes:
    """A draft always renders the live plan. A frozen version's PDF is issued once per language and printed
    state: rendered, signed with the city's certificate and kept (common.IssuedDocument), then read back,
    so the verify page knows the file."""
    if language not in DocumentLanguage.values:
        raise ValueError(language)
    if not version.is_frozen:
        return roadmap_pdf_render(version=version, language=language)
    issued = issued_document_get_or_issue(
        target=version,
        language=language,
        state=roadmap_pdf_state(version=version),
        render=lambda: roadmap_pdf_render(version=version, language=language),
        reason=_issue_reason(version, language),
        location=version.city.name,
    )
    return bytes(issued.pdf)


def roadmap_pdf_issued(*, version: RoadmapVersion, language: str) -> bytes | None:
    """A frozen version's copy already issued for what it prints now, else None (a draft has none)."""
    if not version.is_frozen:
        return None
    issued = issued_document_get(target=version, language=language, state=roadmap_pdf_state(version=version))
    return bytes(issued.pdf) if issued is not None else None


def roadmap_pdf_job(*, version: RoadmapVersion, language: str) -> PdfJob:
    """The background print of the roadmap (a large plan takes seconds): a frozen version's copy is then
    issued and signed by the worker (ROADMAP_ISSUE); a draft's print is kept by the hash of its HTML."""
    html = roadmap_pdf_html(version=version, language=language)
    if not version.is_frozen:
        return pdf_job_get_or_queue(html=html)
    params = {"version_id": version.pk, "language": language, "state": roadmap_pdf_state(version=version)}
    return pdf_job_get_or_queue(html=html, finish=ROADMAP_ISSUE, finish_params=params)


def roadmap_pdf_issue(pdf: bytes, *, version_id: int, language: str, state: str) -> bytes:
    """The worker's finishing step for a frozen version: issue (sign and keep) the printed copy."""
    version = RoadmapVersion.objects.select_related("city").get(pk=version_id)
    issued = issued_document_get_or_issue(
        target=version,
        language=language,
        state=state,
        render=lambda: pdf,
        reason=_issue_reason(version, language),
        location=version.city.name,
    )
    return bytes(issued.pdf)


def roadmap_pdf_state(*, version: RoadmapVersion) -> str:
    """The SHA-256, then what a frozen version prints besides what its hash covers.

    The status (frozen, approved, superseded: a later approval supersedes it without touching the row's
    hash), the approval (recorded after freezing, its date and decision still editable in the admin)
    and the city's name and programme in the header. A change there issues a new copy.
    """
    approval = roadmap_approval_of(version)
    city = version.city
    printed = [version.sha256, version.status, city.name_fr, city.name_ar, city.programme_fr, city.programme_ar]
    if approval is not None:
        printed += [approval.pk, approval.decided_on.isoformat(), approval.decision_fr, approval.decision_ar]
    return document_state(*printed)


def roadmap_pdf_render(*, version: RoadmapVersion, language: str) -> bytes:
    """The roadmap printed now, in this process."""
    return html_to_pdf(roadmap_pdf_html(version=version, language=language))


def roadmap_pdf_html(*, version: RoadmapVersion, language: str) -> str:
    """A frozen version prints its stored snapshot (what the hash covers); a draft prints the live plan."""
    if language not in DocumentLanguage.values:
        raise ValueError(language)
    snapshot = version.snapshot if version.is_frozen else roadmap_snapshot(city=version.city)
    context = {
        "version": version,
        "doc_city": version.city,
        "snapshot": snapshot,
        "approval": roadmap_approval_of(version),
        "bilingual": language == DocumentLanguage.BILINGUAL,
        "doc_language": language,
    }
    return render_html("planning/pdf/roadmap.html", context, language=language)
