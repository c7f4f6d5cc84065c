"""Settings of the scale-out run (bench/scaleout.py): the load test's (production settings over loopback
HTTP), with every email written to a folder by a mail server that takes a little time per message, so a
worker can be killed in the middle of a run."""

import os

from bench.settings_load import *  # noqa: F403

EMAIL_BACKEND = "bench.backends.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
