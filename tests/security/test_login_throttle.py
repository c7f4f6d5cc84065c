"""Login brute force is throttled: django-axes locks a username+address pair after 5 failures, and
cities/login_throttle.py limits failures per account from browsers the account never logged in from.

tests/cities/test_login.py covers the staff login page itself; here the ways around it: the admin's
login, the other language, a forged X-Forwarded-For, a different spelling of the username, many addresses.
"""

import pytest
from django.test import Client
from django.utils import timezone

from cities.login_throttle import KNOWN_LOGINS_COOKIE
from common.models import RateCounter

ADDRESS = "192.0.2.77"


def _fail(client, url="/fr/accounts/login/", username="alice", **extra):
    return client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=ADDRESS, **extra)


def _good(client, url="/fr/accounts/login/", **extra):
    return client.post(url, {"username": "alice", "password": "secret-pass-123"}, REMOTE_ADDR=ADDRESS, **extra)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/fr/accounts/login/", "/ar/accounts/login/", "/admin/login/"])
def test_failures_on_any_login_page_lock_the_others(client, alice, url):
    for _ in range(5):
        _fail(client, url)
    response = _good(client)
    assert response.status_code == 429
    assert not _logged_in(client)
    # The admin login refuses too (alice is not staff, but the lockout answers first).
    assert _good(client, "/admin/login/").status_code == 429


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        _fail(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = _good(client, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert response.status_code == 429
    assert not _logged_in(client)


def test_the_lockout_page_is_translated_and_leaks_nothing(client, alice):
    for _ in range(5):
        _fail(client, "/ar/accounts/login/")
    response = _good(client, "/ar/accounts/login/")
    body = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in body
    assert "alice@example.org" not in body and "Tunis" not in body


def test_failures_below_the_limit_do_not_lock(client, alice):
    for _ in range(4):
        assert _fail(client).status_code == 200
    assert _good(client).status_code == 302
    assert _logged_in(client)


# --- Guessing spread over many addresses (cities/login_throttle.py) -------------------------------------


@pytest.fixture
def limit(settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    return 6


def _spread_failures(count: int, username="alice", url="/fr/accounts/login/") -> list[int]:
    """`count` wrong passwords, each from its own address and browser (no axes lockout on the way)."""
    return [
        Client().post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=f"203.0.113.{n + 1}").status_code
        for n in range(count)
    ]


def test_guessing_from_many_addresses_is_stopped_per_account(alice, limit):
    assert _spread_failures(limit + 2) == [200] * limit + [429, 429]
    client = Client()
    response = _good(client)
    assert response.status_code == 429
    assert not _logged_in(client)
    assert "Trop de tentatives de connexion échouées sur ce compte" in response.content.decode()
    # The admin's login too.
    assert _good(Client(), "/admin/login/").status_code == 429


def test_below_the_limit_a_new_browser_logs_in(alice, limit):
    _spread_failures(limit - 1)
    client = Client()
    assert _good(client).status_code == 302
    assert _logged_in(client)


def test_a_browser_the_account_logged_in_from_is_never_held_back(alice, limit):
    mine = Client()
    assert _good(mine).status_code == 302
    mine.post("/fr/accounts/logout/")
    _spread_failures(limit + 5)
    assert _good(Client()).status_code == 429
    response = _good(mine)
    assert response.status_code == 302
    assert _logged_in(mine)


def test_the_real_users_own_typos_do_not_count_toward_the_account_limit(alice, limit):
    mine = Client()
    _good(mine)
    mine.post("/fr/accounts/logout/")
    for _ in range(4):  # below axes' lockout of this address
        _fail(mine)
    _spread_failures(limit - 1)
    other = Client()
    assert other.post("/fr/accounts/login/", {"username": "alice", "password": "secret-pass-123"}).status_code == 302


def test_the_limit_is_per_account_and_ignores_case(alice, eve, limit):
    _spread_failures(limit, username="ALICE")
    assert _good(Client()).status_code == 429
    response = Client().post("/fr/accounts/login/", {"username": "eve", "password": "secret-pass-123"})
    assert response.status_code == 302


def test_a_forged_or_foreign_cookie_does_not_exempt(alice, eve, limit):
    eves = Client()
    eves.post("/fr/accounts/login/", {"username": "eve", "password": "secret-pass-123"})
    assert KNOWN_LOGINS_COOKIE in eves.cookies
    eves.post("/fr/accounts/logout/")
    _spread_failures(limit)
    assert _good(eves).status_code == 429  # the browser knows eve, not alice
    forged = Client()
    forged.cookies[KNOWN_LOGINS_COOKIE] = '["alice"]'
    assert _good(forged).status_code == 429


def test_the_window_ends(alice, limit):
    _spread_failures(limit)
    assert _good(Client()).status_code == 429
    RateCounter.objects.update(expires_at=timezone.now())
    assert _good(Client()).status_code == 302


def test_the_account_page_is_translated_and_leaks_nothing(alice, limit):
    _spread_failures(limit)
    response = Client().post("/ar/accounts/login/", {"username": "alice", "password": "secret-pass-123"})
    body = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in body
    assert "alice@example.org" not in body and "Tunis" not in body


def test_the_cookie_is_http_only_and_lax(alice, settings):
    settings.SESSION_COOKIE_SECURE = True
    client = Client()
    _good(client)
    cookie = client.cookies[KNOWN_LOGINS_COOKIE]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
