"""The minutes of a held consultation (their PDF is in views.documents)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities.models import Role
from cities.permissions import get_city_for

from .. import selectors
from ..forms import MinutesForm
from ..models import ConsultationStatus, Minutes
from ..services import minutes as services
from .base import cycle_number, form_add_errors


@login_required
def minutes_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
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
            form_add_errors(form, exc)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/minutes_form.html",
        {"city": access.city, "access": access, "consultation": consultation, "form": form},
    )
