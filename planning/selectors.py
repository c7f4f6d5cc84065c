"""Reads for the planning app: the mapping, the plan, the M&E matrix, the roadmap's content and the dashboard.

Every function here runs a fixed number of queries whatever the number of rows (pages count on it).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from common.bidi import TranslationGap, translation_gaps
from common.hashing import canonical_text
from consultations.selectors import cycle_for_city
from ratification.selectors import ratification_counts
from stakeholders.models import Category, Domain, Stakeholder
from terms.kind import TOR_RATIFICATION
from terms.models import RoleAssignment, VersionStatus
from terms.selectors import tor_adopted_version, tor_version_list

from .models import (
    Action,
    ActionStatus,
    Indicator,
    MappingItem,
    MappingKind,
    Measurement,
    RoadmapStatus,
    RoadmapVersion,
)
from .progress import IndicatorProgress, as_percent, indicator_progress, mean


def city_today(city: City) -> datetime.date:
    return timezone.localtime(timezone.now(), city.tzinfo).date()


# --- Consultation 2: the mapping -------------------------------------------------------------------------


@dataclass
class MappingDomain:
    domain: Domain
    needs: list = field(default_factory=list)
    opportunities: list = field(default_factory=list)
    priorities: list = field(default_factory=list)


def mapping_by_domain(*, city: City) -> list[MappingDomain]:
    """Needs, opportunities and priorities grouped by domain (domain order). Two queries."""
    items = (
        MappingItem.objects.filter(city=city)
        .select_related("domain")
        .prefetch_related("stakeholders")
        .order_by("domain__position", "domain__code", "kind", "rank", "pk")
    )
    groups: dict[int, MappingDomain] = {}
    buckets = {
        MappingKind.NEED: "needs",
        MappingKind.OPPORTUNITY: "opportunities",
        MappingKind.PRIORITY: "priorities",
    }
    for item in items:
        group = groups.setdefault(item.domain_id, MappingDomain(domain=item.domain))
        getattr(group, buckets[item.kind]).append(item)
    return list(groups.values())


def priority_list(*, city: City) -> QuerySet[MappingItem]:
    return MappingItem.objects.filter(city=city, kind=MappingKind.PRIORITY).select_related("domain").order_by("rank")


def mapping_next_rank(*, city: City) -> int:
    last = MappingItem.objects.filter(city=city, kind=MappingKind.PRIORITY).order_by("-rank").first()
    return (last.rank if last else 0) + 1


# --- Consultation 2: the lead's role (from the terms app) ---------------------------------------------------


def lead_roles_held(*, city: City, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which (stakeholder id, domain id) pairs hold a coordination role for that domain, in one query.

    A role counts when it is assigned for that very domain in a version of the city's ToR that is not
    superseded (draft, circulated, presented, final or adopted).
    """
    if not pairs:
        return set()
    stakeholder_ids = {s for s, _d in pairs}
    domain_ids = {d for _s, d in pairs}
    rows = (
        RoleAssignment.objects.filter(
            version__tor__city=city, stakeholder_id__in=stakeholder_ids, domain_id__in=domain_ids
        )
        .exclude(version__status=VersionStatus.SUPERSEDED)
        .values_list("stakeholder_id", "domain_id")
        .distinct()
    )
    return set(rows) & pairs


def actions_lead_without_role(*, city: City, actions) -> set[int]:
    """Ids of the actions whose lead holds no role for the action's domain."""
    actions = list(actions)
    held = lead_roles_held(city=city, pairs={(a.lead_id, a.domain_id) for a in actions})
    return {a.pk for a in actions if (a.lead_id, a.domain_id) not in held}


def action_lead_has_role(*, action: Action) -> bool:
    return action.pk not in actions_lead_without_role(city=action.city, actions=[action])


# --- Consultation 2: actions ----------------------------------------------------------------------------------


def action_list(*, city: City, domain_id: int | None = None, status: str | None = None) -> QuerySet[Action]:
    qs = (
        Action.objects.filter(city=city)
        .select_related("domain", "lead")
        .annotate(indicator_count=Count("indicators"))
        .order_by("start_month", "pk")
    )
    if domain_id:
        qs = qs.filter(domain_id=domain_id)
    if status:
        qs = qs.filter(status=status)
    return qs


def action_get(*, city: City, pk: int) -> Action | None:
    return (
        Action.objects.filter(city=city, pk=pk)
        .select_related("city", "domain", "lead", "priority")
        .prefetch_related("partners")
        .first()
    )


