"""Reads of the programmes app: the programmes a user follows, and the figures of a programme's cities.

Everything here is aggregated by the database, per city, and never reads a contact: a programme member sees
where each city stands, never who the people are. One query per kind of figure, whatever the number of
cities (see programme_overview).

The rates, in one place (a rate is None when its denominator is 0):
- invitation rate: invitations sent (walk-ins left out) / (active stakeholders x consultations with
  invitations): the share of the group asked to each consultation;
- answer rate: invitations answered (attending, not attending or a delegate) / invitations sent;
- attendance rate: invited stakeholders recorded present / invitations sent, counted only for consultations
  held or closed (a planned meeting has no attendance yet); walk-ins are counted apart;
- ratification completion: ratifications by active stakeholders of the ToR version last sent for
  ratification / active stakeholders (the quorum rule's own count, ratification.services.ratification_tally);
- M&E: an indicator of a live action (not dropped) is on track unless off track by planning.progress's
  rule; the plan's progress is planning's mean of the live actions' progress.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cities.models import City
from common.collation import translated_name_order
from consultations.models import ConsultationStatus, Invitation
from consultations.selectors import CycleMark, cycle_marks_for_cities
from planning.models import Action, ActionStatus, Indicator, RoadmapApproval
from planning.progress import as_percent, indicator_progress, mean
from planning.selectors import indicators_with_latest
from ratification.models import RatificationStatus
from stakeholders.models import Category, Domain, Stakeholder
from terms.models import RatificationRequest, TorVersion, VersionStatus

from .models import Programme

HELD_STATUSES = (ConsultationStatus.HELD, ConsultationStatus.CLOSED)


def rate(numerator: int, denominator: int) -> int | None:
    """A whole percentage (half up), None when there is nothing to divide by."""
    if not denominator:
        return None
    return as_percent(Decimal(numerator) / Decimal(denominator))


# --- Access --------------------------------------------------------------------------------------------------


def programme_list_for_user(*, user) -> QuerySet[Programme]:
    """The programmes the user follows (all for a superuser), with their number of cities. One query."""
    qs = Programme.objects.annotate(city_count=Count("cities", distinct=True)).order_by(translated_name_order(), "pk")
    if user.is_superuser:
        return qs
    return qs.filter(members__user=user)


def programme_get_for_user(*, user, slug: str) -> Programme | None:
    """The programme if the user follows it (or is a superuser), else None (the view answers 404). One query."""
    if not user.is_authenticated:
        return None
    qs = Programme.objects.filter(slug=slug)
    if not user.is_superuser:
        qs = qs.filter(members__user=user)
    return qs.first()


# --- The figures ---------------------------------------------------------------------------------------------


@dataclass
class InvitationFigures:
    active: int = 0
    consultations: int = 0
    invited: int = 0
    answered: int = 0
    invited_held: int = 0
    attended_held: int = 0
    walk_ins: int = 0

    @property
    def invitation_rate(self) -> int | None:
        return rate(self.invited, self.active * self.consultations)

    @property
    def answer_rate(self) -> int | None:
        return rate(self.answered, self.invited)

    @property
    def attendance_rate(self) -> int | None:
        return rate(self.attended_held, self.invited_held)


@dataclass
class RatificationFigures:
    version_number: int | None = None
    version_status: str = ""
    active: int = 0
    ratified: int = 0
    declined: int = 0
    pending: int = 0
    tor_adopted_at: datetime.datetime | None = None
    roadmap_approved_on: datetime.date | None = None

    @property
    def completion(self) -> int | None:
        if self.version_number is None:
            return None
        return rate(self.ratified, self.active)

    @property
    def version_status_label(self) -> str:
        return VersionStatus(self.version_status).label if self.version_status else ""


@dataclass
class MeFigures:
    actions: int = 0
    indicators: int = 0
    measured: int = 0
    on_track: int = 0
    off_track: int = 0
    action_progress: list = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return as_percent(mean(self.action_progress))


@dataclass
class CityRow:
    city: City
    cycle: list[CycleMark]
    categories: dict[str, int]
    domains: dict[int, int]
    invitations: InvitationFigures
    ratification: RatificationFigures
    me: MeFigures

    @property
    def active(self) -> int:
        return sum(self.categories.values())

    @property
    def categories_covered(self) -> int:
        """Categories with at least one active stakeholder."""
        return sum(1 for n in self.categories.values() if n)

    @property
    def domains_covered(self) -> int:
        """Domains of expertise at least one active stakeholder brings."""
        return sum(1 for n in self.domains.values() if n)

    @property
    def current_step(self) -> CycleMark | None:
        """The first step not closed yet (None once the four are closed)."""
        return next((mark for mark in self.cycle if mark.status != ConsultationStatus.CLOSED), None)

    @property
    def steps_closed(self) -> int:
        return sum(1 for mark in self.cycle if mark.status == ConsultationStatus.CLOSED)


@dataclass
class Overview:
    programme: Programme
    cities: list[CityRow]
    domains: list[Domain]
    today: datetime.date

    @property
    def categories(self) -> list[tuple[str, str, list[int], int]]:
        """(code, label, count per city, total) for every category, in the catalogue's order."""
        rows = []
        for code, label in Category.choices:
            counts = [row.categories.get(code, 0) for row in self.cities]
            rows.append((code, label, counts, sum(counts)))
        return rows

    @property
    def domain_rows(self) -> list[tuple[Domain, list[int], int]]:
        """(domain, active stakeholders with it per city, total), in the catalogue's order."""
        rows = []
        for domain in self.domains:
            counts = [row.domains.get(domain.pk, 0) for row in self.cities]
            rows.append((domain, counts, sum(counts)))
        return rows

    @property
    def totals(self) -> dict:
        """The programme's own figures: sums over the cities, rates computed on the sums."""
        inv = InvitationFigures()
        for row in self.cities:
            for name in ("invited", "answered", "invited_held", "attended_held", "walk_ins"):
                setattr(inv, name, getattr(inv, name) + getattr(row.invitations, name))
        asked = sum(row.invitations.active * row.invitations.consultations for row in self.cities)
        sent = [row.ratification for row in self.cities if row.ratification.version_number is not None]
        return {
            "active": sum(row.active for row in self.cities),
            "invitations": inv,
            "invitation_rate": rate(inv.invited, asked),
            "tor_adopted": sum(1 for row in self.cities if row.ratification.tor_adopted_at),
            "roadmaps_approved": sum(1 for row in self.cities if row.ratification.roadmap_approved_on),
            "ratified": sum(r.ratified for r in sent),
            "ratification_completion": rate(sum(r.ratified for r in sent), sum(r.active for r in sent)),
            "actions": sum(row.me.actions for row in self.cities),
            "indicators": sum(row.me.indicators for row in self.cities),
            "on_track": sum(row.me.on_track for row in self.cities),
            "off_track": sum(row.me.off_track for row in self.cities),
        }


