"""Hostile query strings and form values on every view: never a server error, never a NUL sent to the database.

Every route of the URL configuration (tests/security/urlwalk.py) is requested by the superuser, first
plainly, which records the parameters the view reads from request.GET and request.POST (a recording
middleware), then again with each of those parameters -- and a few every list takes -- set to hostile
values: a NUL character, 10,000 characters, percent-encodings that are not UTF-8, repeated and
bracketed names, and pages -1, 999999, "abc".

PostgreSQL refuses a NUL character in text (DataError, a 500) where SQLite stores it. So that the test
means the same on both, a database wrapper refuses any query that carries a NUL: on SQLite it stands in
for PostgreSQL, on PostgreSQL (CI runs the suite with DATABASE_URL) it fires first with a clearer message.
A parameter is safe when it goes through a form (Django's CharField refuses NUL) or a whitelist.
"""

from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client

from .access import access_for
from .kwargs import UnknownKwarg, fill_kwargs
from .urlwalk import walk

# Parameters every list or document may take, tried even when the plain request did not read them.
COMMON_PARAMS = ("q", "page", "status", "batch", "kind", "priority", "lang", "sort", "domain", "next")
NUL = "a\x00b"
LONG = "x" * 10_000
# Not UTF-8: Django decodes with replacement characters; nothing may break on them.
NOT_UTF8 = "%FF%FE%C0%AF"
PAGES = ("-1", "999999", "abc")


class NulSentToDatabase(Exception):
    pass


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, bytes):
        return b"\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


def refuse_nul(execute, sql, params, many, context):
    """What PostgreSQL does with a NUL in text, on any database."""
    if _has_nul(sql) or _has_nul(params):
        raise NulSentToDatabase(f"a NUL character reached the database: {sql[:200]}")
    return execute(sql, params, many, context)


class RecordingQueryDict(QueryDict):
    """request.GET / request.POST that remembers which names the view asked for."""

    seen: set[str] = set()

    def __getitem__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        RecordingQueryDict.seen.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        RecordingQueryDict.seen.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__contains__(key)


def _recording(query_dict: QueryDict) -> RecordingQueryDict:
    recording = RecordingQueryDict(mutable=True)
    for key, values in query_dict.lists():
        recording.setlist(key, values)
    recording._mutable = False
    return recording


class RecordParamsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _recording(request.GET)
        if request.method == "POST":
            request._post = _recording(request.POST)
        return self.get_response(request)


def _walked(route) -> bool:
    """Every route of ours; of the admin's, its index and changelists (search, filters, sort, page)."""
    if access_for(route) is None:
        return False
    if not route.template.startswith("/admin/"):
        return True
    return route.name == "admin:index" or (route.name or "").endswith("_changelist")


ROUTES = [r for r in walk() if _walked(r)]


def _id(route):
    return route.name or route.template


@pytest.fixture
def hostile_client(settings, superuser):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RecordParamsMiddleware"]
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def _request(client, method: str, url: str, query: str = "", data: str = ""):
    """One request with a raw query string (and raw urlencoded body), its writes rolled back."""
    sid = transaction.savepoint()
    try:
        with connection.execute_wrapper(refuse_nul):
            if method == "get":
                return client.get(url, QUERY_STRING=query)
            return client.post(
                url + (f"?{query}" if query else ""), data, content_type="application/x-www-form-urlencoded"
            )
    finally:
        transaction.savepoint_rollback(sid)


def _encode(value: str) -> str:
    if value == NOT_UTF8:
        return value
    return quote(value, safe="")


def hostile_queries(names) -> dict[str, str]:
    """Label -> raw query string, each trying one kind of hostile value on every name at once."""
    names = sorted(names)

    def every(value):
        return "&".join(f"{n}={_encode(value)}" for n in names)

    # NUL as the last of repeated values (what .get() reads) and inside lists (.getlist()), with
    # bracketed names beside; then over-long values; then bytes that are not UTF-8.
    queries = {
        "nul-and-arrays": "&".join(f"{n}=a&{n}={_encode(NUL)}&{n}[]=c&{n}[0]=d" for n in names),
        "long": every(LONG),
        "not-utf8": every(NOT_UTF8),
    }
    if "page" in names:
        for page in PAGES:
            queries[f"page={page}"] = f"page={_encode(page)}"
    return queries


