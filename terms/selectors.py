"""Reads for the terms app. Every page's queries live here, each a fixed number of SQL queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cities.models import City
from common.bidi import TranslationGap, translation_gaps
from common.collation import translated_name_order
from common.pdf import DocumentLanguage
from common.text import normalize_search_text
from links.models import EventKind, LinkEvent
from stakeholders.models import Domain, Stakeholder

from .models import (
    RatificationRecord,
    RatificationRequest,
    RoleAssignment,
    TermsOfReference,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)


def tor_adopted_version(*, city: City) -> TorVersion | None:
    """The city's adopted ToR version, or None while none is adopted (consultation 2 is gated on it)."""
    return TorVersion.objects.filter(tor__city=city, status=VersionStatus.ADOPTED).select_related("tor").first()


def tor_version_latest(*, city: City) -> TorVersion | None:
    """The city's newest ToR version (any status), or None before the first one (one query)."""
    return TorVersion.objects.filter(tor__city=city).order_by("-number").first()


def tor_for_city(*, city: City) -> TermsOfReference | None:
    return TermsOfReference.objects.filter(city=city).first()


def tor_version_list(*, city: City):
    """The city's versions, newest first, with their section and feedback counts (one query)."""
    return (
        TorVersion.objects.filter(tor__city=city)
        .annotate(
            section_count=Count("sections", distinct=True),
            feedback_count=Count("feedback", distinct=True),
        )
        .order_by("-number")
    )


def tor_version_numbers(*, city: City) -> list[int]:
    """The numbers of the city's versions, newest first (one query): the choices of the compare form."""
    return list(TorVersion.objects.filter(tor__city=city).order_by("-number").values_list("number", flat=True))


def tor_version_get(*, city: City, number: int) -> TorVersion:
    version = TorVersion.objects.filter(tor__city=city, number=number).select_related("tor__city", "previous").first()
    if version is None:
        raise Http404
    return version


def tor_version_sections(*, version: TorVersion) -> list[TorSection]:
    """Sections in order with their feedback count (one query)."""
    return list(
        version.sections.annotate(feedback_count=Count("feedback")).order_by("position", "pk"),
    )


def tor_version_changes(*, version: TorVersion) -> list[TorChange]:
    """The changes list with the feedback behind each change (two queries)."""
    return list(
        version.changes.select_related("section").prefetch_related(
            Prefetch(
                "feedback",
                queryset=TorFeedback.objects.select_related("section", "stakeholder", "version"),
            )
        )
    )


@dataclass
class SectionFeedback:
    section: TorSection | None
    items: list = field(default_factory=list)


def tor_feedback_by_section(*, version: TorVersion) -> list[SectionFeedback]:
    """Feedback grouped by section in section order, the general comments last (two queries)."""
    sections = list(version.sections.order_by("position", "pk"))
    groups = {s.pk: SectionFeedback(section=s) for s in sections}
    general = SectionFeedback(section=None)
    for item in version.feedback.select_related("stakeholder", "recorded_by").order_by("created_at", "pk"):
        groups.get(item.section_id, general).items.append(item)
    return [*groups.values(), general]


def tor_feedback_for_stakeholder(*, stakeholder: Stakeholder, limit: int = 50) -> list[TorFeedback]:
    """A stakeholder's remarks on every version, newest first, with the secretariat's replies (one query)."""
    return list(
        TorFeedback.objects.filter(stakeholder=stakeholder)
        .select_related("version", "section")
        .order_by("-created_at", "-pk")[:limit]
    )


def tor_feedback_for_earlier_versions(*, version: TorVersion):
    """Feedback a draft's changes may refer to: the ToR's earlier versions (one query)."""
    return (
        TorFeedback.objects.filter(version__tor_id=version.tor_id, version__number__lt=version.number)
        .select_related("version", "section", "stakeholder")
        .order_by("-version__number", "section__position", "pk")
    )


# --- Roles -----------------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    stakeholder: Stakeholder
    cells: list  # one list of roles per domain, in the matrix's domain order
    general: list  # roles held without a domain
    has_role: bool


@dataclass
class RoleMatrix:
    domains: list
    rows: list
    unled_domains: list
    without_role_count: int


def role_matrix(*, version: TorVersion, stakeholders) -> RoleMatrix:
    """Stakeholders down, domains across, roles in the cells; domains nobody leads; stakeholders with no role.

    `stakeholders` is the page of stakeholders to draw. Queries: domains, assignments of the page,
    led domain ids, count of active stakeholders without a role (4, whatever the row count).
    """
    domains = list(Domain.objects.all())
    page_ids = [s.pk for s in stakeholders]
    by_stakeholder = defaultdict(list)
    for a in (
        RoleAssignment.objects.filter(version=version, stakeholder_id__in=page_ids)
        .select_related("role")
        .order_by("role__position", "pk")
    ):
        by_stakeholder[a.stakeholder_id].append(a)
    rows = []
    for s in stakeholders:
        assignments = by_stakeholder.get(s.pk, [])
        cells = [[a for a in assignments if a.domain_id == d.pk] for d in domains]
        general = [a for a in assignments if a.domain_id is None]
        rows.append(MatrixRow(stakeholder=s, cells=cells, general=general, has_role=bool(assignments)))
    led = set(
        RoleAssignment.objects.filter(version=version, role__leads_domain=True, domain__isnull=False).values_list(
            "domain_id", flat=True
        )
    )
    without_role = (
        Stakeholder.objects.filter(city_id=version.tor.city_id, is_active=True)
        # An uncorrelated IN: the correlated NOT EXISTS Django writes for the join took 0.8 s at 5,000.
        .exclude(pk__in=version.role_assignments.values("stakeholder_id"))
        .count()
    )
    return RoleMatrix(
        domains=domains,
        rows=rows,
        unled_domains=[d for d in domains if d.pk not in led],
        without_role_count=without_role,
    )


