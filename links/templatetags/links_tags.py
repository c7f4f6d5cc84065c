"""Display of the audit trail: who did what, as a person reads it (never a raw actor id)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def actor_label(event, target=None):
    """The actor of an event as a person and a role: "Amal Ben Salah (city staff)", "Inès Haddad (contact
    of the organisation)", "Holder of the emailed link", "The application". `target` is the request the
    event belongs to (its contact_id and contact_name name the contact)."""
    actor = event.actor or ""
    if event.user_id:
        user = event.user
        return _("%(name)s (city staff)") % {"name": user.get_full_name() or user.get_username()}
    if actor.startswith("contact:"):
        contact_id = actor.partition(":")[2]
        if target is not None and str(getattr(target, "contact_id", "")) == contact_id:
            name = getattr(target, "contact_name", "") or ""
            if name:
                return _("%(name)s (contact of the organisation)") % {"name": name}
            return _("Contact of the organisation")
        return _("Former contact of the organisation")
    if actor.startswith("user:"):
        return _("City staff")
    if actor == "link-holder":
        return _("Holder of the emailed link")
    if actor == "system" or not actor:
        return _("The application")
    return actor