def domain_choices() -> list[Domain]:
    return list(Domain.objects.order_by("position", "code"))


# --- Consultation 3: the M&E matrix ---------------------------------------------------------------------------


def indicators_with_latest(qs: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Annotate each indicator with its latest measurement's value and date (two subqueries, no extra query)."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return qs.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("measured_on")[:1]),
    )


@dataclass
class IndicatorRow:
    indicator: Indicator
    progress: IndicatorProgress

    @property
    def latest_value(self):
        return self.indicator.latest_value

    @property
    def latest_date(self):
        return self.indicator.latest_date


@dataclass
class ActionRow:
    action: Action
    indicators: list[IndicatorRow] = field(default_factory=list)
    lead_has_role: bool | None = None

    @property
    def is_dropped(self) -> bool:
        return self.action.status == ActionStatus.DROPPED

    @property
    def progress(self) -> Decimal | None:
        return mean(row.progress.progress for row in self.indicators)

    @property
    def percent(self) -> int | None:
        return as_percent(self.progress)

    @property
    def has_no_indicator(self) -> bool:
        """Flagged before consultation 3 closes: a live action nobody will measure."""
        return not self.indicators and not self.is_dropped

    @property
    def off_track_count(self) -> int:
        return sum(1 for row in self.indicators if row.progress.off_track)


@dataclass
class DomainRow:
    domain: Domain
    actions: list[ActionRow] = field(default_factory=list)

    @property
    def progress(self) -> Decimal | None:
        return mean(row.progress for row in self.actions if not row.is_dropped)

    @property
    def percent(self) -> int | None:
        return as_percent(self.progress)

    @property
    def indicator_count(self) -> int:
        return sum(len(row.indicators) for row in self.actions)


@dataclass
class Plan:
    domains: list[DomainRow]
    today: datetime.date
    lead_roles_known: bool

    @property
    def actions(self) -> list[ActionRow]:
        return [row for d in self.domains for row in d.actions]

    @property
    def progress(self) -> Decimal | None:
        """The whole plan: mean of the live actions' progress (same weight per action)."""
        return mean(row.progress for row in self.actions if not row.is_dropped)

    @property
    def percent(self) -> int | None:
        return as_percent(self.progress)

    @property
    def indicator_rows(self) -> list[IndicatorRow]:
        return [i for a in self.actions for i in a.indicators]

    @property
    def actions_without_indicator(self) -> list[ActionRow]:
        return [row for row in self.actions if row.has_no_indicator]

    @property
    def off_track(self) -> list[tuple[ActionRow, IndicatorRow]]:
        return [(a, i) for a in self.actions for i in a.indicators if i.progress.off_track]

    @property
    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ActionStatus.values, 0)
        for row in self.actions:
            counts[row.action.status] += 1
        return counts


def plan_for_city(
    *,
    city: City,
    today: datetime.date | None = None,
    with_partners: bool = False,
    with_lead_roles: bool = True,
    domain_id: int | None = None,
) -> Plan:
    """The action plan with its indicators and roll-ups, grouped by domain.

    Queries: actions (1), partners (1 if with_partners), indicators with their latest measurement (1),
    lead roles (1 if with_lead_roles, the terms app has role assignments and there is an action).
    """
    today = today or city_today(city)
    actions_qs = (
        Action.objects.filter(city=city)
        .select_related("domain", "lead", "priority")
        .order_by("domain__position", "domain__code", "start_month", "pk")
    )
    indicators_qs = Indicator.objects.filter(action__city=city).select_related("responsible").order_by("action", "pk")
    if domain_id:
        actions_qs = actions_qs.filter(domain_id=domain_id)
        indicators_qs = indicators_qs.filter(action__domain_id=domain_id)
    if with_partners:
        actions_qs = actions_qs.prefetch_related("partners")
    actions = list(actions_qs)
    by_action: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators_with_latest(indicators_qs):
        by_action[indicator.action_id].append(indicator)
    missing = actions_lead_without_role(city=city, actions=actions) if with_lead_roles else None
    domains: dict[int, DomainRow] = {}
    for action in actions:
        dropped = action.status == ActionStatus.DROPPED
        rows = []
        for indicator in by_action.get(action.pk, []):
            indicator.action = action  # already loaded: no query per indicator
            rows.append(
                IndicatorRow(
                    indicator=indicator,
                    progress=indicator_progress(
                        baseline=indicator.baseline_value,
                        target=indicator.target_value,
                        latest=indicator.latest_value,
                        baseline_date=indicator.baseline_date,
                        target_date=indicator.target_date,
                        today=today,
                        dropped=dropped,
                    ),
                )
            )
        lead_has_role = None if missing is None else action.pk not in missing
        group = domains.setdefault(action.domain_id, DomainRow(domain=action.domain))
        group.actions.append(ActionRow(action=action, indicators=rows, lead_has_role=lead_has_role))
    return Plan(domains=list(domains.values()), today=today, lead_roles_known=missing is not None)


