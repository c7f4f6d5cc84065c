"""Dates people type, and moments computed from them.

One plausible range for every date or month a user enters (consultations, actions, indicators,
measurements, roadmap approval, stakeholders joining, terms presented, decisions on paper): the years
1990 to 2100. Python's dates run from year 1 to 9999, but a wall time on 1 January of year 1 east of
Greenwich, or on 31 December 9999 west of it, has no UTC equivalent: one such date made the city's
calendar, the consultation's .ics and sending invitations answer 500 (OverflowError). The model
fields carry `validate_plausible_date`, so forms and services refuse such a date with a clear message;
a row stored before the rule must still not break a page: a local wall time that is stored as a moment
(an invitation link's expiry) goes through `as_utc`. (Comparing aware datetimes never overflows.)
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1990
MAX_YEAR = 2100
MIN_DATE = dt.date(MIN_YEAR, 1, 1)
MAX_DATE = dt.date(MAX_YEAR, 12, 31)

_UTC_MIN = dt.datetime.min.replace(tzinfo=dt.UTC)
_UTC_MAX = dt.datetime.max.replace(tzinfo=dt.UTC)


def is_plausible_date(value: dt.date) -> bool:
    if isinstance(value, dt.datetime):
        value = value.date()
    return MIN_DATE <= value <= MAX_DATE


def validate_plausible_date(value) -> None:
    """The validator of every user-entered date (and month, stored as its first day)."""
    if value is None or not isinstance(value, dt.date):
        return
    if not is_plausible_date(value):
        raise ValidationError(
            _("Enter a date between the years %(min)s and %(max)s."),
            code="date_out_of_range",
            params={"min": MIN_YEAR, "max": MAX_YEAR},
        )


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware moment in UTC. A wall time UTC cannot hold (year 1 east of Greenwich, 9999 west of it)
    becomes the first or last moment UTC can hold, so that it still compares and sorts."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        return _UTC_MIN if value.year == dt.MINYEAR else _UTC_MAX


def month_period_errors(*, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """The errors of a period in months (an action's, a programme's), by field: each month is stored as
    its first day, and the end does not come before the start."""
    errors = {}
    for name, value in (("start_month", start), ("end_month", end)):
        if value is not None and value.day != 1:
            errors[name] = _("A month is stored as its first day.")
    if start and end and end < start:
        errors["end_month"] = _("The end cannot come before the start.")
    return errors
