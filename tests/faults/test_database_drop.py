"""The database goes away mid-run (restart, failover, idle timeout): the next request gets a new
connection by itself. Settings: CONN_HEALTH_CHECKS is on, so a persistent connection is checked
before each request reuses it.

On SQLite there is no server to lose (and Django never closes an in-memory test database), so the
server-side kill runs on PostgreSQL only; CI runs this suite on both.
"""

from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def persistent_connections():
    """Keep connections between requests, as production does with CONN_MAX_AGE > 0."""
    connection.close()
    saved = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 600
    yield
    connection.settings_dict["CONN_MAX_AGE"] = saved
    connection.close()


def _serve(path: str, cookies) -> int:
    """One request through the real WSGI handler (the test client skips the connection checks that
    Django runs at each request's start and end: this does not)."""
    environ = {}
    setup_testing_defaults(environ)
    environ.update(
        PATH_INFO=path,
        HTTP_HOST="testserver",
        HTTP_COOKIE="; ".join(f"{k}={v.value}" for k, v in cookies.items()),
    )
    status = []
    result = get_wsgi_application()(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        b"".join(result)
    finally:
        result.close()
    return int(status[0].split()[0])


def test_health_checks_are_on():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_next_request_works_after_every_connection_was_closed(city, bob):
    client = Client()
    client.force_login(bob)
    url = f"/fr/c/{city.slug}/stakeholders/"
    assert _serve(url, client.cookies) == 200
    connections.close_all()
    assert _serve(url, client.cookies) == 200
    assert _serve("/healthz", client.cookies) == 200


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.postgres_only
def test_a_connection_killed_by_the_server_is_replaced(city, bob, persistent_connections):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to kill the connection from")

    client = Client()
    client.force_login(bob)
    url = f"/fr/c/{city.slug}/stakeholders/"
    assert _serve(url, client.cookies) == 200
    pid = _backend_pid()
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params["dbname"] = connection.settings_dict["NAME"]
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server dropped the connection under us: the same session, a new connection, no error.
    assert _serve(url, client.cookies) == 200
    assert _serve("/healthz", client.cookies) == 200
    assert _backend_pid() != pid
