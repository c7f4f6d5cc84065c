import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stakeholders.models import Category, Contact, Domain, Level, Stakeholder
from stakeholders.services import (
    contact_create,
    contact_erase,
    contact_make_primary,
    contact_update,
    stakeholder_create,
    stakeholder_deactivate,
    stakeholder_reactivate,
    stakeholder_update,
)
from tests.factories import ContactFactory, StakeholderFactory


def _create(city, **overrides):
    fields = {
        "city": city,
        "name_fr": "Association Ahmed pour la solidarité",
        "name_ar": "جمعية أحمد للتضامن",
        "acronym_fr": "AAS",
        "category": Category.CIVIL_SOCIETY,
        "level": Level.LOCAL,
    }
    fields.update(overrides)
    return stakeholder_create(**fields)


def test_it_creates_a_stakeholder_with_domains_and_search_text(city):
    health, housing = Domain.objects.get(code="health"), Domain.objects.get(code="housing")
    s = _create(city, domains=[health, housing], influence=4, interest=5, joined_on=datetime.date(2023, 11, 7))
    s.refresh_from_db()
    assert (s.name_fr, s.name_ar, s.influence, s.interest, s.is_active) == (
        "Association Ahmed pour la solidarité",
        "جمعية أحمد للتضامن",
        4,
        5,
        True,
    )
    assert set(s.domains.values_list("code", flat=True)) == {"health", "housing"}
    assert s.search_text == "association ahmed pour la solidarite | جمعيه احمد للتضامن | aas"
    assert s.deactivated_at is None


def test_it_refuses_a_score_out_of_range(city):
    with pytest.raises(ValidationError) as error:
        _create(city, influence=6, interest=0)
    assert set(error.value.message_dict) == {"influence", "interest"}
    assert Stakeholder.objects.count() == 0


def test_it_refuses_an_unknown_category(city):
    with pytest.raises(ValidationError) as error:
        _create(city, category="bakery")
    assert "category" in error.value.message_dict


def test_it_refuses_the_same_french_name_twice_in_a_city(city, other_city):
    _create(city)
    with pytest.raises(ValidationError) as error:
        _create(city, name_fr="ASSOCIATION AHMED POUR LA SOLIDARITE", name_ar="اسم آخر")
    assert error.value.message_dict == {
        "name_fr": ["« Association Ahmed pour la solidarité » figure déjà dans le registre de cette ville."]
    }
    # Another city may have its own.
    assert _create(other_city).city == other_city


def test_it_refuses_the_same_arabic_name_twice_in_a_city(city):
    _create(city)
    with pytest.raises(ValidationError) as error:
        _create(city, name_fr="Autre nom", name_ar="جمعية احمد للتضامن")  # typed without hamza
    assert error.value.message_dict == {
        "name_ar": ["« جمعية أحمد للتضامن » figure déjà dans le registre de cette ville."]
    }


def test_the_database_refuses_duplicate_names_too(city):
    StakeholderFactory(city=city, name_fr="Meme nom", name_ar="اسم")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.create(city=city, name_fr="MEME NOM", category="media", level="local")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.create(city=city, name_fr="Autre", name_ar="اسم", category="media", level="local")


def test_the_model_reports_the_constraint_in_words(city):
    StakeholderFactory(city=city, name_fr="Meme nom")
    with pytest.raises(ValidationError) as error:
        Stakeholder(city=city, name_fr="meme NOM", category="media", level="local").full_clean()
    assert error.value.messages == ["Une partie prenante porte déjà ce nom français dans cette ville."]


def test_it_refuses_a_joined_date_in_the_future(city):
    with pytest.raises(ValidationError) as error:
        _create(city, joined_on=datetime.date.today() + datetime.timedelta(days=2))
    assert error.value.message_dict == {"joined_on": ["La date d'adhésion ne peut pas être dans le futur."]}


def test_it_updates_fields_and_domains_and_search_text(city):
    s = _create(city, domains=[Domain.objects.get(code="health")])
    stakeholder_update(
        stakeholder=s, name_fr="Société Ahmed", acronym_fr="", domains=[Domain.objects.get(code="education")]
    )
    s.refresh_from_db()
    assert s.name_fr == "Société Ahmed"
    assert list(s.domains.values_list("code", flat=True)) == ["education"]
    assert s.search_text == "societe ahmed | جمعيه احمد للتضامن"


