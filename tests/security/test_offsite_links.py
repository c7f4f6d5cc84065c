"""A page never links off the site because of the path it was asked for.

The language switcher repeats the current page in the other language (cities/context_processors.py).
A request for //evil.example/ must not get a 404 page whose switcher says href="//evil.example/", which
a browser follows to another site; nor for /%2F%2Fevil.example (decoded to ///evil.example) or /\\evil.
Real servers pass such paths through as they are: the test sets PATH_INFO itself, since the test
client would read //evil.example/ as a host.
"""

import re

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

HOSTILE_PATHS = [
    "//evil.example/",
    "///evil.example",
    "//evil.example/fr/",
    "/fr//evil.example/",
    "/ar//evil.example/x/",
    "/\\evil.example/",
    "/\\\\evil.example",
    "/fr/\\\\evil.example",
    "//evil.example/%2F..",
    "/%09/evil.example",
    "/fr/no-such-page/",
]
URL_ATTRIBUTE = re.compile(r'\s(?:href|src|action)="([^"]*)"')


def _get(client, path: str, query: str = ""):
    return client.generic("GET", "/", PATH_INFO=path, QUERY_STRING=query)


def _offsite(html: str) -> list[str]:
    urls = URL_ATTRIBUTE.findall(html)
    return [
        u
        for u in urls
        if not u.startswith("#") and not (u.startswith("/") and url_has_allowed_host_and_scheme(u, allowed_hosts=set()))
    ]


def _switcher(html: str) -> list[str]:
    return re.findall(r'<a class="nav-link" href="([^"]*)" lang="(?:fr|ar)" hreflang', html)


@pytest.mark.parametrize("path", HOSTILE_PATHS)
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_a_404_page_links_only_to_this_site(path, logged_in, alice, db):
    client = Client()
    if logged_in:
        client.force_login(alice)
    response = _get(client, path)
    assert response.status_code == 404
    html = response.content.decode()
    assert _offsite(html) == []
    # The switcher of a page that is not ours leads to the other language's home.
    assert _switcher(html) in (["/ar/"], ["/fr/"])


@pytest.mark.parametrize("query", ["next=//evil.example/", "q=%2F%2Fevil.example", "x=http://evil.example/"])
def test_the_switcher_keeps_the_page_and_its_query_on_this_site(query, alice):
    client = Client()
    client.force_login(alice)
    response = _get(client, "/fr/c/tunis/stakeholders/", query)
    assert response.status_code == 200
    (url,) = _switcher(response.content.decode())
    assert url.startswith("/ar/c/tunis/stakeholders/?")
    assert url_has_allowed_host_and_scheme(url, allowed_hosts=set())


def test_an_emailed_links_landing_never_repeats_its_token(db):
    response = _get(Client(), "/fr/l/some-token-value/")
    html = response.content.decode()
    assert "some-token-value" not in html
    assert _switcher(html) == ["/ar/"]
