"""The public verify page: anyone (no login) uploads a PDF or pastes a SHA-256 and learns whether this
site issued it, for which city and document, whether its signature is intact, and the decisions by
organisation. A GET only reads; lookups are rate limited per client IP (an upload is validated with
pyHanko, which costs CPU, and a hash search must not be a cheap oracle)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from common.signing import signing_is_demo, trust_roots_pem
from links.services import client_ip

from .forms import VerifyForm
from .selectors import Outcome, answer_for_file, answer_for_sha256


def _lookup_key(request) -> str:
    return f"verify:lookups:{client_ip(request) or 'unknown'}"


def _lookup_allowed(request) -> bool:
    """Count one lookup for this client; False once it made VERIFY_RATE_LIMIT in the window."""
    key = _lookup_key(request)
    if cache.add(key, 1, settings.VERIFY_RATE_WINDOW):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, settings.VERIFY_RATE_WINDOW)
            count = 1
    return count <= settings.VERIFY_RATE_LIMIT


def _record_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 19 else None


def _page(request, form, *, answer=None, status=200):
    context = {
        "form": form,
        "answer": answer,
        "limited": status == 429,
        "outcome": Outcome,
        "demo_certificate": signing_is_demo(),
    }
    response = render(request, "verify/verify.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """A body over the limit never gets here: common.middleware.RequestBodyLimitMiddleware refuses it
    unread (413) before the CSRF check reads it."""
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if not form.is_valid():
            return _page(request, form, status=400)
        if not _lookup_allowed(request):
            return _page(request, VerifyForm(), status=429)
        document = form.cleaned_data["document"]
        if document:
            answer = answer_for_file(b"".join(document.chunks()))
        else:
            answer = answer_for_sha256(form.cleaned_data["sha256"])
        return _page(request, VerifyForm(initial={"sha256": answer.sha256}), answer=answer)

    pasted = request.GET.get("sha256")
    if pasted is None:
        return _page(request, VerifyForm())
    form = VerifyForm(data={"sha256": pasted})
    if not form.is_valid():
        return _page(request, form, status=400)
    sha256 = form.cleaned_data["sha256"]
    form = VerifyForm(initial={"sha256": sha256})
    if not _lookup_allowed(request):
        return _page(request, form, status=429)
    return _page(request, form, answer=answer_for_sha256(sha256, record_id=_record_id(request.GET.get("record"))))


@require_safe
def trust_root(request):
    """The certificates this site's signatures chain to (PEM), for checking a file offline."""
    pem = trust_roots_pem()
    if not pem:
        return HttpResponse(status=404)
    response = HttpResponse(pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="root.pem"'
    return response
