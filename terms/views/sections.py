"""The sections of a draft version: add, edit, delete, move."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from common.views import city_context, error_messages_add

from .. import selectors
from ..forms import SectionForm
from ..models import TorSection
from ..services import sections as services
from .base import form_data, version_url


def _section(version, pk) -> TorSection:
    return get_object_or_404(TorSection, pk=pk, version=version)


@login_required
def section_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: its content can no longer change."))
        return redirect(version_url(version))
    form = SectionForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_section_create(version=version, **_section_data(form))
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Section added."))
            return redirect(version_url(version))
    return render(request, "terms/section_form.html", city_context(access, version=version, form=form, section=None))


def _section_data(form) -> dict:
    return {k: (form.cleaned_data.get(k) or "") for k in ("heading_fr", "heading_ar", "text_fr", "text_ar")}


@login_required
def section_edit(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: its content can no longer change."))
        return redirect(version_url(version))
    form = SectionForm(form_data(request), instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_section_update(section=section, **_section_data(form))
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect(version_url(version))
    return render(request, "terms/section_form.html", city_context(access, version=version, form=form, section=section))


@login_required
@require_POST
def section_delete(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    try:
        services.tor_section_delete(section=section)
    except ValidationError as exc:
        error_messages_add(request, exc)
    else:
        messages.success(request, _("Section deleted."))
    return redirect(version_url(version))


@login_required
@require_POST
def section_move(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose up or down."))
        return redirect(version_url(version))
    try:
        services.tor_section_move(section=section, offset=offset)
    except ValidationError as exc:
        error_messages_add(request, exc)
    else:
        messages.success(request, _("Section moved."))
    return redirect(version_url(version))
