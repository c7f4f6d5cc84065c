"""Request plumbing shared by every app."""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class RequestBodyLimitMiddleware:
    """Refuse a request whose body is larger than settings.MAX_REQUEST_BODY_BYTES (413), before anything
    reads it: the CSRF check reads a POST's body, uploaded files included, and Django limits only the
    non-file part of a body (DATA_UPLOAD_MAX_MEMORY_SIZE). Goes before CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if length > limit:
            return render(request, "413.html", {"limit": filesizeformat(limit)}, status=413)
        return self.get_response(request)
