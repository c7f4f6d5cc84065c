"""Bad input on every form: a clear, translated error and no 500; good input saves."""

import datetime
from decimal import Decimal

import pytest

from common.locales import city_today
from planning.forms import parse_month
from planning.models import Action, Indicator, MappingItem, Measurement, RoadmapApproval, RoadmapVersion
from tests.factories import (
    ActionFactory,
    MeasurementFactory,
    PriorityFactory,
    RoadmapVersionFactory,
    StakeholderFactory,
)

D = datetime.date
BASE = "/fr/c/tunis/planning/"


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2024-05", False, D(2024, 5, 1)),
        ("2024-5", False, D(2024, 5, 1)),
        ("05/2024", False, D(2024, 5, 1)),
        ("2024-05-17", False, D(2024, 5, 1)),
        ("2024-T2", False, D(2024, 4, 1)),
        ("2024-T2", True, D(2024, 6, 1)),
        ("2024-Q4", True, D(2024, 12, 1)),
        ("q1 2025", False, D(2025, 1, 1)),
        ("T3-2024", True, D(2024, 9, 1)),
        (" ٢٠٢٤-٠٥ ", False, D(2024, 5, 1)),
        ("2024-ث1", False, D(2024, 1, 1)),
    ],
)
def test_it_reads_months_and_quarters(text, end, expected):
    assert parse_month(text, end=end) == expected


@pytest.mark.parametrize("text", ["", "2024", "2024-13", "2024-00", "2024-T5", "mai 2024", "0000-01", "20240-01"])
def test_it_refuses_what_is_not_a_month(text):
    with pytest.raises(ValueError):
        parse_month(text)


def _action_data(lead_stakeholder, domain, /, **extra):
    data = {
        "title_fr": "Nouvelle action",
        "title_ar": "إجراء جديد",
        "description_fr": "",
        "description_ar": "",
        "domain": domain.pk,
        "priority": "",
        "lead": lead_stakeholder.pk,
        "start_month": "2024-T2",
        "end_month": "2024-T4",
        "status": "planned",
        "budget": "",
        "currency": "",
        "funding_source_fr": "",
        "funding_source_ar": "",
    }
    data.update(extra)
    return data


def test_an_editor_creates_an_action_from_quarters(client, eve, city, health, lead, partner):
    client.force_login(eve)
    response = client.post(
        BASE + "actions/new/",
        _action_data(lead, health, partners=[partner.pk], budget="12 500,50", currency="TND"),
    )
    action = Action.objects.get(title_fr="Nouvelle action")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/c/tunis/planning/actions/{action.pk}/"
    assert (action.start_month, action.end_month) == (D(2024, 4, 1), D(2024, 12, 1))
    assert action.budget == Decimal("12500.50")
    assert list(action.partners.all()) == [partner]
    assert action.city == city


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"title_fr": ""}, "title_fr", "Ce champ est obligatoire."),
        ({"title_fr": "x" * 201}, "title_fr", "200"),
        ({"start_month": "mai"}, "start_month", "Saisissez un mois (2024-05) ou un trimestre (2024-T2)."),
        ({"start_month": "2024-13"}, "start_month", "Saisissez un mois (2024-05) ou un trimestre (2024-T2)."),
        ({"start_month": "2024-06", "end_month": "2024-05"}, "end_month", "La fin ne peut pas précéder le début."),
        ({"status": "someday"}, "status", "Sélectionnez un choix valide"),
        ({"budget": "beaucoup"}, "budget", "Saisissez un nombre."),
        ({"budget": "-5", "currency": "TND"}, "budget", "supérieure ou égale à 0"),
        ({"budget": "1000"}, "currency", "Indiquez la devise du budget."),
        ({"domain": "999999"}, "domain", "Sélectionnez un choix valide"),
    ],
)
def test_bad_action_input_is_explained(client, eve, health, lead, extra, field, message):
    client.force_login(eve)
    response = client.post(BASE + "actions/new/", _action_data(lead, health, **extra))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in str(errors[field])
    assert not Action.objects.filter(title_fr="Nouvelle action").exists()


