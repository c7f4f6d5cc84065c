import re

import pytest
from django.utils import translation

from stakeholders.models import Category, Domain, Level
from tests.factories import StakeholderFactory


def _names(response):
    html = response.content.decode()
    return re.findall(r'<a class="fw-semibold" href="/\w\w/c/tunis/stakeholders/\d+/">([^<]+)</a>', html)


@pytest.fixture
def registry(city, other_city):
    health = Domain.objects.get(code="health")
    StakeholderFactory(
        city=city,
        name_fr="Association Ahmed",
        name_ar="جمعية أحمد",
        acronym_fr="AA",
        category=Category.MIGRANT_ASSOCIATION,
        influence=2,
        interest=5,
        domains=[health],
    )
    StakeholderFactory(
        city=city,
        name_fr="Société de conseil",
        name_ar="شركة الاستشارات",
        acronym_fr="SDC",
        category=Category.PRIVATE_SECTOR,
        level=Level.NATIONAL,
        influence=4,
        interest=2,
    )
    StakeholderFactory(city=city, name_fr="Ancienne association", name_ar="جمعية قديمة", is_active=False)
    StakeholderFactory(city=other_city, name_fr="Association de Sfax", name_ar="جمعية أحمد صفاقس")


def test_it_lists_the_active_stakeholders_of_the_city_by_name(client, bob, registry):
    client.force_login(bob)
    response = client.get("/fr/c/tunis/stakeholders/")
    assert _names(response) == ["Association Ahmed", "Société de conseil"]
    html = response.content.decode()
    assert "2 parties prenantes" in html
    assert "جمعية أحمد" in html  # the other language's name under the name
    assert "Sfax" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("احمد", ["Association Ahmed"]),  # typed without hamza
        ("جمعيه", ["Association Ahmed"]),  # teh marbuta typed as heh
        ("societe", ["Société de conseil"]),  # typed without accent
        ("SOCIÉTÉ conseil", ["Société de conseil"]),
        ("sdc", ["Société de conseil"]),  # acronym
        ("association", ["Association Ahmed"]),
        ("introuvable", []),
    ],
)
def test_it_searches_french_and_arabic_names_and_acronyms(client, bob, registry, query, expected):
    client.force_login(bob)
    assert _names(client.get("/fr/c/tunis/stakeholders/", {"q": query})) == expected


def test_it_searches_from_the_arabic_page(client, bob, registry):
    client.force_login(bob)
    response = client.get("/ar/c/tunis/stakeholders/", {"q": "احمد"})
    assert _names(response) == ["جمعية أحمد"]
    assert "طرف معني واحد (1)" in response.content.decode()


def test_it_filters_and_shows_inactive_ones_on_request(client, bob, registry):
    client.force_login(bob)
    url = "/fr/c/tunis/stakeholders/"
    assert _names(client.get(url, {"category": "private"})) == ["Société de conseil"]
    assert _names(client.get(url, {"level": "national"})) == ["Société de conseil"]
    assert _names(client.get(url, {"domain": "health"})) == ["Association Ahmed"]
    assert _names(client.get(url, {"status": "inactive"})) == ["Ancienne association"]
    assert _names(client.get(url, {"status": "all"})) == [
        "Ancienne association",
        "Association Ahmed",
        "Société de conseil",
    ]
    # One cell of the map: influence and interest.
    assert _names(client.get(url, {"influence": "4", "interest": "2"})) == ["Société de conseil"]
    assert _names(client.get(url, {"influence": "4", "interest": "5"})) == []
    # Bad values are ignored rather than failing.
    assert _names(client.get(url, {"influence": "9", "interest": "x"})) == ["Association Ahmed", "Société de conseil"]
    assert _names(client.get(url, {"category": "bakery", "sort": "x", "page": "zz"})) == [
        "Association Ahmed",
        "Société de conseil",
    ]


def test_it_sorts(client, bob, registry):
    client.force_login(bob)
    url = "/fr/c/tunis/stakeholders/"
    assert _names(client.get(url, {"sort": "influence"})) == ["Société de conseil", "Association Ahmed"]
    assert _names(client.get(url, {"sort": "interest"})) == ["Association Ahmed", "Société de conseil"]
    assert _names(client.get(url, {"sort": "category"})) == ["Association Ahmed", "Société de conseil"]


