import re

import pytest
from django.core.cache import cache
from django.utils import translation

from stakeholders import views
from stakeholders.charts import CELL, build_map, x_of, y_of
from stakeholders.models import Category, Domain
from stakeholders.selectors import RegistryFilters, domain_list, stakeholder_rows
from stakeholders.services import stakeholder_deactivate, stakeholder_update
from tests.factories import StakeholderFactory

MAP = "/fr/c/tunis/stakeholders/map/"


def _marks(html):
    return re.findall(
        r'<g class="map-mark" data-stakeholder="\d+" data-href="/\w\w/c/tunis/stakeholders/(\d+)/">\s*<title>([^<]*)</title>\s*'
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]{6})"',
        html,
    )


def _svg(html):
    return html[html.index('<svg id="stakeholder-map"') : html.index("</svg>", html.index('<svg id="stakeholder-map"'))]


def _key_links(html):
    """The links of the table under the map: (href, text)."""
    key = html[html.index("registry-key") :]
    return re.findall(r'<a href="([^"]+)">([^<]+)', key)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The counts by domain are cached under the registry's stamp: each test starts without them."""
    cache.clear()


@pytest.fixture
def group(city):
    health = Domain.objects.get(code="health")
    oim = StakeholderFactory(
        city=city,
        name_fr="Organisation internationale pour les migrations",
        acronym_fr="OIM",
        category=Category.INTERNATIONAL_ORGANISATION,
        influence=4,
        interest=5,
        domains=[health],
    )
    mairie = StakeholderFactory(
        city=city,
        name_fr="Ville de Tunis",
        acronym_fr="",
        category=Category.MUNICIPAL_SERVICE,
        influence=5,
        interest=5,
        domains=[health, Domain.objects.get(code="governance")],
    )
    StakeholderFactory(city=city, name_fr="Partie", category=Category.MEDIA, is_active=False)
    return oim, mairie


def test_it_draws_one_linked_mark_per_active_stakeholder(client, bob, group):
    oim, mairie = group
    client.force_login(bob)
    marks = _marks(client.get(MAP).content.decode())
    assert [(pk, title) for pk, title, *_ in marks] == [
        (
            str(oim.pk),
            "1. Organisation internationale pour les migrations (OIM) – Organisation internationale – influence 4, intérêt 5",
        ),
        (str(mairie.pk), "2. Ville de Tunis – Service municipal – influence 5, intérêt 5"),
    ]
    # Interest 5 is the right-most column; influence 4 and 5 the two top rows. Colours by category.
    assert [(cx, cy, fill) for *_, cx, cy, _r, fill in marks] == [("530", "170", "#59a14f"), ("530", "70", "#4e79a7")]


def test_the_map_has_translated_axes_legend_and_counts(client, bob, group):
    client.force_login(bob)
    html = client.get(MAP).content.decode()
    assert 'font-weight="bold">Intérêt</text>' in html and re.search(
        r'transform="rotate\(-90 [\d ]+\)">Influence</text>', html
    )
    assert "Gérer de près" in html
    assert "Parties prenantes par catégorie" in html
    counts = dict(re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td>\s*<td class=\"num\">(\d+)</td>", html))
    assert counts["Service municipal"] == "1"
    assert counts["Organisation internationale"] == "1"
    assert counts["Médias"] == "0"  # the inactive one is not on the map
    assert counts["Santé"] == "2"
    assert counts["Gouvernance et coordination"] == "1"
    assert counts["Logement"] == "0"
    assert 'style="' not in html and "<style" not in html


