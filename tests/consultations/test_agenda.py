"""The agenda arithmetic on items in memory: no database (the services' tests cover the saving)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consultations.agenda import (
    MAX_SHIFT,
    agenda_move,
    agenda_order,
    agenda_problems,
    agenda_renumber,
    agenda_shift,
    agenda_slots,
    agenda_without,
)
from consultations.models import AgendaItem, Consultation


@pytest.fixture(autouse=True)
def _messages_as_written():
    """Messages are asserted as their msgids (pages test the translations)."""
    with translation.override("en"):
        yield


def _t(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


HOURS = Consultation(start_time=_t("10:30"), end_time=_t("13:00"))


def _items(*rows) -> list[AgendaItem]:
    """Items from (title, start, end[, shares_slot]) rows, numbered in the order given."""
    return [
        AgendaItem(
            pk=n,
            position=n,
            title_fr=title,
            start_time=_t(start),
            end_time=_t(end),
            shares_slot=bool(rest and rest[0]),
        )
        for n, (title, start, end, *rest) in enumerate(rows, start=1)
    ]


def _tunis() -> list[AgendaItem]:
    return _items(
        ("Bienvenue", "10:30", "10:45"),
        ("Tour de table", "10:45", "11:00"),
        ("Termes", "11:00", "12:00"),
        ("Rôles", "11:00", "12:00", True),
        ("Pause", "12:00", "12:30"),
        ("Discussion", "12:30", "13:00"),
    )


def _named(items, title) -> AgendaItem:
    return next(i for i in items if i.title_fr == title)


def _rows(items) -> list[tuple]:
    return [(f"{i.start_time:%H:%M}", f"{i.end_time:%H:%M}", i.title_fr, i.position, i.shares_slot) for i in items]


# --- order and slots ----------------------------------------------------------------------


def test_items_are_ordered_by_start_then_position_then_creation():
    late, first_topic, second_topic = _items(("C", "11:00", "11:30"), ("A", "10:30", "11:00"), ("B", "10:30", "11:00"))
    second_topic.position = first_topic.position
    assert [i.title_fr for i in agenda_order([late, second_topic, first_topic])] == ["A", "B", "C"]


def test_renumbering_follows_the_order():
    items = _items(("B", "11:00", "11:30"), ("A", "10:30", "11:00"))
    assert [(i.title_fr, i.position) for i in agenda_renumber(items)] == [("A", 1), ("B", 2)]


def test_consecutive_items_with_the_same_times_form_one_slot():
    slots = agenda_slots(_tunis())
    assert [(f"{s.start_time:%H:%M}", [i.title_fr for i in s.items]) for s in slots] == [
        ("10:30", ["Bienvenue"]),
        ("10:45", ["Tour de table"]),
        ("11:00", ["Termes", "Rôles"]),
        ("12:00", ["Pause"]),
        ("12:30", ["Discussion"]),
    ]


# --- problems -----------------------------------------------------------------------------


def test_agenda_problems_of_a_clean_agenda_are_empty():
    assert agenda_problems(consultation=HOURS, items=_tunis()) == []


def test_overlapping_items_are_named_with_their_times():
    items = _items(("Discours de bienvenue", "10:30", "10:45"), ("Tour de table", "10:40", "11:00"))
    assert agenda_problems(consultation=HOURS, items=items) == [
        "“Discours de bienvenue” (10:30–10:45) and “Tour de table” (10:40–11:00) overlap."
    ]


def test_items_that_touch_do_not_overlap():
    assert agenda_problems(consultation=HOURS, items=_items(("A", "10:30", "10:45"), ("B", "10:45", "11:00"))) == []


def test_an_item_outside_the_hours_or_ending_before_it_starts_is_named():
    items = _items(("Accueil", "10:00", "10:30"), ("Clôture", "12:45", "13:15"), ("Vide", "11:00", "11:00"))
    assert agenda_problems(consultation=HOURS, items=items) == [
        "“Accueil” (10:00–10:30) is outside the consultation's hours (10:30–13:00).",
        "“Vide” (11:00–11:00) must end after it starts.",
        "“Clôture” (12:45–13:15) is outside the consultation's hours (10:30–13:00).",
    ]


def test_two_topics_share_a_slot_only_when_said_so():
    same = _items(("Termes", "11:00", "12:00"), ("Rôles", "11:00", "12:00"))
    assert agenda_problems(consultation=HOURS, items=same) == [
        "“Termes” (11:00–12:00) and “Rôles” (11:00–12:00) overlap. If they are two topics in one slot, tick "
        "“same time slot as the previous item” on the second."
    ]
    same[1].shares_slot = True
    assert agenda_problems(consultation=HOURS, items=same) == []


def test_sharing_the_slot_of_an_item_with_other_times_is_refused():
    items = _items(("A", "11:00", "12:00"), ("B", "12:00", "12:30", True))
    assert agenda_problems(consultation=HOURS, items=items) == [
        "“B” (12:00–12:30) shares the time slot of the previous item, but the previous item has other times."
    ]
    (alone,) = _items(("A", "11:00", "12:00", True))
    assert agenda_problems(consultation=HOURS, items=[alone]) == [
        "“A” (11:00–12:00) shares the time slot of the previous item, but the previous item has other times."
    ]


# --- moving, shifting, removing -----------------------------------------------------------


def test_moving_up_swaps_times_with_the_previous_item():
    items = _tunis()
    ordered = agenda_move(items, item=_named(items, "Tour de table"), up=True)
    assert _rows(ordered)[:2] == [
        ("10:30", "10:45", "Tour de table", 1, False),
        ("10:45", "11:00", "Bienvenue", 2, False),
    ]


def test_moving_a_slot_keeps_the_gap_and_the_span():
    items = _items(("A", "10:30", "11:00"), ("B", "11:15", "11:30"))
    ordered = agenda_move(items, item=items[0], up=False)
    assert [r[:3] for r in _rows(ordered)] == [("10:30", "10:45", "B"), ("11:00", "11:30", "A")]


def test_moving_within_a_shared_slot_only_changes_the_order():
    items = _tunis()
    ordered = agenda_move(items, item=_named(items, "Rôles"), up=True)
    assert _rows(ordered)[2:4] == [("11:00", "12:00", "Rôles", 3, False), ("11:00", "12:00", "Termes", 4, True)]


def test_moving_a_shared_slot_moves_both_topics():
    items = _tunis()
    ordered = agenda_move(items, item=_named(items, "Pause"), up=True)
    assert [r[:3] for r in _rows(ordered)][2:5] == [
        ("11:00", "11:30", "Pause"),
        ("11:30", "12:30", "Termes"),
        ("11:30", "12:30", "Rôles"),
    ]


def test_the_first_item_cannot_move_up_nor_the_last_down():
    items = _tunis()
    with pytest.raises(ValidationError) as error:
        agenda_move(items, item=_named(items, "Bienvenue"), up=True)
    assert error.value.messages == ["This item is already first."]
    with pytest.raises(ValidationError) as error:
        agenda_move(items, item=_named(items, "Discussion"), up=False)
    assert error.value.messages == ["This item is already last."]


def test_shifting_moves_this_slot_and_the_later_ones():
    items = _items(("A", "10:30", "10:45"), ("B", "10:45", "11:00"), ("C", "11:00", "11:30"))
    ordered = agenda_shift(items, item=items[1], minutes=10)
    assert [r[:3] for r in _rows(ordered)] == [
        ("10:30", "10:45", "A"),
        ("10:55", "11:10", "B"),
        ("11:10", "11:40", "C"),
    ]


def test_a_shift_into_a_clash_is_left_to_agenda_problems():
    items = _tunis()
    ordered = agenda_shift(items, item=_named(items, "Pause"), minutes=-10)
    assert agenda_problems(consultation=HOURS, items=ordered) == [
        "“Termes” (11:00–12:00) and “Pause” (11:50–12:20) overlap.",
        "“Rôles” (11:00–12:00) and “Pause” (11:50–12:20) overlap.",
    ]


def test_a_zero_huge_or_past_midnight_shift_is_refused():
    for minutes in (0, MAX_SHIFT + 1, -500):
        items = _tunis()
        with pytest.raises(ValidationError) as error:
            agenda_shift(items, item=_named(items, "Pause"), minutes=minutes)
        assert error.value.messages == ["Shift by a number of minutes between -240 and 240, not zero."]
    items = _items(("Veillée", "22:00", "23:30"))
    with pytest.raises(ValidationError) as error:
        agenda_shift(items, item=items[0], minutes=30)
    assert error.value.messages == ["The shift would move items past midnight."]


def test_removing_the_first_topic_of_a_slot_makes_the_second_lead():
    items = _tunis()
    remaining = agenda_without(items, item=_named(items, "Termes"))
    assert [(i.title_fr, i.shares_slot) for i in remaining] == [
        ("Bienvenue", False),
        ("Tour de table", False),
        ("Rôles", False),
        ("Pause", False),
        ("Discussion", False),
    ]
