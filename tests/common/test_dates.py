"""common.dates: the one rule for a period in months (actions, programmes)."""

import datetime as dt

from django.utils import translation

from common.dates import month_period_errors


def test_a_month_period_is_stored_as_first_days_and_ends_after_it_starts():
    assert month_period_errors(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 1)) == {}
    assert month_period_errors(start=None, end=None) == {}
    errors = month_period_errors(start=dt.date(2024, 1, 2), end=dt.date(2023, 12, 1))
    assert set(errors) == {"start_month", "end_month"}
    with translation.override("en"):
        errors = month_period_errors(start=dt.date(2024, 3, 1), end=dt.date(2024, 1, 1))
        assert {name: str(message) for name, message in errors.items()} == {
            "end_month": "The end cannot come before the start."
        }
