import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.locales import city_today
from planning.models import Action, MappingItem, MappingKind
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    MappingItemFactory,
    MeasurementFactory,
    PriorityFactory,
    StakeholderFactory,
)

D = datetime.date


def test_the_database_refuses_an_end_before_the_start(city):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(city=city, start_month=D(2024, 6, 1), end_month=D(2024, 5, 1))


def test_clean_explains_an_end_before_the_start(city):
    action = ActionFactory.build(city=city, start_month=D(2024, 6, 1), end_month=D(2024, 5, 1))
    action.lead.save()
    action.domain.save()
    with pytest.raises(ValidationError) as exc:
        action.full_clean()
    assert exc.value.message_dict["end_month"] == ["La fin ne peut pas précéder le début."]


def test_a_one_month_action_is_fine(city):
    action = ActionFactory(city=city, start_month=D(2024, 6, 1), end_month=D(2024, 6, 1))
    action.full_clean()
    assert action.month_count == 1


def test_months_are_stored_as_their_first_day(city):
    action = ActionFactory(city=city)
    action.start_month = D(2024, 1, 15)
    with pytest.raises(ValidationError) as exc:
        action.full_clean()
    assert "start_month" in exc.value.message_dict


def test_a_budget_needs_a_currency_in_the_database(city):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(city=city, budget=Decimal("1000"), currency="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(city=city, budget=None, currency="EUR")


def test_priority_ranks_are_unique_per_city(city, other_city, health):
    PriorityFactory(city=city, domain=health, rank=1)
    PriorityFactory(city=other_city, domain=health, rank=1)  # another city: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(city=city, domain=health, rank=1)


def test_only_priorities_are_ranked(city, health):
    with pytest.raises(IntegrityError), transaction.atomic():
        MappingItemFactory(city=city, domain=health, kind=MappingKind.NEED, rank=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        MappingItemFactory(city=city, domain=health, kind=MappingKind.PRIORITY, rank=None)
    item = MappingItem(city=city, domain=health, kind=MappingKind.PRIORITY, text_fr="Sans rang")
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert exc.value.message_dict["rank"] == ["Une priorité doit avoir un rang."]


def test_the_target_must_come_after_the_baseline_and_differ_from_it(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(action=action, baseline_date=D(2024, 1, 1), target_date=D(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(action=action, baseline_value=Decimal("5"), target_value=Decimal("5"))


def test_one_measurement_per_indicator_and_date(indicator):
    MeasurementFactory(indicator=indicator, measured_on=D(2024, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasurementFactory(indicator=indicator, measured_on=D(2024, 3, 1))


def test_a_measurement_dated_after_today_in_the_city_is_refused(city, indicator):
    # Not the latest value of an indicator before it is measured (issue 12).
    today = city_today(city)
    future = MeasurementFactory.build(indicator=indicator, measured_on=today + datetime.timedelta(days=1), source="x")
    with pytest.raises(ValidationError) as exc:
        future.full_clean()
    assert exc.value.message_dict["measured_on"] == ["Une mesure ne peut pas être datée dans le futur."]
    MeasurementFactory.build(indicator=indicator, measured_on=today, source="x").full_clean()


def test_a_lead_from_another_city_is_refused(city, other_city, action):
    action.lead = StakeholderFactory(city=other_city)
    with pytest.raises(ValidationError) as exc:
        action.full_clean()
    assert exc.value.message_dict["lead"] == [
        "La partie prenante cheffe de file doit appartenir au groupe de cette ville."
    ]


def test_action_titles_are_unique_per_city_whatever_the_case(city, action):
    copy = Action(
        city=city,
        title_fr="PERMANENCE santé",  # SQLite lowers ASCII only: keep the accent as stored
        domain=action.domain,
        lead=action.lead,
        start_month=action.start_month,
        end_month=action.end_month,
    )
    with pytest.raises(ValidationError) as exc:
        copy.full_clean()
    assert exc.value.messages == ["Une action porte déjà ce titre."]
