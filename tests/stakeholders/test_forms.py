from stakeholders.forms import ContactForm, StakeholderForm
from stakeholders.models import Contact, Domain, Stakeholder
from tests.factories import ContactFactory, StakeholderFactory

REQUIRED = "Ce champ est obligatoire."


def _data(**overrides):
    data = {
        "name_fr": "Association Ahmed pour la solidarité",
        "name_ar": "جمعية أحمد للتضامن",
        "acronym_fr": "AAS",
        "acronym_ar": "",
        "category": "civil_society",
        "level": "local",
        "domains": [Domain.objects.get(code="health").pk],
        "influence": "3",
        "interest": "4",
        "is_active": "on",
        "joined_on": "2023-11-07",
        "notes": "",
    }
    data.update(overrides)
    return data


def _form(city, data, instance=None):
    return StakeholderForm(data, instance=instance or Stakeholder(city=city), city=city)


def test_a_complete_form_is_valid(city):
    form = _form(city, _data())
    assert form.is_valid(), form.errors
    assert (form.service_kwargs()["influence"], form.service_kwargs()["interest"]) == (3, 4)
    assert [d.code for d in form.service_kwargs()["domains"]] == ["health"]


def test_an_empty_form_names_every_required_field(city):
    form = _form(city, {})
    assert not form.is_valid()
    assert form.errors == {
        "name_fr": [REQUIRED],
        "name_ar": [REQUIRED],
        "category": [REQUIRED],
        "level": [REQUIRED],
        "influence": [REQUIRED],
        "interest": [REQUIRED],
    }


def test_too_long_values_are_refused(city):
    form = _form(city, _data(name_fr="x" * 201, acronym_ar="ب" * 31, notes="n" * 5001))
    assert form.errors == {
        "name_fr": ["Assurez-vous que cette valeur comporte au plus 200 caractères (actuellement 201)."],
        "acronym_ar": ["Assurez-vous que cette valeur comporte au plus 30 caractères (actuellement 31)."],
        "notes": ["Assurez-vous que cette valeur comporte au plus 5000 caractères (actuellement 5001)."],
    }


def test_malformed_values_are_refused(city):
    form = _form(city, _data(influence="9", category="bakery", joined_on="2023-13-45", domains=["999999"]))
    assert set(form.errors) == {"influence", "category", "joined_on", "domains"}
    assert form.errors["joined_on"] == ["Saisissez une date valide."]
    assert form.errors["influence"] == ["Sélectionnez un choix valide. 9 n’en fait pas partie."]


def test_a_future_joined_date_is_refused(city):
    form = _form(city, _data(joined_on="2099-01-01"))
    assert form.errors == {"joined_on": ["La date d'adhésion ne peut pas être dans le futur."]}


def test_the_same_name_in_the_same_city_is_an_error(city, other_city):
    StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarite", name_ar="جمعية احمد للتضامن")
    form = _form(city, _data())
    assert form.errors == {
        "name_fr": ["« Association Ahmed pour la solidarite » figure déjà dans le registre de cette ville."],
        "name_ar": ["« جمعية احمد للتضامن » figure déjà dans le registre de cette ville."],
    }
    assert form.similar == []
    # Another city's registry is another matter.
    assert _form(other_city, _data()).is_valid()


def test_editing_keeps_its_own_name(city):
    s = StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité", name_ar="جمعية أحمد للتضامن")
    assert _form(city, _data(), instance=s).is_valid()


def test_a_similar_name_asks_for_confirmation(city):
    similar = StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité de Tunis", acronym_fr="")
    form = _form(city, _data())
    assert not form.is_valid()
    assert form.similar == [similar]
    assert form.errors == {
        "create_anyway": [
            "Vérifiez les parties prenantes similaires, puis cochez « Créer quand même » s'il s'agit d'une autre organisation."
        ]
    }
    assert _form(city, _data(create_anyway=str(similar.pk))).is_valid()


def test_an_equal_acronym_asks_for_confirmation(city):
    similar = StakeholderFactory(city=city, name_fr="Autre chose", name_ar="شيء آخر", acronym_fr="A.A.S.")
    form = _form(city, _data())
    assert not form.is_valid()
    assert form.similar == [similar]


def test_a_confirmation_covers_only_the_matches_seen(city):
    first = StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité 1", acronym_fr="")
    second = StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité 2", acronym_fr="")
    form = _form(city, _data(create_anyway=str(first.pk)))
    assert not form.is_valid()
    assert {s.pk for s in form.similar} == {first.pk, second.pk}
    assert _form(city, _data(create_anyway=f"{first.pk},{second.pk}")).is_valid()


def test_similar_names_do_not_block_an_edit(city):
    StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité de Tunis")
    s = StakeholderFactory(city=city, name_fr="Autre")
    assert _form(city, _data(), instance=s).is_valid()


def _contact_form(stakeholder, data, instance=None):
    return ContactForm(data, instance=instance or Contact(stakeholder=stakeholder), stakeholder=stakeholder)


def _contact(**overrides):
    data = {
        "name": "  Leïla   Ben Salah ",
        "function": "Directrice",
        "email": "leila@example.org",
        "phone": " +216  71 560 101 ",
        "language": "ar",
        "is_primary": "on",
    }
    data.update(overrides)
    return data


def test_a_contact_form_normalises_spaces(city):
    form = _contact_form(StakeholderFactory(city=city), _contact())
    assert form.is_valid(), form.errors
    assert form.service_kwargs() == {
        "name": "Leïla Ben Salah",
        "function": "Directrice",
        "email": "leila@example.org",
        "phone": "+216 71 560 101",
        "language": "ar",
        "is_primary": True,
    }


def test_an_empty_contact_form(city):
    form = _contact_form(StakeholderFactory(city=city), {})
    assert form.errors == {"name": [REQUIRED], "language": [REQUIRED]}


def test_malformed_email_and_phone(city):
    form = _contact_form(StakeholderFactory(city=city), _contact(email="leila@", phone="appelez-moi", language="en"))
    assert form.errors == {
        "email": ["Saisissez une adresse de courriel valide."],
        "phone": [
            "Saisissez un numéro de téléphone valide : chiffres, espaces, points, tirets, un + initial facultatif."
        ],
        "language": ["Sélectionnez un choix valide. en n’en fait pas partie."],
    }


def test_too_long_contact_values(city):
    form = _contact_form(StakeholderFactory(city=city), _contact(name="n" * 151, phone="1" * 31))
    assert set(form.errors) == {"name", "phone"}
    assert form.errors["name"] == ["Assurez-vous que cette valeur comporte au plus 150 caractères (actuellement 151)."]


def test_the_same_email_or_name_twice_for_a_stakeholder(city):
    s = StakeholderFactory(city=city)
    existing = ContactFactory(stakeholder=s, name="Leila Ben Salah", email="LEILA@example.org")
    form = _contact_form(s, _contact())
    assert form.errors == {
        "email": ["Un autre contact de cette partie prenante a déjà cette adresse."],
        "name": ["Cette partie prenante a déjà un contact de ce nom."],
    }
    # Editing the contact itself is fine.
    assert _contact_form(s, _contact(), instance=existing).is_valid()
