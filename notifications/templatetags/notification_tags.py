"""{% notification_text notification %}: what a notification says, in the active language (pages and digests)."""

from django import template

from notifications.texts import notification_text as _text

register = template.Library()


@register.simple_tag
def notification_text(notification) -> str:
    return _text(notification)
