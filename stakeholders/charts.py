"""Geometry of the stakeholder map (influence against interest) and of the count bars.

Pure functions over already-fetched rows or counts: no queries here. Up to MAX_MARKS stakeholders
the map draws one mark each (built here as plain strings: a template loop would be slow); beyond, it
draws the 25 cells with their counts and category shares, so its time and size stay bounded whatever
the registry. Nothing in the SVG is focusable (it is one image): the links are in the tables next to
it. Presentation attributes only: the CSP forbids inline styles.
"""

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape as html_escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
# Beyond this many stakeholders the map counts them by cell instead of drawing a mark each.
MAX_MARKS = 300
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

CELL = 100
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 20, 70
PLOT = 5 * CELL
WIDTH, HEIGHT = LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM
BAR_WIDTH = 160
CELL_BAR, CELL_BAR_HEIGHT = 80, 10  # the category bar inside a counted cell


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
class Share:
    """One category's part of a cell: a segment of the cell's bar."""

    key: str
    label: str
    count: int
    percent: int
    fill: str
    x: str
    width: str


@dataclass
class Cell:
    """One of the 25 cells when the map counts: its stakeholders, by category, and its drill-down link."""

    influence: int
    interest: int
    count: int
    url: str
    shares: list[Share]  # largest first
    cx: str
    box_x: str  # the cell's shaded background, a pixel inside the grid lines
    box_y: str
    count_y: str
    bar_y: str
    shade: str  # fill-opacity of the background, by the cell's count against the fullest cell
    shares_text: str = ""  # "Civil society / NGO 31 %, Municipal service 12 %, ..."
    title: str = ""  # the tooltip: scores, count and shares
    link_text: str = ""  # "12 stakeholders", the drill-down link
    link_context: str = ""  # "(influence 5, interest 4)", for screen readers


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
    cells: list[Cell] = field(default_factory=list)
    counted: bool = False  # True: cells with counts, no marks
    numbered: bool = True
    legend: list[Bar] = field(default_factory=list)
    by_category: list[Bar] = field(default_factory=list)
    by_domain: list[Bar] = field(default_factory=list)
    total: int = 0
    max_numbered: int = MAX_NUMBERED
    max_marks: int = MAX_MARKS
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


def build_map(rows: list, domains: list, by_domain: dict, city_slug: str) -> MapChart:
    """The map of the given rows (selectors.RegistryRow, already sorted: their order numbers the
    marks), with counts by category and by domain (`by_domain`: Domain pk -> stakeholders)."""
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
    _add_counts(chart, Counter(row.category for row in rows), Counter(by_domain), domains)
    return chart


def build_counted_map(cells: dict, domains: list, by_domain: dict, city_slug: str, query: str = "") -> MapChart:
    """The map of a registry too large for one mark each (`cells`: (interest, influence) -> category ->
    stakeholders): each cell shows how many stakeholders it holds and a bar of their categories, and
    links (from the table next to the map) to the registry list filtered to that cell and to the
    page's other filters (`query`)."""
    by_category = Counter()
    for by_cell in cells.values():
        by_category.update(by_cell)
    chart = MapChart(total=by_category.total(), counted=True, numbered=False)
    labels = {value: str(label) for value, label in Category.choices}  # translated once, not per cell
    percent = _("%(percent)s %%")
    base = reverse("stakeholders:list", kwargs={"city_slug": city_slug})
    fullest = max((sum(c.values()) for c in cells.values()), default=0)
    for influence in range(5, 0, -1):  # the table's order: the top row of the map first
        for interest in range(1, 6):
            by_cell = cells.get((interest, influence), {})
            total = sum(by_cell.values())
            if not total:
                continue
            left = x_of(interest) - CELL_BAR / 2
            shares, start = [], 0
            for value in Category.values:  # catalogue order: the same colour at the same place in every cell
                n = by_cell.get(value, 0)
                if not n:
                    continue
                width = CELL_BAR * n / total
                shares.append(
                    Share(
                        key=value,
                        label=labels[value],
                        count=n,
                        percent=round(100 * n / total),
                        fill=CATEGORY_COLOURS.get(value, "#6c757d"),
                        x=svg_number(left + start),
                        width=svg_number(width),
                    )
                )
                start += width
            cell_query = urlencode({"influence": influence, "interest": interest})
            shares.sort(key=lambda share: -share.count)
            shares_text = ", ".join(f"{share.label} {percent % {'percent': share.percent}}" for share in shares)
            scores = {"influence": influence, "interest": interest, "count": total}
            title = (
                ngettext(
                    "Influence %(influence)s, interest %(interest)s: %(count)s stakeholder",
                    "Influence %(influence)s, interest %(interest)s: %(count)s stakeholders",
                    total,
                )
                % scores
            )
            chart.cells.append(
                Cell(
                    influence=influence,
                    interest=interest,
                    count=total,
                    url=f"{base}?{query + '&' if query else ''}{cell_query}",
                    shares=shares,
                    shares_text=shares_text,
                    title=f"{title} – {shares_text}",
                    link_text=ngettext("%(counter)s stakeholder", "%(counter)s stakeholders", total)
                    % {"counter": total},
                    link_context=_("(influence %(influence)s, interest %(interest)s)") % scores,
                    cx=svg_number(x_of(interest)),
                    box_x=svg_number(x_of(interest) - CELL / 2 + 1),
                    box_y=svg_number(y_of(influence) - CELL / 2 + 1),
                    count_y=svg_number(y_of(influence) - 4),
                    bar_y=svg_number(y_of(influence) + 10),
                    shade=svg_number(0.06 + 0.3 * total / fullest),
                )
            )
    _add_counts(chart, by_category, Counter(by_domain), domains)
    return chart


