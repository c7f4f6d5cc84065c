"""Counting events in fixed windows, atomically, in the database: rate limits that hold under bursts.

The bad-token limit of emailed links first counted with the cache (`cache.incr`), checking before
counting: on the database cache, incr is a read then a write, and a burst of 100 concurrent bad tokens
from one address got 39-56 answers through a limit of 20. Here each event is counted by one statement
that inserts the key's row or adds one to it and returns the new count (an upsert with RETURNING,
SQLite 3.35+ and PostgreSQL): concurrent requests queue on the row, each gets its own number, and the
caller decides on that number (count first, then check). The counters live in the database shared by
every app server, whatever the cache backend (a per-process cache would give each server its own limit).
"""

import datetime as dt
import ipaddress

from django.db import connection
from django.utils import timezone

from .models import RateCounter


def address_key(ip: str | None) -> str:
    """A client address as a rate-limit key: IPv4 as it is, IPv6 by its /64 (one host usually holds the
    whole /64, so counting single IPv6 addresses would let it rotate through them)."""
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def rate_count(key: str, *, window: dt.timedelta) -> int:
    """Count one event for `key` and return how many the current window holds, this one included.

    A window opens with the key's first event and lasts `window`; the first event after it ends opens the
    next. Rows of ended windows are deleted on the way (any key), so the table holds only live windows.
    """
    now = timezone.now()
    q = connection.ops.quote_name
    table, key_, count, ends = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
    adapt = connection.ops.adapt_datetimefield_value
    RateCounter.objects.filter(expires_at__lte=now).exclude(key=key).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {count}, {ends}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_}) DO UPDATE SET "
            f"{count} = CASE WHEN {table}.{ends} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
            f"{ends} = CASE WHEN {table}.{ends} <= %s THEN excluded.{ends} ELSE {table}.{ends} END "
            f"RETURNING {count}",
            [key, adapt(now + window), adapt(now), adapt(now)],
        )
        return cursor.fetchone()[0]


def rate_peek(key: str) -> int:
    """How many events the key's current window holds (0 when none), without counting one."""
    row = RateCounter.objects.filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True).first()
    return row or 0


def rate_reset(key: str) -> None:
    RateCounter.objects.filter(key=key).delete()
