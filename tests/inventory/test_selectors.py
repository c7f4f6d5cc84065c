"""The rules behind the coordinator's questions: who does what, coverage gaps, overlaps, the summary."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from inventory import selectors
from inventory.models import TargetGroup
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.factories import (
    AssessmentFactory,
    CriterionFactory,
    MappingItemFactory,
    ProgrammeFactory,
    RatingFactory,
)

ALL_GROUPS = list(TargetGroup.values)


# --- Coverage gaps --------------------------------------------------------------------------------------------


def test_a_domain_with_a_need_and_no_running_programme_is_a_gap(city, health, housing, need):
    housing_need = MappingItemFactory(city=city, kind="need", domain=housing, text_fr="Hébergement d'urgence")
    MappingItemFactory(city=city, kind="opportunity", domain=housing, text_fr="Logements vacants")
    ProgrammeFactory(city=city, domains=[health], status="running")
    gaps = selectors.coverage_gaps(city=city)
    assert gaps.needs_mapped
    assert [(g.domain, g.needs) for g in gaps.domains] == [(housing, [housing_need])]


@pytest.mark.parametrize("status", ["planned", "ended"])
def test_only_a_running_programme_covers_a_domain(city, health, need, status):
    other = ProgrammeFactory(city=city, domains=[health], status=status, end_month=datetime.date(2023, 6, 1))
    gaps = selectors.coverage_gaps(city=city)
    assert [g.domain for g in gaps.domains] == [health]
    # A planned programme is shown as the one that may close the gap; an ended one is not.
    assert gaps.domains[0].planned == ([other] if status == "planned" else [])


def test_opportunities_and_priorities_do_not_make_gaps(city, housing):
    MappingItemFactory(city=city, kind="opportunity", domain=housing)
    MappingItemFactory(city=city, kind="priority", domain=housing, rank=1)
    gaps = selectors.coverage_gaps(city=city)
    assert gaps.domains == [] and not gaps.needs_mapped


def test_another_citys_programme_does_not_cover_my_need(city, other_city, health, need):
    ProgrammeFactory(city=other_city, domains=[health], status="running")
    assert [g.domain for g in selectors.coverage_gaps(city=city).domains] == [health]


def test_target_groups_nobody_serves(city, health):
    ProgrammeFactory(city=city, domains=[health], target_groups=["refugees", "students"], status="running")
    planned = ProgrammeFactory(city=city, domains=[health], target_groups=["workers"], status="planned")
    ProgrammeFactory(
        city=city, domains=[health], target_groups=["returnees"], status="ended", end_month=datetime.date(2023, 1, 1)
    )
    gaps = selectors.coverage_gaps(city=city)
    assert [g.group for g in gaps.groups] == [g for g in ALL_GROUPS if g not in ("refugees", "students")]
    workers = next(g for g in gaps.groups if g.group == "workers")
    assert (workers.label, workers.planned) == ("Travailleurs migrants", [planned])


def test_with_no_programme_every_group_is_a_gap_and_no_need_means_no_domain_gap(city):
    gaps = selectors.coverage_gaps(city=city)
    assert [g.group for g in gaps.groups] == ALL_GROUPS
    assert gaps.domains == [] and not gaps.needs_mapped


# --- Overlaps -------------------------------------------------------------------------------------------------


def test_running_programmes_sharing_a_domain_and_a_target_group_overlap(city, health, housing):
    a = ProgrammeFactory(city=city, title_fr="A", domains=[health, housing], target_groups=["refugees", "children"])
    b = ProgrammeFactory(city=city, title_fr="B", domains=[health], target_groups=["refugees"])
    c = ProgrammeFactory(city=city, title_fr="C", domains=[health], target_groups=["refugees", "children"])
    # Same domain, another group; same group, another domain: no overlap.
    ProgrammeFactory(city=city, title_fr="D", domains=[health], target_groups=["students"])
    ProgrammeFactory(city=city, title_fr="E", domains=[housing], target_groups=["workers"])
    found = [(o.domain.code, o.group, o.programmes) for o in selectors.overlaps(city=city)]
    assert found == [("health", "refugees", [a, b, c]), ("health", "children", [a, c])]


@pytest.mark.parametrize("status", ["planned", "ended"])
def test_only_running_programmes_overlap(city, health, status):
    ProgrammeFactory(city=city, domains=[health], target_groups=["refugees"])
    ProgrammeFactory(
        city=city, domains=[health], target_groups=["refugees"], status=status, end_month=datetime.date(2027, 1, 1)
    )
    assert selectors.overlaps(city=city) == []


def test_programmes_of_two_cities_do_not_overlap(city, other_city, health):
    ProgrammeFactory(city=city, domains=[health], target_groups=["refugees"])
    ProgrammeFactory(city=other_city, domains=[health], target_groups=["refugees"])
    assert selectors.overlaps(city=city) == []


# --- Who does what --------------------------------------------------------------------------------------------


def test_who_does_what_counts_programmes_per_stakeholder_and_domain(city, health, housing, lead, partner):
    ProgrammeFactory(city=city, lead=lead, partners=[partner], domains=[health, housing])
    ProgrammeFactory(city=city, lead=lead, domains=[health])
    ProgrammeFactory(city=city, lead=partner, domains=[housing], status="ended", end_month=datetime.date(2023, 1, 1))
    matrix = selectors.who_does_what(city=city)
    cells = {
        (row.stakeholder.pk, cell.domain.code): (cell.lead, cell.partner)
        for row in matrix.rows
        for cell in row.cells
        if cell.total
    }
    assert cells == {
        (lead.pk, "health"): (2, 0),
        (lead.pk, "housing"): (1, 0),
        (partner.pk, "health"): (0, 1),
        (partner.pk, "housing"): (1, 1),
    }
    # Rows: programmes each takes part in (once each), most involved first, then by name.
    assert [(row.stakeholder, row.total) for row in matrix.rows] == [(lead, 2), (partner, 2)]
    assert dict(zip([d.code for d in matrix.domains], matrix.programme_counts, strict=True))["health"] == 2
    assert dict(zip([d.code for d in matrix.domains], matrix.programme_counts, strict=True))["housing"] == 2
    running = selectors.who_does_what(city=city, status="running")
    assert [(r.stakeholder, r.total) for r in running.rows] == [(lead, 2), (partner, 1)]
    by_domain = {domain.code: (count, [s for s, _cell in people]) for domain, count, people in matrix.by_domain}
    assert by_domain["health"] == (2, [lead, partner])
    assert by_domain["education"] == (0, [])


# --- Lists and summaries --------------------------------------------------------------------------------------


def test_the_programme_list_filters(city, health, housing, lead, partner):
    a = ProgrammeFactory(city=city, title_fr="A", lead=lead, domains=[health], target_groups=["refugees"])
    b = ProgrammeFactory(city=city, title_fr="B", lead=partner, partners=[lead], domains=[housing])
    c = ProgrammeFactory(city=city, title_fr="C", lead=partner, domains=[health], status="planned")
    assert list(selectors.programme_list(city=city)) == [a, b, c]
    assert list(selectors.programme_list(city=city, domain_id=health.pk)) == [a, c]
    assert list(selectors.programme_list(city=city, status="planned")) == [c]
    assert list(selectors.programme_list(city=city, target_group="refugees")) == [a]
    assert list(selectors.programme_list(city=city, stakeholder_id=lead.pk)) == [a, b]


def test_arabic_pages_sort_by_the_arabic_title(city, health):
    first = ProgrammeFactory(city=city, title_fr="Z programme", title_ar="أ برنامج", domains=[health])
    second = ProgrammeFactory(city=city, title_fr="A programme", title_ar="ب برنامج", domains=[health])
    assert list(selectors.programme_list(city=city)) == [second, first]
    with translation.override("ar"):
        assert list(selectors.programme_list(city=city)) == [first, second]


def test_titles_sort_with_the_readers_collation(city, health, need):
    """In French "Équipe" sorts between "Entraide" and "Fondation"; in Arabic the Arabic titles (issue 12):
    the list, and the planned programmes of a coverage gap, sorted in memory."""
    for fr, ar in NAMES:
        ProgrammeFactory(city=city, title_fr=fr, title_ar=ar, domains=[health], status="planned")

    def gap_titles():
        return [p.title for p in selectors.coverage_gaps(city=city).domains[0].planned]

    assert [p.title_fr for p in selectors.programme_list(city=city)] == FRENCH_ORDER
    assert gap_titles() == FRENCH_ORDER
    with translation.override("ar"):
        assert [p.title_ar for p in selectors.programme_list(city=city)] == ARABIC_ORDER
        assert gap_titles() == ARABIC_ORDER


def test_the_assessment_summary_per_criterion(city, health, criterion):
    coordination = CriterionFactory(city=city, name_fr="Coordination", position=2)
    for score in (2, 3, 5):
        RatingFactory(
            assessment=AssessmentFactory(programme=ProgrammeFactory(city=city, domains=[health])),
            criterion=criterion,
            score=score,
        )
    summary = selectors.assessment_summary(city=city)
    assert [(s.criterion, s.count, s.mean, s.distribution) for s in summary] == [
        (criterion, 3, Decimal("3.3"), [0, 1, 1, 0, 1]),
        (coordination, 0, None, [0, 0, 0, 0, 0]),
    ]


def test_needs_list_the_programmes_linked_to_them(city, programme, need, housing):
    lonely = MappingItemFactory(city=city, kind="opportunity", domain=housing, text_fr="Logements vacants")
    items = list(selectors.mapping_with_programmes(city=city))
    assert items == [need, lonely]
    assert list(items[0].programmes.all()) == [programme]
    assert list(items[1].programmes.all()) == []
