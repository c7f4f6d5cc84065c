"""The city's navigation bar, rendered once per process for each page it can be drawn on.

    {% load navigation %}{% city_nav %}

The menus (each app's `<app>/_nav.html`, gathered by includes/city_nav.html) depend on nothing but the
city's slug, the language and the page being shown (its path, namespaces and URL name, to mark the
current entry): about thirty URLs to reverse and a dozen includes, the same on every request. So the
HTML is kept in memory under exactly those inputs; translations and URLs are fixed for the life of a
process. A city renamed keeps its slug and its menus (they show no name); a new slug is a new key.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/city_nav.html"
MAX_ENTRIES = 4096  # pages x cities x languages a process keeps; all dropped when full

_rendered: dict[tuple, str] = {}


def _key(city, request) -> tuple:
    match = request.resolver_match
    return (
        city.slug,
        get_language(),
        request.path,
        tuple(match.namespaces) if match else (),
        match.url_name if match else None,
    )


@register.simple_tag(takes_context=True)
def city_nav(context) -> str:
    city, request = context["city"], context["request"]
    key = _key(city, request)
    html = _rendered.get(key)
    if html is None:
        if len(_rendered) >= MAX_ENTRIES:
            _rendered.clear()
        html = _rendered[key] = render_to_string(TEMPLATE, {"city": city, "request": request})
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered


@receiver(setting_changed, dispatch_uid="common.navigation.forget")
def forget_rendered_menus(**kwargs):
    """A test that changes the settings (languages, URLs) gets menus drawn again."""
    _rendered.clear()
