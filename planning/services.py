"""Writes for the planning app. Every service validates (full_clean) before it saves."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from ratification import services as ratification
from stakeholders.models import Domain, Stakeholder

from .kind import RATIFICATION_LINK_DAYS, ROADMAP_RATIFICATION
from .models import (
    Action,
    ActionStatus,
    Indicator,
    MappingItem,
    MappingKind,
    Measurement,
    RoadmapApproval,
    RoadmapRatificationRequest,
    RoadmapStatus,
    RoadmapVersion,
)
from .selectors import roadmap_snapshot

# --- Consultation 2: needs, opportunities, priorities --------------------------------------------------------


@transaction.atomic
def mapping_item_create(
    *,
    city: City,
    kind: str,
    text_fr: str,
    text_ar: str = "",
    domain: Domain,
    stakeholders=(),
    rank: int | None = None,
) -> MappingItem:
    """A priority needs a rank unique in the city; needs and opportunities have none."""
    item = MappingItem(
        city=city,
        kind=kind,
        text_fr=text_fr,
        text_ar=text_ar,
        domain=domain,
        rank=rank if kind == MappingKind.PRIORITY else None,
    )
    item.full_clean()
    item.save()
    item.stakeholders.set(_same_city(city, stakeholders))
    return item


@transaction.atomic
def mapping_item_update(*, item: MappingItem, stakeholders=None, **fields) -> MappingItem:
    for name, value in fields.items():
        setattr(item, name, value)
    if item.kind != MappingKind.PRIORITY:
        item.rank = None
    item.full_clean()
    item.save()
    if stakeholders is not None:
        item.stakeholders.set(_same_city(item.city, stakeholders))
    return item


@transaction.atomic
def mapping_item_delete(*, item: MappingItem) -> None:
    """Actions answering a deleted priority keep existing, with no priority."""
    item.delete()


def _same_city(city: City, stakeholders) -> list[Stakeholder]:
    stakeholders = list(stakeholders)
    for stakeholder in stakeholders:
        if stakeholder.city_id != city.pk:
            raise ValidationError(_("A stakeholder of another city cannot be linked here."))
    return stakeholders


# --- Consultation 2: actions ------------------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    city: City,
    title_fr: str,
    title_ar: str = "",
    description_fr: str = "",
    description_ar: str = "",
    domain: Domain,
    priority: MappingItem | None = None,
    lead: Stakeholder,
    partners=(),
    start_month: datetime.date,
    end_month: datetime.date,
    status: str = ActionStatus.PLANNED,
    budget: Decimal | None = None,
    currency: str = "",
    funding_source_fr: str = "",
    funding_source_ar: str = "",
) -> Action:
    """End month not before start month; lead, partners and priority from the same city."""
    action = Action(
        city=city,
        title_fr=title_fr,
        title_ar=title_ar,
        description_fr=description_fr,
        description_ar=description_ar,
        domain=domain,
        priority=priority,
        lead=lead,
        start_month=start_month,
        end_month=end_month,
        status=status,
        budget=budget,
        currency=currency if budget is not None else "",
        funding_source_fr=funding_source_fr,
        funding_source_ar=funding_source_ar,
    )
    action.full_clean()
    action.save()
    action.partners.set(_partners(action, partners))
    return action


@transaction.atomic
def action_update(*, action: Action, partners=None, **fields) -> Action:
    for name, value in fields.items():
        setattr(action, name, value)
    if action.budget is None:
        action.currency = ""
    action.full_clean()
    action.save()
    if partners is not None:
        action.partners.set(_partners(action, partners))
    return action


def _partners(action: Action, partners) -> list[Stakeholder]:
    """The lead is not its own partner."""
    return [s for s in _same_city(action.city, partners) if s.pk != action.lead_id]


@transaction.atomic
def action_delete(*, action: Action) -> None:
    """Deletes the action with its indicators and their measurements (frozen roadmaps keep their snapshot)."""
    action.delete()


# --- Consultation 3: indicators and measurements ----------------------------------------------------------------


@transaction.atomic
def indicator_create(
    *,
    action: Action,
    name_fr: str,
    name_ar: str = "",
    kind: str,
    unit_fr: str,
    unit_ar: str = "",
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    means_of_verification_fr: str,
    means_of_verification_ar: str = "",
    frequency: str,
    responsible: Stakeholder | None = None,
) -> Indicator:
    """Target date after baseline date; target different from baseline; responsible from the same city."""
    indicator = Indicator(
        action=action,
        name_fr=name_fr,
        name_ar=name_ar,
        kind=kind,
        unit_fr=unit_fr,
        unit_ar=unit_ar,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        means_of_verification_fr=means_of_verification_fr,
        means_of_verification_ar=means_of_verification_ar,
        frequency=frequency,
        responsible=responsible,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, **fields) -> Indicator:
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()


@transaction.atomic
def measurement_create(
    *,
    indicator: Indicator,
    value: Decimal,
    measured_on: datetime.date,
    source: str,
    comment: str = "",
    user=None,
) -> Measurement:
    """One measurement per indicator and date, not before the baseline date."""
    measurement = Measurement(
        indicator=indicator, value=value, measured_on=measured_on, source=source, comment=comment, recorded_by=user
    )
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement) -> None:
    measurement.delete()


# --- Consultation 4: the roadmap ---------------------------------------------------------------------------------


@transaction.atomic
def roadmap_version_create(*, city: City) -> RoadmapVersion:
    """A new draft, numbered after the last version, starting from its introduction and conclusions.

    One draft at a time per city.
    """
    versions = RoadmapVersion.objects.select_for_update().filter(city=city).order_by("-number")
    if versions.filter(status=RoadmapStatus.DRAFT).exists():
        raise ValidationError(_("There is already a draft version."))
    previous = versions.first()
    version = RoadmapVersion(city=city, number=(previous.number + 1) if previous else 1)
    if previous is not None:
        for name in ("introduction_fr", "introduction_ar", "conclusions_fr", "conclusions_ar"):
            setattr(version, name, getattr(previous, name))
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def roadmap_version_update(
    *,
    version: RoadmapVersion,
    introduction_fr: str,
    introduction_ar: str,
    conclusions_fr: str,
    conclusions_ar: str,
) -> RoadmapVersion:
    """Only a draft changes."""
    locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    if locked.is_frozen:
        raise ValidationError(_("This version is frozen: it can no longer change."))
    version.introduction_fr = introduction_fr
    version.introduction_ar = introduction_ar
    version.conclusions_fr = conclusions_fr
    version.conclusions_ar = conclusions_ar
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def roadmap_version_freeze(*, version: RoadmapVersion, user, today: datetime.date | None = None) -> RoadmapVersion:
    """Store the action plan and matrix snapshot and the SHA-256 of the version's canonical form. Once only."""
    locked = RoadmapVersion.objects.select_for_update().select_related("city").get(pk=version.pk)
    if locked.is_frozen:
        raise ValidationError(_("This version is already frozen."))
    if not locked.introduction_fr.strip():
        raise ValidationError(_("Write the French introduction before freezing."))
    locked.snapshot = roadmap_snapshot(city=locked.city, today=today)
    locked.sha256 = locked.compute_sha256()
    locked.status = RoadmapStatus.FROZEN
    locked.frozen_at = timezone.now()
    locked.frozen_by = user
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def roadmap_version_approve(
    *,
    version: RoadmapVersion,
    decided_on: datetime.date,
    decision_fr: str,
    decision_ar: str = "",
    user,
) -> RoadmapApproval:
    """Record the meeting's decision approving a frozen version; an earlier approved version is superseded."""
    locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status == RoadmapStatus.DRAFT:
        raise ValidationError(_("Freeze the version before it is approved."))
    if locked.status != RoadmapStatus.FROZEN:
        raise ValidationError(_("This version has already been decided."))
    older = list(
        RoadmapVersion.objects.select_for_update()
        .filter(city_id=locked.city_id, status__in=[RoadmapStatus.APPROVED, RoadmapStatus.FROZEN])
        .exclude(pk=locked.pk)
    )
    RoadmapVersion.objects.filter(pk__in=[v.pk for v in older]).update(status=RoadmapStatus.SUPERSEDED)
    # Open ratification requests of the versions it replaces close; their contacts are told.
    ratification.supersede_requests(ROADMAP_RATIFICATION, versions=older, by_version=locked)
    approval = RoadmapApproval(
        version=locked, decided_on=decided_on, decision_fr=decision_fr, decision_ar=decision_ar, recorded_by=user
    )
    approval.full_clean()
    approval.save()
    locked.status = RoadmapStatus.APPROVED
    locked.save(update_fields=["status", "updated_at"])
    version.status = locked.status
    return approval


