"""bench.db.settle_database gives a bulk-loaded PostgreSQL table the statistics a live database has.

The load test measured the registry on tables PostgreSQL had never analysed until it ran this step: the
planner then guessed a couple of rows for the city and sorted every stakeholder for each page."""

import pytest
from django.db import connection

from bench.db import settle_database
from stakeholders.models import Stakeholder
from tests.factories.stakeholders import StakeholderFactory


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_settling_gives_the_planner_the_row_count_of_a_bulk_loaded_table(city, planner_row_estimate):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no statistics unless asked: settling is a no-op there")
    StakeholderFactory.create_batch(37, city=city)
    settle_database()  # VACUUM ANALYZE: outside any transaction, as in the benchmark's set-up process
    assert planner_row_estimate(Stakeholder) == Stakeholder.objects.count()


@pytest.mark.django_db
def test_settling_does_nothing_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL case is the test above")
    settle_database()  # no statement: SQLite has no VACUUM ANALYZE to run, and inside a test's transaction