def _add_counts(chart: MapChart, by_category: Counter, by_domain: Counter, domains: list) -> None:
    """The legend and the bars by category and by domain (domain pk -> stakeholders), every entry of
    the catalogues shown, empty ones too."""
    top = max(by_category.values(), default=0)
    for value, label in Category.choices:
        fill = CATEGORY_COLOURS[value]
        count = by_category.get(value, 0)
        bar = Bar(value, label, count, _bar(count, top), fill)
        chart.legend.append(bar)
        chart.by_category.append(bar)
    top = max(by_domain.values(), default=0)
    chart.by_domain = [Bar(d.code, d.name, by_domain.get(d.pk, 0), _bar(by_domain.get(d.pk, 0), top)) for d in domains]


def marks_svg(chart: MapChart) -> str:
    """The marks as SVG: each a group with a <title> tooltip (name, category, scores) and, on maps
    small enough, its number keyed to the table under the map. Not links: the map is one image
    (role="img"), whose links are in that table; a click on a mark follows its data-href
    (config/static/js/stakeholder-map.js) for those who use a mouse.

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
            f'<g class="map-mark" data-stakeholder="{row.pk}" data-href="{html_escape(mark.url)}">'
            f"<title>{html_escape(title)}</title>"
            f'<circle cx="{mark.cx}" cy="{mark.cy}" r="{mark.r}" fill="{mark.fill}" stroke="#ffffff" stroke-width="1"/>'
            f"{number}</g>"
        )
    return mark_safe("\n".join(parts))  # every interpolated text is escaped or ours, see above


def cells_svg(chart: MapChart) -> str:
    """The counted cells as SVG: each a group with its tooltip, its background shaded by its count,
    the count and a bar of its categories. Not links (see marks_svg): a click follows data-href.
    Plain string building, as for the marks: every text is escaped, every other value is ours."""
    parts = []
    for cell in chart.cells:
        bar = "".join(
            f'<rect x="{share.x}" y="{cell.bar_y}" width="{share.width}" height="{CELL_BAR_HEIGHT}" fill="{share.fill}"/>'
            for share in cell.shares
        )
        parts.append(
            f'<g class="map-cell" data-href="{html_escape(cell.url)}"><title>{html_escape(cell.title)}</title>'
            f'<rect x="{cell.box_x}" y="{cell.box_y}" width="{CELL - 2}" height="{CELL - 2}" fill="#0d6efd" '
            f'fill-opacity="{cell.shade}"/>'
            f'<text x="{cell.cx}" y="{cell.count_y}" text-anchor="middle" font-size="20" font-weight="bold" '
            f'fill="#212529">{cell.count}</text>{bar}</g>'
        )
    return mark_safe("\n".join(parts))  # every interpolated text is escaped or ours, see above


def chart_svg(chart: MapChart) -> str:
    """What the plot draws: the counted cells, or one mark per stakeholder."""
    return cells_svg(chart) if chart.counted else marks_svg(chart)


def _bar(count: int, top: int) -> str:
    return svg_number(BAR_WIDTH * count / top) if top else "0"
