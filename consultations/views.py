from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.responses import calendar_response, pdf_response
from outbox.selectors import batch_progress

from . import selectors, services
from .calendar import city_calendar_ics, consultation_ics
from .documents import agenda_context, agenda_pdf, document_language, minutes_pdf
from .forms import (
    AgendaArrangeForm,
    AgendaItemForm,
    ConsultationForm,
    HoldForm,
    InvitationSendForm,
    MinutesForm,
    WalkInForm,
)
from .models import (
    CYCLE_LENGTH,
    KIND_BY_NUMBER,
    AgendaItem,
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Invitation,
    Minutes,
)

INVITATIONS_PER_PAGE = 50
ATTENDANCE_PER_PAGE = 200


def _error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _number(number: int) -> int:
    if not 1 <= number <= CYCLE_LENGTH:
        raise Http404
    return number


# ---------------------------------------------------------------------------
# Cycle and consultation
# ---------------------------------------------------------------------------


@login_required
@require_safe
def cycle(request, city_slug):
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
def detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=_number(number))
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
            "slots": selectors.agenda_slots(items),
            "minutes": getattr(consultation, "minutes", None),
            "cycle_length": CYCLE_LENGTH,
        },
    )


DEFAULT_TITLES = {
    1: ("Première consultation", "الاستشارة الأولى"),
    2: ("Deuxième consultation", "الاستشارة الثانية"),
    3: ("Troisième consultation", "الاستشارة الثالثة"),
    4: ("Consultation finale", "الاستشارة الختامية"),
}


@login_required
def create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    number = _number(number)
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
                _add_errors(form, exc)
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
def edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
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
                _add_errors(form, exc)
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
def hold(request, city_slug, number):
    """Mark held: the page lists the gates still closed; a coordinator may go ahead with a reason."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get(city=access.city, number=_number(number))
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
            for message in _error_messages(exc):
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
def close(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    try:
        services.consultation_close(consultation=consultation, user=request.user)
    except ValidationError as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("The consultation is closed."))
    return redirect(consultation.get_absolute_url())


# ---------------------------------------------------------------------------
# Agenda
# ---------------------------------------------------------------------------


@login_required
@require_safe
def agenda(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    items = selectors.agenda_items(consultation=consultation)
    return render(
        request,
        "consultations/agenda.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "slots": selectors.agenda_slots(items),
            "items": items,
            "max_shift": services.MAX_SHIFT,
        },
    )


def _item_form_page(request, access, consultation, form, item=None):
    return render(
        request,
        "consultations/agenda_item_form.html",
        {"city": access.city, "access": access, "consultation": consultation, "form": form, "item": item},
    )


@login_required
def agenda_item_add(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    if consultation.is_closed:
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    items = services.agenda_order(consultation.agenda_items.all())
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
                _add_errors(form, exc)
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
    return _item_form_page(request, access, consultation, form)


@login_required
def agenda_item_edit(request, city_slug, number, item_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    item = get_object_or_404(AgendaItem, pk=item_pk, consultation=consultation)
    if consultation.is_closed:
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect("consultations:agenda", city_slug=city_slug, number=number)
    items = services.agenda_order(consultation.agenda_items.all())
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
                _add_errors(form, exc)
            else:
                messages.success(request, _("The item is saved."))
                return redirect("consultations:agenda", city_slug=city_slug, number=number)
    else:
        form = AgendaItemForm(instance=item, consultation=consultation, previous=previous)
    return _item_form_page(request, access, consultation, form, item=item)


@login_required
@require_POST
def agenda_item_delete(request, city_slug, number, item_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    item = AgendaItem.objects.filter(pk=item_pk, consultation=consultation).first()
    if item is None:
        messages.error(request, _("This item no longer exists."))
    else:
        try:
            services.agenda_item_delete(item=item)
        except ValidationError as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("The item is removed from the agenda."))
    return redirect("consultations:agenda", city_slug=city_slug, number=number)


@login_required
@require_POST
def agenda_arrange(request, city_slug, number):
    """Move an item up or down, or shift it and every later item by some minutes: one POST, all or nothing."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
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
        for message in _error_messages(exc):
            messages.error(request, message)
    else:
        if form.cleaned_data["action"] == "shift":
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


