"""Every page of the inventory runs the same number of queries for 1 programme and for 50 (no N+1).

`populate(n)` adds n programmes, each with partners, two domains, three target groups, a linked need, an
assessment and two ratings, plus needs in domains no programme covers; half the programmes are planned, so
there are gaps, overlaps and planned programmes to show. The first three queries of every page: the session,
the user, the city with the user's role.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AssessmentFactory,
    ConsultationFactory,
    CriterionFactory,
    MappingItemFactory,
    ProgrammeFactory,
    RatingFactory,
    StakeholderFactory,
)

BASE = "/fr/c/tunis/inventory/"
GROUPS = ["in_transit", "refugees", "students", "workers", "returnees", "children"]


@pytest.fixture
def populate(city, health, housing, legal_aid):
    ConsultationFactory(city=city, number=1, date=datetime.date(2023, 11, 7))
    criteria = [CriterionFactory(city=city, name_fr=f"Critère {n}") for n in range(2)]
    stakeholders = [StakeholderFactory(city=city) for _ in range(3)]
    made = []

    def make(n):
        for i in range(n):
            domain = health if i % 2 else housing
            need = MappingItemFactory(city=city, kind="need", domain=domain)
            MappingItemFactory(city=city, kind="need", domain=legal_aid)
            programme = ProgrammeFactory(
                city=city,
                lead=stakeholders[i % 3],
                partners=[stakeholders[(i + 1) % 3], stakeholders[(i + 2) % 3]],
                domains=[domain, legal_aid] if i % 3 == 0 else [domain],
                target_groups=[GROUPS[i % 6], GROUPS[(i + 1) % 6], "host_community"],
                mapping_items=[need],
                status="planned" if i % 2 else "running",
                end_month=None if i % 4 == 0 else datetime.date(2026, 12, 1),
            )
            assessment = AssessmentFactory(programme=programme)
            for criterion in criteria:
                RatingFactory(assessment=assessment, criterion=criterion, score=1 + i % 5)
            made.append(programme)
        return made[0]

    return make


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [
    # + count, page of programmes (with lead and assessment), their domains, their target groups;
    # the filter's choices of domains and of stakeholders
    ("", 9),
    # + the chosen domain (the filter checks it)
    ("?status=running&domain={housing}", 10),
    # + domains, programmes, their domains, their partners, the stakeholders involved
    ("matrix/", 8),
    # + needs with their domain, programmes running or planned, their domains, their target groups
    ("gaps/", 7),
    # + domains, running programmes with their lead, their domains, their target groups
    ("overlaps/", 7),
    # + count, page of programmes with their lead, their domains
    ("timeline/", 6),
    # + count, page of needs and opportunities, the programmes linked to them (with their lead)
    ("needs/", 6),
    # + count, page of criteria
    ("criteria/", 5),
    # + criteria, ratings
    ("report/", 5),
    # + the baseline report: programmes (with lead, assessment, consultation), partners, domains, target groups,
    # mapping entries, ratings with their criterion; who does what (5); gaps (4); overlaps (4); summary (2)
    ("report/pdf/fr/", 24),
    ("report/pdf/ar/", 24),
    ("report/pdf/bi/", 24),
    ("report.xlsx", 24),
    # + the form's stakeholders (lead, partners), domains, needs and opportunities
    ("new/", 7),
    ("criteria/new/", 3),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_runs_the_same_number_of_queries_for_1_and_50_programmes(
    client, alice, populate, housing, path, expected
):
    client.force_login(alice)
    url = BASE + path.format(housing=housing.pk)
    populate(1)
    assert count_queries(client, url) == expected
    populate(49)
    assert count_queries(client, url) == expected


OBJECT_PAGES = [
    # + the programme (lead, assessment, consultation), partners, domains, target groups, mapping entries, ratings
    ("{pk}/", 9),
    # + the programme (as above, 6); the form: stakeholders (lead, partners), domains, needs and opportunities,
    # the programme's partners and target groups for the initial values
    ("{pk}/edit/", 14),
    # + the programme (6); the city's criteria; the consultations to choose from
    ("{pk}/assessment/", 11),
]


@pytest.mark.parametrize(("path", "expected"), OBJECT_PAGES)
def test_a_programmes_pages_run_the_same_number_of_queries_for_1_and_50_programmes(
    client, alice, populate, path, expected
):
    client.force_login(alice)
    first = populate(1)
    url = BASE + path.format(pk=first.pk)
    assert count_queries(client, url) == expected
    populate(49)
    first.partners.add(*StakeholderFactory.create_batch(3, city=first.city))
    assert count_queries(client, url) == expected


def test_the_criterion_form_runs_the_same_number_of_queries_for_1_and_50_programmes(client, alice, city, populate):
    populate(1)
    criterion = CriterionFactory(city=city)
    client.force_login(alice)
    url = BASE + f"criteria/{criterion.pk}/edit/"
    # session, user, city; the criterion
    assert count_queries(client, url) == 4
    populate(49)
    assert count_queries(client, url) == 4