def matrix_stakeholders(*, version: TorVersion, query: str = ""):
    """Active stakeholders, plus inactive ones holding a role in this version; with a query, those whose
    names or acronyms (French or Arabic, normalised as in the registry search) hold every word of it."""
    qs = Stakeholder.objects.filter(city_id=version.tor.city_id).filter(
        Q(is_active=True) | Q(pk__in=version.role_assignments.values("stakeholder_id"))
    )
    for term in normalize_search_text(query).split():
        qs = qs.filter(search_text__contains=term)
    return qs.order_by(translated_name_order(), "pk")


def stakeholder_roles(*, version: TorVersion, stakeholder: Stakeholder) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.filter(version=version, stakeholder=stakeholder)
        .select_related("role", "domain")
        .order_by("role__position", "domain__position")
    )


# --- Ratification ------------------------------------------------------------------------------------


def stakeholders_without_role(*, version: TorVersion) -> list[Stakeholder]:
    """Active stakeholders holding no role in this version (1 query, only the missing ones are loaded)."""
    return list(
        Stakeholder.objects.filter(city_id=version.tor.city_id, is_active=True)
        .exclude(pk__in=version.role_assignments.values("stakeholder_id"))
        .order_by(translated_name_order(), "pk")
    )


def ratification_records_latest(*, version: TorVersion) -> dict:
    """The newest printed record per language, without the PDF bytes (one query); and per language
    whether a newer one is still being printed (in `pending`, a set of language codes)."""
    latest, pending = {}, set()
    for record in (
        version.ratification_records.defer("pdf").select_related("generated_by").order_by("-generated_at", "-pk")
    ):
        if not record.size:
            if record.language not in latest:
                pending.add(record.language)
            continue
        latest.setdefault(record.language, record)
    return {"latest": {code: latest.get(code) for code in DocumentLanguage.values}, "pending": pending}


def ratification_record_latest(*, version: TorVersion, language: str) -> RatificationRecord | None:
    """The newest printed record in `language` (not one still being printed)."""
    return version.ratification_records.filter(language=language, size__gt=0).order_by("-generated_at", "-pk").first()


@dataclass
class RecordRow:
    stakeholder: Stakeholder
    roles: list
    request: RatificationRequest | None
    # Declines that no longer stand: the request was reopened after them (oldest first).
    withdrawn: list = field(default_factory=list)


@dataclass(frozen=True)
class WithdrawnDecline:
    declined_at: object
    reason: str
    reopened_at: object
    reopened_by: object  # the staff user who reopened it, or None


def _withdrawn_declines(request_ids) -> dict[int, list[WithdrawnDecline]]:
    """The declines reopened by staff, per request, from the audit trail (one query)."""
    events = (
        LinkEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(RatificationRequest),
            target_id__in=list(request_ids),
            kind=EventKind.RESENT,
            detail__reopened_after_decline=True,
        )
        .select_related("user")
        .order_by("at", "pk")
    )
    out = defaultdict(list)
    for event in events:
        out[event.target_id].append(
            WithdrawnDecline(
                declined_at=parse_datetime(event.detail.get("declined_at") or ""),
                reason=event.detail.get("reason", ""),
                reopened_at=event.at,
                reopened_by=event.user,
            )
        )
    return out


def ratification_record_rows(*, version: TorVersion) -> list[RecordRow]:
    """Every stakeholder with a request or active, with roles, decision and the declines reopened since
    (four queries)."""
    requests = {
        rr.stakeholder_id: rr
        for rr in RatificationRequest.objects.filter(version=version).select_related("recorded_by")
    }
    roles = defaultdict(list)
    for a in (
        RoleAssignment.objects.filter(version=version)
        .select_related("role", "domain")
        .order_by("role__position", "domain__position")
    ):
        roles[a.stakeholder_id].append(a)
    stakeholders = Stakeholder.objects.filter(city_id=version.tor.city_id).filter(
        Q(is_active=True) | Q(pk__in=list(requests))
    )
    withdrawn = _withdrawn_declines(rr.pk for rr in requests.values())
    return [
        RecordRow(
            stakeholder=s,
            roles=roles.get(s.pk, []),
            request=requests.get(s.pk),
            withdrawn=withdrawn.get(requests[s.pk].pk, []) if s.pk in requests else [],
        )
        for s in stakeholders.order_by(translated_name_order(), "pk")
    ]


def roles_for_stakeholder(*, stakeholder: Stakeholder, limit: int = 50) -> list[RoleAssignment]:
    """The stakeholder's coordination roles in every ToR version, newest version first (one query)."""
    return list(
        RoleAssignment.objects.filter(stakeholder=stakeholder)
        .select_related("version", "role", "domain")
        .order_by("-version__number", "role__position", "domain__position")[:limit]
    )


def tor_version_translation_gaps(*, version: TorVersion, sections) -> list[TranslationGap]:
    """What the version says in one language only (its PDFs and the ratification page would show the other).
    Works on the loaded version (with its terms) and sections: no query."""
    gaps = translation_gaps(version.tor, ["title"], where=_("Terms of reference"))
    gaps += translation_gaps(version, ["summary"], where=_("Version %(number)s") % {"number": version.number})
    for position, section in enumerate(sections, start=1):
        where = _("Section %(number)s “%(heading)s”") % {"number": position, "heading": section.heading}
        gaps += translation_gaps(section, ["heading", "text"], where=where)
    return gaps
