"""The planner's statistics after a bulk write.

PostgreSQL plans from statistics that autovacuum refreshes once enough of a table has changed (50 rows and
a tenth of the table by default). A city whose registry arrives by import in a table that already holds
other cities' rows may stay below that, and the planner then knows nothing of the new city's rows. On a
table it had no statistics for, PostgreSQL sorted all of a city's rows for each page of the registry
instead of reading the order index (3.4 ms against 0.7 ms a page at 5,000 stakeholders, EXPLAIN ANALYZE
in docs/load-test.md). A bulk write therefore refreshes them at once. SQLite keeps no statistics unless
asked: nothing to do there. Best effort: a failure is logged, never raised to the caller, whose write
is done by then.
"""

import logging

from django.db import DatabaseError, connection, models, transaction

logger = logging.getLogger(__name__)


def planner_statistics_refresh(*model_classes: type[models.Model]) -> None:
    """ANALYZE these models' tables (PostgreSQL; a no-op elsewhere). Samples at most 30,000 rows a table."""
    if connection.vendor != "postgresql":
        return
    tables = [connection.ops.quote_name(model._meta.db_table) for model in model_classes]
    try:
        # In a savepoint: a failure inside a caller's transaction leaves that transaction usable.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")  # noqa: S608 -- the models' own table names, quoted
    except DatabaseError:
        logger.warning("ANALYZE of %s failed; autovacuum will refresh the statistics later", tables, exc_info=True)