# --- Consultation 4: ratification of the roadmap by emailed link (the shared machinery) ---------------------


def roadmap_ratification_readiness(*, version: RoadmapVersion) -> list[Stakeholder]:
    """Active stakeholders that no email can reach: sending waits until each has a primary contact."""
    return ratification.stakeholders_without_contact(version.city)


@transaction.atomic
def roadmap_ratification_send(*, version: RoadmapVersion, user=None, days: int = RATIFICATION_LINK_DAYS) -> int:
    """Ask every active stakeholder to ratify a frozen (or approved) version through a personal emailed link.

    Refused for a draft or a superseded version, and while an active stakeholder has no primary contact with
    an email. Sending again reaches only active stakeholders with no request yet. Returns how many requests
    were created; the emails go out in the background.
    """
    locked = RoadmapVersion.objects.select_for_update().select_related("city").get(pk=version.pk)
    if locked.status not in ROADMAP_RATIFICATION.open_statuses:
        raise ValidationError(_("Only a frozen or approved version can be sent to the stakeholders for ratification."))
    if not Stakeholder.objects.filter(city=locked.city, is_active=True).exists():
        raise ValidationError(_("The group has no active stakeholder to ask."))
    missing = roadmap_ratification_readiness(version=locked)
    if missing:
        raise ValidationError(
            _(
                "This version cannot be sent for ratification. Active stakeholders without a primary contact with an email: %(names)s."
            )
            % {"names": ", ".join(s.display_name for s in missing)}
        )
    created = ratification.requests_create(ROADMAP_RATIFICATION, version=locked, city=locked.city, days=days)
    if locked.ratification_sent_at is None:
        locked.ratification_sent_at = timezone.now()
        locked.save(update_fields=["ratification_sent_at"])
    version.ratification_sent_at = locked.ratification_sent_at
    return created


def roadmap_ratification_tally(*, version: RoadmapVersion) -> ratification.Tally:
    return ratification.tally(ROADMAP_RATIFICATION, version=version, city=version.city)


def roadmap_ratification_decide(*, ratification_request: RoadmapRatificationRequest, link, **decision) -> str:
    return ratification.decide(ROADMAP_RATIFICATION, ratification_request=ratification_request, link=link, **decision)


def roadmap_ratification_record_paper(*, ratification_request: RoadmapRatificationRequest, **decision):
    return ratification.record_paper(ROADMAP_RATIFICATION, ratification_request=ratification_request, **decision)


def roadmap_ratification_resend(*, ratification_request: RoadmapRatificationRequest, user=None):
    return ratification.resend(ROADMAP_RATIFICATION, ratification_request=ratification_request, user=user)


def roadmap_ratification_remind(*, ratification_request: RoadmapRatificationRequest, user=None):
    return ratification.remind(ROADMAP_RATIFICATION, ratification_request=ratification_request, user=user)


def roadmap_ratification_revoke(*, ratification_request: RoadmapRatificationRequest, user=None, reason: str = ""):
    return ratification.revoke(
        ROADMAP_RATIFICATION, ratification_request=ratification_request, user=user, reason=reason
    )