def test_the_arabic_map_keeps_the_plot_left_to_right_with_arabic_labels(client, bob, group):
    client.force_login(bob)
    html = client.get("/ar/c/tunis/stakeholders/map/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'direction="ltr"' in html
    assert 'font-weight="bold">الاهتمام</text>' in html and re.search(
        r'transform="rotate\(-90 [\d ]+\)">التأثير</text>', html
    )
    assert "الأطراف المعنية حسب الفئة" in html


def test_the_map_applies_the_filters(client, bob, group):
    client.force_login(bob)
    marks = _marks(client.get(MAP, {"category": "municipal"}).content.decode())
    assert [title.split(" – ")[0] for _pk, title, *_ in marks] == ["1. Ville de Tunis"]


def test_marks_sharing_a_cell_spread_deterministically_inside_it(city):
    for i in range(12):
        StakeholderFactory(city=city, name_fr=f"Organisation {i:02d}", influence=3, interest=2)
    rows = stakeholder_rows(city=city, filters=RegistryFilters(), domains=None)
    first = build_map(rows, domain_list(), {}, "tunis")
    second = build_map(rows, domain_list(), {}, "tunis")
    points = [(m.cx, m.cy) for m in first.marks]
    assert points == [(m.cx, m.cy) for m in second.marks]
    assert len(set(points)) == 12
    for m in first.marks:
        assert abs(float(m.cx) - x_of(2)) + float(m.r) <= CELL / 2
        assert abs(float(m.cy) - y_of(3)) + float(m.r) <= CELL / 2
    assert (first.marks[0].cx, first.marks[0].cy) == ("230", "270")  # the first in the middle


@pytest.mark.parametrize("count", [1, 50])
def test_the_map_runs_a_constant_number_of_queries(client, bob, city, count, django_assert_num_queries):
    domains = list(Domain.objects.all()[:3])
    for i in range(count):
        StakeholderFactory(city=city, influence=i % 5 + 1, interest=i % 3 + 1, domains=domains)
    client.force_login(bob)
    # 1 session, 2 user, 3 city and role, 4 domains (filter and counts), 5 the registry's stamp (count,
    # last change), 6 stakeholders by domain, 7 the stakeholders
    with django_assert_num_queries(7):
        response = client.get(MAP)
    assert len(_marks(response.content.decode())) == count
    # The map's data is cached under the stamp: only the stamp is read until the registry changes.
    with django_assert_num_queries(5):
        cached = client.get(MAP)
    assert _marks(cached.content.decode()) == _marks(response.content.decode())


def test_the_cached_map_follows_every_change(client, bob, group):
    oim, mairie = group
    client.force_login(bob)

    def health_and_titles():
        html = client.get(MAP).content.decode()
        counts = dict(re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td>\s*<td class=\"num\">(\d+)</td>", html))
        return counts["Santé"], [title.split(" – ")[0] for _pk, title, *_ in _marks(html)]

    assert health_and_titles() == (
        "2",
        ["1. Organisation internationale pour les migrations (OIM)", "2. Ville de Tunis"],
    )
    stakeholder_update(stakeholder=mairie, domains=[Domain.objects.get(code="housing")], name_fr="Mairie de Tunis")
    assert health_and_titles() == (
        "1",
        ["1. Mairie de Tunis", "2. Organisation internationale pour les migrations (OIM)"],
    )
    stakeholder_deactivate(stakeholder=oim)
    assert health_and_titles() == ("0", ["1. Mairie de Tunis"])
    StakeholderFactory(city=mairie.city, name_fr="Nouvelle", acronym_fr="", domains=[Domain.objects.get(code="health")])
    assert health_and_titles() == ("1", ["1. Mairie de Tunis", "2. Nouvelle"])


def test_the_map_is_one_image_whose_links_are_in_the_table_under_it(client, bob, group):
    oim, mairie = group
    client.force_login(bob)
    html = client.get(MAP).content.decode()
    svg = _svg(html)
    assert 'role="img"' in svg
    assert "<a " not in svg and "tabindex" not in svg and "href=" not in svg.replace("data-href=", "")
    assert _key_links(html) == [
        (f"/fr/c/tunis/stakeholders/{oim.pk}/", "Organisation internationale pour les migrations"),
        (f"/fr/c/tunis/stakeholders/{mairie.pk}/", "Ville de Tunis"),
    ]


