import pytest
from django.core.cache import cache
from django.db import connection, transaction

from stakeholders.models import Category, Domain, Level
from stakeholders.selectors import (
    STATUS_ALL,
    STATUS_INACTIVE,
    RegistryFilters,
    stakeholder_cells,
    stakeholder_domain_counts,
    stakeholder_filter,
    stakeholder_find_similar,
    stakeholder_map_data,
    stakeholder_name_clashes,
    stakeholder_stamp,
)
from stakeholders.services import stakeholder_update
from tests.factories import StakeholderFactory


def _names(qs):
    return [s.name_fr for s in qs]


def test_find_similar_matches_close_names_in_either_language(city, other_city):
    tdat = StakeholderFactory(city=city, name_fr="Terre d'Asile Tunisie", name_ar="أرض اللجوء تونس", acronym_fr="")
    StakeholderFactory(city=city, name_fr="Université de Tunis", name_ar="جامعة تونس", acronym_fr="")
    StakeholderFactory(city=other_city, name_fr="Terre d'Asile Tunisie", name_ar="أرض اللجوء تونس")
    assert stakeholder_find_similar(city=city, name_fr="Terre d’asile - Tunisie") == [tdat]
    assert stakeholder_find_similar(city=city, name_fr="Nouveau", name_ar="ارض اللجوء بتونس") == [tdat]
    assert stakeholder_find_similar(city=city, name_fr="Association des médecins", name_ar="جمعية الأطباء") == []


def test_find_similar_matches_an_equal_acronym_in_the_same_city_only(city, other_city):
    oim = StakeholderFactory(city=city, name_fr="Organisation internationale pour les migrations", acronym_fr="OIM")
    StakeholderFactory(city=other_city, name_fr="OIM Sfax", acronym_fr="OIM")
    matches = stakeholder_find_similar(city=city, name_fr="Bureau sans rapport", acronym=["o.i.m", ""])
    assert matches == [oim]
    assert matches[0].similarity == 1.0


def test_find_similar_includes_inactive_ones_and_excludes_itself(city):
    s = StakeholderFactory(city=city, name_fr="Observatoire National de la Migration", is_active=False)
    assert stakeholder_find_similar(city=city, name_fr="Observatoire national des migrations") == [s]
    assert stakeholder_find_similar(city=city, name_fr=s.name_fr, exclude_pk=s.pk) == []


def test_find_similar_reads_the_registry_in_one_query(city, django_assert_num_queries):
    for _ in range(30):
        StakeholderFactory(city=city)
    with django_assert_num_queries(1):
        stakeholder_find_similar(city=city, name_fr="Organisation 3", name_ar="منظمة 3", acronym="X")


def test_name_clashes_compare_normalised_names(city):
    s = StakeholderFactory(city=city, name_fr="Société Générale", name_ar="الشركة العامّة")
    assert stakeholder_name_clashes(city=city, name_fr="societe generale") == {"name_fr": s}
    assert stakeholder_name_clashes(city=city, name_fr="x", name_ar="الشركة العامة") == {"name_ar": s}
    assert stakeholder_name_clashes(city=city, name_fr="societe generale", exclude_pk=s.pk) == {}


def test_filter_combines_search_category_level_domain_and_status(city):
    health = Domain.objects.get(code="health")
    a = StakeholderFactory(
        city=city, name_fr="Centre Ahmed", name_ar="مركز أحمد", category=Category.CIVIL_SOCIETY, domains=[health]
    )
    StakeholderFactory(city=city, name_fr="Centre Ali", name_ar="مركز علي", category=Category.CIVIL_SOCIETY)
    StakeholderFactory(city=city, name_fr="Mairie", category=Category.MUNICIPAL_SERVICE, level=Level.NATIONAL)
    gone = StakeholderFactory(city=city, name_fr="Ancien centre", is_active=False)
    assert _names(stakeholder_filter(city=city, filters=RegistryFilters(query="احمد"))) == ["Centre Ahmed"]
    assert _names(stakeholder_filter(city=city, filters=RegistryFilters(query="centre"))) == [
        "Centre Ahmed",
        "Centre Ali",
    ]
    assert _names(stakeholder_filter(city=city, filters=RegistryFilters(query="centre", status=STATUS_ALL))) == [
        "Ancien centre",
        "Centre Ahmed",
        "Centre Ali",
    ]
    assert list(stakeholder_filter(city=city, filters=RegistryFilters(status=STATUS_INACTIVE))) == [gone]
    assert list(stakeholder_filter(city=city, filters=RegistryFilters(domain="health"))) == [a]
    assert _names(stakeholder_filter(city=city, filters=RegistryFilters(level=Level.NATIONAL))) == ["Mairie"]
    assert _names(stakeholder_filter(city=city, filters=RegistryFilters(category=Category.CIVIL_SOCIETY))) == [
        "Centre Ahmed",
        "Centre Ali",
    ]


