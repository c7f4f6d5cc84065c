"""The landing page of every emailed link, and the guard of the pages it leads to.

A GET never changes what the link decides: it only moves the token into the session and
redirects to a URL without it, so the token never reaches a Referer or a browser history
entry of the decision page. Mail scanners that fetch links therefore decide nothing.
"""

from functools import wraps

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from .models import EmailLink, EventKind
from .registry import purpose_url_name
from .services import client_ip, link_event_record, link_resolve

SESSION_KEY = "email_links"
BAD_TOKEN_LIMIT = 20
BAD_TOKEN_WINDOW = 600  # seconds


def _private(response, *, referrer_policy: str):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = referrer_policy
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def invalid_link_response(request, status: int = 404, *, city=None):
    """One generic page for unknown, tampered, expired, revoked and superseded links. `city` is given
    only when the session had opened a link of that city, which has stopped working since: the page
    then names the city's coordinator (whom replies reach: the emails come from a no-reply address)."""
    context = {"contact_city": city, "contact_email": getattr(city, "reply_to_email", "")}
    response = render(request, "links/invalid.html", context, status=status)
    return _private(response, referrer_policy="no-referrer")


def _bad_token_key(request) -> str:
    return f"links:bad-token:{client_ip(request) or 'unknown'}"


def _too_many_bad_tokens(request) -> bool:
    return (cache.get(_bad_token_key(request)) or 0) >= BAD_TOKEN_LIMIT


def _count_bad_token(request) -> None:
    key = _bad_token_key(request)
    if cache.add(key, 1, BAD_TOKEN_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, BAD_TOKEN_WINDOW)


@require_safe
def link_open(request, token):
    if _too_many_bad_tokens(request):
        return invalid_link_response(request, status=429)
    link = link_resolve(token)
    url_name = purpose_url_name(link.purpose) if link is not None else None
    if link is None or url_name is None or not link.is_usable:
        _count_bad_token(request)
        if link is not None and request.method == "GET":
            reason = "revoked" if link.is_revoked else "expired" if link.is_expired else "no handler"
            link_event_record(kind=EventKind.INVALID, link=link, request=request, detail={"reason": reason})
        return invalid_link_response(request)
    try:
        target_url = reverse(url_name)
    except NoReverseMatch:
        return invalid_link_response(request)
    if request.method == "GET":
        links = request.session.get(SESSION_KEY, {})
        links[link.purpose] = link.pk
        request.session[SESSION_KEY] = links
        request.session.cycle_key()
        link_event_record(kind=EventKind.OPENED, link=link, request=request)
    return _private(redirect(target_url), referrer_policy="no-referrer")


def session_link(request, purpose: str) -> EmailLink | None:
    """The usable link of this purpose that the session holds, re-checked on every call."""
    link_id = request.session.get(SESSION_KEY, {}).get(purpose)
    if not link_id:
        return None
    link = EmailLink.objects.filter(pk=link_id, purpose=purpose).first()
    if link is None or not link.is_usable:
        return None
    return link


def _session_link_city(request, purpose: str):
    """The city of the link this session opened for `purpose`, even if that link no longer works."""
    link_id = request.session.get(SESSION_KEY, {}).get(purpose)
    if not link_id:
        return None
    link = EmailLink.objects.filter(pk=link_id, purpose=purpose).select_related("city").first()
    return link.city if link is not None else None


def link_required(purpose: str):
    """Guard a page reached through an emailed link: sets request.email_link or shows the generic page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            link = session_link(request, purpose)
            if link is None:
                return invalid_link_response(request, city=_session_link_city(request, purpose))
            request.email_link = link
            response = view(request, *args, **kwargs)
            # same-origin (not no-referrer) so that the browser's Origin header lets CSRF checks pass over HTTPS.
            return _private(response, referrer_policy="same-origin")

        return wrapped

    return decorator
