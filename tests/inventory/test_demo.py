import datetime

from consultations import demo as consultations_demo
from inventory import demo, selectors
from inventory.models import Assessment, Criterion, Programme, Rating
from planning import demo as planning_demo
from stakeholders import demo as stakeholders_demo


def _counts(city):
    return (
        Programme.objects.filter(city=city).count(),
        Assessment.objects.filter(programme__city=city).count(),
        Rating.objects.filter(assessment__programme__city=city).count(),
        Criterion.objects.filter(city=city).count(),
    )


def test_the_demo_loads_an_illustrative_inventory_of_tunis_once(city, other_city, alice):
    users = {"coordinator": alice}
    stakeholders_demo.load(city, users, other_city=other_city)
    consultations_demo.load(city, users, other_city=other_city)
    planning_demo.load(city, users, other_city=other_city)
    demo.load(city, users, other_city=other_city)
    first = _counts(city)
    demo.load(city, users, other_city=other_city)
    assert _counts(city) == first == (9, 5, 16, 4)
    assert _counts(other_city) == (0, 0, 0, 0)
    assert all("(illustratif)" in t for t in Programme.objects.values_list("title_fr", flat=True))
    assert all("(توضيحي)" in t for t in Programme.objects.values_list("title_ar", flat=True))
    leads = set(Programme.objects.values_list("lead__acronym_fr", flat=True))
    assert {"OIM", "HCR", "AESAT"} <= leads  # IOM, UNHCR, a migrant association
    assert set(Assessment.objects.values_list("assessed_on", flat=True)) == {datetime.date(2023, 11, 7)}
    # The demo shows every answer the coordinator looks for.
    gaps = selectors.coverage_gaps(city=city)
    assert {g.domain.code for g in gaps.domains} == {"housing", "civil-registration", "data-statistics"}
    assert [g.group for g in gaps.groups] == ["trafficking"]
    assert len(selectors.overlaps(city=city)) == 3
    assert Programme.objects.filter(mapping_items__isnull=False).distinct().count() == 6


def test_without_stakeholders_the_demo_loads_nothing(city):
    demo.load(city, {}, other_city=None)
    assert _counts(city) == (0, 0, 0, 0)
