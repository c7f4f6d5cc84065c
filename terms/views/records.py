"""The ratification record of a version: generate it, download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.pdf import DocumentLanguage
from common.responses import pdf_response

from .. import selectors
from ..services.records import ratification_record_queue
from .base import version_url


@login_required
@require_safe
def record_download(request, city_slug, number, language):
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = selectors.tor_version_get(city=access.city, number=number)
    record = selectors.ratification_record_latest(version=version, language=language)
    if record is None:
        raise Http404
    return pdf_response(
        bytes(record.pdf), f"ratification-{access.city.slug}-v{version.number}-{language}.pdf", attachment=True
    )


@login_required
@require_POST
def record_generate(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    if not version.ratification_sent_at:
        messages.error(request, _("This version has not been sent for ratification."))
        return redirect(version_url(version))
    language = request.POST.get("language", "")
    if language not in DocumentLanguage.values:
        messages.error(request, _("Choose a language for the record."))
        return redirect(version_url(version))
    record = ratification_record_queue(version=version, language=language, user=request.user)
    record.refresh_from_db(fields=["sha256", "size"])  # printed already when no worker is set up (tests)
    if record.size:
        messages.success(request, _("Ratification record generated. Its SHA-256: %(sha)s") % {"sha": record.sha256})
    else:
        messages.success(
            request,
            _("The ratification record is being printed in the background; it appears below in a minute or two."),
        )
    return redirect(version_url(version))