def _describe(response) -> str:
    text = str(response.status_code)
    exc = getattr(response, "exc_info", None)
    if response.status_code >= 500 and exc:
        text += f" ({type(exc[1]).__name__}: {exc[1]})"
    return text


def _reads(client, method, url) -> set[str]:
    RecordingQueryDict.seen = set()
    _request(client, method, url)
    return set(RecordingQueryDict.seen)


def _same_site_location(response) -> str | None:
    """Where a redirect leads, when it stays on this site (it may carry a parameter along)."""
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    return location if location.startswith("/") and not location.startswith("//") else None


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_hostile_parameters_never_cause_a_server_error(route, world, hostile_client):
    access = access_for(route)
    try:
        url = route.url(fill_kwargs(route, world))
    except UnknownKwarg as exc:
        pytest.skip(str(exc))  # test_views_permissions reports it
    failures = []
    methods = [m for m in ("get", "post") if (access.get if m == "get" else access.post) is not None]
    for method in methods:
        names = _reads(hostile_client, method, url) | set(COMMON_PARAMS)
        for label, query in hostile_queries(names).items():
            if method == "get":
                response = _request(hostile_client, "get", url, query)
            else:
                # The same values in the body (what the view's form reads) and in the query string.
                response = _request(hostile_client, "post", url, query, data=query)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url} [{label}]: {_describe(response)}")
                continue
            location = _same_site_location(response)
            if location:
                path, _sep, location_query = location.partition("#")[0].partition("?")
                followed = _request(hostile_client, "get", path, location_query)
                if followed.status_code >= 500:
                    failures.append(f"{method.upper()} {url} [{label}] -> GET {location}: {_describe(followed)}")
    assert not failures, "\n".join(failures)


# The cases of issue #13, one by one (the walk above covers them and every other view).
REPORTED_GETS = [
    ("terms:roles", "q"),
    ("consultations:invitations", "q"),
    ("consultations:attendance", "q"),
    ("outbox:list", "batch"),
    ("outbox:list", "status"),
]


@pytest.mark.parametrize(("name", "param"), REPORTED_GETS)
def test_a_nul_in_a_list_parameter_is_ignored(name, param, world, alice):
    route = next(r for r in ROUTES if r.name == name)
    url = route.url(fill_kwargs(route, world))
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with connection.execute_wrapper(refuse_nul):
        plain = client.get(url)
        response = client.get(url, {param: "a\x00"})
    assert response.status_code == 200, _describe(response)
    assert response.content.count(b"<tr") == plain.content.count(b"<tr")


def test_a_nul_in_the_retry_all_batch_is_ignored_and_the_redirect_is_encoded(world, alice):
    world.get("email")
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with connection.execute_wrapper(refuse_nul):
        response = client.post("/fr/c/tunis/outbox/retry-failed/", {"batch": "a\x00"})
        assert response.status_code == 302, _describe(response)
        assert response["Location"] == "/fr/c/tunis/outbox/"
        response = client.post("/fr/c/tunis/outbox/retry-failed/", {"batch": "a&status=sent#x"})
        assert response["Location"] == "/fr/c/tunis/outbox/?batch=a%26status%3Dsent%23x"


def test_the_attendance_toggle_redirect_keeps_a_valid_search_and_drops_a_nul(world, alice):
    invitation = world.get("invitation")
    consultation = invitation.consultation
    url = f"/fr/c/tunis/consultations/{consultation.number}/attendance/{invitation.pk}/"
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with connection.execute_wrapper(refuse_nul):
        response = client.post(url, {"attended": "1", "q": "a\x00"})
        assert (
            response["Location"] == f"/fr/c/tunis/consultations/{consultation.number}/attendance/#inv-{invitation.pk}"
        )
        response = client.post(url, {"attended": "1", "q": "Temoin & co"}, follow=True)
    assert response.redirect_chain[0][0].endswith(f"/attendance/?q=Temoin+%26+co#inv-{invitation.pk}")
    assert response.status_code == 200
