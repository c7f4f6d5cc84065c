"""Every page runs the same number of queries for 1 row and for many (no N+1).

Each test builds the page's rows with `populate(n)` and measures a page at n=1 and n=6.
The first three queries of every page: the session, the user, the city with the user's role.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning.services.roadmap import roadmap_version_freeze
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    MappingItemFactory,
    MeasurementFactory,
    PriorityFactory,
    RoadmapVersionFactory,
    StakeholderFactory,
)

D = datetime.date
BASE = "/fr/c/tunis/planning/"


@pytest.fixture
def populate(city, health, housing):
    def make(n):
        stakeholders = [StakeholderFactory(city=city) for _ in range(2)]
        for i in range(n):
            domain = health if i % 2 else housing
            priority = PriorityFactory(city=city, domain=domain)
            MappingItemFactory(city=city, domain=domain, stakeholders=stakeholders)
            action = ActionFactory(
                city=city, domain=domain, priority=priority, lead=stakeholders[0], partners=stakeholders[1:]
            )
            for _j in range(2):
                indicator = IndicatorFactory(action=action, responsible=stakeholders[1])
                MeasurementFactory(indicator=indicator, value=Decimal("20"))
                MeasurementFactory(indicator=indicator, value=Decimal("40"))
        return action

    return make


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    # plan by domain: + actions, partners, indicators with their latest measurement, lead roles (terms)
    ("", 7),
    # + actions, indicators, stakeholders by category, latest roadmap version; from the other apps' selectors:
    # consultations of the cycle, ToR adoption (consultations.selectors.cycle_for_city), the ToR version sent for
    # ratification (terms.selectors.tor_version_list)
    ("dashboard/", 10),
    # + mapping entries, their stakeholders
    ("mapping/", 5),
    # + domains (filter), count, page of actions, lead roles (terms)
    ("actions/", 7),
    # + domains (filter), actions
    ("timeline/", 5),
    # + actions, indicators with their latest measurement
    ("matrix/", 5),
    ("matrix.csv", 5),
    ("matrix.xlsx", 5),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_city_pages_run_a_constant_number_of_queries(client, alice, populate, path, expected):
    client.force_login(alice)
    populate(1)
    assert count_queries(client, BASE + path) == expected
    populate(5)
    assert count_queries(client, BASE + path) == expected


def test_the_action_page_is_constant_in_indicators(client, alice, city, health, django_assert_num_queries):
    action = ActionFactory(city=city, domain=health, partners=[StakeholderFactory(city=city)])
    IndicatorFactory(action=action)
    client.force_login(alice)
    url = BASE + f"actions/{action.pk}/"
    # session, user, city; the action; its partners; its indicators with their latest measurement; lead role (terms);
    # the lead holds none: the latest ToR version, where the role can be given
    with django_assert_num_queries(8):
        client.get(url)
    for _ in range(5):
        MeasurementFactory(indicator=IndicatorFactory(action=action))
    action.partners.add(StakeholderFactory(city=city))
    with django_assert_num_queries(8):
        client.get(url)


def test_the_indicator_page_is_constant_in_measurements(client, alice, indicator, django_assert_num_queries):
    MeasurementFactory(indicator=indicator)
    client.force_login(alice)
    url = BASE + f"indicators/{indicator.pk}/"
    # session, user, city; the indicator with its action and latest measurement; count and page of measurements
    with django_assert_num_queries(6):
        client.get(url)
    for _ in range(8):
        MeasurementFactory(indicator=indicator)
    with django_assert_num_queries(6):
        client.get(url)


def test_the_roadmap_list_is_constant(client, alice, city, django_assert_num_queries):
    RoadmapVersionFactory(city=city, number=1, status="superseded", snapshot={}, sha256="a" * 64)
    client.force_login(alice)
    # session, user, city; count and page of versions (with their approval)
    with django_assert_num_queries(5):
        client.get(BASE + "roadmap/")
    for n in range(2, 7):
        RoadmapVersionFactory(city=city, number=n, status="superseded", snapshot={}, sha256="a" * 64)
    with django_assert_num_queries(5):
        client.get(BASE + "roadmap/")


def test_a_draft_roadmap_page_is_constant(client, alice, city, populate):
    RoadmapVersionFactory(city=city, number=1)
    client.force_login(alice)
    # session, user, city; the version; the live snapshot: adopted ToR (terms), priorities, actions, partners,
    # indicators with their latest measurement
    populate(1)
    assert count_queries(client, BASE + "roadmap/1/") == 9
    populate(5)
    assert count_queries(client, BASE + "roadmap/1/") == 9


def test_a_frozen_roadmap_page_reads_only_the_version(client, alice, city, populate):
    populate(6)
    roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    client.force_login(alice)
    # session, user, city; the version with its approval and who froze it
    assert count_queries(client, BASE + "roadmap/1/") == 4


def test_the_roadmap_pdf_is_constant(client, alice, city, populate):
    RoadmapVersionFactory(city=city, number=1)
    client.force_login(alice)
    # session, user, city; the version with its approval; the live snapshot (5 queries, as on the page);
    # then its print job (common/background.py): looked up, created (savepoint, insert, release), printed
    # by the tests' immediate task backend (claim, read, done) and read back: 9 + 8. The data changed in
    # between, so the second request prints a new job too.
    populate(1)
    assert count_queries(client, BASE + "roadmap/1/pdf/fr/") == 17
    populate(3)
    assert count_queries(client, BASE + "roadmap/1/pdf/fr/") == 17