def programme_cities(*, programme: Programme) -> list[City]:
    return list(programme.cities.order_by(translated_name_order(), "pk"))


def _counts_by_city(qs, city_field: str, key_field: str) -> dict[int, dict]:
    """The rows counted by city, then by key (1 query)."""
    counts: dict[int, dict] = defaultdict(dict)
    for city_id, key, n in qs.order_by().values_list(city_field, key_field).annotate(n=Count("pk")):
        counts[city_id][key] = n
    return counts


def _category_counts(city_ids: list[int]) -> dict[int, dict[str, int]]:
    active = Stakeholder.objects.filter(city_id__in=city_ids, is_active=True)
    return _counts_by_city(active, "city_id", "category")


def _domain_counts(city_ids: list[int]) -> dict[int, dict[int, int]]:
    links = Stakeholder.domains.through.objects.filter(stakeholder__city_id__in=city_ids, stakeholder__is_active=True)
    return _counts_by_city(links, "stakeholder__city_id", "domain_id")


def _invitation_counts(city_ids: list[int]) -> dict[int, dict]:
    invited = Q(walk_in=False)
    held = Q(consultation__status__in=HELD_STATUSES)
    rows = (
        Invitation.objects.filter(consultation__city_id__in=city_ids)
        .order_by()
        .values("consultation__city_id")
        .annotate(
            consultations=Count("consultation", filter=invited, distinct=True),
            invited=Count("pk", filter=invited),
            answered=Count("pk", filter=invited & ~Q(answer="pending")),
            invited_held=Count("pk", filter=invited & held),
            attended_held=Count("pk", filter=invited & held & Q(attended=True)),
            walk_ins=Count("pk", filter=Q(walk_in=True)),
        )
    )
    return {row.pop("consultation__city_id"): row for row in rows}


