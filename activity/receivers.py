"""Receivers of lower apps' signals, connected in ActivityConfig.ready()."""

from django.dispatch import receiver

from stakeholders.models import Contact
from stakeholders.signals import contact_erased

from .services import history_scrub_contact


@receiver(contact_erased, sender=Contact, dispatch_uid="activity.scrub_erased_contact")
def scrub_erased_contact(sender, *, contact, erased_values, **kwargs):
    history_scrub_contact(contact=contact, erased_values=erased_values)