@login_required
@require_safe
def agenda_document(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    language = document_language(request.GET.get("lang"), default=translation.get_language())
    data = agenda_pdf(consultation, language=language)
    return pdf_response(data, f"agenda-{access.city.slug}-consultation-{consultation.number}-{language}.pdf")


@login_required
@require_safe
def agenda_print(request, city_slug, number):
    """HTML print preview of the agenda document (same content as the PDF)."""
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    language = document_language(request.GET.get("lang"), default=translation.get_language())
    context = agenda_context(consultation, language=language)
    context.update(
        {
            "access": access,
            "preview_language": "fr" if language == "bi" else language,
            "preview_dir": "rtl" if language == "ar" else "ltr",
        }
    )
    return render(request, "consultations/agenda_print.html", context)


@login_required
@require_safe
def consultation_calendar(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    data = consultation_ics(consultation, language=translation.get_language())
    return calendar_response(data, f"consultation-{access.city.slug}-{consultation.number}.ics", attachment=True)


@login_required
@require_safe
def city_calendar(request, city_slug):
    access = get_city_for(request, city_slug)
    consultations = selectors.consultation_list_for_city(city=access.city)
    data = city_calendar_ics(city=access.city, consultations=consultations, language=translation.get_language())
    return calendar_response(data, f"consultations-{access.city.slug}.ics")


# ---------------------------------------------------------------------------
# Invitations and attendance
# ---------------------------------------------------------------------------


@login_required
@require_safe
def invitations(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=_number(number))
    query = request.GET.get("q", "").strip()[:100]
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
def invitations_send(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
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
            result = services.invitations_send(consultation=consultation, stakeholders=chosen)
        except ValidationError as exc:
            for message in _error_messages(exc):
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
                    % {"names": ", ".join(s.name for s in result.without_email)},
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
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    invitation = Invitation.objects.filter(pk=pk, consultation=consultation).select_related("stakeholder").first()
    if invitation is None:
        raise Http404
    try:
        services.invitation_resend(invitation=invitation, user=request.user)
    except ValidationError as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The invitation is sent again to %(name)s with a new link; the previous link no longer works.")
            % {"name": invitation.stakeholder.name},
        )
    return redirect("consultations:invitations", city_slug=city_slug, number=number)


@login_required
@require_safe
def attendance(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=_number(number))
    query = request.GET.get("q", "").strip()[:100]
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
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    invitation = Invitation.objects.filter(pk=pk, consultation=consultation).select_related("stakeholder").first()
    if invitation is None:
        raise Http404
    attended = request.POST.get("attended") == "1"
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        invitation = services.invitation_attendance_set(invitation=invitation, attended=attended)
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"error": " ".join(_error_messages(exc))}, status=400)
        for message in _error_messages(exc):
            messages.error(request, message)
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
    query = request.POST.get("q", "").strip()[:100]
    return redirect(f"{url}?q={query}#inv-{pk}" if query else f"{url}#inv-{pk}")


@login_required
@require_POST
def attendance_walk_in(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    form = WalkInForm(request.POST, stakeholders=selectors.stakeholders_not_invited(consultation=consultation))
    if form.is_valid():
        try:
            invitation = services.invitation_walk_in_add(
                consultation=consultation, stakeholder=form.cleaned_data["stakeholder"]
            )
        except ValidationError as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("%(name)s is marked present.") % {"name": invitation.stakeholder.name})
    else:
        messages.error(request, _("Choose a stakeholder of the group who is not on the list yet."))
    return redirect("consultations:attendance", city_slug=city_slug, number=number)


# ---------------------------------------------------------------------------
# Minutes
# ---------------------------------------------------------------------------


@login_required
def minutes_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=_number(number))
    instance = Minutes.objects.filter(consultation=consultation).first() or Minutes(consultation=consultation)
    if consultation.status != ConsultationStatus.HELD:
        messages.error(request, _("Minutes are written once the consultation is held, and until it is closed."))
        return redirect(consultation.get_absolute_url())
    form = MinutesForm(request.POST or None, instance=instance, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                consultation=consultation,
                user=request.user,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/minutes_form.html",
        {"city": access.city, "access": access, "consultation": consultation, "form": form},
    )


@login_required
@require_safe
def minutes_document(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=_number(number))
    language = document_language(request.GET.get("lang"), default=translation.get_language())
    data = minutes_pdf(consultation, language=language)
    return pdf_response(data, f"minutes-{access.city.slug}-consultation-{consultation.number}-{language}.pdf")
