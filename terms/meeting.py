"""The date of the meeting a circulated ToR version must reach stakeholders before (consultation 1).

Consultations sit above the terms of reference in the app order (consultation 2 waits for the adopted
ToR), so the terms app cannot read them: the consultations app registers the date's source in its
AppConfig.ready(). Without one, circulation is simply never late.
"""

import datetime as dt
from collections.abc import Callable

_SOURCE: list[Callable[..., dt.date | None]] = []


def register_first_meeting_date(source: Callable[..., dt.date | None]) -> None:
    """`source(*, city)` returns the date of the city's first consultation, or None while unknown."""
    _SOURCE[:] = [source]


def first_meeting_date(*, city) -> dt.date | None:
    return _SOURCE[0](city=city) if _SOURCE else None