def _ratifications(city_ids: list[int], active: dict[int, int]) -> dict[int, RatificationFigures]:
    """The ToR version last sent for ratification and its decisions (2 queries), when each city adopted its
    ToR and approved its roadmap (1 query)."""
    figures = {city_id: RatificationFigures(active=active.get(city_id, 0)) for city_id in city_ids}
    versions = (
        TorVersion.objects.filter(tor__city_id__in=city_ids)
        .filter(Q(ratification_sent_at__isnull=False) | Q(adopted_at__isnull=False))
        .order_by("tor__city_id", "number")
        .values_list("pk", "tor__city_id", "number", "status", "ratification_sent_at", "adopted_at")
    )
    current: dict[int, int] = {}
    for pk, city_id, number, status, sent_at, adopted_at in versions:
        row = figures[city_id]
        if sent_at is not None:
            current[pk] = city_id
            row.version_number, row.version_status = number, status
            row.ratified = row.declined = row.pending = 0
        if adopted_at is not None and (row.tor_adopted_at is None or adopted_at > row.tor_adopted_at):
            row.tor_adopted_at = adopted_at
    # Only the version last sent per city counts: drop the earlier ones.
    latest = {city_id: pk for pk, city_id in current.items()}
    if latest:
        decisions = (
            RatificationRequest.objects.filter(version_id__in=latest.values(), stakeholder__is_active=True)
            .order_by()
            .values_list("version_id", "status")
            .annotate(n=Count("pk"))
        )
        for version_id, status, n in decisions:
            row = figures[current[version_id]]
            if status == RatificationStatus.RATIFIED:
                row.ratified += n
            elif status == RatificationStatus.DECLINED:
                row.declined += n
            elif status == RatificationStatus.PENDING:
                row.pending += n
    approvals = (
        RoadmapApproval.objects.filter(version__city_id__in=city_ids)
        .order_by("version__city_id", "decided_on")
        .values_list("version__city_id", "decided_on")
    )
    for city_id, decided_on in approvals:
        figures[city_id].roadmap_approved_on = decided_on
    return figures


def _me_figures(cities: list[City], today: datetime.date | None) -> dict[int, MeFigures]:
    """Actions (1 query) and indicators with their latest measurement (1 query), each indicator's progress by
    planning.progress's rules, in each city's own today."""
    city_ids = [c.pk for c in cities]
    now = timezone.now()
    todays = {c.pk: today or timezone.localtime(now, c.tzinfo).date() for c in cities}
    figures = {city_id: MeFigures() for city_id in city_ids}
    actions = dict(
        Action.objects.filter(city_id__in=city_ids)
        .order_by()
        .values_list("pk", "city_id")
        .filter(~Q(status=ActionStatus.DROPPED))
    )
    progress: dict[int, list[Decimal]] = defaultdict(list)
    live = Indicator.objects.filter(action__city_id__in=city_ids).exclude(action__status=ActionStatus.DROPPED)
    indicators = indicators_with_latest(live.order_by()).values_list(
        "action_id", "baseline_value", "target_value", "baseline_date", "target_date", "latest_value"
    )
    for action_id, baseline, target, baseline_date, target_date, latest in indicators:
        city_id = actions[action_id]
        result = indicator_progress(
            baseline=baseline,
            target=target,
            latest=latest,
            baseline_date=baseline_date,
            target_date=target_date,
            today=todays[city_id],
        )
        row = figures[city_id]
        row.indicators += 1
        row.measured += result.has_measurement
        if result.off_track:
            row.off_track += 1
        else:
            row.on_track += 1
        progress[action_id].append(result.progress)
    for action_id, city_id in actions.items():
        figures[city_id].actions += 1
        if progress.get(action_id):
            figures[city_id].action_progress.append(mean(progress[action_id]))
    return figures


def programme_overview(*, programme: Programme, today: datetime.date | None = None) -> Overview:
    """Every figure of the programme's dashboard, its XLSX and its PDF.

    Queries, whatever the number of cities: cities (1), cycle (1), stakeholders by category (1), the domains
    (1) and stakeholders by domain (1), invitations (1), ToR versions (1) and their decisions (1 when one was
    sent), roadmap approvals (1), live actions (1) and their indicators (1). No contact is read.
    """
    cities = programme_cities(programme=programme)
    city_ids = [c.pk for c in cities]
    domains = list(Domain.objects.order_by("position", "code"))
    if not city_ids:
        return Overview(programme=programme, cities=[], domains=domains, today=today or timezone.localdate())
    cycle = cycle_marks_for_cities(city_ids=city_ids)
    categories = _category_counts(city_ids)
    domain_counts = _domain_counts(city_ids)
    invitations = _invitation_counts(city_ids)
    active = {city_id: sum(counts.values()) for city_id, counts in categories.items()}
    ratifications = _ratifications(city_ids, active)
    me = _me_figures(cities, today)
    rows = [
        CityRow(
            city=city,
            cycle=cycle[city.pk],
            categories=categories.get(city.pk, {}),
            domains=domain_counts.get(city.pk, {}),
            invitations=InvitationFigures(active=active.get(city.pk, 0), **invitations.get(city.pk, {})),
            ratification=ratifications[city.pk],
            me=me[city.pk],
        )
        for city in cities
    ]
    return Overview(programme=programme, cities=rows, domains=domains, today=today or timezone.localdate())
