"""The roadmap PDF (French, Arabic or bilingual): action plan table, M&E matrix, page numbers, version hash."""

from django.core.cache import cache

from common.hashing import sha256_hex
from common.pdf import DocumentLanguage, render_pdf

from .models import RoadmapApproval, RoadmapVersion
from .selectors import roadmap_snapshot

# A frozen version's PDF is kept this long. The key changes with everything the PDF prints (see
# roadmap_pdf_cache_key); the timeout only bounds how long a deployment that changes the template,
# the stylesheets or the translations leaves the earlier layout in the cache.
ROADMAP_PDF_CACHE_SECONDS = 24 * 60 * 60


def roadmap_approval_of(version: RoadmapVersion) -> RoadmapApproval | None:
    try:
        return version.approval
    except RoadmapApproval.DoesNotExist:
        return None


def roadmap_pdf(*, version: RoadmapVersion, language: str) -> bytes:
    """A frozen version's PDF comes from the cache once rendered; a draft always renders the live plan."""
    if language not in DocumentLanguage.values:
        raise ValueError(language)
    if not version.is_frozen:
        return roadmap_pdf_render(version=version, language=language)
    key = roadmap_pdf_cache_key(version=version, language=language)
    data = cache.get(key)
    if data is None:
        data = roadmap_pdf_render(version=version, language=language)
        cache.set(key, data, ROADMAP_PDF_CACHE_SECONDS)
    return data


def roadmap_pdf_cache_key(*, version: RoadmapVersion, language: str) -> str:
    """Version, SHA-256 and language, then what a frozen version prints besides what its hash covers.

    The status (frozen, approved, superseded: a later approval supersedes it without touching the row's
    hash), the approval (recorded after freezing, its date and decision still editable in the admin)
    and the city's name and programme in the header.
    """
    approval = roadmap_approval_of(version)
    city = version.city
    printed = [
        version.status,
        city.name_fr,
        city.name_ar,
        city.programme_fr,
        city.programme_ar,
    ]
    if approval is not None:
        printed += [approval.decided_on.isoformat(), approval.decision_fr, approval.decision_ar]
    digest = sha256_hex("\x1f".join(str(value or "") for value in printed))[:16]
    approval_part = f"approval-{approval.pk}" if approval is not None else "no-approval"
    return f"planning:roadmap-pdf:{version.pk}:{version.sha256}:{language}:{approval_part}:{digest}"


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
