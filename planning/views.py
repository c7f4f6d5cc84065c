"""Pages of the planning app. Thin: permission, form, one service call, redirect with a message."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.pdf import DocumentLanguage
from common.responses import csv_response, pdf_response, xlsx_response
from links.views import invalid_link_response, link_required
from ratification import selectors as ratification_selectors
from ratification import views as ratification_views

from . import documents, selectors, services
from .charts import STATUS_COLOURS, bar_chart, stacked_bar, timeline_chart
from .documents import roadmap_approval_of
from .exports import matrix_csv_bytes, matrix_xlsx_bytes
from .forms import (
    ActionFilterForm,
    ActionForm,
    IndicatorForm,
    MappingItemForm,
    MeasurementForm,
    RoadmapApprovalForm,
    RoadmapVersionForm,
)
from .kind import RATIFICATION_PURPOSE, ROADMAP_RATIFICATION
from .models import ActionStatus, MappingItem, MappingKind, Measurement, RoadmapStatus
from .progress import as_percent, mean

PER_PAGE = 25


def _ctx(access, **extra):
    return {"city": access.city, "access": access, **extra}


def _add_service_error(form, exc: ValidationError) -> None:
    """A rule the service enforces (after the form's own checks) shows on the form, never as a 500."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _filters(request):
    form = ActionFilterForm(request.GET or None)
    domain_id = status = None
    if form.is_valid():
        domain = form.cleaned_data.get("domain")
        domain_id = domain.pk if domain else None
        status = form.cleaned_data.get("status") or None
    return form, domain_id, status


def _warn_lead_role(request, action) -> None:
    if selectors.action_lead_has_role(action=action) is False:
        messages.warning(
            request,
            _("%(lead)s holds no coordination role for %(domain)s.")
            % {"lead": action.lead.display_name, "domain": action.domain.name},
        )


# --- Consultation 2: mapping ----------------------------------------------------------------------------------


@login_required
@require_safe
def mapping(request, city_slug):
    access = get_city_for(request, city_slug)
    groups = selectors.mapping_by_domain(city=access.city)
    return render(request, "planning/mapping.html", _ctx(access, groups=groups, kinds=MappingKind))


def _mapping_item(access, pk) -> MappingItem:
    item = MappingItem.objects.filter(city=access.city, pk=pk).select_related("domain").first()
    if item is None:
        raise Http404
    return item


@login_required
def mapping_item_create_view(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    city = access.city
    if request.method == "POST":
        form = MappingItemForm(request.POST, city=city)
        if form.is_valid():
            try:
                item = services.mapping_item_create(city=city, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
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
    return render(request, "planning/mapping_form.html", _ctx(access, form=form, item=None))


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
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("planning:mapping", city_slug=access.city.slug)
    else:
        form = MappingItemForm(instance=item, city=access.city)
    return render(request, "planning/mapping_form.html", _ctx(access, form=form, item=item))


@login_required
@require_POST
def mapping_item_delete_view(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    item = MappingItem.objects.filter(city=access.city, pk=pk).first()
    if item is None:
        messages.error(request, _("This entry no longer exists."))
    else:
        services.mapping_item_delete(item=item)
        messages.success(request, _("Entry deleted."))
    return redirect("planning:mapping", city_slug=access.city.slug)


# --- Consultation 2: actions ------------------------------------------------------------------------------------


@login_required
@require_safe
def action_list_view(request, city_slug):
    access = get_city_for(request, city_slug)
    filter_form, domain_id, status = _filters(request)
    qs = selectors.action_list(city=access.city, domain_id=domain_id, status=status)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    missing = selectors.actions_lead_without_role(city=access.city, actions=page.object_list)
    return render(
        request,
        "planning/action_list.html",
        _ctx(access, page=page, filter_form=filter_form, lead_without_role=missing, lead_roles_known=True),
    )


def _action(access, pk):
    action = selectors.action_get(city=access.city, pk=pk)
    if action is None:
        raise Http404
    return action


@login_required
@require_safe
def action_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    action = _action(access, pk)
    today = selectors.city_today(access.city)
    indicators = [
        (indicator, selectors.indicator_progress_for(indicator=indicator, today=today))
        for indicator in selectors.indicators_with_latest(action.indicators.select_related("responsible"))
    ]
    for indicator, _progress in indicators:
        indicator.action = action
    progress = mean(p.progress for _i, p in indicators)
    context = _ctx(
        access,
        action=action,
        indicators=indicators,
        progress_percent=as_percent(progress),
        lead_has_role=selectors.action_lead_has_role(action=action),
        no_indicator=not indicators and action.status != ActionStatus.DROPPED,
    )
    return render(request, "planning/action_detail.html", context)


@login_required
def action_create_view(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    city = access.city
    if request.method == "POST":
        form = ActionForm(request.POST, city=city)
        if form.is_valid():
            try:
                action = services.action_create(city=city, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Action “%(title)s” created.") % {"title": action.title})
                _warn_lead_role(request, action)
                return redirect(action.get_absolute_url())
    else:
        initial = {}
        priority = request.GET.get("priority")
        if priority and priority.isdigit():
            initial["priority"] = priority
        form = ActionForm(initial=initial, city=city)
    return render(request, "planning/action_form.html", _ctx(access, form=form, action=None))


@login_required
def action_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    action = _action(access, pk)
    if request.method == "POST":
        form = ActionForm(request.POST, instance=action, city=access.city)
        if form.is_valid():
            try:
                services.action_update(action=action, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                _warn_lead_role(request, action)
                return redirect(action.get_absolute_url())
    else:
        form = ActionForm(instance=action, city=access.city)
    return render(request, "planning/action_form.html", _ctx(access, form=form, action=action))


@login_required
@require_POST
def action_delete_view(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    action = selectors.action_get(city=access.city, pk=pk)
    if action is None:
        messages.error(request, _("This action no longer exists."))
    else:
        services.action_delete(action=action)
        messages.success(request, _("Action “%(title)s” deleted.") % {"title": action.title})
    return redirect("planning:action_list", city_slug=access.city.slug)


@login_required
@require_safe
def plan_by_domain(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_partners=True)
    return render(request, "planning/plan.html", _ctx(access, plan=plan))


@login_required
@require_safe
def timeline(request, city_slug):
    access = get_city_for(request, city_slug)
    filter_form, domain_id, status = _filters(request)
    actions = selectors.action_list(city=access.city, domain_id=domain_id, status=status)
    actions = actions.order_by("domain__position", "domain__code", "start_month", "pk")
    items = [
        {
            "label": a.title,
            "title": f"{a.title} · {a.domain.name} · {a.get_status_display()}",
            "href": reverse("planning:action_detail", kwargs={"city_slug": access.city.slug, "pk": a.pk}),
            "start": a.start_month,
            "end": a.end_month,
            "status": a.status,
            "action": a,
        }
        for a in actions
    ]
    chart = timeline_chart(items=items, rtl=get_language_bidi(), today=selectors.city_today(access.city))
    legend = [(ActionStatus(status).label, colours) for status, colours in STATUS_COLOURS.items()]
    return render(
        request,
        "planning/timeline.html",
        _ctx(access, chart=chart, items=items, legend=legend, filter_form=filter_form),
    )


# --- Consultation 3: indicators and the M&E matrix --------------------------------------------------------------


def _indicator(access, pk):
    indicator = selectors.indicator_get(city=access.city, pk=pk)
    if indicator is None:
        raise Http404
    return indicator


@login_required
def indicator_create_view(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    action = _action(access, pk)
    if request.method == "POST":
        form = IndicatorForm(request.POST, action=action)
        if form.is_valid():
            try:
                indicator = services.indicator_create(action=action, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Indicator “%(name)s” added.") % {"name": indicator.name})
                return redirect(action.get_absolute_url())
    else:
        form = IndicatorForm(action=action)
    return render(request, "planning/indicator_form.html", _ctx(access, form=form, action=action, indicator=None))


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
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    else:
        form = IndicatorForm(instance=indicator, action=action)
    return render(request, "planning/indicator_form.html", _ctx(access, form=form, action=action, indicator=indicator))


@login_required
@require_POST
def indicator_delete_view(request, city_slug, pk):
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
        _ctx(access, indicator=indicator, progress=progress, page=page, form=form),
    )


@login_required
def measurement_create_view(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    indicator = _indicator(access, pk)
    if request.method != "POST":
        return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    form = MeasurementForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.measurement_create(indicator=indicator, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_service_error(form, exc)
        else:
            messages.success(request, _("Measurement recorded."))
            return redirect("planning:indicator_detail", city_slug=access.city.slug, pk=indicator.pk)
    progress = selectors.indicator_progress_for(indicator=indicator, today=selectors.city_today(access.city))
    page = Paginator(indicator.measurements.order_by("-measured_on", "-pk"), PER_PAGE).get_page(1)
    messages.error(request, _("The measurement was not recorded: see the errors below."))
    return render(
        request,
        "planning/indicator_detail.html",
        _ctx(access, indicator=indicator, progress=progress, page=page, form=form),
        status=400,
    )


@login_required
@require_POST
def measurement_delete_view(request, city_slug, pk):
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
def matrix(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_lead_roles=False)
    return render(request, "planning/matrix.html", _ctx(access, plan=plan))


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


# --- Consultation 4: the roadmap -------------------------------------------------------------------------------


@login_required
@require_safe
def roadmap_list(request, city_slug):
    access = get_city_for(request, city_slug)
    page = Paginator(selectors.roadmap_version_list(city=access.city), PER_PAGE).get_page(request.GET.get("page"))
    has_draft = any(v.status == RoadmapStatus.DRAFT for v in page.object_list)
    return render(request, "planning/roadmap_list.html", _ctx(access, page=page, has_draft=has_draft))


def _ratification_counts(version):
    if version.ratification_sent_at is None:
        return None
    return ratification_selectors.counts(ROADMAP_RATIFICATION, version=version)


def _version(access, number):
    version = selectors.roadmap_version_get(city=access.city, number=number)
    if version is None:
        raise Http404
    return version


@login_required
@require_POST
def roadmap_version_create_view(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    try:
        version = services.roadmap_version_create(city=access.city)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:roadmap_list", city_slug=access.city.slug)
    messages.success(request, _("Draft version %(number)s created.") % {"number": version.number})
    return redirect("planning:roadmap_edit", city_slug=access.city.slug, number=version.number)


@login_required
@require_safe
def roadmap_detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = _version(access, number)
    snapshot = version.snapshot if version.is_frozen else selectors.roadmap_snapshot(city=access.city)
    approval = roadmap_approval_of(version)
    approval_form = None
    if access.can_coordinate and version.status == RoadmapStatus.FROZEN:
        approval_form = RoadmapApprovalForm()
    return render(
        request,
        "planning/roadmap_detail.html",
        _ctx(
            access,
            version=version,
            snapshot=snapshot,
            approval=approval,
            approval_form=approval_form,
            hash_ok=version.hash_is_intact if version.is_frozen else None,
            languages=DocumentLanguage.values,
            ratification_counts=_ratification_counts(version),
            translation_gaps=selectors.roadmap_translation_gaps(version=version, snapshot=snapshot),
        ),
    )


@login_required
def roadmap_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = _version(access, number)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: it can no longer change."))
        return redirect(version.get_absolute_url())
    if request.method == "POST":
        form = RoadmapVersionForm(request.POST, instance=version)
        if form.is_valid():
            try:
                services.roadmap_version_update(version=version, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_error(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(version.get_absolute_url())
    else:
        form = RoadmapVersionForm(instance=version)
    return render(request, "planning/roadmap_form.html", _ctx(access, form=form, version=version))


@login_required
@require_POST
def roadmap_freeze(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = _version(access, number)
    try:
        version = services.roadmap_version_freeze(version=version, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(number)s frozen. SHA-256: %(sha)s") % {"number": version.number, "sha": version.sha256},
        )
    return redirect("planning:roadmap_detail", city_slug=access.city.slug, number=number)


@login_required
@require_POST
def roadmap_approve(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = _version(access, number)
    form = RoadmapApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.roadmap_version_approve(version=version, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(version.get_absolute_url())
        messages.success(request, _("Approval of version %(number)s recorded.") % {"number": version.number})
        return redirect(version.get_absolute_url())
    messages.error(request, _("The approval was not recorded: see the errors below."))
    snapshot = version.snapshot if version.is_frozen else selectors.roadmap_snapshot(city=access.city)
    return render(
        request,
        "planning/roadmap_detail.html",
        _ctx(
            access,
            version=version,
            snapshot=snapshot,
            approval=roadmap_approval_of(version),
            approval_form=form if version.status == RoadmapStatus.FROZEN else None,
            hash_ok=version.hash_is_intact if version.is_frozen else None,
            languages=DocumentLanguage.values,
            ratification_counts=_ratification_counts(version),
        ),
        status=400,
    )


@login_required
@require_safe
def roadmap_pdf_view(request, city_slug, number, language):
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = _version(access, number)
    started = time.perf_counter()
    data = documents.roadmap_pdf(version=version, language=language)
    elapsed = time.perf_counter() - started
    response = pdf_response(data, f"roadmap-{access.city.slug}-v{version.number}-{language}.pdf", attachment=True)
    response["Server-Timing"] = f"pdf;dur={elapsed * 1000:.0f}"
    return response


# --- Dashboard --------------------------------------------------------------------------------------------------


@login_required
@require_safe
def dashboard(request, city_slug):
    access = get_city_for(request, city_slug)
    city = access.city
    rtl = get_language_bidi()
    plan = selectors.plan_for_city(city=city, with_lead_roles=False)
    categories = selectors.stakeholders_by_category(city=city)
    category_chart = bar_chart(rows=[(label, n) for _code, label, n in categories], rtl=rtl)
    counts = plan.status_counts
    status_bar = stacked_bar(
        parts=[(status, counts[status], STATUS_COLOURS[status]["fill"]) for status in ActionStatus.values], rtl=rtl
    )
    context = _ctx(
        access,
        plan=plan,
        category_chart=category_chart,
        stakeholder_total=sum(n for _c, _l, n in categories),
        status_counts=[(ActionStatus(s).label, counts[s], STATUS_COLOURS[s]["fill"]) for s in ActionStatus.values],
        status_bar=status_bar,
        action_total=sum(counts.values()),
        roadmap=selectors.roadmap_latest(city=city),
        **selectors.dashboard_extras(city=city),
    )
    return render(request, "planning/dashboard.html", context)


# --- Consultation 4: ratification of the roadmap by the stakeholders (shared machinery) ------------------


@login_required
@require_safe
def roadmap_ratification(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = _version(access, number)
    sendable = version.status in ROADMAP_RATIFICATION.open_statuses
    return render(
        request,
        "planning/roadmap_ratification.html",
        _ctx(
            access,
            version=version,
            sendable=sendable,
            tally=services.roadmap_ratification_tally(version=version) if version.ratification_sent_at else None,
            without_contact=services.roadmap_ratification_readiness(version=version)
            if sendable and access.can_coordinate
            else None,
            **ratification_views.status_context(ROADMAP_RATIFICATION, request=request, version=version),
        ),
    )


@login_required
@require_POST
def roadmap_ratification_send(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = _version(access, number)
    try:
        count = services.roadmap_ratification_send(version=version, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        ratification_views.send_message(request, count)
    return redirect("planning:roadmap_ratification", city_slug=access.city.slug, number=version.number)


def _ratification_request(access, pk):
    return ratification_selectors.request_for_city(ROADMAP_RATIFICATION, city=access.city, pk=pk)


@login_required
@require_safe
def roadmap_request(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    rr = _ratification_request(access, pk)
    return render(
        request,
        "planning/roadmap_request.html",
        _ctx(access, **ratification_views.request_context(ROADMAP_RATIFICATION, rr)),
    )


def _request_action(name, action):
    return ratification_views.coordinator_action(ROADMAP_RATIFICATION, action, name=name, module=__name__)


roadmap_request_resend = _request_action("roadmap_request_resend", ratification_views.resend)
roadmap_request_remind = _request_action("roadmap_request_remind", ratification_views.remind)
roadmap_request_revoke = _request_action("roadmap_request_revoke", ratification_views.revoke)
roadmap_request_contact = _request_action("roadmap_request_contact", ratification_views.change_contact)
roadmap_request_paper = _request_action("roadmap_request_paper", ratification_views.paper)


# --- Pages reached through the emailed link (no login) ---------------------------------------------------


@link_required(RATIFICATION_PURPOSE)
def ratify(request):
    """The contact's page: the frozen roadmap as stored, its SHA-256 and PDF; ratify or decline."""
    rr = ratification_views.link_request(request, ROADMAP_RATIFICATION)
    if rr is None:
        return invalid_link_response(request)
    response, context = ratification_views.decide_page(
        request, ROADMAP_RATIFICATION, rr, page_url_name="planning_public:ratify"
    )
    if response is not None:
        return response
    context.update(
        snapshot=rr.version.snapshot,
        pdf_languages=DocumentLanguage.choices,
        pdf_url_name="planning_public:ratify_pdf",
    )
    return render(request, "planning/public/ratify.html", context)


@link_required(RATIFICATION_PURPOSE)
def ratify_pdf(request, language):
    rr = ratification_views.pdf_request(request, ROADMAP_RATIFICATION)
    if rr is None or language not in DocumentLanguage.values:
        return invalid_link_response(request)
    data = documents.roadmap_pdf(version=rr.version, language=language)
    return pdf_response(data, f"roadmap-v{rr.version.number}-{language}.pdf")
