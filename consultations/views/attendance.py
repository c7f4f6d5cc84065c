"""Attendance at the door: the list to tick, one tick, a walk-in added."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import search_query
from common.locales import in_city_zone
from common.views import error_messages_add

from .. import selectors
from ..forms import WalkInForm
from ..models import Invitation
from ..services import attendance as services
from ..services.checkin import CheckinOutcome, checkin_by_code
from .base import cycle_number, error_messages

ATTENDANCE_PER_PAGE = 200


@login_required
@require_safe
def attendance_list(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=cycle_number(number))
    query = search_query(request.GET)
    page = Paginator(selectors.attendance_list(consultation=consultation, query=query), ATTENDANCE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    walk_in = None
    if access.can_edit and not consultation.is_closed:
        walk_in = WalkInForm(stakeholders=selectors.stakeholders_not_invited(consultation=consultation))
    return render(
        request,
        "consultations/attendance.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "page": page,
            "query": query,
            "walk_in": walk_in,
        },
    )


@login_required
@require_POST
def attendance_set(request, city_slug, number, pk):
    """One tick at the door. Answers JSON to the page's script, or redirects without it."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    invitation = Invitation.objects.filter(pk=pk, consultation=consultation).select_related("stakeholder").first()
    if invitation is None:
        raise Http404
    attended = request.POST.get("attended") == "1"
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        invitation = services.attendance_set(invitation=invitation, attended=attended)
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"error": " ".join(error_messages(exc))}, status=400)
        error_messages_add(request, exc)
    else:
        name = invitation.stakeholder.name
        text = (
            _("%(name)s is marked present.") % {"name": name}
            if attended
            else _("%(name)s is marked absent.") % {"name": name}
        )
        if wants_json:
            present = Invitation.objects.filter(consultation=consultation, attended=True).count()
            return JsonResponse({"attended": invitation.attended, "present": present, "message": text})
        messages.success(request, text)
    url = reverse("consultations:attendance", kwargs={"city_slug": city_slug, "number": number})
    query = search_query(request.POST)
    return redirect(f"{url}?{urlencode({'q': query})}#inv-{pk}" if query else f"{url}#inv-{pk}")


@login_required
@require_POST
def attendance_walk_in_add(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    form = WalkInForm(request.POST, stakeholders=selectors.stakeholders_not_invited(consultation=consultation))
    if form.is_valid():
        try:
            invitation = services.attendance_walk_in_add(
                consultation=consultation, stakeholder=form.cleaned_data["stakeholder"]
            )
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(request, _("%(name)s is marked present.") % {"name": invitation.stakeholder.name})
    else:
        messages.error(request, _("Choose a stakeholder of the group who is not on the list yet."))
    return redirect("consultations:attendance", city_slug=city_slug, number=number)


@login_required
@require_POST
def attendance_checkin(request, city_slug, number):
    """A pass at the door: the QR code the page's scanner read, or the short code typed. Answers JSON
    to the scanner, or redirects with a message without it."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        result = checkin_by_code(consultation=consultation, code=request.POST.get("code", ""))
    except ValidationError as exc:
        text = " ".join(error_messages(exc))
        if wants_json:
            return JsonResponse({"status": "refused", "message": text}, status=400)
        messages.error(request, text)
        return redirect("consultations:attendance", city_slug=city_slug, number=number)
    invitation = result.invitation
    name = invitation.stakeholder.name
    if result.outcome == CheckinOutcome.ALREADY:
        at = in_city_zone(invitation.attendance_recorded_at, access.city).strftime("%H:%M")
        text = _("%(name)s is already checked in (at %(time)s).") % {"name": name, "time": at}
    else:
        text = _("%(name)s is checked in.") % {"name": name}
    if wants_json:
        present = Invitation.objects.filter(consultation=consultation, attended=True).count()
        return JsonResponse(
            {"status": result.outcome, "message": text, "invitation": invitation.pk, "present": present}
        )
    (messages.info if result.outcome == CheckinOutcome.ALREADY else messages.success)(request, text)
    return redirect(
        reverse("consultations:attendance", kwargs={"city_slug": city_slug, "number": number}) + f"#inv-{invitation.pk}"
    )
