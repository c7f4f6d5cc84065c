"""Every view of the URL configuration, under every role, against the access it is classified with.

The routes come from the URL configuration itself (tests/security/urlwalk.py), so a new view is tested
the moment it is routed; a view missing from tests/security/access.py fails until someone says who may
use it. Each request runs in a savepoint that is rolled back, so every role meets the same data.

Besides the status codes, every HTML response is checked for: city data shown to someone who may
not see it, stored script rendered unescaped, the security headers, inline scripts and styles (which the
Content Security Policy blocks in browsers).
"""

import re

import pytest
from django.db import transaction
from django.test import Client

from cities.models import ROLE_RANK

from .access import ANY, access_for
from .conftest import ROLES
from .kwargs import UnknownKwarg, entity_for, fill_kwargs
from .urlwalk import walk
from .world import MARKER, MARKER_EMAIL, PAYLOADS

ROUTES = walk()
LOGIN_PREFIX = "/fr/accounts/login/"
ADMIN_LOGIN_PREFIX = "/admin/login/"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=\"", re.I)


def _id(route):
    return route.name or route.template


def request(client, method: str, url: str, *, before_rollback=None):
    """One request whose writes are rolled back, so the next role sees the same data."""
    sid = transaction.savepoint()
    try:
        response = getattr(client, method)(url)
        if before_rollback is not None:
            before_rollback()
        return response
    finally:
        transaction.savepoint_rollback(sid)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _describe(response) -> str:
    text = str(response.status_code)
    if response.status_code in (301, 302, 303):
        text += f" -> {response.get('Location', '')}"
    if response.status_code >= 500 and getattr(response, "exc_info", None):
        exc = response.exc_info[1]
        text += f" ({type(exc).__name__}: {exc})"
    return text


def _is_redirect_to(response, prefix: str) -> bool:
    return response.status_code == 302 and response.get("Location", "").startswith(prefix)


def expect_status(access, role: str, method: str, response) -> str | None:
    """None when the response is what the access allows, else what was expected."""
    status = response.status_code
    allowed = access.get if method == "get" else access.post
    ok = access.get_ok if method == "get" else access.post_ok
    if status >= 500:
        return "no server error"
    if access.kind == "admin":
        if role == "superuser":
            return None
        return None if _is_redirect_to(response, ADMIN_LOGIN_PREFIX) else "a redirect to the admin login"
    if allowed is None:
        refused = {405}
        if access.kind == "link" or (access.kind == "city" and role in ("anonymous", "outsider")):
            refused |= {404}
        if role == "anonymous" and _is_redirect_to(response, LOGIN_PREFIX):
            return None
        return None if status in refused else f"{sorted(refused)} ({method.upper()} is not accepted by this view)"
    if access.kind == "public":
        return None if status in ok else f"one of {ok}"
    if access.kind == "link":
        return None if status == 404 else "404, the generic invalid-link page (no link in the session)"
    if access.kind == "programme":
        if role == "anonymous":
            return None if _is_redirect_to(response, LOGIN_PREFIX) else "a redirect to the login page"
        if role == "superuser":
            return None if status in ok else f"one of {ok}"
        return None if status == 404 else "404 (only the programme's members see it, and no city staff here is one)"
    if access.kind == "login":
        if role == "anonymous":
            return None if _is_redirect_to(response, LOGIN_PREFIX) else "a redirect to the login page"
        return None if status in ok else f"one of {ok}"
    # city
    if role == "anonymous":
        if status == 404 or _is_redirect_to(response, LOGIN_PREFIX):
            return None
        return "404 or a redirect to the login page"
    if role == "outsider":
        return None if status == 404 else "404 (an outsider must not learn that the city exists)"
    if role == "superuser" or (allowed == ANY or ROLE_RANK[role] >= ROLE_RANK[allowed]):
        return None if status in ok else f"one of {ok} (the {role} may {method.upper()} this view)"
    return None if status == 403 else f"403 (a {role} may not {method.upper()} this view)"


def inspect_body(access, role: str, response) -> list[str]:
    """Problems in the content and headers of a response, whatever its status."""
    problems = []
    content_type = response.get("Content-Type", "")
    body = _body(response)
    private = (role in ("anonymous", "outsider") and access.kind in ("city", "admin", "public", "login")) or (
        access.kind == "programme" and role != "superuser"
    )
    if private or access.kind == "link":
        leaked = [m for m in (MARKER, MARKER_EMAIL) if m in body]
        if leaked:
            problems.append(f"shows the city's data ({', '.join(leaked)}) to a user who may not see it")
    if not content_type.startswith("text/html"):
        return problems
    for payload in PAYLOADS:
        if payload in body:
            problems.append(f"renders stored text unescaped: {payload}")
    csp = response.get("Content-Security-Policy", "")
    if not csp:
        problems.append("no Content-Security-Policy header")
    elif "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append(f"Content-Security-Policy allows unsafe sources: {csp}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options is {response.get('X-Frame-Options')!r}, not DENY")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy header")
    if access.kind != "admin" and response.status_code == 200:
        if INLINE_SCRIPT.search(body):
            problems.append(f"inline <script> (blocked by the CSP): {INLINE_SCRIPT.search(body).group(0)}")
        match = INLINE_STYLE.search(body)
        if match:
            start = max(match.start() - 60, 0)
            problems.append(f"inline style (blocked by the CSP): ...{body[start : match.end() + 40]!r}")
    return problems