@pytest.fixture
def crowd(city, monkeypatch):
    """More stakeholders than the map draws marks for (the threshold lowered to 3): two in the top
    right cell (influence 5, interest 5), one municipal and one civil society, and two civil society
    ones at influence 2, interest 1; one inactive, not counted."""
    monkeypatch.setattr("stakeholders.views.MAX_MARKS", 3)
    monkeypatch.setattr("stakeholders.charts.MAX_MARKS", 3)
    health = Domain.objects.get(code="health")
    StakeholderFactory(city=city, influence=5, interest=5, category=Category.MUNICIPAL_SERVICE, domains=[health])
    StakeholderFactory(city=city, influence=5, interest=5, category=Category.CIVIL_SOCIETY, domains=[health])
    StakeholderFactory(city=city, influence=2, interest=1, category=Category.CIVIL_SOCIETY)
    StakeholderFactory(city=city, influence=2, interest=1, category=Category.CIVIL_SOCIETY)
    StakeholderFactory(city=city, influence=1, interest=1, category=Category.MEDIA, is_active=False)


def _cells(html):
    """Counted cells of the SVG: (data-href, title, count)."""
    return re.findall(
        r'<g class="map-cell" data-href="([^"]+)">\s*<title>([^<]*)</title>.*?font-weight="bold" fill="#212529">(\d+)</text>',
        html,
        re.S,
    )


def test_above_the_threshold_the_map_counts_the_stakeholders_of_each_cell(client, bob, crowd):
    client.force_login(bob)
    html = client.get(MAP).content.decode()
    assert not _marks(html)
    list_url = "/fr/c/tunis/stakeholders/"
    assert [(href, count) for href, _title, count in _cells(html)] == [
        (f"{list_url}?influence=5&amp;interest=5", "2"),
        (f"{list_url}?influence=2&amp;interest=1", "2"),
    ]
    titles = [title for _href, title, _count in _cells(html)]
    assert titles == [
        "Influence 5, intérêt 5 : 2 parties prenantes – Service municipal 50 %, Société civile / ONG 50 %",
        "Influence 2, intérêt 1 : 2 parties prenantes – Société civile / ONG 100 %",
    ]
    # Category shares drawn as a bar: two halves of 80 pixels in the top right cell.
    first = html[html.index('<g class="map-cell"') : html.index("</g>", html.index('<g class="map-cell"'))]
    assert re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="10" fill="(#[0-9a-f]{6})"/>', first) == [
        ("40", "#4e79a7"),
        ("40", "#edc948"),
    ]
    # The table next to the map: one row per cell, its link to the list filtered to that cell.
    svg = _svg(html)
    assert "<a " not in svg and "tabindex" not in svg
    assert _key_links(html) == [
        (f"{list_url}?influence=5&amp;interest=5", "2 parties prenantes"),
        (f"{list_url}?influence=2&amp;interest=1", "2 parties prenantes"),
    ]
    assert "(influence 5, intérêt 5)" in html  # the link's context for screen readers
    assert '<td class="small">Service municipal 50 %, Société civile / ONG 50 %</td>' in html
    counts = dict(re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td>\s*<td class=\"num\">(\d+)</td>", html))
    assert counts["Société civile / ONG"] == "3" and counts["Service municipal"] == "1" and counts["Médias"] == "0"
    assert counts["Santé"] == "2" and counts["Logement"] == "0"
    assert 'style="' not in html and "<style" not in html


