"""A consultation's documents: the agenda as PDF and as a print preview, the minutes as PDF, and
the calendar files (one consultation, or the city's whole cycle)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from cities.permissions import get_city_for
from common.responses import calendar_response, pdf_response

from .. import calendar, documents, selectors
from .base import cycle_number


@login_required
@require_safe
def agenda_pdf(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    language = documents.document_language(request.GET.get("lang"), default=translation.get_language())
    data = documents.agenda_pdf(consultation, language=language)
    return pdf_response(data, f"agenda-{access.city.slug}-consultation-{consultation.number}-{language}.pdf")


@login_required
@require_safe
def agenda_print(request, city_slug, number):
    """HTML print preview of the agenda document (same content as the PDF)."""
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    language = documents.document_language(request.GET.get("lang"), default=translation.get_language())
    context = documents.agenda_context(consultation, language=language)
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
def minutes_pdf(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get(city=access.city, number=cycle_number(number))
    language = documents.document_language(request.GET.get("lang"), default=translation.get_language())
    data = documents.minutes_pdf(consultation, language=language)
    return pdf_response(data, f"minutes-{access.city.slug}-consultation-{consultation.number}-{language}.pdf")


@login_required
@require_safe
def consultation_ics(request, city_slug, number):
    access = get_city_for(request, city_slug)
    consultation = selectors.consultation_get_plain(city=access.city, number=cycle_number(number))
    data = calendar.consultation_ics(consultation, language=translation.get_language())
    return calendar_response(data, f"consultation-{access.city.slug}-{consultation.number}.ics", attachment=True)


@login_required
@require_safe
def consultation_list_ics(request, city_slug):
    """The city's consultations as one calendar to subscribe to."""
    access = get_city_for(request, city_slug)
    consultations = selectors.consultation_list_for_city(city=access.city)
    data = calendar.city_calendar_ics(
        city=access.city, consultations=consultations, language=translation.get_language()
    )
    return calendar_response(data, f"consultations-{access.city.slug}.ics")
