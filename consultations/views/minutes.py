"""The minutes of a held consultation: written by staff, circulated to the attendees for remarks,
then made final (their PDF is in views.documents)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.views import error_messages_add, service_call_with_messages

from .. import selectors
from ..forms import MinutesCirculateForm, MinutesForm
from ..models import ConsultationStatus, Minutes, MinutesRemark, MinutesStatus
from ..services import minutes as services
from ..services import minutes_review
from .base import cycle_number

REMARKS_PER_PAGE = 50


@login_required
def minutes_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    instance = Minutes.objects.filter(consultation=consultation).first() or Minutes(consultation=consultation)
    if consultation.status != ConsultationStatus.HELD and instance.status != MinutesStatus.FINAL:
        messages.error(request, _("Minutes are written once the consultation is held, and until it is closed."))
        return redirect(consultation.get_absolute_url())
    form = None
    if instance.status != MinutesStatus.FINAL:
        form = MinutesForm(request.POST or None, instance=instance, consultation=consultation)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.minutes_save(
                consultation=consultation,
                user=request.user,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(consultation.get_absolute_url())
    remarks = None
    if instance.pk and instance.status != MinutesStatus.DRAFT:
        remarks = Paginator(MinutesRemark.objects.filter(minutes=instance), REMARKS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    circulate = None
    if instance.pk and instance.status == MinutesStatus.DRAFT and access.can_coordinate:
        circulate = MinutesCirculateForm(
            initial={"review_until": timezone.localdate(timezone=access.city.tzinfo) + dt.timedelta(days=7)}
        )
    return render(
        request,
        "consultations/minutes_form.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "minutes": instance,
            "form": form,
            "page": remarks,
            "circulate": circulate,
            "can_finalise": instance.status == MinutesStatus.IN_REVIEW and access.can_coordinate,
            "review_open": instance.pk is not None and minutes_review.minutes_review_is_open(instance),
        },
    )


@login_required
@require_POST
def minutes_circulate(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    form = MinutesCirculateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the last day on which remarks are accepted."))
    else:
        try:
            count = minutes_review.minutes_circulate(
                consultation=consultation, review_until=form.cleaned_data["review_until"], user=request.user
            )
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The draft minutes are sent for review to %(count)s organisation that attended.",
                    "The draft minutes are sent for review to %(count)s organisations that attended.",
                    count,
                )
                % {"count": count},
            )
    return redirect("consultations:minutes", city_slug=city_slug, number=number)


@login_required
@require_POST
def minutes_finalise(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    service_call_with_messages(
        request,
        minutes_review.minutes_finalise,
        consultation=consultation,
        user=request.user,
        success=_("The minutes are final and sent to the participants."),
    )
    return redirect("consultations:minutes", city_slug=city_slug, number=number)
