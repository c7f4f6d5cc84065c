"""Reads for the inventory: the programme list, who does what, coverage gaps, overlaps, the timeline, the
needs of the mapping with the programmes that relate to them, and the baseline report.

Every function here runs a fixed number of queries whatever the number of programmes (pages count on it).
The rules:
- a programme *covers* a domain or a target group while its status is "running";
- a coverage gap is a domain with at least one need in the mapping (planning) and no running programme,
  or a target group no running programme serves;
- an overlap is two or more running programmes sharing a domain and a target group.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q, QuerySet

from cities.models import City
from common.collation import collation_key, translated_name_order
from planning.models import MappingItem, MappingKind
from stakeholders.models import Domain, Stakeholder

from .models import (
    LINKABLE_MAPPING_KINDS,
    Assessment,
    Criterion,
    Programme,
    ProgrammeStatus,
    ProgrammeTargetGroup,
    Rating,
    TargetGroup,
)

ProgrammeDomain = Programme.domains.through
ProgrammePartner = Programme.partners.through


def _title_order():
    """Titles in the reader's language (French when none), with that language's collation."""
    return translated_name_order("title")


def domain_list() -> list[Domain]:
    return list(Domain.objects.order_by("position", "code"))


# --- Programmes -------------------------------------------------------------------------------------------------


def programme_list(
    *,
    city: City,
    domain_id: int | None = None,
    status: str | None = None,
    target_group: str | None = None,
    stakeholder_id: int | None = None,
) -> QuerySet[Programme]:
    """The city's programmes, filtered. Paginated, a page costs: count, page, domains, target groups."""
    qs = Programme.objects.filter(city=city)
    if status:
        qs = qs.filter(status=status)
    if domain_id:
        qs = qs.filter(pk__in=ProgrammeDomain.objects.filter(domain_id=domain_id).values("programme_id"))
    if target_group:
        qs = qs.filter(pk__in=ProgrammeTargetGroup.objects.filter(group=target_group).values("programme_id"))
    if stakeholder_id:
        partnered = ProgrammePartner.objects.filter(stakeholder_id=stakeholder_id).values("programme_id")
        qs = qs.filter(Q(lead_id=stakeholder_id) | Q(pk__in=partnered))
    return (
        qs.select_related("lead", "assessment")
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.order_by("position", "code")),
            "target_groups",
        )
        .order_by(_title_order(), "pk")
    )


def programme_get(*, city: City, pk: int) -> Programme | None:
    """One programme with everything its page shows. Queries: the programme with its lead and assessment;
    partners; domains; target groups; mapping entries with their domain; the assessment's ratings (when assessed)."""
    return (
        Programme.objects.filter(city=city, pk=pk)
        .select_related("city", "lead", "assessment", "assessment__consultation")
        .prefetch_related(
            "partners",
            Prefetch("domains", queryset=Domain.objects.order_by("position", "code")),
            "target_groups",
            Prefetch("mapping_items", queryset=MappingItem.objects.select_related("domain").order_by("kind", "pk")),
            Prefetch("assessment__ratings", queryset=Rating.objects.select_related("criterion")),
        )
        .first()
    )


def assessment_of(programme: Programme) -> Assessment | None:
    try:
        return programme.assessment
    except Assessment.DoesNotExist:
        return None


def criterion_list(*, city: City) -> QuerySet[Criterion]:
    return Criterion.objects.filter(city=city).order_by("position", "pk")


def mapping_choices(*, city: City) -> QuerySet[MappingItem]:
    return (
        MappingItem.objects.filter(city=city, kind__in=LINKABLE_MAPPING_KINDS)
        .select_related("domain")
        .order_by("domain__position", "kind", "pk")
    )


# --- Who does what (domains x stakeholders) -----------------------------------------------------------------------


@dataclass
class MatrixCell:
    domain: Domain
    lead: int = 0
    partner: int = 0

    @property
    def total(self) -> int:
        return self.lead + self.partner


@dataclass
class MatrixRow:
    stakeholder: Stakeholder
    cells: list[MatrixCell]
    # Programmes the stakeholder leads or takes part in (once each, whatever their number of domains).
    total: int


@dataclass
class Matrix:
    domains: list[Domain]
    rows: list[MatrixRow]
    # Programmes per domain (a programme counts once in a domain, whatever its number of partners).
    programme_counts: list[int]

    @property
    def domain_totals(self) -> list[tuple[Domain, int]]:
        return list(zip(self.domains, self.programme_counts, strict=True))

    @property
    def by_domain(self) -> list[tuple[Domain, int, list[tuple[Stakeholder, MatrixCell]]]]:
        """The matrix turned for print: per domain, its programme count and the stakeholders active in it."""
        return [
            (
                domain,
                count,
                [(row.stakeholder, row.cells[n]) for row in self.rows if row.cells[n].total],
            )
            for n, (domain, count) in enumerate(self.domain_totals)
        ]