def test_sorts_ignore_accents_and_follow_the_page_language(city):
    StakeholderFactory(city=city, name_fr="Zèbre", name_ar="أرنب", influence=1, interest=5)
    StakeholderFactory(city=city, name_fr="École", name_ar="بيت", influence=5, interest=1)
    StakeholderFactory(city=city, name_fr="avenir", name_ar="تمر", influence=3, interest=3)

    def sort(key, language="fr"):
        return _names(stakeholder_filter(city=city, filters=RegistryFilters(sort=key), language=language))

    assert sort("name") == ["avenir", "École", "Zèbre"]
    assert sort("name", "ar") == ["Zèbre", "École", "avenir"]  # أرنب, بيت, تمر
    assert sort("influence") == ["École", "avenir", "Zèbre"]
    assert sort("interest") == ["Zèbre", "avenir", "École"]


def test_map_counts_group_the_matching_stakeholders_by_cell_category_and_domain(
    city, other_city, django_assert_num_queries
):
    health, housing = Domain.objects.get(code="health"), Domain.objects.get(code="housing")
    StakeholderFactory(city=city, influence=5, interest=4, category=Category.MEDIA, domains=[health, housing])
    StakeholderFactory(city=city, influence=5, interest=4, category=Category.MEDIA, domains=[health])
    StakeholderFactory(city=city, influence=5, interest=4, category=Category.ACADEMIA)
    StakeholderFactory(city=city, influence=1, interest=2, category=Category.MEDIA, level=Level.NATIONAL)
    StakeholderFactory(city=city, influence=1, interest=2, category=Category.MEDIA, is_active=False, domains=[health])
    StakeholderFactory(city=other_city, influence=5, interest=4, category=Category.MEDIA, domains=[health])
    everyone = RegistryFilters()
    with django_assert_num_queries(3):
        cells = stakeholder_cells(city=city, filters=everyone)
        domains = stakeholder_domain_counts(city=city, filters=everyone)
        stamp = stakeholder_stamp(city=city, filters=everyone)
    assert cells == {(4, 5): {"media": 2, "academia": 1}, (2, 1): {"media": 1}}
    assert domains == {health.pk: 2, housing.pk: 1}
    assert stamp.count == 4
    national = RegistryFilters(level=Level.NATIONAL)
    assert stakeholder_cells(city=city, filters=national) == {(2, 1): {"media": 1}}
    assert stakeholder_domain_counts(city=city, filters=national) == {}
    # Filtered by a domain: every domain of the matching stakeholders still counts.
    by_health = RegistryFilters(domain="health")
    assert stakeholder_domain_counts(city=city, filters=by_health) == {health.pk: 2, housing.pk: 1}
    assert stakeholder_stamp(city=city, filters=RegistryFilters(influence=5, interest=4)).count == 3
    assert stakeholder_stamp(city=city, filters=RegistryFilters(influence=5, interest=2)).count == 0


def test_the_map_data_is_read_again_when_the_stamp_moves(city, django_assert_num_queries):
    cache.clear()
    health = Domain.objects.get(code="health")
    s = StakeholderFactory(city=city, name_fr="Une", domains=[health])
    StakeholderFactory(city=city, name_fr="Deux", influence=1)
    everyone = RegistryFilters()
    with django_assert_num_queries(3):  # stamp, counts by domain, rows
        data = stakeholder_map_data(city=city, filters=everyone, max_marks=2)
    assert [row.name_fr for row in data.rows] == ["Deux", "Une"] and data.cells is None
    assert data.by_domain == {health.pk: 1}
    with django_assert_num_queries(1):  # the stamp only
        assert stakeholder_map_data(city=city, filters=everyone, max_marks=2) == data
    with django_assert_num_queries(3):  # above the threshold: stamp, counts by domain, cells
        counted = stakeholder_map_data(city=city, filters=everyone, max_marks=1)
    assert counted.rows is None and counted.cells == {(3, 3): {s.category: 1}, (3, 1): {"civil_society": 1}}
    stakeholder_update(stakeholder=s, domains=[])
    with django_assert_num_queries(3):
        assert stakeholder_map_data(city=city, filters=everyone, max_marks=2).by_domain == {}


@pytest.mark.parametrize(("language", "index"), [("fr", "stakeholder_order_fr"), ("ar", "stakeholder_order_ar")])
def test_the_default_order_is_read_from_its_index_without_sorting(city, language, index):
    # The list sorts by the name in the reader's language with its collation: an index on that very
    # expression gives a page in order; without it the database sorts the whole city on every request.
    StakeholderFactory.create_batch(3, city=city)
    page = stakeholder_filter(city=city, filters=RegistryFilters(), language=language)[:25]
    sql, params = page.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Few rows: forbid the plans a tiny table would prefer, so only a matching index can avoid a sort.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Index Scan using {index}" in plan, plan
            assert "Sort" not in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert f"USING INDEX {index}" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