def test_update_keeps_domains_when_not_given(city):
    s = _create(city, domains=[Domain.objects.get(code="health")])
    stakeholder_update(stakeholder=s, influence=1)
    assert list(s.domains.values_list("code", flat=True)) == ["health"]


def test_update_refuses_unknown_fields(city):
    s = _create(city)
    with pytest.raises(TypeError):
        stakeholder_update(stakeholder=s, city=None)


def test_it_deactivates_and_reactivates_without_deleting(city):
    s = _create(city)
    assert stakeholder_deactivate(stakeholder=s) is True
    s.refresh_from_db()
    assert s.is_active is False
    assert s.deactivated_at is not None
    assert stakeholder_deactivate(stakeholder=s) is False  # replayed: nothing changes
    assert stakeholder_reactivate(stakeholder=s) is True
    s.refresh_from_db()
    assert (s.is_active, s.deactivated_at) == (True, None)
    assert stakeholder_reactivate(stakeholder=s) is False
    assert Stakeholder.objects.filter(pk=s.pk).exists()


def test_unticking_active_in_an_update_records_when(city):
    s = _create(city)
    stakeholder_update(stakeholder=s, is_active=False)
    s.refresh_from_db()
    assert s.is_active is False and s.deactivated_at is not None


def test_a_new_primary_contact_unsets_the_previous_one(city):
    s = StakeholderFactory(city=city)
    first = contact_create(stakeholder=s, name="Leïla Ben Salah", email="leila@example.org", is_primary=True)
    second = contact_create(stakeholder=s, name="Karim Trabelsi", language="ar", is_primary=True)
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    assert list(Contact.objects.filter(stakeholder=s, is_primary=True)) == [second]


def test_making_a_contact_primary_unsets_the_other(city):
    s = StakeholderFactory(city=city)
    first = ContactFactory(stakeholder=s, is_primary=True)
    second = ContactFactory(stakeholder=s, is_primary=False)
    contact_make_primary(contact=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)


def test_the_database_allows_one_primary_contact_only(city):
    s = StakeholderFactory(city=city)
    ContactFactory(stakeholder=s, is_primary=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(stakeholder=s, name="Deux", is_primary=True)


def test_contacts_validate_email_phone_and_name(city):
    s = StakeholderFactory(city=city)
    with pytest.raises(ValidationError) as error:
        contact_create(stakeholder=s, name="", email="not-an-email", phone="call me", language="en")
    assert set(error.value.message_dict) == {"__all__", "email", "phone", "language"}
    assert error.value.message_dict["__all__"] == ["Saisissez le nom du contact."]
    assert Contact.objects.count() == 0


def test_it_updates_a_contact(city):
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=False)
    contact_update(contact=contact, name="Salma Ferchichi", phone="+216 71 840 460", language="ar")
    contact.refresh_from_db()
    assert (contact.name, contact.phone, contact.language) == ("Salma Ferchichi", "+216 71 840 460", "ar")


def test_erasure_blanks_personal_data_and_keeps_the_row(city):
    contact = ContactFactory(
        stakeholder=StakeholderFactory(city=city),
        name="Olfa Dridi",
        function="Journaliste",
        email="olfa@example.org",
        phone="+216 71 889 000",
        language="ar",
        is_primary=True,
    )
    assert contact_erase(contact=contact) is True
    contact.refresh_from_db()
    assert (contact.name, contact.function, contact.email, contact.phone, contact.is_primary) == ("", "", "", "", False)
    assert contact.language == "ar"
    assert contact.erased_at is not None
    assert str(contact) == "Contact effacé"
    assert contact_erase(contact=contact) is False


def test_an_erased_contact_cannot_be_edited_nor_made_primary(city):
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city))
    contact_erase(contact=contact)
    with pytest.raises(ValidationError):
        contact_update(contact=contact, name="Revenant")
    with pytest.raises(ValidationError):
        contact_make_primary(contact=contact)
