"""The database rate counter (common/ratelimit.py): one atomic statement per event.

Semantics on any database; real concurrency (threads, one connection each) on PostgreSQL, where
requests run in parallel -- SQLite serialises every write, so a race cannot show there.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from common.models import RateCounter
from common.ratelimit import rate_count, rate_peek, rate_reset
from links.views import BAD_TOKEN_LIMIT

WINDOW = timedelta(minutes=10)
pytestmark = pytest.mark.django_db


def test_it_counts_each_event_and_returns_the_new_count():
    assert [rate_count("k", window=WINDOW) for _ in range(3)] == [1, 2, 3]
    assert rate_count("other", window=WINDOW) == 1
    assert rate_peek("k") == 3
    assert rate_peek("unknown") == 0


def test_a_new_window_starts_after_the_last_one_ends():
    rate_count("k", window=WINDOW)
    rate_count("k", window=WINDOW)
    RateCounter.objects.filter(key="k").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert rate_peek("k") == 0
    before = timezone.now()
    assert rate_count("k", window=WINDOW) == 1
    assert RateCounter.objects.get(key="k").expires_at >= before + WINDOW


def test_the_window_does_not_slide_with_each_event():
    rate_count("k", window=WINDOW)
    ends = RateCounter.objects.get(key="k").expires_at
    rate_count("k", window=WINDOW)
    assert RateCounter.objects.get(key="k").expires_at == ends


def test_ended_windows_of_any_key_are_deleted_on_the_way():
    for key in ("a", "b"):
        rate_count(key, window=WINDOW)
    RateCounter.objects.filter(key="a").update(expires_at=timezone.now() - timedelta(seconds=1))
    rate_count("c", window=WINDOW)
    assert sorted(RateCounter.objects.values_list("key", flat=True)) == ["b", "c"]


def test_reset_forgets_the_key():
    rate_count("k", window=WINDOW)
    rate_reset("k")
    assert rate_peek("k") == 0
    assert rate_count("k", window=WINDOW) == 1


# Threads at once: each holds a database connection, and the server's connections are shared.
THREADS = 20


def _in_threads(count: int, work) -> list:
    """Run work(i) in `count` threads released together, each with its own database connection."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres_only
def test_concurrent_events_each_get_their_own_number(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises every write")
    results = _in_threads(THREADS, lambda _i: [rate_count("burst", window=WINDOW) for _ in range(5)])
    assert sorted(n for numbers in results for n in numbers) == list(range(1, 5 * THREADS + 1))
    assert RateCounter.objects.get(key="burst").count == 5 * THREADS


@pytest.mark.postgres_only
def test_a_burst_of_bad_tokens_gets_exactly_the_limit_through(transactional_db):
    """Issue #13: 100 concurrent bad-token GETs from one address got 39-56 answers before the 429s."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises every write")

    def burst(i):
        client = Client()
        return [client.get(f"/fr/l/bad-{i}-{n}/", REMOTE_ADDR="198.51.100.9").status_code for n in range(5)]

    statuses = [status for statuses in _in_threads(THREADS, burst) for status in statuses]
    assert len(statuses) == 100
    assert statuses.count(404) == BAD_TOKEN_LIMIT
    assert statuses.count(429) == 100 - BAD_TOKEN_LIMIT
