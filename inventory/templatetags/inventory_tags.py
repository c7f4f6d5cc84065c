"""Display helpers for the inventory's pages and its bilingual report."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from ..models import Coverage, ProgrammeStatus, Score, TargetGroup

register = template.Library()

_CHOICES = {
    "status": ProgrammeStatus,
    "group": TargetGroup,
    "coverage": Coverage,
    "score": Score,
}


@register.filter
def choice_label(value, kind):
    """The translated label of a stored choice: {{ programme.status|choice_label:"status" }}."""
    choices = _CHOICES.get(kind)
    if choices is None or value not in choices.values:
        return value
    return choices(value).label


@register.simple_tag(takes_context=True)
def both(context, text, stacked=False):
    """A translated string (written _("...") in the template), followed by its Arabic in a bilingual document:
    on the same line after a slash, or on the next line when stacked."""
    main = str(text)
    if not context.get("bilingual"):
        return main
    with translation.override("ar"):
        arabic = str(text)
    if stacked:
        return format_html('{}<br><span lang="ar" dir="rtl">{}</span>', main, arabic)
    return format_html('{} / <span lang="ar" dir="rtl">{}</span>', main, arabic)


@register.simple_tag(takes_context=True)
def choice(context, value, kind, stacked=False):
    """A choice's label, and its Arabic label in a bilingual document."""
    return both(context, choice_label(value, kind), stacked=stacked)


@register.simple_tag(takes_context=True)
def text(context, obj, key, inline=False):
    """A translated field in the active language (French when missing), and the Arabic when bilingual: under
    it, or after a slash on the same line when inline."""
    if obj is None:
        return ""
    main = getattr(obj, key, "") or ""
    arabic = getattr(obj, f"{key}_ar", "") or ""
    if context.get("bilingual") and arabic and arabic != main:
        if inline:
            return format_html('{} / <span lang="ar" dir="rtl">{}</span>', main, arabic)
        return format_html('{}<div lang="ar" dir="rtl">{}</div>', main, arabic)
    return main


@register.simple_tag(takes_context=True)
def stakeholder_name(context, stakeholder):
    """A stakeholder's name (with its acronym), and the Arabic name under it when bilingual."""
    if stakeholder is None:
        return ""
    main = stakeholder.display_name
    arabic = stakeholder.name_ar or ""
    if context.get("bilingual") and arabic and arabic != main:
        return format_html('{}<div lang="ar" dir="rtl">{}</div>', main, arabic)
    return main


@register.filter
def count_class(value):
    """A shade for a count in the who-does-what matrix (CSS classes, no inline style)."""
    value = value or 0
    if value >= 3:
        return "wdw-3"
    return f"wdw-{value}"
