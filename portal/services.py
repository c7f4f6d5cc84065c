"""The personal space of a contact: one emailed link that opens a page listing everything for the contact's
organisation. Sending it (and sending it again: a new link, the old one revoked at once), and opening one of
its items in the existing page behind that item's own emailed link (answer, feedback, decide)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from links.models import EmailLink, EventKind
from links.selectors import link_current_for_target
from links.services import link_event_record, link_issue, link_revoke_for_target
from outbox.models import OutgoingEmail
from outbox.services import email_queue
from stakeholders.models import Contact

SPACE_PURPOSE = "space"
# The session's list of the link purposes whose page was opened from the space (their page links back).
SPACE_OPENED_KEY = "portal_opened"
SPACE_LINK_DAYS = 90


def space_contact_of(link: EmailLink) -> Contact | None:
    """The contact a space link belongs to, with its organisation and city, if it may still use it (one query)."""
    if link.target_type_id != ContentType.objects.get_for_model(Contact).pk:
        return None
    contact = (
        Contact.objects.select_related("stakeholder__city")
        .filter(pk=link.target_id, erased_at__isnull=True, stakeholder__is_active=True)
        .first()
    )
    return contact


@transaction.atomic
def space_link_send(*, contact: Contact, user=None) -> OutgoingEmail:
    """Email a contact the link to their personal space, in their language. Sending again revokes every
    earlier space link of the contact at once; the new one is issued when the email goes out."""
    contact = Contact.objects.select_related("stakeholder__city").get(pk=contact.pk)
    if contact.erased_at is not None or not contact.email:
        raise ValidationError(_("This contact has no email address."))
    if not contact.stakeholder.is_active:
        raise ValidationError(_("This stakeholder is not active in the group."))
    actor = f"user:{user.pk}" if user is not None else "system"
    link_revoke_for_target(target=contact, purpose=SPACE_PURPOSE, reason="resent", actor=actor, user=user)
    city = contact.stakeholder.city
    language = contact.language if contact.language in ("fr", "ar") else "fr"
    expires_at = timezone.now() + dt.timedelta(days=SPACE_LINK_DAYS)
    return email_queue(
        to=contact.email,
        language=language,
        template="portal-space",
        context={
            "city": city,
            "stakeholder": contact.stakeholder,
            "contact": contact,
            "expires_at": expires_at,
        },
        purpose=SPACE_PURPOSE,
        city=city,
        source=contact,
        link_purpose=SPACE_PURPOSE,
        link_expires_at=expires_at,
    )


@transaction.atomic
def space_item_link(*, space_link: EmailLink, contact: Contact, target, purpose: str, expires_at=None, request=None):
    """The emailed link of one item of the space (an invitation, a feedback request, a ratification request),
    to put in the session so that the item's own page (links.views.link_required) opens.

    The item's current usable link is reused, so the link its email carries keeps working. Only when it has
    none (its email not sent yet, or its link expired) is one issued, valid no longer than the space link
    (or `expires_at`, the item's own deadline, if sooner). The caller has checked that the item is the
    contact's organisation's and open."""
    link = link_current_for_target(target, purpose)
    if link is None or not link.is_usable:
        deadline = space_link.expires_at if expires_at is None else min(expires_at, space_link.expires_at)
        if deadline <= timezone.now():
            raise ValidationError(_("This item is closed."))
        link = link_issue(
            target=target,
            purpose=purpose,
            expires_at=deadline,
            language=space_link.language,
            city=space_link.city,
            actor=f"contact:{contact.pk}",
        ).link
    link_event_record(
        kind=EventKind.OPENED,
        link=link,
        request=request,
        actor=f"contact:{contact.pk}",
        detail={"via": "space", "space_link": space_link.pk},
    )
    return link
