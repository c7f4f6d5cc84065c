"""Settings for the benchmark's own processes: the test settings (locmem email, fast hashing,
locmem cache) on a database of the benchmark's own, which bench/run.py passes in DATABASE_URL.

Tasks: the dummy backend by default, so a request that queues emails only queues them and the
benchmark drains the outbox itself, the way a worker would (BENCH_TASKS_BACKEND overrides it).
"""

import os

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": os.environ.get("BENCH_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")}}
# The benchmark measures the app, not logging.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# One connection for the whole process, as a production server with persistent connections keeps it:
# the measured time is the page's, not the connection's, and query counts see every query.
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
