"""Labels and names of the programme's summary in one language, or in both for the bilingual PDF."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from consultations.models import ConsultationStatus

register = template.Library()

NOT_PLANNED = gettext_lazy("Not planned yet")


@register.simple_tag(takes_context=True)
def both(context, text, stacked=False):
    """A translated string (written _("...") in the template), followed by its Arabic in a bilingual document."""
    main = str(text)
    if not context.get("bilingual"):
        return main
    with translation.override("ar"):
        arabic = str(text)
    if arabic == main:
        return main
    if stacked:
        return format_html('{}<br><span lang="ar" dir="rtl">{}</span>', main, arabic)
    return format_html('{} / <span lang="ar" dir="rtl">{}</span>', main, arabic)


@register.simple_tag(takes_context=True)
def name(context, obj, key="name"):
    """A translated field (French when the Arabic is missing), and its Arabic under it in a bilingual document."""
    main = getattr(obj, key, "") or ""
    arabic = getattr(obj, f"{key}_ar", "") or ""
    if context.get("bilingual") and arabic and arabic != main:
        return format_html('{}<br><span lang="ar" dir="rtl">{}</span>', main, arabic)
    return main


@register.filter
def percent(value):
    """A rate as "75 %", a dash when there is none."""
    return "—" if value is None else f"{value} %"


@register.simple_tag(takes_context=True)
def step_status(context, status):
    """A consultation's status (or "not planned yet"), in both languages in a bilingual document."""
    label = dict(ConsultationStatus.choices).get(status, NOT_PLANNED) if status else NOT_PLANNED
    return both(context, label)
