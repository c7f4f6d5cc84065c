"""Consultation 2's action plan: actions, the plan by domain and the timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.views import city_context
from terms.selectors import tor_version_latest

from .. import selectors
from ..charts import STATUS_COLOURS, timeline_chart
from ..forms import ActionFilterForm, ActionForm
from ..models import ActionStatus
from ..progress import as_percent, mean
from ..services import actions as services
from .base import PER_PAGE, action_get_or_404


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


@login_required
@require_safe
def action_list(request, city_slug):
    access = get_city_for(request, city_slug)
    filter_form, domain_id, status = _filters(request)
    qs = selectors.action_list(city=access.city, domain_id=domain_id, status=status)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    missing = selectors.actions_lead_without_role(city=access.city, actions=page.object_list)
    return render(
        request,
        "planning/action_list.html",
        city_context(access, page=page, filter_form=filter_form, lead_without_role=missing, lead_roles_known=True),
    )


@login_required
@require_safe
def action_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    action = action_get_or_404(access, pk)
    today = selectors.city_today(access.city)
    indicators = [
        (indicator, selectors.indicator_progress_for(indicator=indicator, today=today))
        for indicator in selectors.indicators_with_latest(action.indicators.select_related("responsible"))
    ]
    for indicator, _progress in indicators:
        indicator.action = action
    progress = mean(p.progress for _i, p in indicators)
    context = city_context(
        access,
        action=action,
        indicators=indicators,
        progress_percent=as_percent(progress),
        lead_has_role=selectors.action_lead_has_role(action=action),
        no_indicator=not indicators and action.status != ActionStatus.DROPPED,
    )
    if context["lead_has_role"] is False:
        # Where the role can be given: the latest version's matrix while it is a draft, else a new draft.
        context["tor_latest"] = tor_version_latest(city=access.city)
    return render(request, "planning/action_detail.html", context)


@login_required
def action_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    city = access.city
    if request.method == "POST":
        form = ActionForm(request.POST, city=city)
        if form.is_valid():
            try:
                action = services.action_create(city=city, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
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
    return render(request, "planning/action_form.html", city_context(access, form=form, action=None))


@login_required
def action_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    action = action_get_or_404(access, pk)
    if request.method == "POST":
        form = ActionForm(request.POST, instance=action, city=access.city)
        if form.is_valid():
            try:
                services.action_update(action=action, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                _warn_lead_role(request, action)
                return redirect(action.get_absolute_url())
    else:
        form = ActionForm(instance=action, city=access.city)
    return render(request, "planning/action_form.html", city_context(access, form=form, action=action))


@login_required
@require_POST
def action_delete(request, city_slug, pk):
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
def plan_detail(request, city_slug):
    access = get_city_for(request, city_slug)
    plan = selectors.plan_for_city(city=access.city, with_partners=True)
    return render(request, "planning/plan.html", city_context(access, plan=plan))


@login_required
@require_safe
def timeline_detail(request, city_slug):
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
        city_context(access, chart=chart, items=items, legend=legend, filter_form=filter_form),
    )
