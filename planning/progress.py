"""Progress against target, and the roll-ups of the M&E matrix.

The rules, in one place:
- An indicator's progress is (latest - baseline) / (target - baseline), clamped to [0, 1]. It works for
  targets below the baseline too (a fall from 40 to 10 that reaches 25 is half way). With no measurement
  yet, the latest value is the baseline: progress 0.
- Expected progress is linear in time from the baseline date (0) to the target date (1), clamped.
- An indicator is off track when expected progress exceeds actual progress by more than OFF_TRACK_MARGIN.
- An action's progress is the mean of its indicators' progress; a domain's is the mean of its actions'
  progress (each action weighs the same, whatever its number of indicators). Actions without indicators
  have no progress and are left out of the means. Dropped actions are left out of domain and plan roll-ups
  and their indicators are never off track.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
# Ten percentage points behind the straight line from baseline to target.
OFF_TRACK_MARGIN = Decimal("0.10")


def clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def as_percent(value: Decimal | None) -> int | None:
    """0.505 -> 51 (half up); None stays None."""
    if value is None:
        return None
    return int((value * 100).quantize(ONE, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class IndicatorProgress:
    progress: Decimal
    expected: Decimal
    has_measurement: bool
    off_track: bool

    @property
    def percent(self) -> int:
        return as_percent(self.progress)

    @property
    def expected_percent(self) -> int:
        return as_percent(self.expected)


def indicator_progress(
    *,
    baseline: Decimal,
    target: Decimal,
    latest: Decimal | None,
    baseline_date: datetime.date,
    target_date: datetime.date,
    today: datetime.date,
    dropped: bool = False,
) -> IndicatorProgress:
    span = target - baseline
    actual = ZERO if latest is None or span == 0 else clamp((latest - baseline) / span)
    days = (target_date - baseline_date).days
    expected = ONE if days <= 0 else clamp(Decimal((today - baseline_date).days) / Decimal(days))
    off_track = not dropped and (expected - actual) > OFF_TRACK_MARGIN
    return IndicatorProgress(
        progress=actual, expected=expected, has_measurement=latest is not None, off_track=off_track
    )


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """Mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, ZERO) / len(present)
