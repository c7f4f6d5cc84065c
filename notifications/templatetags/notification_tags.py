"""{% notification_text notification %}: what a notification says, in the active language (pages and digests);
html=True in HTML (escaped, names and reasons marked), plain text otherwise (isolated by Unicode marks)."""

from django import template

from notifications.texts import notification_text as _text

register = template.Library()


@register.simple_tag
def notification_text(notification, html=False) -> str:
    return _text(notification, html=html)
