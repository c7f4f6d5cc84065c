"""Geometry of the server-drawn SVG charts (timeline, bars). Templates only print the numbers.

Direction: in Arabic pages the charts are mirrored: labels on the right, bars and time grow leftwards.
The timeline's months therefore run right to left in /ar/, like the text, like a spreadsheet in RTL mode,
and like time ranges in our Arabic PDFs; every month column is numbered and every year labelled, so the
direction is never ambiguous.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from .models import ActionStatus

STATUS_COLOURS = {
    ActionStatus.PLANNED: {"fill": "#9ec5fe", "stroke": "#0a58ca"},
    ActionStatus.IN_PROGRESS: {"fill": "#0d6efd", "stroke": "#0a58ca"},
    ActionStatus.DONE: {"fill": "#198754", "stroke": "#146c43"},
    ActionStatus.DROPPED: {"fill": "#dee2e6", "stroke": "#6c757d"},
}


def month_index(start: datetime.date, value: datetime.date) -> int:
    return (value.year - start.year) * 12 + value.month - start.month


def add_months(value: datetime.date, months: int) -> datetime.date:
    index = value.year * 12 + value.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def truncate(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Mirror:
    """Maps a left-to-right x (and width) onto the drawing, mirrored when rtl."""

    width: float
    rtl: bool

    def x(self, x: float, w: float = 0) -> float:
        return round(self.width - x - w, 1) if self.rtl else round(x, 1)


@dataclass
class Timeline:
    width: int
    height: int
    rtl: bool
    label_x: float
    header: list = field(default_factory=list)  # years: {x, width, label_x, text}
    months: list = field(default_factory=list)  # {x, width, centre, text, year_start}
    rows: list = field(
        default_factory=list
    )  # {y, text_y, label, title, href, bar: {x, y, width, height, fill, stroke, dashed}}
    today_x: float | None = None
    grid_top: int = 0
    grid_bottom: int = 0
    legend: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.rows


LABEL_W = 280
ROW_H = 30
BAR_H = 16
YEAR_H = 22
MONTH_H = 20
MAX_CHART_W = 940


def timeline_chart(*, items, rtl: bool, today: datetime.date | None = None) -> Timeline:
    """items: dicts {label, title, href, start (date), end (date), status, status_label}, in display order.

    Months span whole calendar years, from January of the first start to December of the last end.
    """
    items = list(items)
    if not items:
        return Timeline(width=0, height=0, rtl=rtl, label_x=0)
    first = datetime.date(min(i["start"] for i in items).year, 1, 1)
    last = datetime.date(max(i["end"] for i in items).year, 12, 1)
    count = month_index(first, last) + 1
    month_w = max(8, min(28, MAX_CHART_W // count))
    chart_w = month_w * count
    width = LABEL_W + chart_w + 12
    top = YEAR_H + MONTH_H
    height = top + ROW_H * len(items) + 8
    mirror = Mirror(width=width, rtl=rtl)
    chart = Timeline(
        width=width,
        height=height,
        rtl=rtl,
        label_x=mirror.x(8),
        grid_top=YEAR_H,
        grid_bottom=top + ROW_H * len(items),
    )
    for year in range(first.year, last.year + 1):
        x0 = LABEL_W + month_index(first, datetime.date(year, 1, 1)) * month_w
        chart.header.append(
            {"x": mirror.x(x0, 12 * month_w), "width": 12 * month_w, "centre": mirror.x(x0 + 6 * month_w), "text": year}
        )
    for i in range(count):
        month = add_months(first, i)
        x0 = LABEL_W + i * month_w
        chart.months.append(
            {
                "x": mirror.x(x0, month_w),
                "line_x": mirror.x(x0),
                "width": month_w,
                "centre": mirror.x(x0 + month_w / 2),
                "text": month.month if month_w >= 16 else "",
                "year_start": month.month == 1,
            }
        )
    for n, item in enumerate(items):
        y = top + n * ROW_H
        start_i = month_index(first, item["start"])
        end_i = month_index(first, item["end"])
        bar_w = (end_i - start_i + 1) * month_w
        colours = STATUS_COLOURS[item["status"]]
        chart.rows.append(
            {
                "y": y,
                "band": n % 2 == 0,
                "text_y": y + ROW_H / 2 + 4,
                "label": truncate(item["label"], 42),
                "title": item["title"],
                "href": item["href"],
                "bar": {
                    "x": mirror.x(LABEL_W + start_i * month_w + 1, bar_w - 2),
                    "y": y + (ROW_H - BAR_H) / 2,
                    "width": bar_w - 2,
                    "height": BAR_H,
                    "fill": colours["fill"],
                    "stroke": colours["stroke"],
                    "dashed": item["status"] == ActionStatus.DROPPED,
                },
            }
        )
    if today is not None and first <= today <= datetime.date(last.year, 12, 31):
        days = calendar.monthrange(today.year, today.month)[1]
        offset = (month_index(first, today.replace(day=1)) + (today.day - 1) / days) * month_w
        chart.today_x = mirror.x(LABEL_W + offset)
    chart.legend = [{"status": status, **STATUS_COLOURS[status]} for status in ActionStatus.values]
    return chart


@dataclass
class BarChart:
    width: int
    height: int
    rtl: bool
    rows: list


def bar_chart(*, rows, rtl: bool, label_w: int = 230, bar_w: int = 250, row_h: int = 26) -> BarChart:
    """Horizontal bars: rows of (label, value). Bars grow from the label side (right in Arabic)."""
    rows = list(rows)
    top = max([value for _label, value in rows] + [1])
    width = label_w + bar_w + 40
    mirror = Mirror(width=width, rtl=rtl)
    out = []
    for n, (label, value) in enumerate(rows):
        w = round(bar_w * value / top, 1)
        y = n * row_h
        out.append(
            {
                "label": label,
                "value": value,
                "label_x": mirror.x(4),
                "text_y": y + row_h / 2 + 4,
                "bar_x": mirror.x(label_w, w),
                "bar_y": y + 4,
                "bar_w": w,
                "bar_h": row_h - 8,
                "value_x": mirror.x(label_w + w + 6),
            }
        )
    return BarChart(width=width, height=row_h * len(rows) + 4, rtl=rtl, rows=out)


def stacked_bar(*, parts, rtl: bool, width: int = 600, height: int = 28) -> list[dict]:
    """One bar split into parts (key, value, fill) proportionally; mirrored in rtl."""
    total = sum(value for _key, value, _fill in parts)
    mirror = Mirror(width=width, rtl=rtl)
    out, x = [], 0.0
    for key, value, fill in parts:
        if not value:
            continue
        w = width * value / total
        out.append({"key": key, "value": value, "fill": fill, "x": mirror.x(x, w), "width": round(w, 1)})
        x += w
    return out