def who_does_what(*, city: City, status: str | None = None) -> Matrix:
    """Stakeholders (rows) by domains (columns): in how many programmes each leads or partners, per domain.

    Queries: domains, programmes, their domains, their partners, the stakeholders involved (5).
    """
    domains = domain_list()
    programmes = Programme.objects.filter(city=city)
    if status:
        programmes = programmes.filter(status=status)
    leads = dict(programmes.values_list("pk", "lead_id"))
    by_programme: dict[int, list[int]] = defaultdict(list)
    for programme_id, domain_id in ProgrammeDomain.objects.filter(programme__in=programmes).values_list(
        "programme_id", "domain_id"
    ):
        by_programme[programme_id].append(domain_id)
    partners: dict[int, list[int]] = defaultdict(list)
    for programme_id, stakeholder_id in ProgrammePartner.objects.filter(programme__in=programmes).values_list(
        "programme_id", "stakeholder_id"
    ):
        partners[programme_id].append(stakeholder_id)
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    per_domain: dict[int, int] = defaultdict(int)
    involvement: dict[int, set[int]] = defaultdict(set)
    for programme_id, lead_id in leads.items():
        for stakeholder_id in (lead_id, *partners.get(programme_id, ())):
            involvement[stakeholder_id].add(programme_id)
        for domain_id in by_programme.get(programme_id, ()):
            per_domain[domain_id] += 1
            counts[(lead_id, domain_id)][0] += 1
            for partner_id in partners.get(programme_id, ()):
                counts[(partner_id, domain_id)][1] += 1
    stakeholders = Stakeholder.objects.filter(pk__in=list(involvement)) if involvement else Stakeholder.objects.none()
    rows = []
    for stakeholder in stakeholders:
        cells = []
        for domain in domains:
            lead, partner = counts.get((stakeholder.pk, domain.pk), (0, 0))
            cells.append(MatrixCell(domain=domain, lead=lead, partner=partner))
        rows.append(MatrixRow(stakeholder=stakeholder, cells=cells, total=len(involvement[stakeholder.pk])))
    rows.sort(key=lambda row: (-row.total, row.stakeholder.display_name.casefold()))
    return Matrix(domains=domains, rows=rows, programme_counts=[per_domain.get(d.pk, 0) for d in domains])


# --- Coverage gaps ------------------------------------------------------------------------------------------------


@dataclass
class DomainGap:
    domain: Domain
    needs: list[MappingItem] = field(default_factory=list)
    # Planned programmes in this domain: the gap may close when they start.
    planned: list[Programme] = field(default_factory=list)


@dataclass
class GroupGap:
    group: str
    planned: list[Programme] = field(default_factory=list)

    @property
    def label(self) -> str:
        return TargetGroup(self.group).label


@dataclass
class Gaps:
    domains: list[DomainGap]
    groups: list[GroupGap]
    needs_mapped: bool


def coverage_gaps(*, city: City) -> Gaps:
    """Domains with a need in the mapping and no running programme; target groups no running programme serves.

    Queries: the needs with their domain, the programmes running or planned, their domains, their target groups (4).
    """
    needs = list(
        MappingItem.objects.filter(city=city, kind=MappingKind.NEED)
        .select_related("domain")
        .order_by("domain__position", "domain__code", "pk")
    )
    live = {
        p.pk: p
        for p in Programme.objects.filter(
            city=city, status__in=[ProgrammeStatus.RUNNING, ProgrammeStatus.PLANNED]
        ).order_by(_title_order(), "pk")
    }
    running_domains, planned_by_domain = set(), defaultdict(list)
    for programme_id, domain_id in ProgrammeDomain.objects.filter(programme_id__in=list(live)).values_list(
        "programme_id", "domain_id"
    ):
        programme = live[programme_id]
        if programme.status == ProgrammeStatus.RUNNING:
            running_domains.add(domain_id)
        else:
            planned_by_domain[domain_id].append(programme)
    served, planned_by_group = set(), defaultdict(list)
    for programme_id, group in ProgrammeTargetGroup.objects.filter(programme_id__in=list(live)).values_list(
        "programme_id", "group"
    ):
        programme = live[programme_id]
        if programme.status == ProgrammeStatus.RUNNING:
            served.add(group)
        else:
            planned_by_group[group].append(programme)
    domain_gaps: dict[int, DomainGap] = {}
    for need in needs:
        if need.domain_id in running_domains:
            continue
        gap = domain_gaps.get(need.domain_id)
        if gap is None:
            gap = domain_gaps[need.domain_id] = DomainGap(
                domain=need.domain, planned=_by_title(planned_by_domain.get(need.domain_id, []))
            )
        gap.needs.append(need)
    groups = [
        GroupGap(group=group, planned=_by_title(planned_by_group.get(group, [])))
        for group in TargetGroup.values
        if group not in served
    ]
    return Gaps(domains=list(domain_gaps.values()), groups=groups, needs_mapped=bool(needs))


def _by_title(programmes: list[Programme]) -> list[Programme]:
    return sorted(programmes, key=lambda p: (collation_key(p.title), p.pk))


# --- Overlaps -----------------------------------------------------------------------------------------------------


@dataclass
class Overlap:
    domain: Domain
    group: str
    programmes: list[Programme]

    @property
    def group_label(self) -> str:
        return TargetGroup(self.group).label


