"""Writes for the inventory. Every service validates (full_clean) before it saves."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.models import City
from consultations.models import Consultation
from planning.models import MappingItem
from stakeholders.models import Domain, Stakeholder

from .models import (
    LINKABLE_MAPPING_KINDS,
    Assessment,
    Coverage,
    Criterion,
    Programme,
    ProgrammeStatus,
    ProgrammeTargetGroup,
    Rating,
    TargetGroup,
)

# --- Programmes -------------------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    city: City,
    title_fr: str,
    title_ar: str = "",
    description_fr: str = "",
    description_ar: str = "",
    lead: Stakeholder,
    partners=(),
    domains,
    target_groups,
    coverage: str = Coverage.WHOLE_CITY,
    districts_fr: str = "",
    districts_ar: str = "",
    start_month: datetime.date,
    end_month: datetime.date | None = None,
    status: str = ProgrammeStatus.RUNNING,
    funding_source_fr: str = "",
    funding_source_ar: str = "",
    amount: Decimal | None = None,
    currency: str = "",
    source: str,
    mapping_items=(),
) -> Programme:
    """At least one domain and one target group; lead, partners and mapping entries from the same city;
    districts only when the area is some districts; an ended programme has an end month."""
    programme = Programme(
        city=city,
        title_fr=title_fr,
        title_ar=title_ar,
        description_fr=description_fr,
        description_ar=description_ar,
        lead=lead,
        coverage=coverage,
        districts_fr=districts_fr if coverage == Coverage.DISTRICTS else "",
        districts_ar=districts_ar if coverage == Coverage.DISTRICTS else "",
        start_month=start_month,
        end_month=end_month,
        status=status,
        funding_source_fr=funding_source_fr,
        funding_source_ar=funding_source_ar,
        amount=amount,
        currency=currency if amount is not None else "",
        source=source,
    )
    programme.full_clean()
    domains, target_groups = _domains(domains), _target_groups(target_groups)
    programme.save()
    programme.domains.set(domains)
    _set_target_groups(programme, target_groups)
    programme.partners.set(_partners(programme, partners))
    programme.mapping_items.set(_mapping_items(city, mapping_items))
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, partners=None, domains=None, target_groups=None, mapping_items=None, **fields
) -> Programme:
    for name, value in fields.items():
        setattr(programme, name, value)
    if programme.amount is None:
        programme.currency = ""
    if programme.coverage != Coverage.DISTRICTS:
        programme.districts_fr = programme.districts_ar = ""
    programme.full_clean()
    domains = _domains(domains) if domains is not None else None
    target_groups = _target_groups(target_groups) if target_groups is not None else None
    programme.save()
    if domains is not None:
        programme.domains.set(domains)
    if target_groups is not None:
        _set_target_groups(programme, target_groups)
    if partners is not None:
        programme.partners.set(_partners(programme, partners))
    if mapping_items is not None:
        programme.mapping_items.set(_mapping_items(programme.city, mapping_items))
    return programme


@transaction.atomic
def programme_delete(*, programme: Programme) -> None:
    """Deletes the programme with its assessment and ratings."""
    programme.delete()


def _domains(domains) -> list[Domain]:
    domains = list(domains or ())
    if not domains:
        raise ValidationError({"domains": _("Choose at least one domain.")})
    return domains


def _target_groups(groups) -> list[str]:
    groups = sorted(set(groups or ()))
    if not groups:
        raise ValidationError({"target_groups": _("Choose at least one target group.")})
    unknown = [g for g in groups if g not in TargetGroup.values]
    if unknown:
        raise ValidationError({"target_groups": _("Unknown target group: %(group)s.") % {"group": unknown[0]}})
    return groups


def _set_target_groups(programme: Programme, groups: list[str]) -> None:
    programme.target_groups.exclude(group__in=groups).delete()
    existing = set(programme.target_groups.values_list("group", flat=True))
    ProgrammeTargetGroup.objects.bulk_create(
        [ProgrammeTargetGroup(programme=programme, group=g) for g in groups if g not in existing]
    )


def _partners(programme: Programme, partners) -> list[Stakeholder]:
    """Partners of the same city; the lead is not its own partner."""
    partners = list(partners or ())
    for stakeholder in partners:
        if stakeholder.city_id != programme.city_id:
            raise ValidationError({"partners": _("A stakeholder of another city cannot be linked here.")})
    return [s for s in partners if s.pk != programme.lead_id]


def _mapping_items(city: City, items) -> list[MappingItem]:
    items = list(items or ())
    for item in items:
        if item.city_id != city.pk or item.kind not in LINKABLE_MAPPING_KINDS:
            raise ValidationError({"mapping_items": _("Choose needs or opportunities of this city's mapping.")})
    return items


# --- Assessment criteria ------------------------------------------------------------------------------------------


@transaction.atomic
def criterion_create(
    *, city: City, name_fr: str, name_ar: str = "", description_fr: str = "", description_ar: str = "", position=None
) -> Criterion:
    """A new criterion goes last unless a position is given; names are unique in the city (French, any case)."""
    if position is None:
        last = Criterion.objects.filter(city=city).order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    criterion = Criterion(
        city=city,
        name_fr=name_fr,
        name_ar=name_ar,
        description_fr=description_fr,
        description_ar=description_ar,
        position=position,
    )
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, position: int | None = None, **fields) -> Criterion:
    """An empty position keeps the criterion where it is."""
    if position is not None:
        criterion.position = position
    for name, value in fields.items():
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    """Refused while a programme is rated on it: the ratings would go with it."""
    count = Rating.objects.filter(criterion=criterion).count()
    if count:
        raise ValidationError(
            ngettext(
                "This criterion rates %(count)s programme: clear its rating before deleting the criterion.",
                "This criterion rates %(count)s programmes: clear their ratings before deleting the criterion.",
                count,
            )
            % {"count": count}
        )
    criterion.delete()


# --- Assessments --------------------------------------------------------------------------------------------------


@transaction.atomic
def assessment_record(
    *,
    programme: Programme,
    assessed_on: datetime.date,
    consultation: Consultation | None = None,
    positives_fr: str = "",
    positives_ar: str = "",
    negatives_fr: str = "",
    negatives_ar: str = "",
    gaps_fr: str = "",
    gaps_ar: str = "",
    lessons_fr: str = "",
    lessons_ar: str = "",
    ratings: dict | None = None,
) -> Assessment:
    """Create or replace the programme's assessment (one per programme), dated at or after consultation 1.

    ratings maps each of the city's criteria to a score from 1 to 5, or None to clear it; criteria left out
    keep their score. Nothing here records who said what (Chatham House rule).
    """
    assessment = Assessment.objects.select_for_update().filter(programme=programme).first()
    if assessment is None:
        assessment = Assessment(programme=programme)
    assessment.programme = programme
    assessment.assessed_on = assessed_on
    assessment.consultation = consultation
    for name, value in (
        ("positives_fr", positives_fr),
        ("positives_ar", positives_ar),
        ("negatives_fr", negatives_fr),
        ("negatives_ar", negatives_ar),
        ("gaps_fr", gaps_fr),
        ("gaps_ar", gaps_ar),
        ("lessons_fr", lessons_fr),
        ("lessons_ar", lessons_ar),
    ):
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save()
    for criterion, score in (ratings or {}).items():
        _rate(assessment, criterion, score)
    return assessment


def _rate(assessment: Assessment, criterion: Criterion, score: int | None) -> None:
    if criterion.city_id != assessment.programme.city_id:
        raise ValidationError(_("Choose one of this city's criteria."))
    rating = Rating.objects.filter(assessment=assessment, criterion=criterion).first()
    if score in (None, ""):
        if rating is not None:
            rating.delete()
        return
    if rating is None:
        rating = Rating(assessment=assessment, criterion=criterion)
    rating.score = int(score)
    rating.full_clean()
    rating.save()


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    assessment.delete()
