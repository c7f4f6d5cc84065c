"""Writes on a consultation's agenda items: add, edit, remove, move and shift.

Each write locks the consultation and its items, works out the new agenda with the arithmetic of
consultations.agenda, and saves it only if it stays inside the hours without overlaps."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stakeholders.models import Stakeholder

from ..agenda import (
    AgendaAction,
    agenda_move,
    agenda_order,
    agenda_problems,
    agenda_renumber,
    agenda_shift,
    agenda_without,
)
from ..models import AgendaItem, AgendaSubPoint, Consultation
from .consultations import consultation_check_editable

AGENDA_ITEM_FIELDS = (
    "start_time",
    "end_time",
    "shares_slot",
    "kind",
    "title_fr",
    "title_ar",
    "description_fr",
    "description_ar",
    "moderator_contact",
    "moderator_name",
    "moderator_function_fr",
    "moderator_function_ar",
)

# What moving items changes on the items it does not edit.
_SLOT_FIELDS = ["start_time", "end_time", "position", "shares_slot"]


def _agenda_items_locked(consultation: Consultation) -> list[AgendaItem]:
    return agenda_order(AgendaItem.objects.select_for_update().filter(consultation=consultation))


def _agenda_save(consultation: Consultation, items: list[AgendaItem], *, changed: AgendaItem | None = None) -> None:
    """Save the agenda if it holds, renumbered; `changed` is saved whole by the caller."""
    problems = agenda_problems(consultation=consultation, items=items)
    if problems:
        raise ValidationError(problems)
    for item in agenda_renumber(items):
        if item is changed:
            continue
        item.save(update_fields=_SLOT_FIELDS)


def _agenda_item_sub_points_set(item: AgendaItem, sub_points: Sequence[tuple[str, str]]) -> None:
    item.sub_points.all().delete()
    rows = []
    for position, (title_fr, title_ar) in enumerate(sub_points, start=1):
        sub_point = AgendaSubPoint(item=item, position=position, title_fr=title_fr, title_ar=title_ar)
        sub_point.full_clean(exclude=["item"])
        rows.append(sub_point)
    AgendaSubPoint.objects.bulk_create(rows)


def _agenda_item_check_people(consultation: Consultation, fields: dict, speakers: Sequence[Stakeholder]) -> None:
    contact = fields.get("moderator_contact")
    if contact is not None and contact.stakeholder.city_id != consultation.city_id:
        raise ValidationError({"moderator_contact": _("This contact does not belong to this city's group.")})
    if any(s.city_id != consultation.city_id for s in speakers):
        raise ValidationError({"speakers": _("A speaker does not belong to this city's group.")})


@transaction.atomic
def agenda_item_create(
    *,
    consultation: Consultation,
    title_fr: str,
    start_time: dt.time,
    end_time: dt.time,
    kind: str,
    sub_points: Sequence[tuple[str, str]] = (),
    speakers: Sequence[Stakeholder] = (),
    **fields,
) -> AgendaItem:
    """Add an item; the agenda must stay inside the consultation's hours without overlaps."""
    unknown = set(fields) - set(AGENDA_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    consultation_check_editable(consultation)
    _agenda_item_check_people(consultation, fields, speakers)
    items = _agenda_items_locked(consultation)
    item = AgendaItem(
        consultation=consultation,
        title_fr=title_fr,
        start_time=start_time,
        end_time=end_time,
        kind=kind,
        position=max((i.position for i in items), default=0) + 1,
        **fields,
    )
    item.full_clean(exclude=["position"])
    items.append(item)
    _agenda_save(consultation, items, changed=item)
    item.save()
    item.speakers.set(speakers)
    _agenda_item_sub_points_set(item, sub_points)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    sub_points: Sequence[tuple[str, str]] | None = None,
    speakers: Sequence[Stakeholder] | None = None,
    **fields,
) -> AgendaItem:
    """Edit an item; the agenda must stay inside the consultation's hours without overlaps."""
    unknown = set(fields) - set(AGENDA_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    consultation_check_editable(consultation)
    _agenda_item_check_people(consultation, fields, speakers or ())
    items = _agenda_items_locked(consultation)
    locked = next(i for i in items if i.pk == item.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.moderator_contact_id:
        locked.moderator_name = ""
    locked.full_clean()
    _agenda_save(consultation, items, changed=locked)
    locked.save()
    if speakers is not None:
        locked.speakers.set(speakers)
    if sub_points is not None:
        _agenda_item_sub_points_set(locked, sub_points)
    return locked


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an item; the next topic of its slot, if any, leads the slot."""
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    consultation_check_editable(consultation)
    items = agenda_without(_agenda_items_locked(consultation), item=item)
    AgendaItem.objects.filter(pk=item.pk).delete()
    _agenda_save(consultation, items)


@transaction.atomic
def agenda_arrange(*, item: AgendaItem, action: str, minutes: int = 0) -> list[AgendaItem]:
    """Reorder or shift in one action, all or nothing.

    - up/down: the item swaps with its neighbour; within a shared slot only the order changes,
      otherwise the two slots swap times (the first starts where the earlier one started, the
      gap between them is kept, and the pair ends where it ended).
    - shift: this item's slot and every later item move by `minutes` (negative moves earlier);
      refused, naming the clashing items, if the agenda would overlap or leave the hours.
    """
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    consultation_check_editable(consultation)
    items = _agenda_items_locked(consultation)
    if action == AgendaAction.SHIFT:
        ordered = agenda_shift(items, item=item, minutes=minutes)
    elif action in (AgendaAction.UP, AgendaAction.DOWN):
        ordered = agenda_move(items, item=item, up=action == AgendaAction.UP)
    else:
        raise ValidationError(_("Unknown action."))
    problems = agenda_problems(consultation=consultation, items=ordered)
    if problems:
        raise ValidationError(problems)
    for i in ordered:
        i.save(update_fields=_SLOT_FIELDS)
    return ordered
