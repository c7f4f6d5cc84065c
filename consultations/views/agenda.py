"""The agenda editor: items added, edited, removed, moved and shifted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.views import error_messages_add, service_call_with_messages

from .. import selectors
from ..agenda import MAX_SHIFT, AgendaAction, agenda_order, agenda_slots
from ..forms import AgendaArrangeForm, AgendaItemForm
from ..models import AgendaItem
from ..services import agenda as services
from .base import cycle_number


@login_required
@require_safe
def agenda_detail(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    items = selectors.agenda_items(consultation=consultation)
    return render(
        request,
        "consultations/agenda.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "slots": agenda_slots(items),
            "items": items,
            "max_shift": MAX_SHIFT,
        },
    )


def _agenda_item_form_page(request, access, consultation, form, item=None):
    return render(
        request,
        "consultations/agenda_item_form.html",
        {"city": access.city, "access": access, "consultation": consultation, "form": form, "item": item},
    )


@login_required
def agenda_item_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    if consultation.is_closed:
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    items = agenda_order(consultation.agenda_items.all())
    previous = items[-1] if items else None
    instance = AgendaItem(consultation=consultation)
    if request.method == "POST":
        form = AgendaItemForm(request.POST, instance=instance, consultation=consultation, previous=previous)
        if form.is_valid():
            try:
                services.agenda_item_create(
                    consultation=consultation,
                    speakers=list(form.cleaned_data["speakers"]),
                    sub_points=form.cleaned_data["sub_points"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("The item is added to the agenda."))
                return redirect("consultations:agenda", city_slug=city_slug, number=number)
    else:
        initial = {}
        if previous is not None:
            initial["start_time"] = previous.end_time
        else:
            initial["start_time"] = consultation.start_time
        form = AgendaItemForm(instance=instance, consultation=consultation, previous=previous, initial=initial)
    return _agenda_item_form_page(request, access, consultation, form)


@login_required
def agenda_item_edit(request, city_slug, number, item_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    item = get_object_or_404(AgendaItem, pk=item_pk, consultation=consultation)
    if consultation.is_closed:
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    items = agenda_order(consultation.agenda_items.all())
    index = next(n for n, i in enumerate(items) if i.pk == item.pk)
    previous = items[index - 1] if index > 0 else None
    if request.method == "POST":
        form = AgendaItemForm(request.POST, instance=item, consultation=consultation, previous=previous)
        if form.is_valid():
            try:
                services.agenda_item_update(
                    item=item,
                    speakers=list(form.cleaned_data["speakers"]),
                    sub_points=form.cleaned_data["sub_points"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("The item is saved."))
                return redirect("consultations:agenda", city_slug=city_slug, number=number)
    else:
        form = AgendaItemForm(instance=item, consultation=consultation, previous=previous)
    return _agenda_item_form_page(request, access, consultation, form, item=item)


@login_required
@require_POST
def agenda_item_delete(request, city_slug, number, item_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    item = AgendaItem.objects.filter(pk=item_pk, consultation=consultation).first()
    if item is None:
        messages.error(request, _("This item no longer exists."))
    else:
        service_call_with_messages(
            request, services.agenda_item_delete, item=item, success=_("The item is removed from the agenda.")
        )
    return redirect("consultations:agenda", city_slug=city_slug, number=number)


@login_required
@require_POST
def agenda_arrange(request, city_slug, number):
    """Move an item up or down, or shift it and every later item by some minutes: one POST, all or nothing."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    form = AgendaArrangeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    item = AgendaItem.objects.filter(pk=form.cleaned_data["item"], consultation=consultation).first()
    if item is None:
        messages.error(request, _("This item no longer exists."))
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    try:
        services.agenda_arrange(
            item=item, action=form.cleaned_data["action"], minutes=form.cleaned_data.get("minutes") or 0
        )
    except ValidationError as exc:
        messages.error(request, _("The agenda was not changed:"))
        error_messages_add(request, exc)
    else:
        if form.cleaned_data["action"] == AgendaAction.SHIFT:
            minutes = form.cleaned_data["minutes"]
            messages.success(
                request,
                ngettext(
                    "The item and the later ones moved by %(minutes)s minute.",
                    "The item and the later ones moved by %(minutes)s minutes.",
                    abs(minutes),
                )
                % {"minutes": minutes},
            )
        else:
            messages.success(request, _("The agenda order is changed."))
    return redirect(
        reverse("consultations:agenda", kwargs={"city_slug": city_slug, "number": number}) + f"#item-{item.pk}"
    )