def test_a_lead_partner_or_priority_of_another_city_is_refused(client, eve, other_city, health, lead):
    client.force_login(eve)
    foreign = StakeholderFactory(city=other_city)
    foreign_priority = PriorityFactory(city=other_city, domain=health, rank=1)
    response = client.post(
        BASE + "actions/new/",
        _action_data(lead, health, lead=foreign.pk, partners=[foreign.pk], priority=foreign_priority.pk),
    )
    errors = response.context["form"].errors
    assert set(errors) == {"lead", "partners", "priority"}
    assert Action.objects.count() == 0


def test_a_replayed_action_creation_is_refused_clearly(client, eve, health, lead):
    client.force_login(eve)
    data = _action_data(lead, health)
    assert client.post(BASE + "actions/new/", data).status_code == 302
    response = client.post(BASE + "actions/new/", data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Une action porte déjà ce titre."]
    assert Action.objects.count() == 1


def test_editing_an_action_keeps_its_city_and_shows_quarters_as_months(client, eve, action, health, lead):
    client.force_login(eve)
    page = client.get(BASE + f"actions/{action.pk}/edit/").content.decode()
    assert 'value="2024-01"' in page and 'value="2024-12"' in page
    response = client.post(
        BASE + f"actions/{action.pk}/edit/", _action_data(lead, health, title_fr="Titre révisé", status="in_progress")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title_fr, action.status, action.start_month) == ("Titre révisé", "in_progress", D(2024, 4, 1))


def _mapping_data(health, **extra):
    data = {"kind": "need", "text_fr": "Besoin de traduction", "text_ar": "", "domain": health.pk, "rank": ""}
    data.update(extra)
    return data


def test_an_editor_maps_a_need_and_a_priority(client, eve, city, health, lead):
    client.force_login(eve)
    assert client.post(BASE + "mapping/new/", _mapping_data(health, stakeholders=[lead.pk])).status_code == 302
    assert (
        client.post(
            BASE + "mapping/new/", _mapping_data(health, kind="priority", text_fr="Priorité", rank="1")
        ).status_code
        == 302
    )
    need = MappingItem.objects.get(kind="need")
    assert list(need.stakeholders.all()) == [lead]
    assert need.rank is None
    assert MappingItem.objects.get(kind="priority").rank == 1


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"text_fr": ""}, "text_fr", "Ce champ est obligatoire."),
        ({"text_fr": "x" * 1001}, "text_fr", "1000"),
        ({"kind": "wish"}, "kind", "Sélectionnez un choix valide"),
        ({"kind": "priority", "rank": ""}, "rank", "Une priorité doit avoir un rang."),
        ({"kind": "priority", "rank": "0"}, "rank", "supérieure ou égale à 1"),
        ({"kind": "priority", "rank": "un"}, "rank", "Saisissez un nombre entier."),
    ],
)
def test_bad_mapping_input_is_explained(client, eve, health, extra, field, message):
    client.force_login(eve)
    response = client.post(BASE + "mapping/new/", _mapping_data(health, **extra))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert MappingItem.objects.count() == 0


def test_a_taken_rank_and_a_foreign_stakeholder_are_refused(client, eve, other_city, priority, health):
    client.force_login(eve)
    response = client.post(BASE + "mapping/new/", _mapping_data(health, kind="priority", rank="1", text_fr="Autre"))
    assert "Une autre priorité a déjà ce rang." in str(response.context["form"].errors)
    response = client.post(
        BASE + "mapping/new/", _mapping_data(health, stakeholders=[StakeholderFactory(city=other_city).pk])
    )
    assert "stakeholders" in response.context["form"].errors
    assert MappingItem.objects.count() == 1


def test_a_replayed_mapping_post_is_refused(client, eve, health):
    client.force_login(eve)
    client.post(BASE + "mapping/new/", _mapping_data(health))
    response = client.post(BASE + "mapping/new/", _mapping_data(health))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Cette entrée existe déjà."]
    assert MappingItem.objects.count() == 1


def _indicator_data(**extra):
    data = {
        "name_fr": "Personnes accueillies",
        "name_ar": "",
        "kind": "output",
        "unit_fr": "personnes",
        "unit_ar": "",
        "baseline_value": "0",
        "baseline_date": "2024-01-01",
        "target_value": "300",
        "target_date": "2025-12-31",
        "means_of_verification_fr": "Registre",
        "means_of_verification_ar": "",
        "frequency": "quarterly",
        "responsible": "",
    }
    data.update(extra)
    return data


