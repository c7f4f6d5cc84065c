"""Template filters for what a person reads: times in the city's zone, the city's month names, lists
and time ranges that read right in Arabic. See common.locales for the rules.

    {% load common_tags %}
    {{ request.decided_at|city_time:city }}        30 novembre 2026 00:05 (heure de Tunis)
    {{ request.decided_at|city_time_utc:city }}    … (heure de Tunis) · 2026-11-29 23:05 UTC
    {{ request.decided_at|in_utc:city }}          29 novembre 2026 23:05 (under a "UTC" heading)
    {{ consultation.date|city_date:city }}         13 فيفري 2024 in Arabic for a Tunisian city
    {% city_format consultation.date city "l j F Y" %}
    {{ item.start_time|time_range:item.end_time }} <bdi dir="ltr">09:00–10:30</bdi>
    {{ names|join_list }}                          a، b in Arabic, a, b in French
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from common import bidi, locales, page_links

register = template.Library()


@register.filter
def city_time(value, city):
    """A moment in the city's zone, labelled with the zone."""
    return locales.format_city_datetime(value, city)


@register.filter
def city_time_utc(value, city):
    """A moment in the city's zone, labelled, with its UTC time beside it (records)."""
    return locales.format_city_datetime(value, city, with_utc=True)


@register.filter
def in_utc(value, city):
    """A moment as read in UTC, in the reader's format with the city's month names (no label)."""
    return locales.format_in_utc(value, city=city)


@register.filter
def city_date(value, city):
    """A date (or the city's date of a moment) in DATE_FORMAT with the city's month names."""
    if hasattr(value, "astimezone") and hasattr(value, "hour"):
        value = locales.in_city_zone(value, city)
    return locales.format_value(value, "DATE_FORMAT", city=city)


@register.simple_tag
def city_format(value, city, format_string):
    """A date, or a moment in the city's zone, in any format, with the city's month names (no label)."""
    if hasattr(value, "astimezone") and hasattr(value, "hour"):
        value = locales.in_city_zone(value, city)
    return locales.format_value(value, format_string, city=city)


@register.filter(needs_autoescape=True)
def time_range(start, end, autoescape=True):
    """ "09:00–10:30" that reads the same in Arabic and French, in running text and in tables."""
    if not start or not end:
        return ""
    if autoescape:
        return mark_safe(locales.format_time_range(start, end, html=True))
    return locales.format_time_range(start, end)


@register.filter(needs_autoescape=True)
def join_list(items, city=None, autoescape=True):
    """Items joined with the page language's list separator ("، " in Arabic)."""
    escape = conditional_escape if autoescape else str
    return mark_safe(locales.join_list([escape(item) for item in items], city=city))


@register.filter
def zone_label(city):
    """ "heure de Tunis": the zone in which a city's wall times (an agenda's hours) are read."""
    return locales.zone_label(city)


@register.simple_tag
def translated(obj, field, language=None, block=False):
    """A translated field (model or snapshot dict) in the document's language; when only the French exists
    it is shown marked lang="fr" dir="ltr". block=True writes paragraphs (linebreaks).

        {% translated item "title" %}   {% translated minutes "summary" block=True %}   {% translated s "heading" "ar" %}
    """
    return bidi.translated(obj, field, language=language, block=block)


@register.filter
def in_script(text, language=None):
    """Free text whose language is not recorded (a contact's function): marked by its script when it is
    not the document's language."""
    text = "" if text is None else str(text)
    current = language or bidi.current_language()
    return bidi.mark_language(text, bidi.script_language(text, current), language=current)


@register.simple_tag
def list_separator():
    """ ", " or "، ": between two items of a list written inline in a template."""
    return locales.list_separator()


@register.inclusion_tag("includes/object_links.html")
def object_links(obj, city):
    """The links other apps add to this object's page (common.page_links), e.g. its change history."""
    return {"links": page_links.object_links(obj, city)}
