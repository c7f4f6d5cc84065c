"""Geometry of the stakeholder map (influence against interest) and of the count bars.

Pure functions over already-fetched rows: no queries here. The template draws the frame and the
bars; the marks, one per stakeholder and possibly thousands, are built here with format_html
(a template loop would take seconds at 5,000). Presentation attributes only: the CSP forbids
inline styles.
"""

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape as html_escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Category

# Tableau 10: distinct hues that stay apart for the common colour-vision deficiencies.
CATEGORY_COLOURS = {
    Category.MUNICIPAL_SERVICE: "#4e79a7",
    Category.NATIONAL_AUTHORITY: "#f28e2b",
    Category.DECENTRALISED_SERVICE: "#e15759",
    Category.DONOR: "#76b7b2",
    Category.INTERNATIONAL_ORGANISATION: "#59a14f",
    Category.CIVIL_SOCIETY: "#edc948",
    Category.MIGRANT_ASSOCIATION: "#b07aa1",
    Category.ACADEMIA: "#ff9da7",
    Category.PRIVATE_SECTOR: "#9c755f",
    Category.MEDIA: "#bab0ac",
}
# Marks carry their number (keyed to the table under the map) while the map stays readable.
MAX_NUMBERED = 150
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

CELL = 100
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 20, 70
PLOT = 5 * CELL
WIDTH, HEIGHT = LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM
BAR_WIDTH = 160


