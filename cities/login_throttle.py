"""Password guessing spread over many addresses: a per-account limit that cannot lock the real user out.

django-axes locks a username+address pair after AXES_FAILURE_LIMIT failures. Guessing one account's
password from many addresses (a botnet, rotating proxies) is not slowed by it. Locking the account
itself would let anyone lock a real user out by typing wrong passwords.

So, as OWASP's "device cookies" propose: a browser where an account has logged in carries a signed
cookie naming that account (KNOWN_LOGINS_COOKIE). Failures on an account from browsers without it
are counted per account (common.ratelimit, atomic, shared by every app server); past
LOGIN_ACCOUNT_FAILURE_LIMIT in LOGIN_ACCOUNT_WINDOW, such browsers may not even try that account until
the window ends: the password is not checked and the page says why (429). A browser the account has
logged in from before is never held back by this limit (axes still limits it per address), so an
attacker cannot keep the real user out; a real user on a new browser during an attack waits for the
window or uses a browser they have logged in from before.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from common.ratelimit import rate_count, rate_peek

KNOWN_LOGINS_COOKIE = "known_logins"
KNOWN_LOGINS_SALT = "cities.login_throttle.known-logins"
KNOWN_LOGINS_MAX_AGE = dt.timedelta(days=180)
KNOWN_LOGINS_KEPT = 5  # accounts remembered per browser


def _limit() -> int:
    return getattr(settings, "LOGIN_ACCOUNT_FAILURE_LIMIT", 20)


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "LOGIN_ACCOUNT_WINDOW_MINUTES", 60))


def _account(username) -> str:
    return str(username or "").strip().casefold()


def _key(account: str) -> str:
    return f"login:account:{account}"[:200]


def known_logins(request) -> list[str]:
    """The accounts that have logged in from this browser (from its signed cookie; [] if absent or forged)."""
    value = request.COOKIES.get(KNOWN_LOGINS_COOKIE)
    if not value:
        return []
    try:
        accounts = signing.loads(value, salt=KNOWN_LOGINS_SALT, max_age=KNOWN_LOGINS_MAX_AGE)
    except signing.BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def is_known_browser(request, account: str) -> bool:
    return account in known_logins(request)


class AccountThrottleBackend(ModelBackend):
    """Django's ModelBackend, with the per-account limit for browsers the account has not logged in from."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not a web login (a management command, a test helper)
            return super().authenticate(request, username=username, password=password, **kwargs)
        account = _account(username if username is not None else kwargs.get("username"))
        trusted = is_known_browser(request, account)
        if not trusted and rate_peek(_key(account)) >= _limit():
            request.account_throttled = True
            raise PermissionDenied  # authenticate() stops here: no other backend checks the password
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            if not trusted:
                rate_count(_key(account), window=_window())
        else:
            request.known_login = account
        return user


def _remember(request, response) -> None:
    accounts = [request.known_login] + [a for a in known_logins(request) if a != request.known_login]
    response.set_cookie(
        KNOWN_LOGINS_COOKIE,
        signing.dumps(accounts[:KNOWN_LOGINS_KEPT], salt=KNOWN_LOGINS_SALT, compress=True),
        max_age=int(KNOWN_LOGINS_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class AccountThrottleMiddleware:
    """Answers a refused attempt with its page (429), and remembers a successful login in the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "account_throttled", False):
            response = render(
                request,
                "registration/account_throttled.html",
                {"minutes": int(_window().total_seconds() // 60)},
                status=429,
            )
        elif getattr(request, "known_login", None):
            _remember(request, response)
        return response
