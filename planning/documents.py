"""The roadmap PDF (French, Arabic or bilingual): action plan table, M&E matrix, page numbers, version hash."""

from django.utils import translation
from django.utils.translation import gettext as _

from common.pdf import DocumentLanguage, render_pdf
from common.services import document_state, issued_document_get_or_issue

from .models import RoadmapApproval, RoadmapVersion
from .selectors import roadmap_snapshot


def roadmap_approval_of(version: RoadmapVersion) -> RoadmapApproval | None:
    try:
        return version.approval
    except RoadmapApproval.DoesNotExist:
        return None


def roadmap_pdf(*, version: RoadmapVersion, language: str) -> bytes:
    """A draft always renders the live plan. A frozen version's PDF is issued once per language and printed
    state: rendered, signed with the city's certificate and kept (common.IssuedDocument), then read back,
    so the verify page knows the file."""
    if language not in DocumentLanguage.values:
        raise ValueError(language)
    if not version.is_frozen:
        return roadmap_pdf_render(version=version, language=language)
    with translation.override("fr" if language == DocumentLanguage.BILINGUAL else language):
        reason = _("Roadmap version %(number)s") % {"number": version.number}
    issued = issued_document_get_or_issue(
        target=version,
        language=language,
        state=roadmap_pdf_state(version=version),
        render=lambda: roadmap_pdf_render(version=version, language=language),
        reason=reason,
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
    return render_pdf("planning/pdf/roadmap.html", context, language=language)
