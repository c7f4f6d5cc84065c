"""Pages of the inventory. Thin: permission, form, one service call, redirect with a message."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from planning.selectors import city_today

from . import documents, selectors, services
from .charts import STATUS_COLOURS, programme_timeline
from .exports import report_xlsx_bytes
from .forms import AssessmentForm, CriterionForm, ProgrammeFilterForm, ProgrammeForm, StatusFilterForm
from .models import Criterion, Programme, ProgrammeStatus

PER_PAGE = 25


def _ctx(access, **extra):
    return {"city": access.city, "access": access, **extra}


def _page(request, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _add_service_error(form, exc: ValidationError) -> None:
    """A rule the service enforces (after the form's own checks) shows on the form, never as a 500."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _not_saved(request):
    messages.error(request, _("Nothing was saved: see the errors below."))


def _status_filter(request) -> tuple[StatusFilterForm, str | None]:
    form = StatusFilterForm(request.GET or None)
    if not form.is_valid():
        return form, None
    return form, form.cleaned_data.get("status") or None


# --- Programmes -------------------------------------------------------------------------------------------------


@login_required
@require_safe
def programme_list(request, city_slug):
    access = get_city_for(request, city_slug)
    city = access.city
    filter_form = ProgrammeFilterForm(request.GET or None, city=city)
    filters = {}
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = {
            "domain_id": data["domain"].pk if data.get("domain") else None,
            "status": data.get("status") or None,
            "target_group": data.get("target_group") or None,
            "stakeholder_id": data["stakeholder"].pk if data.get("stakeholder") else None,
        }
    page = _page(request, selectors.programme_list(city=city, **filters))
    return render(request, "inventory/programme_list.html", _ctx(access, page=page, filter_form=filter_form))


def _programme(access, pk):
    programme = selectors.programme_get(city=access.city, pk=pk)
    if programme is None:
        raise Http404
    return programme


@login_required
@require_safe
def programme_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    programme = _programme(access, pk)
    return render(
        request,
        "inventory/programme_detail.html",
        _ctx(access, programme=programme, assessment=selectors.assessment_of(programme)),
    )


@login_required
def programme_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    city = access.city
    if request.method == "POST":
        form = ProgrammeForm(request.POST, city=city)
        if form.is_valid():
            try:
                programme = services.programme_create(city=city, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Programme “%(title)s” recorded.") % {"title": programme.title})
                return redirect(programme.get_absolute_url())
        _not_saved(request)
    else:
        form = ProgrammeForm(city=city, initial={"status": ProgrammeStatus.RUNNING})
    return render(request, "inventory/programme_form.html", _ctx(access, form=form, programme=None))


@login_required
def programme_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    programme = _programme(access, pk)
    if request.method == "POST":
        form = ProgrammeForm(request.POST, instance=programme, city=access.city)
        if form.is_valid():
            try:
                services.programme_update(programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(programme.get_absolute_url())
        _not_saved(request)
    else:
        form = ProgrammeForm(instance=programme, city=access.city)
    return render(request, "inventory/programme_form.html", _ctx(access, form=form, programme=programme))


@login_required
@require_POST
def programme_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    programme = Programme.objects.filter(city=access.city, pk=pk).first()
    if programme is None:
        messages.error(request, _("This programme no longer exists."))
    else:
        services.programme_delete(programme=programme)
        messages.success(request, _("Programme “%(title)s” deleted.") % {"title": programme.title})
    return redirect("inventory:programme_list", city_slug=access.city.slug)


# --- Assessment ---------------------------------------------------------------------------------------------------


@login_required
def assessment_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    programme = _programme(access, pk)
    assessment = selectors.assessment_of(programme)
    criteria = selectors.criterion_list(city=access.city)
    if request.method == "POST":
        form = AssessmentForm(request.POST, instance=assessment, programme=programme, criteria=criteria)
        if form.is_valid():
            try:
                services.assessment_record(programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect(programme.get_absolute_url())
        _not_saved(request)
    else:
        initial = {} if assessment else {"assessed_on": city_today(access.city)}
        form = AssessmentForm(instance=assessment, initial=initial, programme=programme, criteria=criteria)
    return render(
        request,
        "inventory/assessment_form.html",
        _ctx(access, form=form, programme=programme, assessment=assessment),
    )


@login_required
@require_POST
def assessment_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    programme = _programme(access, pk)
    assessment = selectors.assessment_of(programme)
    if assessment is None:
        messages.error(request, _("This programme has no assessment."))
    else:
        services.assessment_delete(assessment=assessment)
        messages.success(request, _("Assessment deleted."))
    return redirect(programme.get_absolute_url())


# --- Assessment criteria ------------------------------------------------------------------------------------------


@login_required
@require_safe
def criterion_list(request, city_slug):
    access = get_city_for(request, city_slug)
    page = _page(request, selectors.criterion_list(city=access.city))
    return render(request, "inventory/criterion_list.html", _ctx(access, page=page))


@login_required
def criterion_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    if request.method == "POST":
        form = CriterionForm(request.POST, city=access.city)
        if form.is_valid():
            try:
                criterion = services.criterion_create(city=access.city, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Criterion “%(name)s” added.") % {"name": criterion.name})
                return redirect("inventory:criterion_list", city_slug=access.city.slug)
        _not_saved(request)
    else:
        form = CriterionForm(city=access.city)
    return render(request, "inventory/criterion_form.html", _ctx(access, form=form, criterion=None))


def _criterion(access, pk) -> Criterion:
    criterion = Criterion.objects.filter(city=access.city, pk=pk).first()
    if criterion is None:
        raise Http404
    return criterion


@login_required
def criterion_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    criterion = _criterion(access, pk)
    if request.method == "POST":
        form = CriterionForm(request.POST, instance=criterion, city=access.city)
        if form.is_valid():
            try:
                services.criterion_update(criterion=criterion, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("inventory:criterion_list", city_slug=access.city.slug)
        _not_saved(request)
    else:
        form = CriterionForm(instance=criterion, city=access.city)
    return render(request, "inventory/criterion_form.html", _ctx(access, form=form, criterion=criterion))


@login_required
@require_POST
def criterion_delete(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    criterion = Criterion.objects.filter(city=access.city, pk=pk).first()
    if criterion is None:
        messages.error(request, _("This criterion no longer exists."))
    else:
        try:
            services.criterion_delete(criterion=criterion)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Criterion “%(name)s” deleted.") % {"name": criterion.name})
    return redirect("inventory:criterion_list", city_slug=access.city.slug)


# --- The coordinator's questions ----------------------------------------------------------------------------------


@login_required
@require_safe
def matrix(request, city_slug):
    """Who does what: stakeholders by domains, in how many programmes each leads or partners."""
    access = get_city_for(request, city_slug)
    filter_form, status = _status_filter(request)
    result = selectors.who_does_what(city=access.city, status=status)
    page = _page(request, result.rows)
    return render(
        request,
        "inventory/matrix.html",
        _ctx(access, matrix=result, page=page, filter_form=filter_form, status=status or ""),
    )


@login_required
@require_safe
def gaps(request, city_slug):
    access = get_city_for(request, city_slug)
    result = selectors.coverage_gaps(city=access.city)
    page = _page(request, result.domains)
    return render(request, "inventory/gaps.html", _ctx(access, gaps=result, page=page))


@login_required
@require_safe
def overlaps(request, city_slug):
    access = get_city_for(request, city_slug)
    page = _page(request, selectors.overlaps(city=access.city))
    return render(request, "inventory/overlaps.html", _ctx(access, page=page))


@login_required
@require_safe
def timeline(request, city_slug):
    access = get_city_for(request, city_slug)
    filter_form, status = _status_filter(request)
    page = _page(request, selectors.timeline_programmes(city=access.city, status=status))
    today = city_today(access.city)
    items = [
        {
            "label": p.title,
            "title": _timeline_title(p),
            "href": reverse("inventory:programme_detail", kwargs={"city_slug": access.city.slug, "pk": p.pk}),
            "start": p.start_month,
            "end": p.end_month,
            "status": p.status,
            "programme": p,
        }
        for p in page.object_list
    ]
    chart = programme_timeline(items=items, rtl=get_language_bidi(), today=today)
    legend = [(ProgrammeStatus(status).label, colours) for status, colours in STATUS_COLOURS.items()]
    return render(
        request,
        "inventory/timeline.html",
        _ctx(access, chart=chart, items=items, page=page, legend=legend, filter_form=filter_form),
    )


def _timeline_title(programme) -> str:
    parts = [programme.title, programme.lead.display_name, programme.get_status_display()]
    if programme.end_month is None:
        parts.append(_("no end date"))
    return " · ".join(str(part) for part in parts)


@login_required
@require_safe
def needs(request, city_slug):
    """The needs and opportunities of the mapping, with the programmes of the inventory that relate to them."""
    access = get_city_for(request, city_slug)
    page = _page(request, selectors.mapping_with_programmes(city=access.city))
    return render(request, "inventory/needs.html", _ctx(access, page=page))


# --- The baseline report ------------------------------------------------------------------------------------------


@login_required
@require_safe
def report(request, city_slug):
    """The page that offers the report's downloads, with the assessments' summary."""
    access = get_city_for(request, city_slug)
    summary = selectors.assessment_summary(city=access.city)
    return render(
        request,
        "inventory/report.html",
        _ctx(access, summary=summary, languages=documents.LANGUAGE_LABELS),
    )


@login_required
@require_safe
def report_pdf(request, city_slug, language):
    access = get_city_for(request, city_slug)
    if language not in documents.LANGUAGES:
        raise Http404
    started = time.perf_counter()
    data = documents.baseline_report_pdf(city=access.city, language=language)
    elapsed = time.perf_counter() - started
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"baseline-{access.city.slug}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Server-Timing"] = f"pdf;dur={elapsed * 1000:.0f}"
    return response


@login_required
@require_safe
def report_xlsx(request, city_slug):
    access = get_city_for(request, city_slug)
    data = report_xlsx_bytes(selectors.baseline_report(city=access.city), rtl=get_language_bidi())
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="baseline-{access.city.slug}-{get_language()}.xlsx"'
    return response
