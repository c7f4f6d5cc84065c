import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from consultations.models import (
    AgendaItemKind,
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Gate,
    GateOverride,
    Minutes,
)
from consultations.services.agenda import agenda_arrange, agenda_item_create, agenda_item_delete, agenda_item_update
from consultations.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_mark_held,
    consultation_update,
)
from consultations.services.minutes import minutes_save
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    ContactFactory,
    StakeholderFactory,
)

PAST = dt.date(2024, 1, 10)


@pytest.fixture(autouse=True)
def _messages_as_written():
    """Service messages are asserted as their msgids (pages test the translations)."""
    with translation.override("en"):
        yield


def _times(consultation):
    return [
        (f"{i.start_time:%H:%M}", f"{i.end_time:%H:%M}", i.title_fr, i.position, i.shares_slot)
        for i in consultation.agenda_items.order_by("start_time", "position")
    ]


# --- the cycle -----------------------------------------------------------------------------


def test_it_derives_the_kind_from_the_number(city):
    kinds = [
        consultation_create(
            city=city,
            number=n,
            title_fr=f"C{n}",
            date=dt.date(2030, 1, n),
            start_time=dt.time(9),
            end_time=dt.time(12),
        ).kind
        for n in (1, 2, 3, 4)
    ]
    assert kinds == [
        ConsultationKind.ALIGNMENT,
        ConsultationKind.ACTION_PLAN,
        ConsultationKind.ME_MATRIX,
        ConsultationKind.ROADMAP_APPROVAL,
    ]


def test_it_refuses_a_fifth_consultation_and_a_duplicate_number(city):
    ConsultationFactory(city=city, number=1)
    with pytest.raises(ValidationError) as error:
        consultation_create(city=city, number=5, title_fr="C5", date=PAST, start_time=dt.time(9), end_time=dt.time(10))
    assert "number" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        consultation_create(city=city, number=1, title_fr="Bis", date=PAST, start_time=dt.time(9), end_time=dt.time(10))
    assert "__all__" in error.value.error_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Consultation.objects.create(
            city=city, number=1, title_fr="Bis", date=PAST, start_time=dt.time(9), end_time=dt.time(10)
        )


def test_the_database_refuses_a_kind_that_does_not_match_the_number(city):
    consultation = ConsultationFactory(city=city, number=2)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Consultation.objects.filter(pk=consultation.pk).update(kind=ConsultationKind.ALIGNMENT)


def test_it_refuses_hours_that_end_before_they_start(city):
    with pytest.raises(ValidationError) as error:
        consultation_create(city=city, number=1, title_fr="C1", date=PAST, start_time=dt.time(12), end_time=dt.time(10))
    assert "end_time" in error.value.error_dict


def test_aware_datetimes_come_from_the_city_time_zone(city):
    consultation = ConsultationFactory(
        city=city, date=dt.date(2023, 11, 7), start_time=dt.time(10, 30), end_time=dt.time(13)
    )
    assert consultation.starts_at.astimezone(dt.UTC) == dt.datetime(2023, 11, 7, 9, 30, tzinfo=dt.UTC)
    assert consultation.ends_at.astimezone(dt.UTC) == dt.datetime(2023, 11, 7, 12, 0, tzinfo=dt.UTC)


# --- gating -------------------------------------------------------------------------------


def test_consultation_1_is_held_without_gates(city, eve):
    first = ConsultationFactory(city=city, number=1, date=PAST)
    consultation_mark_held(consultation=first, user=eve)
    first.refresh_from_db()
    assert first.status == ConsultationStatus.HELD
    assert first.held_at is not None
    assert GateOverride.objects.count() == 0


def test_a_consultation_cannot_be_held_before_the_previous_one_is_closed(city, eve):
    ConsultationFactory(city=city, number=1, date=PAST, status=ConsultationStatus.HELD)
    second = ConsultationFactory(city=city, number=2, date=PAST)
    with pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=second, user=eve)
    assert "Consultation 1 is not closed yet." in error.value.messages
    second.refresh_from_db()
    assert second.status == ConsultationStatus.PLANNED


def test_a_missing_previous_consultation_also_blocks(city, alice):
    third = ConsultationFactory(city=city, number=3, date=PAST)
    with pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=third, user=alice, can_override=True)
    assert error.value.messages == [
        "Consultation 2 is not closed yet.",
        "Give the reason for going ahead anyway: it is recorded.",
    ]