def test_the_counted_map_in_arabic(client, bob, crowd):
    client.force_login(bob)
    html = client.get("/ar/c/tunis/stakeholders/map/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and 'direction="ltr"' in html
    hrefs = [href for href, _title, _count in _cells(html)]
    assert hrefs == [
        "/ar/c/tunis/stakeholders/?influence=5&amp;interest=5",
        "/ar/c/tunis/stakeholders/?influence=2&amp;interest=1",
    ]
    assert "الأطراف المعنية حسب التأثير والاهتمام" in html
    assert [text for _href, text in _key_links(html)] == ["طرفان معنيان (2)", "طرفان معنيان (2)"]


def test_the_cells_links_keep_the_other_filters(client, bob, crowd):
    client.force_login(bob)
    html = client.get(MAP, {"level": "local", "sort": "name", "influence": "5", "interest": "5"}).content.decode()
    # Filtered to one cell, the map draws its marks; on the whole registry, the cells keep the level.
    assert len(_marks(html)) == 2
    html = client.get(MAP, {"level": "local", "sort": "name"}).content.decode()
    assert [href for href, _t, _c in _cells(html)][
        0
    ] == "/fr/c/tunis/stakeholders/?level=local&amp;influence=5&amp;interest=5"


def test_a_cells_link_lists_its_stakeholders(client, bob, crowd):
    client.force_login(bob)
    response = client.get("/fr/c/tunis/stakeholders/", {"influence": "2", "interest": "1"})
    html = response.content.decode()
    assert "2 parties prenantes" in html
    assert '<option value="2" selected>2</option>' in html  # the filter form shows the cell


@pytest.mark.parametrize("count", [4, 40])
def test_the_counted_map_runs_a_constant_number_of_queries(
    client, bob, city, count, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("stakeholders.views.MAX_MARKS", 3)
    domains = list(Domain.objects.all()[:3])
    for i in range(count):
        StakeholderFactory(city=city, influence=i % 5 + 1, interest=i % 3 + 1, domains=domains)
    client.force_login(bob)
    # 1 session, 2 user, 3 city and role, 4 domains (filter and counts), 5 the registry's stamp (count,
    # last change), 6 stakeholders by domain, 7 stakeholders by cell and category
    with django_assert_num_queries(7):
        response = client.get(MAP)
    html = response.content.decode()
    assert not _marks(html)
    assert sum(int(n) for _h, _t, n in _cells(html)) == count
    with django_assert_num_queries(5):  # the counts from the cache, under the registry's stamp
        cached = client.get(MAP).content.decode()
    assert _cells(cached) == _cells(html) and _svg(cached) == _svg(html)


@pytest.fixture
def drawings(monkeypatch):
    """The maps actually drawn (the figure and its tables), by language: a page read from the cache adds none."""
    drawn = []
    real = views.render_to_string

    def counting(template_name, context=None, *args, **kwargs):
        if template_name == "stakeholders/_map_body.html":
            drawn.append(translation.get_language())
        return real(template_name, context, *args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    return drawn


def test_the_figure_is_drawn_once_per_language_and_registry_state(client, bob, group, drawings):
    oim, _mairie = group
    client.force_login(bob)
    first = client.get(MAP).content.decode()
    assert _svg(client.get(MAP).content.decode()) == _svg(first)
    assert drawings == ["fr"]
    arabic = client.get("/ar/c/tunis/stakeholders/map/").content.decode()
    assert drawings == ["fr", "ar"] and "الصحة" in arabic
    stakeholder_update(stakeholder=oim, name_fr="OIM Tunisie")
    assert "OIM Tunisie" in client.get(MAP).content.decode()
    assert drawings == ["fr", "ar", "fr"]


def test_a_renamed_domain_shows_at_once(client, bob, group, drawings):
    client.force_login(bob)
    client.get(MAP)
    health = Domain.objects.get(code="health")
    health.name_fr = "Santé publique"
    health.save()
    assert "Santé publique" in client.get(MAP).content.decode()
    assert drawings == ["fr", "fr"]


def test_each_filter_gets_its_own_figure(client, bob, group):
    client.force_login(bob)
    everyone = _marks(client.get(MAP).content.decode())
    municipal = _marks(client.get(MAP, {"category": Category.MUNICIPAL_SERVICE}).content.decode())
    assert len(everyone) == 2 and [title for _pk, title, *_ in municipal] == [
        "1. Ville de Tunis – Service municipal – influence 5, intérêt 5"
    ]


def test_unknown_parameters_and_bad_values_neither_reach_the_links_nor_draw_new_figures(client, bob, crowd, drawings):
    client.force_login(bob)
    plain = client.get(MAP, {"category": Category.CIVIL_SOCIETY}).content.decode()
    for junk in ({"x": "1"}, {"x": "2" * 5000}, {"level": "nowhere"}, {"domain": "\x00"}, {"q": ""}):
        html = client.get(MAP, {"category": Category.CIVIL_SOCIETY, **junk})
        assert html.status_code == 200
        assert _cells(html.content.decode()) == _cells(plain)
    assert drawings == ["fr"]
    assert all("x=" not in href and "level=" not in href for href, _t, _c in _cells(plain))
