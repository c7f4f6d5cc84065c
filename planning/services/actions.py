"""Consultation 2's action plan: actions, their lead and partners. Every service validates (full_clean) before it saves."""

import datetime
from decimal import Decimal

from django.db import transaction

from cities.models import City
from stakeholders.models import Domain, Stakeholder

from ..models import Action, ActionStatus, MappingItem
from .mapping import stakeholders_check_city


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
    return [s for s in stakeholders_check_city(action.city, partners) if s.pk != action.lead_id]


@transaction.atomic
def action_delete(*, action: Action) -> None:
    """Deletes the action with its indicators and their measurements (frozen roadmaps keep their snapshot)."""
    action.delete()