def test_an_editor_adds_an_indicator(client, eve, action, lead):
    client.force_login(eve)
    response = client.post(
        BASE + f"actions/{action.pk}/indicators/new/", _indicator_data(responsible=lead.pk, target_value="1 500,5")
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.action, indicator.responsible, indicator.target_value) == (action, lead, Decimal("1500.50"))


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"name_fr": ""}, "name_fr", "Ce champ est obligatoire."),
        ({"name_fr": "x" * 301}, "name_fr", "300"),
        ({"unit_fr": ""}, "unit_fr", "Ce champ est obligatoire."),
        ({"means_of_verification_fr": ""}, "means_of_verification_fr", "Ce champ est obligatoire."),
        ({"baseline_value": "abc"}, "baseline_value", "Saisissez un nombre."),
        ({"baseline_date": "31/02/2024"}, "baseline_date", "Saisissez une date valide."),
        ({"target_date": "2023-12-31"}, "target_date", "La date cible doit suivre la date de référence."),
        ({"target_value": "0"}, "target_value", "La cible doit différer de la valeur de référence"),
        ({"kind": "impact"}, "kind", "Sélectionnez un choix valide"),
        ({"frequency": "daily"}, "frequency", "Sélectionnez un choix valide"),
    ],
)
def test_bad_indicator_input_is_explained(client, eve, action, extra, field, message):
    client.force_login(eve)
    response = client.post(BASE + f"actions/{action.pk}/indicators/new/", _indicator_data(**extra))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert Indicator.objects.count() == 0


def test_a_responsible_of_another_city_and_a_replayed_indicator_are_refused(client, eve, other_city, action):
    client.force_login(eve)
    response = client.post(
        BASE + f"actions/{action.pk}/indicators/new/",
        _indicator_data(responsible=StakeholderFactory(city=other_city).pk),
    )
    assert "responsible" in response.context["form"].errors
    assert client.post(BASE + f"actions/{action.pk}/indicators/new/", _indicator_data()).status_code == 302
    response = client.post(BASE + f"actions/{action.pk}/indicators/new/", _indicator_data())
    assert response.status_code == 200
    assert Indicator.objects.count() == 1


