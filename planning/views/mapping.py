"""Consultation 2's mapping: needs, opportunities and the ranked priorities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.views import city_context

from .. import selectors
from ..forms import MappingItemForm
from ..models import MappingItem, MappingKind
from ..services import mapping as services


@login_required
@require_safe
def mapping_list(request, city_slug):
    access = get_city_for(request, city_slug)
    groups = selectors.mapping_by_domain(city=access.city)
    return render(request, "planning/mapping.html", city_context(access, groups=groups, kinds=MappingKind))


def _mapping_item(access, pk) -> MappingItem:
    item = MappingItem.objects.filter(city=access.city, pk=pk).select_related("domain").first()
    if item is None:
        raise Http404
    return item


@login_required
def mapping_item_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    city = access.city
    if request.method == "POST":
        form = MappingItemForm(request.POST, city=city)
        if form.is_valid():
            try:
                item = services.mapping_item_create(city=city, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                added = {
                    MappingKind.NEED: _("Need added."),
                    MappingKind.OPPORTUNITY: _("Opportunity added."),
                    MappingKind.PRIORITY: _("Priority added."),
                }
                messages.success(request, added[item.kind])
                return redirect("planning:mapping", city_slug=city.slug)
    else:
        kind = request.GET.get("kind")
        initial = {"kind": kind if kind in MappingKind.values else MappingKind.NEED}
        if initial["kind"] == MappingKind.PRIORITY:
            initial["rank"] = selectors.mapping_next_rank(city=city)
        form = MappingItemForm(initial=initial, city=city)
    return render(request, "planning/mapping_form.html", city_context(access, form=form, item=None))


@login_required
def mapping_item_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    item = _mapping_item(access, pk)
    if request.method == "POST":
        form = MappingItemForm(request.POST, instance=item, city=access.city)
        if form.is_valid():
            try:
                services.mapping_item_update(item=item, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("planning:mapping", city_slug=access.city.slug)
    else:
        form = MappingItemForm(instance=item, city=access.city)
    return render(request, "planning/mapping_form.html", city_context(access, form=form, item=item))


@login_required
@require_POST
def mapping_item_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    item = MappingItem.objects.filter(city=access.city, pk=pk).first()
    if item is None:
        messages.error(request, _("This entry no longer exists."))
    else:
        services.mapping_item_delete(item=item)
        messages.success(request, _("Entry deleted."))
    return redirect("planning:mapping", city_slug=access.city.slug)
