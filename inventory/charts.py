"""The programmes' timeline: planning's chart geometry (mirrored in Arabic), with the inventory's statuses.

An open-ended programme (no end date) runs to the end of the chart and is drawn with a dashed outline.
"""

import datetime

from planning.charts import STATUS_COLOURS as ACTION_COLOURS
from planning.charts import Timeline, timeline_chart
from planning.models import ActionStatus

from .models import ProgrammeStatus

# The same colours as the action plan's timeline: planned light blue, running blue, ended green.
_AS_ACTION = {
    ProgrammeStatus.PLANNED: ActionStatus.PLANNED,
    ProgrammeStatus.RUNNING: ActionStatus.IN_PROGRESS,
    ProgrammeStatus.ENDED: ActionStatus.DONE,
}
STATUS_COLOURS = {status: ACTION_COLOURS[action_status] for status, action_status in _AS_ACTION.items()}


def programme_timeline(*, items, rtl: bool, today: datetime.date) -> Timeline:
    """items: dicts {label, title, href, start, end (None: open-ended), status}, in display order."""
    items = list(items)
    if not items:
        return timeline_chart(items=[], rtl=rtl, today=today)
    last_year = max([today.year] + [(item["end"] or item["start"]).year for item in items])
    horizon = datetime.date(last_year, 12, 1)
    chart = timeline_chart(
        items=[{**item, "end": item["end"] or horizon, "status": _AS_ACTION[item["status"]]} for item in items],
        rtl=rtl,
        today=today,
    )
    for row, item in zip(chart.rows, items, strict=True):
        row["bar"]["dashed"] = item["end"] is None
    return chart
