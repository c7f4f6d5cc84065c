"""Helpers for terms tests: the emailed link of a message, opening it like a browser."""

import re

from django.conf import settings

LINK = re.compile(r"https?://\S+/(fr|ar)/l/[A-Za-z0-9_\-]+/")


def link_in(message) -> str:
    """The personal link in an email's text body (absolute URL, from SITE_URL)."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def path_of(url: str) -> str:
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL) :]


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def open_link(client, url: str):
    """GET the emailed link (moves the token into the session) and return the page it redirects to."""
    response = client.get(path_of(url))
    assert response.status_code == 302, response.status_code
    return response["Location"]