def test_an_editor_records_a_measurement(client, eve, indicator):
    client.force_login(eve)
    data = {"value": "75,5", "measured_on": "2024-09-30", "source": "Rapport", "comment": ""}
    response = client.post(BASE + f"indicators/{indicator.pk}/measurements/", data)
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.measured_on, measurement.recorded_by) == (
        Decimal("75.50"),
        D(2024, 9, 30),
        eve,
    )


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"value": ""}, "value", "Ce champ est obligatoire."),
        ({"value": "beaucoup"}, "value", "Saisissez un nombre."),
        ({"measured_on": "hier"}, "measured_on", "Saisissez une date valide."),
        ({"measured_on": "2023-12-01"}, "measured_on", "Une mesure ne peut pas précéder la date de référence."),
        ({"source": ""}, "source", "Ce champ est obligatoire."),
        ({"source": "s" * 201}, "source", "200"),
    ],
)
def test_bad_measurement_input_is_explained(client, eve, indicator, extra, field, message):
    client.force_login(eve)
    data = {"value": "10", "measured_on": "2024-09-30", "source": "Rapport", "comment": ""}
    data.update(extra)
    response = client.post(BASE + f"indicators/{indicator.pk}/measurements/", data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert Measurement.objects.count() == 0


def test_a_replayed_measurement_is_refused(client, eve, indicator):
    client.force_login(eve)
    MeasurementFactory(indicator=indicator, measured_on=D(2024, 9, 30))
    data = {"value": "10", "measured_on": "2024-09-30", "source": "Rapport", "comment": ""}
    response = client.post(BASE + f"indicators/{indicator.pk}/measurements/", data)
    assert response.status_code == 400
    assert Measurement.objects.count() == 1


def test_roadmap_texts_are_saved_and_too_long_text_refused(client, eve, draft):
    client.force_login(eve)
    data = {"introduction_fr": "Intro", "introduction_ar": "مقدمة", "conclusions_fr": "", "conclusions_ar": ""}
    assert client.post(BASE + "roadmap/1/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert (draft.introduction_fr, draft.introduction_ar) == ("Intro", "مقدمة")
    response = client.post(BASE + "roadmap/1/edit/", {**data, "introduction_fr": "x" * 20001})
    assert response.status_code == 200
    assert "20000" in str(response.context["form"].errors["introduction_fr"])


def test_a_frozen_roadmap_cannot_be_edited(client, eve, city):
    RoadmapVersionFactory(city=city, number=1, status="frozen", snapshot={}, sha256="a" * 64)
    client.force_login(eve)
    data = {"introduction_fr": "Changé", "introduction_ar": "", "conclusions_fr": "", "conclusions_ar": ""}
    response = client.post(BASE + "roadmap/1/edit/", data)
    assert response.status_code == 302
    assert RoadmapVersion.objects.get().introduction_fr != "Changé"


def test_a_replayed_new_draft_is_refused_with_a_message(client, eve, draft):
    client.force_login(eve)
    response = client.post(BASE + "roadmap/new/", follow=True)
    assert "Il existe déjà une version brouillon." in response.content.decode()
    assert RoadmapVersion.objects.count() == 1


def test_freezing_and_approving_through_the_pages(client, alice, draft):
    today = city_today(draft.city).isoformat()  # the meeting is held on the day it is frozen, at the earliest
    client.force_login(alice)
    response = client.post(BASE + "roadmap/1/freeze/", {"understood": "1"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == "frozen"
    assert draft.sha256 in response.content.decode()
    # Replayed: already frozen, nothing changes.
    sha = draft.sha256
    client.post(BASE + "roadmap/1/freeze/", {"understood": "1"})
    draft.refresh_from_db()
    assert draft.sha256 == sha

    for bad, field in [
        ({"decided_on": ""}, "decided_on"),
        ({"decided_on": "2999-01-01"}, "decided_on"),
        ({"decision_fr": ""}, "decision_fr"),
    ]:
        data = {"decided_on": today, "decision_fr": "Approuvée.", "decision_ar": "", **bad}
        response = client.post(BASE + "roadmap/1/approve/", data)
        assert response.status_code == 400
        assert field in response.context["approval_form"].errors
    assert RoadmapApproval.objects.count() == 0

    data = {
        "decided_on": today,
        "decision_fr": "Approuvée à l'unanimité.",
        "decision_ar": "تمت المصادقة بالإجماع.",
    }
    assert client.post(BASE + "roadmap/1/approve/", data).status_code == 302
    response = client.post(BASE + "roadmap/1/approve/", data, follow=True)
    assert RoadmapApproval.objects.count() == 1
    draft.refresh_from_db()
    assert draft.status == "approved"
    assert "Approuvée à l&#x27;unanimité." in response.content.decode()


def test_a_deleted_entry_posted_again_gets_a_message(client, alice, priority, action):
    client.force_login(alice)
    assert client.post(BASE + f"mapping/{priority.pk}/delete/").status_code == 302
    response = client.post(BASE + f"mapping/{priority.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert MappingItem.objects.count() == 0
    action.refresh_from_db()
    assert action.priority is None
    assert client.post(BASE + f"actions/{action.pk}/delete/").status_code == 302
    assert client.post(BASE + f"actions/{action.pk}/delete/", follow=True).status_code == 200
    assert Action.objects.count() == 0


def test_the_list_filters_by_domain_and_status_and_ignores_bad_filters(client, bob, city, health, housing):
    ActionFactory(city=city, domain=health, title_fr="Santé en cours", status="in_progress")
    ActionFactory(city=city, domain=housing, title_fr="Logement prévu", status="planned")
    client.force_login(bob)
    page = client.get(BASE + f"actions/?domain={housing.pk}").content.decode()
    assert "Logement prévu" in page and "Santé en cours" not in page
    page = client.get(BASE + "actions/?status=in_progress").content.decode()
    assert "Santé en cours" in page and "Logement prévu" not in page
    response = client.get(BASE + "actions/?status=nonsense&domain=abc&page=zz")
    assert response.status_code == 200
    assert "Santé en cours" in response.content.decode() and "Logement prévu" in response.content.decode()


def test_the_list_paginates(client, bob, city, health):
    for n in range(30):
        ActionFactory(city=city, domain=health, title_fr=f"Action numéro {n:02d}")
    client.force_login(bob)
    page = client.get(BASE + "actions/?status=planned&page=2").content.decode()
    assert "Page 2 sur 2" in page
    assert "status=planned&amp;page=1" in page
