import datetime

from planning import demo
from planning.models import Action, Indicator, MappingItem, Measurement, RoadmapVersion
from planning.selectors import plan_for_city
from stakeholders import demo as stakeholders_demo


def _counts(city):
    return (
        MappingItem.objects.filter(city=city).count(),
        Action.objects.filter(city=city).count(),
        Indicator.objects.filter(action__city=city).count(),
        Measurement.objects.filter(indicator__action__city=city).count(),
        RoadmapVersion.objects.filter(city=city).count(),
    )


def test_the_demo_loads_an_illustrative_plan_once(city, other_city):
    stakeholders_demo.load(city, {}, other_city=other_city)
    demo.load(city, {}, other_city=other_city)
    first = _counts(city)
    demo.load(city, {}, other_city=other_city)
    assert _counts(city) == first == (11, 8, 8, 17, 1)
    assert all("(illustratif)" in title for title in Action.objects.values_list("title_fr", flat=True))
    assert RoadmapVersion.objects.get(city=city).introduction_fr.startswith("Document illustratif.")
    assert _counts(other_city) == (0, 0, 0, 0, 0)

    plan = plan_for_city(city=city, today=datetime.date(2026, 11, 23))
    assert {row.action.domain.code for row in plan.actions} >= {
        "health",
        "housing",
        "employment",
        "civil-registration",
        "data-statistics",
    }
    assert [row.action.title_fr for row in plan.actions_without_indicator] == [
        "Orientation vers les dispositifs de protection sociale (illustratif)"
    ]
    assert len(plan.off_track) == 2
    assert {row.action.status for row in plan.actions} == {"planned", "in_progress", "done", "dropped"}


def test_without_stakeholders_the_demo_loads_nothing(city):
    demo.load(city, {}, other_city=None)
    assert _counts(city) == (0, 0, 0, 0, 0)
