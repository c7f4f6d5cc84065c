"""The planner's statistics after a bulk write.

PostgreSQL plans from statistics that autovacuum refreshes once enough of a table has changed (50 rows and
a tenth of the table by default). A city whose registry arrives by import in a table that already holds
other cities' rows may stay below that: the planner then believes the new city has a couple of rows and,
for each page of its registry, sorts all of them instead of reading the order index (3.4 ms against
0.7 ms a page at 5,000 stakeholders, EXPLAIN ANALYZE in docs/load-test.md). A bulk write therefore
refreshes them at once. SQLite keeps no statistics unless asked: nothing to do there.
"""

from django.db import connection, models


def planner_statistics_refresh(*model_classes: type[models.Model]) -> None:
    """ANALYZE these models' tables (PostgreSQL; a no-op elsewhere). Samples at most 30,000 rows a table."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_classes:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 -- a model's own table name, quoted
