"""Labels and names of the programme's summary in one language, or in both for the bilingual PDF."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from common.locales import LRI, PDI
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
    """A rate as "75 %", isolated left to right (so Arabic text does not turn it round), a dash when there is none."""
    return "—" if value is None else f"{LRI}{value} %{PDI}"


@register.simple_tag(takes_context=True)
def step_label(context, step):
    """Where a city stands: "Consultation 2 : Tenue" (or "Cycle complete" when step is None), with the Arabic
    under it in a bilingual document."""

    def label() -> str:
        if step is None:
            return gettext("Cycle complete")
        status = dict(ConsultationStatus.choices).get(step.status, NOT_PLANNED) if step.status else NOT_PLANNED
        return gettext("Consultation %(number)s: %(status)s") % {"number": step.number, "status": status}

    main = label()
    if not context.get("bilingual"):
        return main
    with translation.override("ar"):
        arabic = label()
    return format_html('{}<br><span lang="ar" dir="rtl">{}</span>', main, arabic)
