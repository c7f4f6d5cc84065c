"""Consultation 3's M&E matrix: indicators, their measurements, and the matrix with its CSV and XLSX exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.responses import csv_response, xlsx_response
from common.views import city_context

from .. import selectors
from ..exports import matrix_csv_bytes, matrix_xlsx_bytes
from ..forms import IndicatorForm, MeasurementForm
from ..models import Measurement
from ..services import indicators as services
from .base import PER_PAGE, action_get_or_404


def _indicator(access, pk):
    indicator = selectors.indicator_get(city=access.city, pk=pk)
    if indicator is None:
        raise Http404
    return indicator


@login_required
def indicator_create(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    action = action_get_or_404(access, pk)
    if request.method == "POST":
        form = IndicatorForm(request.POST, action=action)
        if form.is_valid():
            try:
                indicator = services.indicator_create(action=action, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Indicator “%(name)s” added.") % {"name": indicator.name})
                return redirect(action.get_absolute_url())
    else:
        form = IndicatorForm(action=action)
    return render(
        request, "planning/indicator_form.html", city_context(access, form=form, action=action, indicator=None)
    )


@login_required
def indicator_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    indicator = _indicator(access, pk)
    action = indicator.action
    if request.method == "POST":
        form = IndicatorForm(request.POST, instance=indicator, action=action)
        if form.is_valid():
            try:
                services.indicator_update(indicator=indicator, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    else:
        form = IndicatorForm(instance=indicator, action=action)
    return render(
        request, "planning/indicator_form.html", city_context(access, form=form, action=action, indicator=indicator)
    )


@login_required
@require_POST
def indicator_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    indicator = selectors.indicator_get(city=access.city, pk=pk)
    if indicator is None:
        messages.error(request, _("This indicator no longer exists."))
        return redirect("planning:matrix", city_slug=access.city.slug)
    services.indicator_delete(indicator=indicator)
    messages.success(request, _("Indicator deleted."))
    return redirect(indicator.action.get_absolute_url())


@login_required
@require_safe
def indicator_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    indicator = _indicator(access, pk)
    progress = selectors.indicator_progress_for(indicator=indicator, today=selectors.city_today(access.city))
    measurements = indicator.measurements.order_by("-measured_on", "-pk")
    page = Paginator(measurements, PER_PAGE).get_page(request.GET.get("page"))
    form = MeasurementForm(indicator=indicator) if access.can_edit else None
    return render(
        request,
        "planning/indicator_detail.html",
        city_context(access, indicator=indicator, progress=progress, page=page, form=form),
    )


@login_required
def measurement_create(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    indicator = _indicator(access, pk)
    if request.method != "POST":
        return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    form = MeasurementForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.measurement_create(indicator=indicator, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("Measurement recorded."))
            return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    progress = selectors.indicator_progress_for(indicator=indicator, today=selectors.city_today(access.city))
    page = Paginator(indicator.measurements.order_by("-measured_on", "-pk"), PER_PAGE).get_page(1)
    messages.error(request, _("The measurement was not recorded: see the errors below."))
    return render(
        request,
        "planning/indicator_detail.html",
        city_context(access, indicator=indicator, progress=progress, page=page, form=form),
        status=400,
    )


@login_required
@require_POST
def measurement_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    measurement = Measurement.objects.filter(indicator__action__city=access.city, pk=pk).first()
    if measurement is None:
        messages.error(request, _("This measurement no longer exists."))
        return redirect("planning:matrix", city_slug=access.city.slug)
    services.measurement_delete(measurement=measurement)
    messages.success(request, _("Measurement deleted."))
    return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=measurement.indicator_id)


@login_required
@require_safe
def matrix_detail(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_lead_roles=False)
    return render(request, "planning/matrix.html", city_context(access, plan=plan))


def _export_name(access, extension: str) -> str:
    return f"me-matrix-{access.city.slug}-{get_language()}.{extension}"


@login_required
@require_safe
def matrix_csv(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_lead_roles=False)
    return csv_response(matrix_csv_bytes(plan), _export_name(access, "csv"))


@login_required
@require_safe
def matrix_xlsx(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_lead_roles=False)
    data = matrix_xlsx_bytes(plan, rtl=get_language_bidi(), title=_("M&E matrix"))
    return xlsx_response(data, _export_name(access, "xlsx"))