def test_it_is_held_once_the_previous_one_is_closed(city, alice, eve):
    first = ConsultationFactory(city=city, number=1, date=PAST)
    consultation_mark_held(consultation=first, user=eve)
    consultation_close(consultation=first, user=alice)
    second = ConsultationFactory(city=city, number=2, date=PAST)
    third = ConsultationFactory(city=city, number=3, date=PAST)
    # consultation 2 still waits for the ToR (the terms app): the coordinator overrides that one only.
    consultation_mark_held(consultation=second, user=alice, can_override=True, override_reason="ToR adoption delayed")
    assert list(GateOverride.objects.values_list("gate", flat=True)) == [Gate.TOR_NOT_ADOPTED]
    consultation_close(consultation=second, user=alice)
    consultation_mark_held(consultation=third, user=eve)
    third.refresh_from_db()
    assert third.status == ConsultationStatus.HELD


def test_an_editor_cannot_override_a_gate(city, eve):
    ConsultationFactory(city=city, number=1, date=PAST)
    second = ConsultationFactory(city=city, number=2, date=PAST)
    with pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=second, user=eve, can_override=False, override_reason="please")
    assert "Only a coordinator can go ahead anyway, giving a reason." in error.value.messages
    assert GateOverride.objects.count() == 0


def test_a_coordinator_override_is_recorded_with_who_when_and_why(city, alice):
    ConsultationFactory(city=city, number=1, date=PAST)
    second = ConsultationFactory(city=city, number=2, date=PAST)
    consultation_mark_held(
        consultation=second, user=alice, can_override=True, override_reason="  Report de la première séance  "
    )
    second.refresh_from_db()
    assert second.status == ConsultationStatus.HELD
    overrides = list(GateOverride.objects.order_by("gate"))
    assert [(o.gate, o.reason, o.user) for o in overrides] == [
        (Gate.PREVIOUS_NOT_CLOSED, "Report de la première séance", alice),
        (Gate.TOR_NOT_ADOPTED, "Report de la première séance", alice),
    ]
    assert all(o.created_at is not None for o in overrides)


def test_a_future_consultation_cannot_be_marked_held(city, eve):
    first = ConsultationFactory(city=city, number=1, date=dt.date(2099, 1, 1))
    with pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=first, user=eve)
    assert error.value.messages == ["A consultation cannot be marked held before it starts."]


def test_it_closes_only_a_held_consultation_and_holds_only_once(city, alice):
    first = ConsultationFactory(city=city, number=1, date=PAST)
    with pytest.raises(ValidationError):
        consultation_close(consultation=first, user=alice)
    consultation_mark_held(consultation=first, user=alice)
    with pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=first, user=alice)
    assert error.value.messages == ["This consultation is already marked held."]
    consultation_close(consultation=first, user=alice)
    first.refresh_from_db()
    assert (first.status, first.closed_at is not None) == (ConsultationStatus.CLOSED, True)
    with pytest.raises(ValidationError):
        consultation_update(consultation=first, title_fr="Changed")


# --- agenda -------------------------------------------------------------------------------


@pytest.fixture
def consultation(city):
    return ConsultationFactory(city=city, number=1, start_time=dt.time(10, 30), end_time=dt.time(13))


def _add(consultation, title, start, end, **extra):
    return agenda_item_create(
        consultation=consultation,
        title_fr=title,
        start_time=dt.time(*start),
        end_time=dt.time(*end),
        kind=extra.pop("kind", AgendaItemKind.PRESENTATION),
        **extra,
    )


def test_it_refuses_overlapping_items_naming_both(consultation):
    _add(consultation, "Discours de bienvenue", (10, 30), (10, 45))
    with pytest.raises(ValidationError) as error:
        _add(consultation, "Tour de table", (10, 40), (11, 0))
    assert error.value.messages == ["“Discours de bienvenue” (10:30–10:45) and “Tour de table” (10:40–11:00) overlap."]
    assert consultation.agenda_items.count() == 1


def test_items_that_touch_do_not_overlap(consultation):
    _add(consultation, "A", (10, 30), (10, 45))
    _add(consultation, "B", (10, 45), (11, 0))
    assert [t[:3] for t in _times(consultation)] == [("10:30", "10:45", "A"), ("10:45", "11:00", "B")]


def test_it_refuses_an_item_outside_the_hours(consultation):
    with pytest.raises(ValidationError) as error:
        _add(consultation, "Clôture", (12, 45), (13, 15))
    assert error.value.messages == ["“Clôture” (12:45–13:15) is outside the consultation's hours (10:30–13:00)."]
    with pytest.raises(ValidationError):
        _add(consultation, "Accueil", (10, 0), (10, 30))