def svg_number(value: float) -> str:
    """A coordinate for an SVG attribute: a dot as decimal separator whatever the page's locale."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@functools.cache
def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#212529" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


def x_of(interest: float) -> float:
    return LEFT + (interest - 0.5) * CELL


def y_of(influence: float) -> float:
    return TOP + (5.5 - influence) * CELL


@dataclass
class Mark:
    # Geometry as strings made by svg_number(): templates would localise floats ("330,0" in French).
    stakeholder: object  # a selectors.RegistryRow
    url: str
    number: int
    cx: str
    cy: str
    r: str
    fill: str
    text_fill: str
    font_size: str


@dataclass
class Bar:
    key: str
    label: str
    count: int
    width: str
    fill: str = "#0d6efd"


@dataclass
class MapChart:
    marks: list[Mark] = field(default_factory=list)
    numbered: bool = True
    legend: list[Bar] = field(default_factory=list)
    by_category: list[Bar] = field(default_factory=list)
    by_domain: list[Bar] = field(default_factory=list)
    total: int = 0
    max_numbered: int = MAX_NUMBERED
    # The frame, in whole pixels (integers render the same in every locale).
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right_edge: int = LEFT + PLOT
    bottom_edge: int = TOP + PLOT
    mid_x: int = LEFT + PLOT // 2
    mid_y: int = TOP + PLOT // 2
    half: int = PLOT // 2
    x_arrow_y: int = TOP + PLOT + 34
    x_arrow_head: str = (
        f"{LEFT + PLOT + 1},{TOP + PLOT + 34} {LEFT + PLOT - 9},{TOP + PLOT + 29} {LEFT + PLOT - 9},{TOP + PLOT + 39}"
    )
    x_label_y: int = TOP + PLOT + 58
    y_arrow_x: int = LEFT - 36
    y_arrow_head: str = f"{LEFT - 36},{TOP - 1} {LEFT - 41},{TOP + 9} {LEFT - 31},{TOP + 9}"
    y_label_x: int = 22
    grid_x: tuple = tuple(LEFT + i * CELL for i in range(6))
    grid_y: tuple = tuple(TOP + i * CELL for i in range(6))
    ticks: tuple = tuple({"value": v, "x": int(x_of(v)), "y": int(y_of(v))} for v in range(1, 6))


def _offsets(n: int, radius: float) -> list[tuple[float, float]]:
    """Where n marks sharing one cell go: a sunflower spiral around the cell's centre, the first
    mark in the middle; the same input always gives the same picture."""
    if n == 1:
        return [(0.0, 0.0)]
    spread = min(CELL / 2 - radius - 2, radius * 1.6 * math.sqrt(n))
    points = []
    for k in range(n):
        distance = spread * math.sqrt(k / (n - 1)) if n > 1 else 0
        angle = k * GOLDEN_ANGLE - math.pi / 2
        points.append((distance * math.cos(angle), distance * math.sin(angle)))
    return points


def build_map(rows: list, domains: list, city_slug: str) -> MapChart:
    """The map of the given rows (selectors.RegistryRow, already sorted: their order numbers the
    marks), with counts by category and by domain."""
    chart = MapChart(total=len(rows), numbered=len(rows) <= MAX_NUMBERED)
    cells = defaultdict(list)
    for number, row in enumerate(rows, start=1):
        cells[(row.interest, row.influence)].append((number, row))
    # Detail pages sit under the list's URL (stakeholders/urls.py): one reverse() rather than 5,000.
    base = reverse("stakeholders:list", kwargs={"city_slug": city_slug})
    for (interest, influence), members in sorted(cells.items()):
        n = len(members)
        radius = max(2.5, min(11.0, 40 / math.sqrt(n)))
        for (number, row), (dx, dy) in zip(members, _offsets(n, radius), strict=True):
            fill = CATEGORY_COLOURS.get(row.category, "#6c757d")
            chart.marks.append(
                Mark(
                    stakeholder=row,
                    url=f"{base}{row.pk}/",
                    number=number,
                    cx=svg_number(x_of(interest) + dx),
                    cy=svg_number(y_of(influence) + dy),
                    r=svg_number(radius),
                    fill=fill,
                    text_fill=_text_colour(fill),
                    font_size=svg_number(radius * (1.0 if number < 10 else 0.85 if number < 100 else 0.7)),
                )
            )
    chart.marks.sort(key=lambda m: m.number)

    by_category = Counter(row.category for row in rows)
    top = max(by_category.values(), default=0)
    for value, label in Category.choices:
        fill = CATEGORY_COLOURS[value]
        count = by_category.get(value, 0)
        bar = Bar(value, label, count, _bar(count, top), fill)
        chart.legend.append(bar)
        chart.by_category.append(bar)

    by_domain = Counter(d.pk for row in rows for d in row.domain_list)
    top = max(by_domain.values(), default=0)
    chart.by_domain = [Bar(d.code, d.name, by_domain.get(d.pk, 0), _bar(by_domain.get(d.pk, 0), top)) for d in domains]
    return chart


def marks_svg(chart: MapChart) -> str:
    """The marks as SVG: each an <a> to the stakeholder's page, with a <title> tooltip (name,
    category, scores) and, on maps small enough, its number keyed to the table under the map.

    Plain string building: names are escaped with html.escape, every other value is ours
    (numbers, colours, URLs made by reverse()). format_html took seconds at 5,000 marks."""
    category_labels = {value: str(label) for value, label in Category.choices}
    scores = _("influence %(influence)s, interest %(interest)s")
    parts = []
    for mark in chart.marks:
        row = mark.stakeholder
        title = row.name + (f" ({row.acronym})" if row.acronym else "")
        title += " – " + category_labels.get(row.category, row.category)
        title += " – " + scores % {"influence": row.influence, "interest": row.interest}
        number = ""
        if chart.numbered:
            title = f"{mark.number}. {title}"
            number = (
                f'<text x="{mark.cx}" y="{mark.cy}" text-anchor="middle" dominant-baseline="central" '
                f'font-size="{mark.font_size}" font-weight="bold" fill="{mark.text_fill}">{mark.number}</text>'
            )
        parts.append(
            f'<a href="{html_escape(mark.url)}" class="map-mark" data-stakeholder="{row.pk}">'
            f"<title>{html_escape(title)}</title>"
            f'<circle cx="{mark.cx}" cy="{mark.cy}" r="{mark.r}" fill="{mark.fill}" stroke="#ffffff" stroke-width="1"/>'
            f"{number}</a>"
        )
    return mark_safe("\n".join(parts))  # every interpolated text is escaped or ours, see above


def _bar(count: int, top: int) -> str:
    return svg_number(BAR_WIDTH * count / top) if top else "0"
