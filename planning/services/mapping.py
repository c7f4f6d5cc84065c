"""Consultation 2's mapping: needs, opportunities and the ranked priorities. Every service validates (full_clean) before it saves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cities.models import City
from stakeholders.models import Domain, Stakeholder

from ..models import MappingItem, MappingKind


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
    item.stakeholders.set(stakeholders_check_city(city, stakeholders))
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
        item.stakeholders.set(stakeholders_check_city(item.city, stakeholders))
    return item


@transaction.atomic
def mapping_item_delete(*, item: MappingItem) -> None:
    """Actions answering a deleted priority keep existing, with no priority."""
    item.delete()


def stakeholders_check_city(city: City, stakeholders) -> list[Stakeholder]:
    """The stakeholders as a list, refused when one belongs to another city (mapping items and actions)."""
    stakeholders = list(stakeholders)
    for stakeholder in stakeholders:
        if stakeholder.city_id != city.pk:
            raise ValidationError(_("A stakeholder of another city cannot be linked here."))
    return stakeholders
