"""The roadmap PDF (French, Arabic or bilingual): action plan table, M&E matrix, page numbers, version hash."""

from cities.pdf import render_pdf

from .models import RoadmapApproval, RoadmapVersion
from .selectors import roadmap_snapshot

LANGUAGES = ("fr", "ar", "bi")


def roadmap_approval_of(version: RoadmapVersion) -> RoadmapApproval | None:
    try:
        return version.approval
    except RoadmapApproval.DoesNotExist:
        return None


def roadmap_pdf(*, version: RoadmapVersion, language: str) -> bytes:
    """A frozen version prints its stored snapshot (what the hash covers); a draft prints the live plan."""
    if language not in LANGUAGES:
        raise ValueError(language)
    snapshot = version.snapshot if version.is_frozen else roadmap_snapshot(city=version.city)
    context = {
        "version": version,
        "doc_city": version.city,
        "snapshot": snapshot,
        "approval": roadmap_approval_of(version),
        "bilingual": language == "bi",
        "doc_language": language,
    }
    return render_pdf("planning/pdf/roadmap.html", context, language=language)
