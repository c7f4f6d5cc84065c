"""Settings for the benchmark's own processes: the test settings (locmem email, fast hashing) on a
database of the benchmark's own, which bench/run.py passes in DATABASE_URL, with the cache of a
default deployment: the database cache (its table is made with the database, bench/db.py), or the one
CACHE_URL names (a Redis database of the benchmark's own: the map's uncached figure empties it).

Tasks: the dummy backend by default, so building the pages' data queues nothing that runs. The
documents worker sets BENCH_TASKS_BACKEND to the database backend and drains the queue with a real
`db_worker` process, which writes the emails with the backend named in BENCH_EMAIL_BACKEND (the file
backend, into BENCH_EMAIL_FILE_PATH) so that the bench can count what was delivered.
"""

import os

from config.settings import base
from config.settings.test import *  # noqa: F403
from config.settings.test import EMAIL_BACKEND, EMAIL_FILE_PATH

CACHES = base.CACHES  # the database cache of a default deployment, not the tests' locmem

TASKS = {"default": {"BACKEND": os.environ.get("BENCH_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")}}
EMAIL_BACKEND = os.environ.get("BENCH_EMAIL_BACKEND", EMAIL_BACKEND)
EMAIL_FILE_PATH = os.environ.get("BENCH_EMAIL_FILE_PATH", str(EMAIL_FILE_PATH))
# The benchmark measures the app, not logging.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# One connection for the whole process, as a production server with persistent connections keeps it:
# the measured time is the page's, not the connection's, and query counts see every query.
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
