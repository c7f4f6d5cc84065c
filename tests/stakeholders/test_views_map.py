import re

import pytest

from stakeholders.charts import CELL, build_map, x_of, y_of
from stakeholders.models import Category, Domain
from stakeholders.selectors import RegistryFilters, domain_list, stakeholder_rows
from tests.factories import StakeholderFactory

MAP = "/fr/c/tunis/stakeholders/map/"


def _marks(html):
    return re.findall(
        r'<a href="/\w\w/c/tunis/stakeholders/(\d+)/" class="map-mark" data-stakeholder="\d+">\s*<title>([^<]*)</title>\s*'
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]{6})"',
        html,
    )


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
    rows = stakeholder_rows(city=city, filters=RegistryFilters(), domains=domain_list())
    first = build_map(rows, domain_list(), "tunis")
    second = build_map(rows, domain_list(), "tunis")
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
    # 1 session, 2 user, 3 city and role, 4 domains (filter and counts), 5 stakeholders, 6 their domains
    with django_assert_num_queries(6):
        response = client.get(MAP)
    assert len(_marks(response.content.decode())) == count
