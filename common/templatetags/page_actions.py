"""{% page_actions "app.page" %}: the templates higher apps registered for this page (common.page_actions)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from common.page_actions import page_action_templates

register = template.Library()


@register.simple_tag(takes_context=True)
def page_actions(context, page: str):
    flat = context.flatten()
    request = context.get("request")
    return mark_safe("".join(get_template(name).render(flat, request) for name in page_action_templates(page)))  # noqa: S308 - rendered templates escape their own content
