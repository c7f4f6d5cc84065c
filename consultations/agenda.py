"""Agenda arithmetic on items in memory: order, time slots, overlaps, the consultation's hours,
moving and shifting items.

Nothing here reads or writes the database. The services lock and load the items, call these
functions and save what changed; pages and documents group the items into slots for display.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AgendaItem, Consultation

MAX_SHIFT = 240  # minutes, either way, in one shift


class AgendaAction:
    UP = "up"
    DOWN = "down"
    SHIFT = "shift"


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _span(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _times(item: AgendaItem) -> tuple[dt.time, dt.time]:
    return item.start_time, item.end_time


def agenda_order(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items by start time, then position (topics of one slot), then creation."""
    return sorted(items, key=lambda i: (i.start_time, i.position, i.pk or 0))


def agenda_problems(*, consultation: Consultation, items: Sequence[AgendaItem]) -> list[str]:
    """Why this set of items cannot be the agenda: items outside the consultation's hours, and
    every pair of items that overlap, each named with its times. Empty when all is well.

    Items overlap when one starts before the other ends; two items with exactly the same times
    form one slot only when the later one says it shares the previous item's slot."""
    problems = []
    ordered = agenda_order(items)
    hours = _span(consultation.start_time, consultation.end_time)
    for item in ordered:
        if item.start_time >= item.end_time:
            problems.append(
                _("“%(item)s” (%(time)s) must end after it starts.")
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time)}
            )
        elif item.start_time < consultation.start_time or item.end_time > consultation.end_time:
            problems.append(
                _("“%(item)s” (%(time)s) is outside the consultation's hours (%(hours)s).")
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time), "hours": hours}
            )
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.start_time >= first.end_time:
                break
            if _times(first) == _times(second) and second.shares_slot:
                continue
            names = {
                "first": first.title_fr or first.title,
                "first_time": _span(first.start_time, first.end_time),
                "second": second.title_fr or second.title,
                "second_time": _span(second.start_time, second.end_time),
            }
            if _times(first) == _times(second):  # the same slot, not said: say how
                problems.append(
                    _(
                        "“%(first)s” (%(first_time)s) and “%(second)s” (%(second_time)s) overlap. If they are two "
                        "topics in one slot, tick “same time slot as the previous item” on the second."
                    )
                    % names
                )
                continue
            problems.append(_("“%(first)s” (%(first_time)s) and “%(second)s” (%(second_time)s) overlap.") % names)
    for index, item in enumerate(ordered):
        if not item.shares_slot:
            continue
        before = ordered[index - 1] if index > 0 else None
        if before is None or _times(before) != _times(item):
            problems.append(
                _(
                    "“%(item)s” (%(time)s) shares the time slot of the previous item, but the previous item has other times."
                )
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time)}
            )
    return problems


def agenda_renumber(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items in agenda order, their positions set from 1."""
    ordered = agenda_order(items)
    for position, item in enumerate(ordered, start=1):
        item.position = position
    return ordered


def _slot_groups(ordered: Sequence[AgendaItem]) -> list[list[AgendaItem]]:
    """Consecutive items with the same times form one slot."""
    groups: list[list[AgendaItem]] = []
    for item in ordered:
        if groups and _times(groups[-1][0]) == _times(item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


@dataclass
class AgendaSlot:
    """Items that share one time slot (usually one)."""

    start_time: object
    end_time: object
    items: list = field(default_factory=list)


def agenda_slots(items: Sequence[AgendaItem]) -> list[AgendaSlot]:
    """The items (already in agenda order) grouped into their time slots, for display."""
    return [
        AgendaSlot(start_time=group[0].start_time, end_time=group[0].end_time, items=group)
        for group in _slot_groups(items)
    ]


def _slot_index(slots: list[list[AgendaItem]], item: AgendaItem) -> int:
    return next(n for n, slot in enumerate(slots) if any(i.pk == item.pk for i in slot))


def _slot_move(slot: list[AgendaItem], start: int) -> None:
    duration = _minutes(slot[0].end_time) - _minutes(slot[0].start_time)
    for item in slot:
        item.start_time, item.end_time = _time(start), _time(start + duration)


def agenda_without(items: Iterable[AgendaItem], *, item: AgendaItem) -> list[AgendaItem]:
    """The agenda once `item` is removed: the item after a removed slot leader leads the slot now."""
    remaining = [i for i in agenda_order(items) if i.pk != item.pk]
    for index, other in enumerate(remaining):
        if other.shares_slot and (index == 0 or _times(remaining[index - 1]) != _times(other)):
            other.shares_slot = False
    return remaining


def agenda_shift(items: Iterable[AgendaItem], *, item: AgendaItem, minutes: int) -> list[AgendaItem]:
    """Move `item`'s slot and every later item by `minutes` (negative moves earlier), in place;
    return the agenda renumbered. Refused for zero, more than MAX_SHIFT, or past midnight;
    whether the result overlaps or leaves the hours is agenda_problems' to say."""
    slots = _slot_groups(agenda_order(items))
    slot_index = _slot_index(slots, item)
    if not minutes or abs(minutes) > MAX_SHIFT:
        raise ValidationError(
            _("Shift by a number of minutes between -%(max)s and %(max)s, not zero.") % {"max": MAX_SHIFT}
        )
    for later in slots[slot_index:]:
        start = _minutes(later[0].start_time) + minutes
        end = _minutes(later[0].end_time) + minutes
        if start < 0 or end >= 24 * 60:
            raise ValidationError(_("The shift would move items past midnight."))
        _slot_move(later, start)
    return agenda_renumber(i for slot in slots for i in slot)


def agenda_move(items: Iterable[AgendaItem], *, item: AgendaItem, up: bool) -> list[AgendaItem]:
    """Swap `item` with its neighbour, in place; return the agenda in its new order, numbered,
    each slot's first item leading it.

    Within a shared slot only the order of the topics changes. Otherwise the two slots swap times:
    the first starts where the earlier one started, the gap between them is kept, and the pair
    ends where it ended."""
    slots = _slot_groups(agenda_order(items))
    slot_index = _slot_index(slots, item)
    slot = slots[slot_index]
    in_slot = next(n for n, i in enumerate(slot) if i.pk == item.pk)
    step = -1 if up else 1
    if 0 <= in_slot + step < len(slot):
        slot[in_slot], slot[in_slot + step] = slot[in_slot + step], slot[in_slot]
    else:
        other_index = slot_index + step
        if not 0 <= other_index < len(slots):
            raise ValidationError(_("This item is already first.") if up else _("This item is already last."))
        first, second = sorted([slot_index, other_index])
        early, late = slots[first], slots[second]
        start = _minutes(early[0].start_time)
        gap = _minutes(late[0].start_time) - _minutes(early[0].end_time)
        late_duration = _minutes(late[0].end_time) - _minutes(late[0].start_time)
        _slot_move(late, start)
        _slot_move(early, start + late_duration + gap)
        slots[first], slots[second] = late, early
    ordered = [i for s in slots for i in s]
    for s in slots:
        for n, i in enumerate(s):
            i.shares_slot = n > 0
    for position, i in enumerate(ordered, start=1):
        i.position = position
    return ordered