def test_two_topics_may_share_a_slot_only_when_said_so(consultation):
    _add(consultation, "Présentation des termes de référence", (11, 0), (12, 0))
    with pytest.raises(ValidationError) as error:
        _add(consultation, "Attribution des rôles", (11, 0), (12, 0))
    assert error.value.messages == [
        "“Présentation des termes de référence” (11:00–12:00) and “Attribution des rôles” (11:00–12:00) overlap. "
        "If they are two topics in one slot, tick “same time slot as the previous item” on the second."
    ]
    _add(consultation, "Attribution des rôles", (11, 0), (12, 0), shares_slot=True)
    assert [t[2:] for t in _times(consultation)] == [
        ("Présentation des termes de référence", 1, False),
        ("Attribution des rôles", 2, True),
    ]


def test_sharing_a_slot_with_other_times_is_refused(consultation):
    _add(consultation, "A", (11, 0), (12, 0))
    with pytest.raises(ValidationError) as error:
        _add(consultation, "B", (12, 0), (12, 30), shares_slot=True)
    assert error.value.messages == [
        "“B” (12:00–12:30) shares the time slot of the previous item, but the previous item has other times."
    ]


def test_changing_the_hours_is_refused_when_items_would_fall_outside(consultation):
    _add(consultation, "Discussion", (12, 30), (13, 0))
    with pytest.raises(ValidationError) as error:
        consultation_update(consultation=consultation, end_time=dt.time(12, 45))
    assert error.value.messages == ["“Discussion” (12:30–13:00) is outside the consultation's hours (10:30–12:45)."]


def test_updating_an_item_into_a_clash_is_refused(consultation):
    _add(consultation, "A", (10, 30), (10, 45))
    b = _add(consultation, "B", (10, 45), (11, 0))
    with pytest.raises(ValidationError) as error:
        agenda_item_update(item=b, start_time=dt.time(10, 35))
    assert error.value.messages == ["“A” (10:30–10:45) and “B” (10:35–11:00) overlap."]
    b.refresh_from_db()
    assert b.start_time == dt.time(10, 45)


def test_speakers_and_moderators_come_from_the_city(consultation, other_city):
    outsider = StakeholderFactory(city=other_city)
    with pytest.raises(ValidationError) as error:
        _add(consultation, "A", (10, 30), (10, 45), speakers=[outsider])
    assert error.value.message_dict == {"speakers": ["A speaker does not belong to this city's group."]}
    contact = ContactFactory(stakeholder=outsider)
    with pytest.raises(ValidationError) as error:
        _add(consultation, "A", (10, 30), (10, 45), moderator_contact=contact)
    assert error.value.message_dict == {"moderator_contact": ["This contact does not belong to this city's group."]}


def test_sub_points_keep_their_order(consultation):
    item = _add(
        consultation,
        "Discours de bienvenue",
        (10, 30),
        (10, 45),
        sub_points=[("Projet MC2CM RUCP", "مشروع MC2CM RUCP"), ("Ville de Tunis", "بلدية تونس")],
    )
    assert [(p.position, p.title_fr, p.title_ar) for p in item.sub_points.all()] == [
        (1, "Projet MC2CM RUCP", "مشروع MC2CM RUCP"),
        (2, "Ville de Tunis", "بلدية تونس"),
    ]
    agenda_item_update(item=item, sub_points=[("Ville de Tunis", "")])
    assert list(item.sub_points.values_list("title_fr", flat=True)) == ["Ville de Tunis"]


@pytest.fixture
def tunis_agenda(consultation):
    _add(consultation, "Bienvenue", (10, 30), (10, 45))
    _add(consultation, "Tour de table", (10, 45), (11, 0))
    _add(consultation, "Termes", (11, 0), (12, 0))
    _add(consultation, "Rôles", (11, 0), (12, 0), shares_slot=True)
    _add(consultation, "Pause", (12, 0), (12, 30))
    _add(consultation, "Discussion", (12, 30), (13, 0))
    return consultation


def _item(consultation, title):
    return consultation.agenda_items.get(title_fr=title)


def test_moving_up_swaps_times_with_the_previous_item(tunis_agenda):
    agenda_arrange(item=_item(tunis_agenda, "Tour de table"), action="up")
    assert [t[:3] for t in _times(tunis_agenda)][:2] == [
        ("10:30", "10:45", "Tour de table"),
        ("10:45", "11:00", "Bienvenue"),
    ]


def test_moving_a_slot_keeps_the_gap_and_the_span(consultation):
    _add(consultation, "A", (10, 30), (11, 0))
    _add(consultation, "B", (11, 15), (11, 30))
    agenda_arrange(item=_item(consultation, "A"), action="down")
    assert [t[:3] for t in _times(consultation)] == [("10:30", "10:45", "B"), ("11:00", "11:30", "A")]


