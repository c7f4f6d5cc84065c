"""The cycle of a city's consultations, and each consultation's page and life: planned, edited,
marked held, closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.views import service_call_with_messages

from .. import selectors
from ..agenda import agenda_slots
from ..forms import ConsultationForm, HoldForm
from ..models import CYCLE_LENGTH, KIND_BY_NUMBER, Consultation, ConsultationKind
from ..services import consultations as services
from .base import cycle_number, error_messages


@login_required
@require_safe
def consultation_list(request, city_slug):
    """The city's cycle: the four consultations, planned or not, and where the group stands."""
    access = get_city_for(request, city_slug)
    steps = selectors.cycle_for_city(city=access.city)
    closed = sum(1 for s in steps if s.consultation and s.consultation.is_closed)
    current = next((s for s in steps if s.is_current), None)
    return render(
        request,
        "consultations/cycle.html",
        {
            "city": access.city,
            "access": access,
            "steps": steps,
            "closed_count": closed,
            "cycle_length": CYCLE_LENGTH,
            "current": current,
        },
    )


@login_required
@require_safe
def consultation_detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=cycle_number(number))
    previous = selectors.consultation_previous(consultation=consultation)
    tor_adopted = selectors.tor_is_adopted(city=access.city) if consultation.number == 2 else None
    gates = selectors.consultation_gate_checks(
        consultation=consultation,
        previous=previous,
        tor_adopted=tor_adopted,
        overrides=list(consultation.overrides.all()),
    )
    items = selectors.agenda_items(consultation=consultation)
    return render(
        request,
        "consultations/detail.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "gates": gates,
            "lacks": selectors.consultation_lacks(consultation, gates),
            "slots": agenda_slots(items),
            "minutes": getattr(consultation, "minutes", None),
            "cycle_length": CYCLE_LENGTH,
            "translation_gaps": selectors.agenda_translation_gaps(
                consultation=consultation, items=items, minutes=getattr(consultation, "minutes", None)
            ),
        },
    )


DEFAULT_TITLES = {
    1: ("Première consultation", "الاستشارة الأولى"),
    2: ("Deuxième consultation", "الاستشارة الثانية"),
    3: ("Troisième consultation", "الاستشارة الثالثة"),
    4: ("Consultation finale", "الاستشارة الختامية"),
}


@login_required
def consultation_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    number = cycle_number(number)
    if Consultation.objects.filter(city=access.city, number=number).exists():
        messages.info(request, _("Consultation %(number)s is already planned.") % {"number": number})
        return redirect("consultations:detail", city_slug=city_slug, number=number)
    instance = Consultation(city=access.city, number=number)
    if request.method == "POST":
        form = ConsultationForm(request.POST, instance=instance)
        if form.is_valid():
            try:
                consultation = services.consultation_create(
                    city=access.city, number=number, **{k: form.cleaned_data[k] for k in form.Meta.fields}
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Consultation %(number)s is planned.") % {"number": number})
                return redirect(consultation.get_absolute_url())
    else:
        title_fr, title_ar = DEFAULT_TITLES[number]
        form = ConsultationForm(instance=instance, initial={"title_fr": title_fr, "title_ar": title_ar})
    return render(
        request,
        "consultations/consultation_form.html",
        {
            "city": access.city,
            "access": access,
            "form": form,
            "number": number,
            "kind_label": dict(ConsultationKind.choices)[KIND_BY_NUMBER[number]],
            "consultation": None,
        },
    )


@login_required
def consultation_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    if consultation.is_closed:
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect(consultation.get_absolute_url())
    if request.method == "POST":
        form = ConsultationForm(request.POST, instance=consultation)
        if form.is_valid():
            try:
                services.consultation_update(
                    consultation=consultation, **{k: form.cleaned_data[k] for k in form.Meta.fields}
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("The consultation is saved."))
                return redirect(consultation.get_absolute_url())
    else:
        form = ConsultationForm(instance=consultation)
    return render(
        request,
        "consultations/consultation_form.html",
        {
            "city": access.city,
            "access": access,
            "form": form,
            "number": consultation.number,
            "kind_label": consultation.get_kind_display(),
            "consultation": consultation,
        },
    )


@login_required
def consultation_mark_held(request, city_slug, number):
    """Mark held: the page lists the gates still closed; a coordinator may go ahead with a reason."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get(city=access.city, number=cycle_number(number))
    gates = selectors.consultation_gate_checks(
        consultation=consultation,
        previous=selectors.consultation_previous(consultation=consultation),
        tor_adopted=selectors.tor_is_adopted(city=access.city) if consultation.number == 2 else None,
        overrides=list(consultation.overrides.all()),
    )
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_mark_held(
                consultation=consultation,
                user=request.user,
                can_override=access.can_coordinate,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The consultation is marked held."))
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/hold.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "gates": gates,
            "blocking": [g for g in gates if g.blocks],
            "form": form,
        },
    )


@login_required
@require_POST
def consultation_close(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    service_call_with_messages(
        request,
        services.consultation_close,
        consultation=consultation,
        user=request.user,
        success=_("The consultation is closed."),
    )
    return redirect(consultation.get_absolute_url())
