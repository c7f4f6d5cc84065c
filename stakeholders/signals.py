"""Signals the registry sends; higher apps connect receivers in their AppConfig.ready()."""

from django.dispatch import Signal

# Sent by services.contact_erase inside its transaction, after the contact's row is blanked.
# sender: Contact; kwargs: contact (already blanked), erased_values (the name, email and phone it held,
# non-empty ones only). Receivers remove every copy they keep (the change history does).
contact_erased = Signal()