def indicator_get(*, city: City, pk: int) -> Indicator | None:
    return (
        indicators_with_latest(Indicator.objects.filter(action__city=city, pk=pk))
        .select_related("action", "action__city", "action__domain", "responsible")
        .first()
    )


def indicator_progress_for(*, indicator: Indicator, today: datetime.date) -> IndicatorProgress:
    """Progress of one indicator loaded by indicator_get (latest_value annotated)."""
    return indicator_progress(
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        latest=indicator.latest_value,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
        today=today,
        dropped=indicator.action.status == ActionStatus.DROPPED,
    )


# --- Consultation 4: the roadmap --------------------------------------------------------------------------------


def roadmap_version_list(*, city: City) -> QuerySet[RoadmapVersion]:
    return RoadmapVersion.objects.filter(city=city).select_related("approval").order_by("-number")


def roadmap_version_numbers(*, city: City) -> list[int]:
    """The numbers of the city's roadmap versions, newest first (one query): the compare form's choices."""
    return list(RoadmapVersion.objects.filter(city=city).order_by("-number").values_list("number", flat=True))


def roadmap_version_get(*, city: City, number: int) -> RoadmapVersion | None:
    return (
        RoadmapVersion.objects.filter(city=city, number=number)
        .select_related("city", "frozen_by", "approval", "approval__recorded_by")
        .first()
    )


def tor_adopted_summary(*, city: City) -> dict | None:
    """The adopted ToR version as the roadmap cites it (None while none is adopted)."""
    version = tor_adopted_version(city=city)
    if version is None:
        return None
    return {
        "number": version.number,
        "sha256": version.sha256,
        "adopted_on": timezone.localtime(version.adopted_at, city.tzinfo).date().isoformat()
        if version.adopted_at
        else None,
    }


# --- The city dashboard -----------------------------------------------------------------------------------------