def overlaps(*, city: City) -> list[Overlap]:
    """Every (domain, target group) that two or more running programmes share, in catalogue order.

    Queries: domains, running programmes with their lead, their domains, their target groups (4).
    """
    domains = {d.pk: d for d in domain_list()}
    running = {
        p.pk: p
        for p in Programme.objects.filter(city=city, status=ProgrammeStatus.RUNNING)
        .select_related("lead")
        .order_by(_title_order(), "pk")
    }
    order = {pk: n for n, pk in enumerate(running)}
    by_domain: dict[int, set[int]] = defaultdict(set)
    for programme_id, domain_id in ProgrammeDomain.objects.filter(programme_id__in=list(running)).values_list(
        "programme_id", "domain_id"
    ):
        by_domain[domain_id].add(programme_id)
    by_group: dict[str, set[int]] = defaultdict(set)
    for programme_id, group in ProgrammeTargetGroup.objects.filter(programme_id__in=list(running)).values_list(
        "programme_id", "group"
    ):
        by_group[group].add(programme_id)
    result = []
    for domain_id, domain in domains.items():
        for group in TargetGroup.values:
            shared = by_domain.get(domain_id, set()) & by_group.get(group, set())
            if len(shared) >= 2:
                programmes = [running[pk] for pk in sorted(shared, key=order.__getitem__)]
                result.append(Overlap(domain=domain, group=group, programmes=programmes))
    return result


# --- Timeline -----------------------------------------------------------------------------------------------------


def timeline_programmes(*, city: City, status: str | None = None) -> QuerySet[Programme]:
    """Programmes by start month (then title): a page costs count, page and domains."""
    qs = Programme.objects.filter(city=city)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("lead")
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.order_by("position", "code")))
        .order_by("start_month", _title_order(), "pk")
    )


# --- Needs and opportunities of the mapping, with the programmes that relate to them ------------------------------


def mapping_with_programmes(*, city: City) -> QuerySet[MappingItem]:
    """Needs and opportunities (planning's mapping) with the programmes linked to them from the inventory.

    A page costs count, page, and the linked programmes with their lead.
    """
    return (
        MappingItem.objects.filter(city=city, kind__in=LINKABLE_MAPPING_KINDS)
        .select_related("domain")
        .prefetch_related(
            Prefetch(
                "programmes",
                queryset=Programme.objects.select_related("lead").order_by(_title_order(), "pk"),
            )
        )
        .order_by("domain__position", "domain__code", "kind", "pk")
    )


# --- Assessments' summary -----------------------------------------------------------------------------------------


@dataclass
class CriterionSummary:
    criterion: Criterion
    count: int
    mean: Decimal | None
    # How many programmes got each score, 1 to 5.
    distribution: list[int]


def assessment_summary(*, city: City) -> list[CriterionSummary]:
    """Per criterion of the city: how many programmes were rated, their mean score (1 decimal), the spread.

    Queries: criteria, ratings (2).
    """
    criteria = list(criterion_list(city=city))
    scores: dict[int, list[int]] = defaultdict(list)
    for criterion_id, score in Rating.objects.filter(criterion__city=city).values_list("criterion_id", "score"):
        scores[criterion_id].append(score)
    summary = []
    for criterion in criteria:
        values = scores.get(criterion.pk, [])
        mean = None
        if values:
            mean = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        summary.append(
            CriterionSummary(
                criterion=criterion,
                count=len(values),
                mean=mean,
                distribution=[values.count(score) for score in range(1, 6)],
            )
        )
    return summary


# --- The baseline report ("état des lieux") -------------------------------------------------------------------------


@dataclass
class BaselineReport:
    city: City
    programmes: list[Programme]
    matrix: Matrix
    gaps: Gaps
    overlaps: list[Overlap]
    criteria: list[CriterionSummary]

    @property
    def assessed(self) -> list[Programme]:
        return [p for p in self.programmes if assessment_of(p) is not None]

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = defaultdict(int)
        for programme in self.programmes:
            counts[programme.status] += 1
        return [(value, label, counts[value]) for value, label in ProgrammeStatus.choices]


def baseline_report(*, city: City) -> BaselineReport:
    """Everything the baseline report prints. Queries: programmes with lead and assessment (and its
    consultation), partners, domains, target groups, mapping entries, ratings with their criterion (6); who does
    what (5); gaps (4); overlaps (4); assessments' summary (2): 21 in all."""
    programmes = list(
        Programme.objects.filter(city=city)
        .select_related("lead", "assessment", "assessment__consultation")
        .prefetch_related(
            "partners",
            Prefetch("domains", queryset=Domain.objects.order_by("position", "code")),
            "target_groups",
            Prefetch("mapping_items", queryset=MappingItem.objects.order_by("kind", "pk")),
            Prefetch("assessment__ratings", queryset=Rating.objects.select_related("criterion")),
        )
        .order_by(_title_order(), "pk")
    )
    return BaselineReport(
        city=city,
        programmes=programmes,
        matrix=who_does_what(city=city),
        gaps=coverage_gaps(city=city),
        overlaps=overlaps(city=city),
        criteria=assessment_summary(city=city),
    )