def _group(route) -> str:
    """The test a route belongs to: its own, except the admin's routes, one test per admin model."""
    parts = route.template.strip("/").split("/")
    if parts[0] != "admin":
        return _id(route)
    if len(parts) >= 3 and not parts[1].startswith("{"):
        return f"admin:{parts[1]}.{parts[2]}"
    return "admin:site"


def _grouped(routes) -> dict[str, list]:
    groups: dict[str, list] = {}
    for route in routes:
        groups.setdefault(_group(route), []).append(route)
    return groups


GROUPS = _grouped(ROUTES)


def check_route(route, world, role_clients) -> list[str]:
    access = access_for(route)
    if access is None:
        return [
            f"Unclassified view {route.key} ({route.template}, {route.lookup_str}): say who may use it in "
            "VIEWS in tests/security/access.py (public, link, login, city_read/city_form/city_action/"
            "city_read_write with a role)."
        ]
    try:
        url = route.url(fill_kwargs(route, world))
    except UnknownKwarg as exc:
        return [str(exc)]
    failures = []
    for role in ROLES:
        for method in ("get", "post"):
            response = request(role_clients[role], method, url)
            wrong = expect_status(access, role, method, response)
            if wrong:
                failures.append(f"{role} {method.upper()} {url}: got {_describe(response)}, expected {wrong}")
            for problem in inspect_body(access, role, response):
                failures.append(f"{role} {method.upper()} {url}: {problem}")
    return failures


@pytest.mark.parametrize("group", GROUPS)
def test_it_enforces_the_classified_access_on_every_view(group, world, role_clients):
    failures = [f for route in GROUPS[group] for f in check_route(route, world, role_clients)]
    assert not failures, "\n".join(failures)


def _pk_kwargs(route) -> list[str]:
    return [k for k in route.kwargs if (k in ("pk", "id") or k.endswith(("_pk", "_id"))) and entity_for(route, k)]


OBJECT_ROUTES = [
    r for r in ROUTES if not r.template.startswith("/admin/") and "city_slug" in r.kwargs and _pk_kwargs(r)
]


def _row(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_id)
def test_it_never_reaches_another_citys_object_through_my_city(route, world, foreign_world, role_clients):
    """/c/tunis/.../<id of a Sfax object>/ as Tunis's coordinator: nothing shown, nothing changed."""
    access = access_for(route)
    if access is None or access.kind != "city":
        pytest.skip("not a city page (the classification test reports it)")
    pk_kwargs = _pk_kwargs(route)
    values = fill_kwargs(route, world)
    foreign_values = fill_kwargs(route, foreign_world)
    foreign_objects = [foreign_world.get(entity_for(route, k)) for k in pk_kwargs]
    url = route.url({**values, **{k: foreign_values[k] for k in pk_kwargs}})
    before = [_row(obj) for obj in foreign_objects]
    failures = []

    def unchanged():
        after = [_row(obj) for obj in foreign_objects]
        if after != before:
            failures.append(f"coordinator POST {url}: changed the other city's object: {before} -> {after}")

    for method in ("get", "post"):
        response = request(role_clients["coordinator"], method, url, before_rollback=unchanged)
        if response.status_code == 200 or response.status_code >= 500:
            failures.append(f"coordinator {method.upper()} {url}: got {_describe(response)}, expected 404")
        if foreign_world.marker in _body(response):
            failures.append(f"coordinator {method.upper()} {url}: shows the other city's data")
    assert not failures, "\n".join(failures)


POST_GROUPS = _grouped(r for r in ROUTES if (a := access_for(r)) is not None and a.post is not None)


@pytest.mark.parametrize("group", POST_GROUPS)
def test_every_post_needs_a_csrf_token(group, world, superuser):
    clients = [Client(enforce_csrf_checks=True, raise_request_exception=False) for _ in range(2)]
    clients[0].force_login(superuser)
    failures = []
    for route in POST_GROUPS[group]:
        url = route.url(fill_kwargs(route, world))
        for client in clients:
            response = request(client, "post", url)
            if response.status_code != 403:
                failures.append(f"POST {url} without a CSRF token: {_describe(response)}")
    assert not failures, "\n".join(failures)


def test_no_view_is_exempt_from_csrf():
    exempt = [r.key for r in ROUTES if getattr(r.callback, "csrf_exempt", False)]
    assert exempt == []


def test_the_walker_sees_the_language_prefix_and_every_app():
    templates = {r.template for r in ROUTES}
    assert "/{lang}/c/{city_slug}/stakeholders/" in templates
    assert "/{lang}/l/{token}/" in templates
    assert "/healthz" in templates
    assert any(t.startswith("/admin/") for t in templates)
