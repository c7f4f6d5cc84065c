"""What the pages show: flags, warnings, charts drawn by the server and readable in both directions."""

import datetime
import re
from decimal import Decimal

import pytest

from planning.charts import bar_chart, timeline_chart
from stakeholders.models import Category
from tests.factories import ActionFactory, IndicatorFactory, MappingItemFactory, MeasurementFactory, StakeholderFactory

D = datetime.date
PAGES = [
    "",
    "dashboard/",
    "mapping/",
    "actions/",
    "actions/{action}/",
    "timeline/",
    "indicators/{indicator}/",
    "matrix/",
    "roadmap/",
    "roadmap/1/",
    "mapping/new/",
    "actions/new/",
    "actions/{action}/edit/",
    "actions/{action}/indicators/new/",
    "indicators/{indicator}/edit/",
    "roadmap/1/edit/",
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_style_or_script_and_the_right_direction(
    client, alice, action, indicator, measurement, draft, lang, path
):
    client.force_login(alice)
    html = client.get(
        f"/{lang}/c/tunis/planning/" + path.format(action=action.pk, indicator=indicator.pk)
    ).content.decode()
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert 'href="/static/css/planning.css"' in html


def test_the_timeline_is_mirrored_in_arabic():
    items = [
        {"label": "A", "title": "A", "href": "#", "start": D(2024, 1, 1), "end": D(2024, 3, 1), "status": "planned"},
        {"label": "B", "title": "B", "href": "#", "start": D(2025, 11, 1), "end": D(2025, 12, 1), "status": "done"},
    ]
    ltr = timeline_chart(items=items, rtl=False, today=D(2024, 1, 1))
    rtl = timeline_chart(items=items, rtl=True, today=D(2024, 1, 1))
    # 24 months (2024-2025) of 28 px after a 280 px label column, plus a 12 px margin.
    assert (ltr.width, rtl.width) == (280 + 24 * 28 + 12, 964)
    assert [y["text"] for y in ltr.header] == [2024, 2025]
    first_ltr, first_rtl = ltr.rows[0]["bar"], rtl.rows[0]["bar"]
    assert (first_ltr["x"], first_ltr["width"]) == (281, 3 * 28 - 2)
    assert first_rtl["x"] == round(rtl.width - 281 - (3 * 28 - 2), 1)
    assert first_rtl["x"] > rtl.rows[1]["bar"]["x"]  # 2024 is to the right of 2025 in Arabic
    assert ltr.label_x == 8 and rtl.label_x == rtl.width - 8
    assert (ltr.today_x, rtl.today_x) == (280, 964 - 280)
    assert rtl.rows[1]["bar"]["fill"] == "#198754"


def test_an_empty_timeline_says_so(client, bob, city):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/planning/timeline/").content.decode()
    assert "Aucune action ne correspond." in html
    assert '<svg class="timeline-chart"' not in html


def test_the_timeline_page_draws_one_bar_per_action(client, bob, city, health):
    for n in range(3):
        ActionFactory(city=city, domain=health, start_month=D(2024, n + 1, 1), end_month=D(2024, n + 6, 1))
    client.force_login(bob)
    html = client.get("/ar/c/tunis/planning/timeline/").content.decode()
    assert 'direction="rtl"' in html
    assert html.count('rx="3"') == 3
    assert "تسير الأشهر من اليمين إلى اليسار مثل النص" in html


def test_the_bar_chart_grows_from_the_label_side():
    ltr = bar_chart(rows=[("a", 2), ("b", 1)], rtl=False)
    rtl = bar_chart(rows=[("a", 2), ("b", 1)], rtl=True)
    assert (ltr.rows[0]["bar_x"], ltr.rows[0]["bar_w"], ltr.rows[1]["bar_w"]) == (230, 250, 125)
    assert rtl.rows[0]["bar_x"] == ltr.width - 230 - 250
    assert rtl.rows[1]["bar_x"] == ltr.width - 230 - 125


def test_the_dashboard_shows_categories_progress_and_indicators_off_track(client, bob, city, health):
    StakeholderFactory(city=city, category=Category.CIVIL_SOCIETY)
    StakeholderFactory(city=city, category=Category.MEDIA)
    StakeholderFactory(city=city, category=Category.MEDIA, is_active=False)
    lead = StakeholderFactory(city=city, category=Category.MEDIA)
    late = ActionFactory(city=city, domain=health, lead=lead, title_fr="Action en retard")
    indicator = IndicatorFactory(
        action=late, name_fr="Indicateur en retard", baseline_date=D(2024, 1, 1), target_date=D(2025, 1, 1)
    )
    MeasurementFactory(indicator=indicator, value=Decimal("10"), measured_on=D(2024, 12, 1))
    ActionFactory(city=city, domain=health, lead=lead, title_fr="Action sans indicateur")
    client.force_login(bob)
    html = client.get("/fr/c/tunis/planning/dashboard/").content.decode()
    assert "3 parties prenantes actives" in html
    assert "<title>Médias : 2</title>" in html
    assert "<title>Société civile / ONG : 1</title>" in html
    assert "Indicateur en retard" in html
    assert "1 action n'a pas d'indicateur" in html
    assert "<title>Prévue : 2</title>" in html


def test_the_dashboard_shows_the_cycle_when_the_consultations_app_has_one(client, bob, city):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/planning/dashboard/").content.decode()
    assert "Les quatre consultations du cycle" in html
    assert html.count("dash-current") == 1


def test_the_action_page_flags_a_missing_indicator(client, bob, action):
    client.force_login(bob)
    html = client.get(f"/fr/c/tunis/planning/actions/{action.pk}/").content.decode()
    assert "Cette action n'a pas encore d'indicateur" in html


def test_the_matrix_flags_actions_without_indicator_but_not_dropped_ones(client, bob, city, health):
    ActionFactory(city=city, domain=health, title_fr="Vivante sans indicateur")
    ActionFactory(city=city, domain=health, title_fr="Abandonnée sans indicateur", status="dropped")
    client.force_login(bob)
    html = client.get("/fr/c/tunis/planning/matrix/").content.decode()
    assert "1 action n'a pas d'indicateur : donnez-lui en un avant la clôture de la consultation 3." in html
    flagged = html.split("alert-danger", 1)[1].split("</div>", 1)[0]
    assert "Vivante sans indicateur" in flagged and "Abandonnée sans indicateur" not in flagged


def test_a_priority_link_prefills_the_action_form(client, eve, priority):
    client.force_login(eve)
    html = client.get(f"/fr/c/tunis/planning/actions/new/?priority={priority.pk}").content.decode()
    assert f'<option value="{priority.pk}" selected>' in html


def test_the_mapping_page_groups_by_domain(client, bob, priority, health, housing, city):
    MappingItemFactory(city=city, domain=housing, text_fr="Manque d'hébergement")
    client.force_login(bob)
    html = client.get("/ar/c/tunis/planning/mapping/").content.decode()
    assert "النفاذ إلى العلاج" in html
    assert html.index("الصحة") < html.index("السكن")