def test_it_paginates_by_25(client, bob, city):
    for i in range(30):
        StakeholderFactory(city=city, name_fr=f"Organisation {i:02d}")
    client.force_login(bob)
    first = client.get("/fr/c/tunis/stakeholders/")
    assert len(_names(first)) == 25
    assert "30 parties prenantes" in first.content.decode()
    second = client.get("/fr/c/tunis/stakeholders/", {"page": 2})
    assert _names(second) == [f"Organisation {i}" for i in range(25, 30)]


def test_the_export_and_map_links_keep_the_filters(client, bob, registry):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/stakeholders/", {"q": "احمد", "category": "migrant_association", "page": 1}).content
    html = html.decode()
    assert (
        'href="/fr/c/tunis/stakeholders/export.csv?q=%D8%A7%D8%AD%D9%85%D8%AF&amp;category=migrant_association"' in html
    )
    assert 'href="/fr/c/tunis/stakeholders/map/?q=%D8%A7%D8%AD%D9%85%D8%AF&amp;category=migrant_association"' in html


def test_editors_see_the_new_stakeholder_button_viewers_do_not(client, bob, eve, registry):
    client.force_login(bob)
    assert "/fr/c/tunis/stakeholders/new/" not in client.get("/fr/c/tunis/stakeholders/").content.decode()
    client.force_login(eve)
    assert "/fr/c/tunis/stakeholders/new/" in client.get("/fr/c/tunis/stakeholders/").content.decode()


def test_an_empty_registry_says_so(client, eve, city):
    client.force_login(eve)
    html = client.get("/fr/c/tunis/stakeholders/").content.decode()
    assert "Le registre est vide." in html
    assert "Ajoutez la première partie prenante." in html


def test_the_arabic_page_is_translated_and_right_to_left(client, bob, registry):
    client.force_login(bob)
    html = client.get("/ar/c/tunis/stakeholders/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "سجل الأطراف المعنية" in html
    assert "منظمة مهاجرين" not in html and "جمعية مهاجرين" in html  # category label translated


@pytest.mark.parametrize("count", [1, 50])
def test_the_list_runs_a_constant_number_of_queries(client, bob, city, count, django_assert_num_queries):
    health, housing = Domain.objects.filter(code__in=["health", "housing"])
    for _ in range(count):
        StakeholderFactory(city=city, domains=[health, housing])
    client.force_login(bob)
    # 1 session, 2 user, 3 city and role, 4 domains for the filter, 5 count, 6 page of stakeholders,
    # 7 their domains (prefetch)
    with django_assert_num_queries(7):
        response = client.get("/fr/c/tunis/stakeholders/", {"q": "organisation", "sort": "category"})
    assert response.status_code == 200
    assert len(_names(response)) == min(count, 25)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_each_row_shows_its_category_and_level_in_the_page_language_and_links_to_its_page(
    client, bob, city, registry, language
):
    client.force_login(bob)
    html = client.get(f"/{language}/c/tunis/stakeholders/").content.decode()
    advice = city.stakeholders.get(name_fr="Société de conseil")
    with translation.override(language):
        category, level = str(Category.PRIVATE_SECTOR.label), str(Level.NATIONAL.label)
    row = re.search(
        rf'<a class="fw-semibold" href="/{language}/c/tunis/stakeholders/{advice.pk}/">.*?</tr>', html, re.S
    )
    assert row, html
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]
    assert cells[0] == category
    assert cells[1] == level


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_names_acronyms_and_domains_are_escaped_in_the_rows_and_the_filters(client, bob, city, language):
    domain = Domain.objects.get(code="health")
    domain.name_fr = domain.name_ar = "<b>Santé</b> & co"
    domain.save()
    StakeholderFactory(
        city=city,
        name_fr='<script>alert("fr")</script>',
        name_ar="<img src=x onerror=alert(1)>",
        acronym_fr="A&B",
        acronym_ar="<i>",
        domains=[domain],
        is_active=False,
    )
    client.force_login(bob)
    html = client.get(f"/{language}/c/tunis/stakeholders/", {"status": "all"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Santé" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(&quot;fr&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Santé&lt;/b&gt; &amp; co" in html  # the row's badge and the domain filter's option
    assert ("(<bdi>&lt;i&gt;</bdi>)" if language == "ar" else "(<bdi>A&amp;B</bdi>)") in html
    assert 'class="registry-inactive"' in html
