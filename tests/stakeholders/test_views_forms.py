import re

import pytest
from django.contrib.messages import get_messages

from stakeholders.models import Contact, Domain, Stakeholder
from tests.factories import ContactFactory, StakeholderFactory

NEW = "/fr/c/tunis/stakeholders/new/"


def _post_data(**overrides):
    data = {
        "name_fr": "Association Ahmed pour la solidarité",
        "name_ar": "جمعية أحمد للتضامن",
        "acronym_fr": "AAS",
        "acronym_ar": "",
        "category": "civil_society",
        "level": "local",
        "domains": [Domain.objects.get(code="health").pk, Domain.objects.get(code="housing").pk],
        "influence": "4",
        "interest": "5",
        "is_active": "on",
        "joined_on": "2023-11-07",
        "notes": "Rencontrée au tour de table.",
    }
    data.update(overrides)
    return data


def _messages(response):
    """The messages this response added (earlier unread ones stay queued in the session)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


def test_the_create_form_shows_both_names_and_domains_as_checkboxes(client, eve, city):
    client.force_login(eve)
    html = client.get(NEW).content.decode()
    assert 'name="name_fr"' in html and 'name="name_ar"' in html
    assert 'name="acronym_fr"' in html and 'name="acronym_ar"' in html
    assert len(re.findall(r'<input type="checkbox"[^>]*name="domains"', html)) == Domain.objects.count() == 12
    assert 'dir="rtl" lang="ar"' in html


def test_an_editor_creates_a_stakeholder(client, eve, city):
    client.force_login(eve)
    response = client.post(NEW, _post_data())
    s = Stakeholder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/c/tunis/stakeholders/{s.pk}/"
    assert _messages(response) == ["« Association Ahmed pour la solidarité » a été ajoutée au registre."]
    assert (s.city, s.name_ar, s.influence, s.interest, s.notes) == (
        city,
        "جمعية أحمد للتضامن",
        4,
        5,
        "Rencontrée au tour de table.",
    )
    assert sorted(s.domains.values_list("code", flat=True)) == ["health", "housing"]


def test_a_replayed_create_is_refused_clearly(client, eve, city):
    client.force_login(eve)
    client.post(NEW, _post_data())
    response = client.post(NEW, _post_data())
    assert response.status_code == 200
    assert "figure déjà dans le registre de cette ville" in response.content.decode()
    assert Stakeholder.objects.count() == 1
    # The error links to the record it clashes with (issue 12).
    existing = Stakeholder.objects.get()
    assert f'href="/fr/c/tunis/stakeholders/{existing.pk}/"' in response.content.decode()
    assert "ouvrez sa page" in response.content.decode()


def test_bad_input_is_shown_on_the_form_in_arabic(client, eve, city):
    client.force_login(eve)
    response = client.post("/ar/c/tunis/stakeholders/new/", _post_data(name_fr="", influence="8"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "يرجى تصحيح الأخطاء أدناه." in html
    assert "هذا الحقل مطلوب." in html
    assert Stakeholder.objects.count() == 0


def test_a_similar_stakeholder_needs_create_anyway(client, eve, city):
    other = StakeholderFactory(city=city, name_fr="Association Ahmed pour la solidarité de Tunis", acronym_fr="")
    client.force_login(eve)
    response = client.post(NEW, _post_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="similar-stakeholders"' in html
    assert f'href="/fr/c/tunis/stakeholders/{other.pk}/"' in html
    assert f'name="create_anyway" value="{other.pk}"' in html
    assert Stakeholder.objects.count() == 1

    response = client.post(NEW, _post_data(create_anyway=str(other.pk)))
    assert response.status_code == 302
    assert Stakeholder.objects.count() == 2


def test_an_editor_edits_a_stakeholder(client, eve, city):
    s = StakeholderFactory(city=city, name_fr="Ancien nom", name_ar="اسم قديم")
    client.force_login(eve)
    url = f"/fr/c/tunis/stakeholders/{s.pk}/edit/"
    assert 'value="Ancien nom"' in client.get(url).content.decode()
    response = client.post(url, _post_data(name_fr="Nouveau nom", name_ar="اسم جديد", is_active=""))
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.name_fr, s.name_ar, s.is_active) == ("Nouveau nom", "اسم جديد", False)
    assert s.deactivated_at is not None
    assert _messages(response) == ["« Nouveau nom » a été enregistrée."]


def test_deactivate_and_reactivate_with_messages(client, eve, city):
    s = StakeholderFactory(city=city, name_fr="OIM")
    client.force_login(eve)
    base = f"/fr/c/tunis/stakeholders/{s.pk}/"
    response = client.post(base + "deactivate/")
    assert _messages(response) == ["« OIM » n'est plus membre actif du groupe. Son historique est conservé."]
    response = client.post(base + "deactivate/")
    assert _messages(response) == ["« OIM » était déjà inactive."]
    s.refresh_from_db()
    assert s.is_active is False
    response = client.post(base + "reactivate/")
    assert _messages(response) == ["« OIM » est de nouveau membre actif du groupe."]
    s.refresh_from_db()
    assert s.is_active is True


def test_contacts_are_added_edited_made_primary_and_erased(client, eve, city):
    s = StakeholderFactory(city=city)
    client.force_login(eve)
    base = f"/fr/c/tunis/stakeholders/{s.pk}/contacts/"
    # The first contact is primary by default.
    assert 'name="is_primary" class="checkboxinput form-check-input" id="id_is_primary" checked' in (
        client.get(base + "new/").content.decode()
    )
    data = {
        "name": "Leïla Ben Salah",
        "function": "Directrice",
        "email": "leila@example.org",
        "phone": "+216 71 560 101",
        "language": "ar",
        "is_primary": "on",
    }
    response = client.post(base + "new/", data)
    assert _messages(response) == ["Le contact « Leïla Ben Salah » a été ajouté."]
    leila = Contact.objects.get()
    assert (leila.is_primary, leila.language) == (True, "ar")

    response = client.post(base + "new/", data)  # replayed
    assert response.status_code == 200
    assert "Un autre contact de cette partie prenante a déjà cette adresse." in response.content.decode()

    response = client.post(base + "new/", {"name": "Karim Trabelsi", "email": "karim@example.org", "language": "fr"})
    karim = Contact.objects.get(name="Karim Trabelsi")
    assert karim.is_primary is False

    response = client.post(
        f"{base}{karim.pk}/edit/",
        {"name": "Karim Trabelsi", "function": "Chef de bureau", "email": "karim@example.org", "language": "fr"},
    )
    karim.refresh_from_db()
    assert karim.function == "Chef de bureau"

    response = client.post(f"{base}{karim.pk}/primary/")
    assert _messages(response) == ["« Karim Trabelsi » est désormais le contact principal."]
    leila.refresh_from_db()
    karim.refresh_from_db()
    assert (leila.is_primary, karim.is_primary) == (False, True)

    response = client.post(f"{base}{karim.pk}/erase/")
    assert _messages(response) == ["Les données personnelles du contact ont été effacées."]
    karim.refresh_from_db()
    assert (karim.name, karim.email, karim.is_primary, karim.erased_at is not None) == ("", "", False, True)
    response = client.post(f"{base}{karim.pk}/erase/")
    assert _messages(response) == ["Les données personnelles de ce contact étaient déjà effacées."]
    response = client.get(f"{base}{karim.pk}/edit/")
    assert response.status_code == 302
    assert _messages(response) == [
        "Les données personnelles de ce contact ont été effacées : il ne peut plus être modifié."
    ]
    response = client.post(f"{base}{karim.pk}/primary/")
    assert _messages(response) == [
        "Les données personnelles de ce contact ont été effacées : il ne peut plus être modifié."
    ]
    karim.refresh_from_db()
    assert karim.is_primary is False


def test_a_contact_of_another_stakeholder_is_not_found(client, eve, city):
    mine, theirs = StakeholderFactory(city=city), StakeholderFactory(city=city)
    contact = ContactFactory(stakeholder=theirs)
    client.force_login(eve)
    base = f"/fr/c/tunis/stakeholders/{mine.pk}/contacts/{contact.pk}/"
    assert client.get(base + "edit/").status_code == 404
    assert client.post(base + "erase/").status_code == 404
    contact.refresh_from_db()
    assert contact.erased_at is None


@pytest.mark.parametrize("url", ["new/", "{pk}/edit/", "{pk}/contacts/new/"])
def test_forms_render_in_arabic(client, eve, city, url):
    s = StakeholderFactory(city=city)
    client.force_login(eve)
    response = client.get("/ar/c/tunis/stakeholders/" + url.format(pk=s.pk))
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
