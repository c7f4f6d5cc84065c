"""A request body over the limit is refused before anything reads it (the CSRF check would)."""

import io

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from common.middleware import RequestBodyLimitMiddleware


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def _request(length: int) -> WSGIRequest:
    environ = RequestFactory()._base_environ(
        REQUEST_METHOD="POST", PATH_INFO="/fr/verify/", CONTENT_LENGTH=str(length), CONTENT_TYPE="multipart/form-data"
    )
    environ["wsgi.input"] = Unreadable()
    return WSGIRequest(environ)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_body_over_the_limit_gets_413_unread(settings, language):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    middleware = RequestBodyLimitMiddleware(lambda request: HttpResponse("reached the view"))
    with translation.override(language):
        response = middleware(_request(1001))
    assert response.status_code == 413
    assert {"fr": "Trop volumineux", "ar": "الحجم كبير جدًا"}[language] in response.content.decode()


def test_a_body_within_the_limit_goes_through(settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    middleware = RequestBodyLimitMiddleware(lambda request: HttpResponse("reached the view"))
    assert middleware(_request(1000)).content == b"reached the view"