def stakeholders_by_category(*, city: City) -> list[tuple[str, str, int]]:
    """(category code, label, active stakeholders) for every category, in the catalogue's order. One query."""
    counts = dict(
        Stakeholder.objects.filter(city=city, is_active=True)
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    return [(code, label, counts.get(code, 0)) for code, label in Category.choices]


def dashboard_extras(*, city: City) -> dict:
    """The cycle (consultations) and the ratification progress of the ToR (terms).

    Queries: the cycle (consultations.selectors.cycle_for_city: 3 today), the ToR version last sent for
    ratification (1) and its ratification counts (1 when there is one).
    """
    steps = list(cycle_for_city(city=city))
    extras = {
        "cycle": steps,
        "cycle_current": next((step for step in steps if step.is_current), None),
    }
    version = tor_version_list(city=city).filter(ratification_sent_at__isnull=False).first()
    if version is not None:
        tally = ratification_counts(TOR_RATIFICATION, version=version)
        extras["ratification"] = {
            "version": version,
            "counts": tally,
            "quorum": city.ratification_quorum,
            "percent": round(100 * tally.ratified / tally.total) if tally.total else 0,
        }
    return extras


def roadmap_latest(*, city: City) -> RoadmapVersion | None:
    return RoadmapVersion.objects.filter(city=city).select_related("approval").order_by("-number").first()


def roadmap_approved(*, city: City) -> RoadmapVersion | None:
    return RoadmapVersion.objects.filter(city=city, status=RoadmapStatus.APPROVED).first()


# --- The roadmap's snapshot of the plan and matrix ----------------------------------------------------------------


def _fraction(value: Decimal | None) -> str | None:
    """Progress as a fixed 4-decimal string: stable in JSON and in the hash."""
    return None if value is None else str(value.quantize(Decimal("0.0001")))


def _amount(value: Decimal | None) -> str | None:
    """Two decimals whatever the database returns (SQLite may give 50 for 50.00)."""
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _month(value: datetime.date) -> str:
    return value.strftime("%Y-%m")


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _names(obj, *fields: str) -> dict:
    out = {}
    for name in fields:
        for lang in ("fr", "ar"):
            out[f"{name}_{lang}"] = canonical_text(getattr(obj, f"{name}_{lang}", "") or "")
    return out


def _stakeholder(stakeholder: Stakeholder | None) -> dict | None:
    if stakeholder is None:
        return None
    return _names(stakeholder, "name", "acronym")


def roadmap_snapshot(*, city: City, today: datetime.date | None = None) -> dict:
    """The action plan and M&E matrix as plain JSON (strings, ints, booleans, lists, dicts; no floats).

    Stored on a roadmap version when it freezes and covered by its SHA-256; drafts render it live.
    Queries: adopted ToR (1 if the terms app has it), priorities (1), actions (1), partners (1), indicators (1).
    """
    plan = plan_for_city(city=city, today=today, with_partners=True, with_lead_roles=False)
    priorities = list(priority_list(city=city))
    return {
        "format": 1,
        "as_of": plan.today.isoformat(),
        "tor": tor_adopted_summary(city=city),
        "progress": _fraction(plan.progress),
        "priorities": [{"rank": p.rank, **_names(p, "text"), "domain": _names(p.domain, "name")} for p in priorities],
        "domains": [
            {
                "code": group.domain.code,
                **_names(group.domain, "name"),
                "progress": _fraction(group.progress),
                "actions": [
                    {
                        **_names(row.action, "title", "description", "funding_source"),
                        "priority_rank": row.action.priority.rank if row.action.priority_id else None,
                        "lead": _stakeholder(row.action.lead),
                        "partners": [_stakeholder(s) for s in row.action.partners.all()],
                        "start": _month(row.action.start_month),
                        "end": _month(row.action.end_month),
                        "status": row.action.status,
                        "budget": _amount(row.action.budget),
                        "currency": row.action.currency,
                        "progress": _fraction(row.progress),
                        "no_indicator": row.has_no_indicator,
                        "indicators": [
                            {
                                **_names(i.indicator, "name", "unit", "means_of_verification"),
                                "kind": i.indicator.kind,
                                "baseline": _amount(i.indicator.baseline_value),
                                "baseline_date": _day(i.indicator.baseline_date),
                                "target": _amount(i.indicator.target_value),
                                "target_date": _day(i.indicator.target_date),
                                "frequency": i.indicator.frequency,
                                "responsible": _stakeholder(i.indicator.responsible),
                                "latest": _amount(i.latest_value),
                                "latest_date": _day(i.latest_date),
                                "progress": _fraction(i.progress.progress),
                                "expected": _fraction(i.progress.expected),
                                "off_track": i.progress.off_track,
                            }
                            for i in row.indicators
                        ],
                    }
                    for row in group.actions
                ],
            }
            for group in plan.domains
        ],
    }


def actions_for_stakeholder(*, stakeholder, limit: int = 20) -> list:
    """Actions the stakeholder leads or partners in (one query), for its registry page."""
    return list(
        Action.objects.filter(Q(lead=stakeholder) | Q(partners=stakeholder))
        .select_related("domain", "lead")
        .distinct()
        .order_by("start_month", "pk")[:limit]
    )


def _labels(model, *names: str) -> list[tuple[str, str]]:
    return [(name, str(model._meta.get_field(name).verbose_name)) for name in names]


def roadmap_translation_gaps(*, version: RoadmapVersion, snapshot: dict) -> list[TranslationGap]:
    """What the roadmap says in one language only: its introduction and conclusions, and in its snapshot
    (stored when frozen, live for a draft) the priorities, actions and indicators. No query."""
    gaps = translation_gaps(
        version, ["introduction", "conclusions"], where=_("Roadmap version %(number)s") % {"number": version.number}
    )
    for priority in snapshot.get("priorities", []):
        gaps += translation_gaps(
            priority, _labels(MappingItem, "text"), where=_("Priority %(rank)s") % {"rank": priority.get("rank")}
        )
    for domain in snapshot.get("domains", []):
        for action in domain.get("actions", []):
            where = _("Action “%(title)s”") % {"title": action.get("title_fr") or action.get("title_ar")}
            gaps += translation_gaps(action, _labels(Action, "title", "description", "funding_source"), where=where)
            for indicator in action.get("indicators", []):
                gaps += translation_gaps(
                    indicator, _labels(Indicator, "name", "unit", "means_of_verification"), where=where
                )
    return gaps
