import datetime
from decimal import Decimal

from planning.models import ActionStatus
from planning.progress import OFF_TRACK_MARGIN, as_percent, indicator_progress, mean
from planning.selectors import plan_for_city
from tests.factories import ActionFactory, IndicatorFactory, MeasurementFactory

D = datetime.date
MID_2024 = D(2024, 7, 1)


def progress(latest, *, baseline="0", target="100", today=MID_2024, dropped=False):
    return indicator_progress(
        baseline=Decimal(baseline),
        target=Decimal(target),
        latest=None if latest is None else Decimal(latest),
        baseline_date=D(2024, 1, 1),
        target_date=D(2025, 1, 1),
        today=today,
        dropped=dropped,
    )


def test_it_measures_progress_from_baseline_to_target():
    assert progress("30", baseline="10", target="50").progress == Decimal("0.5")
    assert progress("30", baseline="10", target="50").percent == 50


def test_it_measures_progress_towards_a_lower_target():
    # From 40 down to 10: reaching 25 is half way.
    assert progress("25", baseline="40", target="10").progress == Decimal("0.5")


def test_it_clamps_progress_between_0_and_1():
    assert progress("150").progress == Decimal("1")
    assert progress("-20").progress == Decimal("0")
    assert progress("45", baseline="40", target="10").progress == Decimal("0")


def test_with_no_measurement_progress_is_zero():
    result = progress(None)
    assert result.progress == Decimal("0")
    assert result.has_measurement is False


def test_expected_progress_is_linear_in_time_and_clamped():
    # 2024 is a leap year: 366 days from baseline to target; 1 July is day 182.
    assert progress("0", today=D(2024, 7, 1)).expected == Decimal(182) / Decimal(366)
    assert progress("0", today=D(2023, 6, 1)).expected == Decimal("0")
    assert progress("0", today=D(2026, 1, 1)).expected == Decimal("1")


def test_it_is_off_track_when_expected_exceeds_actual_by_more_than_the_margin():
    assert OFF_TRACK_MARGIN == Decimal("0.10")
    # Expected 182/366 = 0.4973; actual 0.39 is 0.1073 behind: off track.
    assert progress("39").off_track is True
    # Actual 0.40 is 0.0973 behind: within the margin.
    assert progress("40").off_track is False
    # Ahead of schedule is never off track.
    assert progress("90").off_track is False


def test_an_indicator_of_a_dropped_action_is_never_off_track():
    assert progress("0", dropped=True).off_track is False


def test_before_the_baseline_date_nothing_is_expected():
    assert progress(None, today=D(2023, 12, 1)).off_track is False


def test_mean_skips_missing_values_and_percent_rounds_half_up():
    assert mean([Decimal("0.2"), None, Decimal("0.4")]) == Decimal("0.3")
    assert mean([None]) is None
    assert as_percent(Decimal("0.505")) == 51
    assert as_percent(Decimal("0.504")) == 50
    assert as_percent(None) is None


def _indicator(action, *, latest, baseline="0", target="100"):
    indicator = IndicatorFactory(
        action=action,
        baseline_value=Decimal(baseline),
        target_value=Decimal(target),
        baseline_date=D(2024, 1, 1),
        target_date=D(2025, 1, 1),
    )
    if latest is not None:
        MeasurementFactory(indicator=indicator, value=Decimal(latest), measured_on=D(2024, 3, 1))
        # An earlier measurement must not count as the latest.
        MeasurementFactory(indicator=indicator, value=Decimal("99"), measured_on=D(2024, 2, 1))
    return indicator


def test_it_rolls_progress_up_per_action_per_domain_and_for_the_plan(city, health, housing):
    a1 = ActionFactory(city=city, domain=health)
    _indicator(a1, latest="20")  # 0.2
    _indicator(a1, latest="60")  # 0.6 -> action 0.4
    a2 = ActionFactory(city=city, domain=health)
    _indicator(a2, latest="100")  # action 1.0 -> health (0.4 + 1.0) / 2 = 0.7
    ActionFactory(city=city, domain=health)  # no indicator: left out of the means, flagged
    dropped = ActionFactory(city=city, domain=health, status=ActionStatus.DROPPED)
    _indicator(dropped, latest="0")  # dropped: left out of the domain and plan
    a3 = ActionFactory(city=city, domain=housing)
    _indicator(a3, latest="10", baseline="0", target="40")  # 0.25

    plan = plan_for_city(city=city, today=D(2024, 7, 1))

    rows = {row.action.pk: row for row in plan.actions}
    assert rows[a1.pk].progress == Decimal("0.4")
    assert rows[a2.pk].progress == Decimal("1")
    assert rows[dropped.pk].progress == Decimal("0")
    domains = {d.domain.code: d for d in plan.domains}
    assert domains["health"].progress == Decimal("0.7")
    assert domains["health"].percent == 70
    assert domains["housing"].progress == Decimal("0.25")
    # The plan: mean of live actions with indicators: (0.4 + 1.0 + 0.25) / 3 = 0.55
    assert plan.progress == Decimal("0.55")
    assert plan.percent == 55


def test_it_flags_live_actions_with_no_indicator(city, health):
    flagged = ActionFactory(city=city, domain=health, title_fr="Sans indicateur")
    ActionFactory(city=city, domain=health, status=ActionStatus.DROPPED)
    measured = ActionFactory(city=city, domain=health)
    _indicator(measured, latest="50")

    plan = plan_for_city(city=city, today=D(2024, 7, 1))

    assert [row.action.pk for row in plan.actions_without_indicator] == [flagged.pk]


def test_it_lists_the_indicators_off_track(city, health):
    action = ActionFactory(city=city, domain=health)
    late = _indicator(action, latest="10")  # 0.1 vs expected 0.497
    _indicator(action, latest="50")  # on track
    unmeasured = _indicator(action, latest=None)  # 0 vs 0.497

    plan = plan_for_city(city=city, today=D(2024, 7, 1))

    assert sorted(i.indicator.pk for _a, i in plan.off_track) == sorted([late.pk, unmeasured.pk])
    assert plan.actions[0].off_track_count == 2
