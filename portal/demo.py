"""Demo: the personal space link of one Tunis contact, the primary contact of Terre d'Asile Tunisie (whose
remark on the terms of reference has a reply). The email is in the dev mailbox (/fr/dev/mailbox/).
Idempotent: sent once."""

from django.contrib.contenttypes.models import ContentType

from outbox.models import OutgoingEmail
from stakeholders.models import Contact

from .services import SPACE_PURPOSE, space_link_send

DEMO_STAKEHOLDER = "Terre d'Asile Tunisie"


def load(city, users, other_city=None):
    contact = (
        Contact.objects.reachable_primary()
        .filter(stakeholder__city=city, stakeholder__name_fr=DEMO_STAKEHOLDER, stakeholder__is_active=True)
        .first()
    )
    if contact is None:
        return
    sent = OutgoingEmail.objects.filter(
        source_type=ContentType.objects.get_for_model(Contact), source_id=contact.pk, link_purpose=SPACE_PURPOSE
    ).exists()
    if not sent:
        space_link_send(contact=contact, user=users.get("coordinator"))