def test_moving_within_a_shared_slot_only_changes_the_order(tunis_agenda):
    agenda_arrange(item=_item(tunis_agenda, "Rôles"), action="up")
    assert [t[2:] for t in _times(tunis_agenda)][2:4] == [("Rôles", 3, False), ("Termes", 4, True)]


def test_moving_a_shared_slot_moves_both_topics(tunis_agenda):
    agenda_arrange(item=_item(tunis_agenda, "Pause"), action="up")
    assert [t[:3] for t in _times(tunis_agenda)][2:5] == [
        ("11:00", "11:30", "Pause"),
        ("11:30", "12:30", "Termes"),
        ("11:30", "12:30", "Rôles"),
    ]


def test_the_first_item_cannot_move_up(tunis_agenda):
    with pytest.raises(ValidationError) as error:
        agenda_arrange(item=_item(tunis_agenda, "Bienvenue"), action="up")
    assert error.value.messages == ["This item is already first."]


def test_shifting_moves_this_and_later_items(consultation):
    _add(consultation, "A", (10, 30), (10, 45))
    _add(consultation, "B", (10, 45), (11, 0))
    _add(consultation, "C", (11, 0), (11, 30))
    agenda_arrange(item=_item(consultation, "B"), action="shift", minutes=10)
    assert [t[:3] for t in _times(consultation)] == [
        ("10:30", "10:45", "A"),
        ("10:55", "11:10", "B"),
        ("11:10", "11:40", "C"),
    ]


def test_a_shift_that_clashes_changes_nothing_and_names_the_items(tunis_agenda):
    before = _times(tunis_agenda)
    with pytest.raises(ValidationError) as error:
        agenda_arrange(item=_item(tunis_agenda, "Pause"), action="shift", minutes=-10)
    assert error.value.messages == [
        "“Termes” (11:00–12:00) and “Pause” (11:50–12:20) overlap.",
        "“Rôles” (11:00–12:00) and “Pause” (11:50–12:20) overlap.",
    ]
    assert _times(tunis_agenda) == before
    with pytest.raises(ValidationError) as error:
        agenda_arrange(item=_item(tunis_agenda, "Pause"), action="shift", minutes=15)
    assert error.value.messages == ["“Discussion” (12:45–13:15) is outside the consultation's hours (10:30–13:00)."]
    assert _times(tunis_agenda) == before


def test_a_zero_or_huge_shift_is_refused(tunis_agenda):
    for minutes in (0, 241, -500):
        with pytest.raises(ValidationError):
            agenda_arrange(item=_item(tunis_agenda, "Pause"), action="shift", minutes=minutes)


def test_deleting_the_first_topic_of_a_slot_makes_the_second_lead(tunis_agenda):
    agenda_item_delete(item=_item(tunis_agenda, "Termes"))
    assert [t[2:] for t in _times(tunis_agenda)] == [
        ("Bienvenue", 1, False),
        ("Tour de table", 2, False),
        ("Rôles", 3, False),
        ("Pause", 4, False),
        ("Discussion", 5, False),
    ]


def test_a_closed_consultation_agenda_is_frozen(city):
    closed = ConsultationFactory(city=city, status=ConsultationStatus.CLOSED)
    item = AgendaItemFactory(consultation=closed)
    with pytest.raises(ValidationError):
        _add(closed, "X", (11, 0), (11, 30))
    with pytest.raises(ValidationError):
        agenda_arrange(item=item, action="shift", minutes=5)


# --- minutes ------------------------------------------------------------------------------


def test_minutes_under_chatham_house_refuse_attribution(city, eve):
    held = ConsultationFactory(city=city, status=ConsultationStatus.HELD, chatham_house=True)
    with pytest.raises(ValidationError) as error:
        minutes_save(consultation=held, user=eve, summary_fr="Résumé", attributed_statements_fr="M. X a dit…")
    assert error.value.messages == ["Under the Chatham House rule, the minutes do not attribute statements to anyone."]
    minutes = minutes_save(consultation=held, user=eve, summary_fr="Résumé", summary_ar="ملخص")
    assert (minutes.summary_fr, minutes.summary_ar, minutes.updated_by) == ("Résumé", "ملخص", eve)


def test_minutes_without_chatham_house_may_attribute(city, eve):
    held = ConsultationFactory(city=city, status=ConsultationStatus.HELD, chatham_house=False)
    minutes_save(consultation=held, user=eve, summary_fr="Résumé", attributed_statements_fr="La ville a proposé…")
    assert Minutes.objects.get().attributed_statements_fr == "La ville a proposé…"


def test_minutes_wait_for_the_consultation_to_be_held(city, eve):
    planned = ConsultationFactory(city=city)
    with pytest.raises(ValidationError):
        minutes_save(consultation=planned, user=eve, summary_fr="Résumé")
