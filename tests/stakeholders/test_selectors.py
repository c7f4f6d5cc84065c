from stakeholders.models import Category, Domain, Level
from stakeholders.selectors import (
    STATUS_ALL,
    STATUS_INACTIVE,
    RegistryFilters,
    stakeholder_filter,
    stakeholder_find_similar,
    stakeholder_name_clashes,
)
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
