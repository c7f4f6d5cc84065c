"""Login brute force is throttled (django-axes: a username+address pair locks after 5 failures).

tests/cities/test_login.py covers the staff login page itself; here the ways around it: the admin's
login, the other language, a forged X-Forwarded-For, a different spelling of the username.
"""

import pytest

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
