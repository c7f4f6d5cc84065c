"""Invitations to a consultation: the list with the sending progress, sending, sending again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import search_query
from common.locales import join_list
from common.views import error_messages_add
from outbox.selectors import batch_progress

from .. import selectors
from ..forms import InvitationSendForm
from ..models import Invitation
from ..services import invitations as services
from .base import cycle_number, error_messages

INVITATIONS_PER_PAGE = 50


@login_required
@require_safe
def invitation_list(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=cycle_number(number))
    query = search_query(request.GET)
    page = Paginator(selectors.invitation_list(consultation=consultation, query=query), INVITATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    progress = batch_progress(batch=services.invitation_batch(consultation))
    return render(
        request,
        "consultations/invitations.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "page": page,
            "query": query,
            "progress": progress,
            "tor_warning": consultation.number == 2 and not selectors.tor_is_adopted(city=access.city),
        },
    )


@login_required
def invitation_send(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    if not consultation.is_open_for_answers:
        messages.error(request, _("This consultation has been held: invitations can no longer be sent."))
        return redirect("consultations:invitations", city_slug=city_slug, number=number)
    choices = selectors.active_stakeholders_with_primary(city=access.city).exclude(
        pk__in=Invitation.objects.filter(consultation=consultation, sent_at__isnull=False).values("stakeholder_id")
    )
    form = InvitationSendForm(request.POST or None, stakeholders=choices)
    if request.method == "POST" and form.is_valid():
        chosen = None if form.cleaned_data["scope"] == form.ALL else list(form.cleaned_data["stakeholders"])
        try:
            result = services.invitation_send(consultation=consultation, stakeholders=chosen)
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            count = len(result.sent)
            if count:
                messages.success(
                    request,
                    ngettext("%(count)s invitation is being sent.", "%(count)s invitations are being sent.", count)
                    % {"count": count},
                )
            else:
                messages.info(request, _("No new invitation to send."))
            if result.without_email:
                messages.warning(
                    request,
                    _("Not invited, no primary contact with an email address: %(names)s")
                    % {"names": join_list(s.name for s in result.without_email)},
                )
            return redirect("consultations:invitations", city_slug=city_slug, number=number)
    return render(
        request,
        "consultations/invitations_send.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "form": form,
            "tor_warning": consultation.number == 2 and not selectors.tor_is_adopted(city=access.city),
        },
    )


@login_required
@require_POST
def invitation_resend(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    invitation = Invitation.objects.filter(pk=pk, consultation=consultation).select_related("stakeholder").first()
    if invitation is None:
        raise Http404
    try:
        services.invitation_resend(invitation=invitation, user=request.user)
    except ValidationError as exc:
        error_messages_add(request, exc)
    else:
        messages.success(
            request,
            _("The invitation is sent again to %(name)s with a new link; the previous link no longer works.")
            % {"name": invitation.stakeholder.name},
        )
    return redirect("consultations:invitations", city_slug=city_slug, number=number)
