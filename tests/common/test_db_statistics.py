"""common.db_statistics: ANALYZE after a bulk write, best effort."""

import logging
from types import SimpleNamespace

import pytest
from django.db import connection

from common.db_statistics import planner_statistics_refresh
from stakeholders.models import Stakeholder
from tests.factories.stakeholders import StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.postgres_only
def test_the_tables_get_their_row_counts(city, planner_row_estimate):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no statistics unless asked")
    StakeholderFactory.create_batch(11, city=city)
    planner_statistics_refresh(Stakeholder, Stakeholder.domains.through)
    assert planner_row_estimate(Stakeholder) == 11
    assert planner_row_estimate(Stakeholder.domains.through) == Stakeholder.domains.through.objects.count()


@pytest.mark.postgres_only
def test_a_failure_is_logged_and_leaves_the_callers_transaction_usable(city, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs no statement here")
    missing = SimpleNamespace(_meta=SimpleNamespace(db_table="no_such_table"))
    with caplog.at_level(logging.WARNING, logger="common.db_statistics"):
        planner_statistics_refresh(missing)  # no exception
    assert "ANALYZE of" in caplog.text and "no_such_table" in caplog.text
    StakeholderFactory(city=city)  # the test's transaction was not aborted
    assert Stakeholder.objects.filter(city=city).count() == 1


def test_sqlite_runs_nothing(django_assert_num_queries):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL cases are above")
    with django_assert_num_queries(0):
        planner_statistics_refresh(Stakeholder)
