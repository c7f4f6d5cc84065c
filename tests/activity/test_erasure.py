"""Right to erasure: an erased contact's name, email and phone survive in no history table."""

import pytest
from django.db import connection

from activity.services import history_models
from consultations.models import AgendaItem
from stakeholders import services as registry
from stakeholders.models import Contact
from tests.factories import AgendaItemFactory, ConsultationFactory, ContactFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

NAME = "Leïla Ben Salah"
EMAIL = "Leila.BenSalah@example.org"
PHONE = "+216 71 123 456"


def _history_tables() -> list[str]:
    """Every historical table in the database, found by name (not through the app's own list)."""
    return [t for t in connection.introspection.table_names() if "_historical" in t]


def _rows_carrying(value: str) -> list[tuple[str, tuple]]:
    found = []
    with connection.cursor() as cursor:
        for table in _history_tables():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- table names come from the introspection
            for row in cursor.fetchall():
                if any(isinstance(cell, str) and value.lower() in cell.lower() for cell in row):
                    found.append((table, row))
    return found


@pytest.fixture
def erased_contact(city):
    stakeholder = StakeholderFactory(city=city)
    contact = ContactFactory(stakeholder=stakeholder, name=NAME, email=EMAIL, phone=PHONE, function="Directrice")
    registry.contact_update(contact=contact, function="Directrice générale")
    registry.contact_update(contact=contact, email=EMAIL.lower())
    consultation = ConsultationFactory(city=city)
    AgendaItemFactory(consultation=consultation, moderator_contact=contact)
    # A free-text moderator who is the same person.
    item = AgendaItemFactory(consultation=consultation, moderator_name=f"Mme {NAME}")
    item.moderator_name = f"Mme {NAME} (modération)"
    item.save()
    registry.stakeholder_update(stakeholder=stakeholder, notes=f"Joindre {NAME} au {PHONE} ou {EMAIL}.")
    # Before erasure, the history carries the personal data (the test would prove nothing otherwise).
    assert _rows_carrying(NAME) and _rows_carrying(EMAIL) and _rows_carrying(PHONE)
    assert registry.contact_erase(contact=contact) is True
    return contact


def test_the_history_tables_are_found(db):
    # 10 historical tables, and 3 of many-to-many links (domains, partners, speakers).
    assert len(_history_tables()) == len(history_models()) == 13
    assert sorted(_history_tables()) == sorted(h._meta.db_table for h in history_models())


@pytest.mark.parametrize("value", [NAME, EMAIL, PHONE, "Directrice"])
def test_no_history_table_keeps_the_erased_data(erased_contact, value):
    assert _rows_carrying(value) == []


def test_the_contact_history_keeps_its_dates_without_the_data(erased_contact):
    rows = list(Contact.history.filter(id=erased_contact.pk).order_by("history_date"))
    assert [r.history_type for r in rows] == ["+", "~", "~", "~"]
    assert {(r.name, r.function, r.email, r.phone) for r in rows} == {("", "", "", "")}
    assert rows[-1].erased_at is not None


def test_other_contacts_and_text_are_untouched(city, erased_contact):
    other = ContactFactory(stakeholder=StakeholderFactory(city=city), name="Karim Haddad")
    names = set(AgendaItem.history.exclude(moderator_name="").values_list("moderator_name", flat=True))
    assert names == {"Mme ", "Mme  (modération)"}
    assert Contact.history.filter(id=other.pk).get().name == "Karim Haddad"


def test_erasing_again_changes_nothing(erased_contact):
    count = Contact.history.count()
    assert registry.contact_erase(contact=erased_contact) is False
    assert Contact.history.count() == count


def test_the_name_goes_whatever_its_case(city):
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city), name="Karim Haddad")
    item = AgendaItemFactory(consultation=ConsultationFactory(city=city), moderator_name="M. KARIM HADDAD")
    registry.contact_erase(contact=contact)
    assert AgendaItem.history.get(id=item.pk).moderator_name == "M. "
