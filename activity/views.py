"""The city's activity log, an object's history and a stakeholder's full timeline. Read-only pages:
any member of the city sees them (contacts' personal data follows CityAccess.can_see_personal_data)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities.models import City
from cities.permissions import get_city_for
from stakeholders.models import Stakeholder

from . import selectors
from .forms import ActivityFilterForm
from .registry import TRACKED

PER_PAGE = 25
TIMELINE_SECTION_SIZE = 10


@login_required
@require_GET
def activity_log(request, city_slug):
    access = get_city_for(request, city_slug)
    form = ActivityFilterForm(request.GET, users=selectors.city_member_users(city=access.city))
    qs = selectors.activity_queryset(city=access.city, filters=form.filters())
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.activity_events(rows=list(page.object_list), access=access)
    return render(
        request, "activity/activity_log.html", {"city": access.city, "access": access, "form": form, "page": page}
    )


@login_required
@require_GET
def object_history(request, city_slug, kind, pk):
    access = get_city_for(request, city_slug)
    if kind not in TRACKED or not selectors.object_history_exists(city=access.city, kind=kind, object_id=pk):
        raise Http404
    scope = selectors.object_history_scope(kind=kind, object_id=pk)
    qs = selectors.activity_queryset(city=access.city, filters=selectors.ActivityFilters(), objects=scope)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.activity_events(rows=list(page.object_list), access=access)
    return render(
        request,
        "activity/object_history.html",
        {"city": access.city, "access": access, "page": page, "tracked": TRACKED[kind], "object_id": pk},
    )


@login_required
@require_GET
def stakeholder_timeline(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    stakeholder = get_object_or_404(Stakeholder, city=access.city, pk=pk)
    qs = selectors.stakeholder_timeline_queryset(stakeholder=stakeholder)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.timeline_items(list(page.object_list))
    return render(
        request,
        "activity/stakeholder_timeline.html",
        {"city": access.city, "access": access, "stakeholder": stakeholder, "page": page},
    )


def timeline_section_context(*, stakeholder, city, access) -> dict:
    """The stakeholder page's section: the latest events (one query), and whether there are more."""
    rows = list(selectors.stakeholder_timeline_queryset(stakeholder=stakeholder)[: TIMELINE_SECTION_SIZE + 1])
    return {
        "timeline": selectors.timeline_items(rows[:TIMELINE_SECTION_SIZE]),
        "timeline_has_more": len(rows) > TIMELINE_SECTION_SIZE,
    }


# The object pages that link to their history (a version's page covers its sections and roles).
HISTORY_LINKED = {t.model: t.key for t in TRACKED.values() if t.key in {"consultation", "torversion", "action"}}


def history_link(obj, city):
    """The "History" button of a consultation's, a ToR version's and an action's page, and the activity log's
    on the city's dashboard (no query)."""
    if isinstance(obj, City):
        return _("Activity log"), reverse("activity:log", kwargs={"city_slug": city.slug})
    kind = HISTORY_LINKED.get(type(obj))
    if kind is None or obj.pk is None:
        return None
    return _("History"), reverse("activity:object_history", kwargs={"city_slug": city.slug, "kind": kind, "pk": obj.pk})
