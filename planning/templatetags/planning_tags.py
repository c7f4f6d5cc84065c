"""Display helpers for planning pages and PDFs (snapshot dicts and model values alike)."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, translation

from common.bidi import translated
from common.locales import format_value

from ..models import ActionStatus, Frequency, IndicatorType, MappingKind, RoadmapStatus

register = template.Library()

_CHOICES = {
    "status": ActionStatus,
    "kind": IndicatorType,
    "frequency": Frequency,
    "mapping": MappingKind,
    "roadmap": RoadmapStatus,
}


@register.filter
def pick(obj, key):
    """obj["title_ar"] in Arabic, obj["title_fr"] in French; when the Arabic is empty, the French marked
    lang="fr" dir="ltr" (common.bidi)."""
    if obj is None:
        return ""
    return translated(obj, key)


@register.filter
def pick_ar(obj, key):
    """The Arabic text only (empty when missing): the second line of bilingual cells."""
    if obj is None:
        return ""
    if isinstance(obj, dict):
        return obj.get(f"{key}_ar", "") or ""
    return getattr(obj, f"{key}_ar", "") or ""


@register.filter
def month(value, city=None):
    """A month (date or "2024-05") as "mai 2024" / "ماي 2024", with the city's month names (جوان in Tunisia)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            year, mon = value.split("-")[:2]
            value = datetime.date(int(year), int(mon), 1)
        except ValueError:
            return value
    return format_value(value, "YEAR_MONTH_FORMAT", city=city)


@register.filter
def day(value):
    """An ISO date string from a snapshot (or a date) in the short local format."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@register.filter
def num(value):
    """12.50 -> "12,5" in French; thousands grouped; no trailing zeros."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return formats.number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def fraction_percent(value):
    """ "0.5000" (a snapshot's progress) -> 50."""
    if value is None or value == "":
        return None
    return int((Decimal(str(value)) * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


@register.filter
def label(value, kind):
    """The translated label of a stored choice: {{ action.status|label:"status" }}."""
    choices = _CHOICES.get(kind)
    if choices is None or value not in choices.values:
        return value
    return choices(value).label


@register.simple_tag
def label_in(value, kind, language):
    """The label in a given language (bilingual PDFs)."""
    with translation.override(language):
        return str(label(value, kind))
