"""The city's dashboard: stakeholders by category, actions by status, the latest roadmap."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_safe

from cities.permissions import get_city_for
from common.views import city_context

from .. import selectors
from ..charts import STATUS_COLOURS, bar_chart, stacked_bar
from ..models import ActionStatus


@login_required
@require_safe
def dashboard_detail(request, city_slug):
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
    context = city_context(
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
