"""Consultation 3's M&E matrix: indicators of an action and their measurements. Every service validates (full_clean) before it saves."""

import datetime
from decimal import Decimal

from django.db import transaction

from stakeholders.models import Stakeholder

from ..models import Action, Indicator, Measurement


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
