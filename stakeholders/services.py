"""Writes to the registry: every change to a stakeholder or a contact goes through here.

Keyword-only, typed; each service runs full_clean() before save() inside a transaction, so the
model's invariants (and the database constraints behind them) hold whoever calls.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City

from .models import Contact, Domain, Language, Stakeholder
from .selectors import stakeholder_name_clashes
from .signals import contact_erased

STAKEHOLDER_FIELDS = (
    "name_fr",
    "name_ar",
    "acronym_fr",
    "acronym_ar",
    "category",
    "level",
    "influence",
    "interest",
    "is_active",
    "joined_on",
    "notes",
)
CONTACT_FIELDS = ("name", "function", "email", "phone", "language", "is_primary")


def _validate_stakeholder(stakeholder: Stakeholder) -> None:
    """Names are unique in a city once normalised (case, accents, hamza): the database's
    Lower() constraint is the last guard, but SQLite lowers ASCII letters only."""
    clashes = stakeholder_name_clashes(
        city=stakeholder.city, name_fr=stakeholder.name_fr, name_ar=stakeholder.name_ar or "", exclude_pk=stakeholder.pk
    )
    if clashes:
        raise ValidationError(
            {
                field: ValidationError(
                    _("“%(name)s” is already in this city's registry."),
                    code="duplicate",
                    params={"name": getattr(other, field)},
                )
                for field, other in clashes.items()
            }
        )
    stakeholder.full_clean()


def _apply_active_flag(stakeholder: Stakeholder, is_active: bool) -> None:
    if is_active:
        stakeholder.deactivated_at = None
    elif stakeholder.deactivated_at is None:
        stakeholder.deactivated_at = timezone.now()
    stakeholder.is_active = is_active


@transaction.atomic
def stakeholder_create(
    *,
    city: City,
    name_fr: str,
    name_ar: str = "",
    acronym_fr: str = "",
    acronym_ar: str = "",
    category: str,
    level: str,
    domains: Iterable[Domain] = (),
    influence: int = 3,
    interest: int = 3,
    is_active: bool = True,
    joined_on: datetime.date | None = None,
    notes: str = "",
) -> Stakeholder:
    """Add an organisation to the city's group. Names are unique per city once normalised (French,
    and Arabic when given); the duplicate guard for merely similar names is the form's (a warning)."""
    stakeholder = Stakeholder(
        city=city,
        name_fr=name_fr,
        name_ar=name_ar,
        acronym_fr=acronym_fr,
        acronym_ar=acronym_ar,
        category=category,
        level=level,
        influence=influence,
        interest=interest,
        joined_on=joined_on,
        notes=notes,
    )
    _apply_active_flag(stakeholder, is_active)
    _validate_stakeholder(stakeholder)
    stakeholder.save()
    stakeholder.domains.set(domains)
    return stakeholder


@transaction.atomic
def stakeholder_update(*, stakeholder: Stakeholder, domains: Iterable[Domain] | None = None, **fields) -> Stakeholder:
    """Change a stakeholder's fields (any of STAKEHOLDER_FIELDS) and, when given, its domains."""
    unknown = set(fields) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise TypeError(f"stakeholder_update() got unexpected fields: {sorted(unknown)}")
    is_active = fields.pop("is_active", stakeholder.is_active)
    for name, value in fields.items():
        setattr(stakeholder, name, value)
    _apply_active_flag(stakeholder, is_active)
    _validate_stakeholder(stakeholder)
    stakeholder.save()
    if domains is not None:
        stakeholder.domains.set(domains)
    return stakeholder


@transaction.atomic
def stakeholder_deactivate(*, stakeholder: Stakeholder) -> bool:
    """Take a stakeholder out of the active group without deleting it: its history stays.

    Returns False when it was already inactive (a replayed request changes nothing).
    """
    if not stakeholder.is_active:
        return False
    _apply_active_flag(stakeholder, False)
    stakeholder.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    return True


@transaction.atomic
def stakeholder_reactivate(*, stakeholder: Stakeholder) -> bool:
    """Bring a stakeholder back into the active group. Returns False when it was already active."""
    if stakeholder.is_active:
        return False
    _apply_active_flag(stakeholder, True)
    stakeholder.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    return True


def _unset_other_primary(contact: Contact) -> None:
    # The partial unique constraint allows one primary per stakeholder: clear the old one first,
    # in the same transaction, so no reader ever sees none or two.
    Contact.objects.filter(stakeholder_id=contact.stakeholder_id, is_primary=True).exclude(pk=contact.pk).update(
        is_primary=False, updated_at=timezone.now()
    )


@transaction.atomic
def contact_create(
    *,
    stakeholder: Stakeholder,
    name: str,
    function: str = "",
    email: str = "",
    phone: str = "",
    language: str = Language.FRENCH,
    is_primary: bool = False,
) -> Contact:
    """Add a person representing the stakeholder. Making it primary unsets the previous primary."""
    # Lock the stakeholder row so two concurrent "make primary" requests serialise.
    Stakeholder.objects.select_for_update().filter(pk=stakeholder.pk).first()
    contact = Contact(
        stakeholder=stakeholder,
        name=name,
        function=function,
        email=email,
        phone=phone,
        language=language,
        is_primary=is_primary,
    )
    if contact.is_primary:
        _unset_other_primary(contact)  # first, or the partial unique constraint fails validation
    contact.full_clean()  # raising here rolls the unset back with the transaction
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, **fields) -> Contact:
    """Change a contact (any of CONTACT_FIELDS). An erased contact cannot be changed."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"contact_update() got unexpected fields: {sorted(unknown)}")
    if contact.erased_at is not None:
        raise ValidationError(_("This contact's personal data was erased; it cannot be edited."))
    Stakeholder.objects.select_for_update().filter(pk=contact.stakeholder_id).first()
    for name, value in fields.items():
        setattr(contact, name, value)
    if contact.is_primary:
        _unset_other_primary(contact)  # first, or the partial unique constraint fails validation
    contact.full_clean()  # raising here rolls the unset back with the transaction
    contact.save()
    return contact


def contact_make_primary(*, contact: Contact) -> Contact:
    """Make this contact the stakeholder's primary contact (the one ratification requests go to)."""
    return contact_update(contact=contact, is_primary=True)


@transaction.atomic
def contact_erase(*, contact: Contact) -> bool:
    """Erase a contact's personal data (right to erasure) but keep the row, which history refers to.

    Name, function, email and phone are blanked, the primary flag dropped and erased_at set; the
    contact_erased signal then lets the change history scrub every earlier copy of them.
    Returns False when the contact was already erased.
    """
    if contact.erased_at is not None:
        return False
    erased_values = [v for v in (contact.name, contact.email, contact.phone) if v]
    contact.name = ""
    contact.function = ""
    contact.email = ""
    contact.phone = ""
    contact.is_primary = False
    contact.erased_at = timezone.now()
    contact.full_clean()
    contact.save()
    contact_erased.send(sender=Contact, contact=contact, erased_values=erased_values)
    return True
