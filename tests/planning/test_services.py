import datetime
import hashlib
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from planning.models import RoadmapStatus, RoadmapVersion
from planning.services.actions import action_create, action_update
from planning.services.mapping import mapping_item_create
from planning.services.roadmap import (
    roadmap_version_approve,
    roadmap_version_create,
    roadmap_version_freeze,
    roadmap_version_update,
)
from tests.factories import RoadmapVersionFactory, StakeholderFactory

D = datetime.date


def test_the_lead_is_never_its_own_partner(city, health, lead, partner):
    action = action_create(
        city=city,
        title_fr="Action",
        domain=health,
        lead=lead,
        partners=[lead, partner],
        start_month=D(2024, 1, 1),
        end_month=D(2024, 3, 1),
    )
    assert list(action.partners.all()) == [partner]


def test_a_stakeholder_of_another_city_cannot_be_a_partner(city, other_city, action):
    with pytest.raises(ValidationError):
        action_update(action=action, partners=[StakeholderFactory(city=other_city)])


def test_a_stakeholder_of_another_city_cannot_be_linked_to_a_need(city, other_city, health):
    with pytest.raises(ValidationError):
        mapping_item_create(
            city=city, kind="need", text_fr="Besoin", domain=health, stakeholders=[StakeholderFactory(city=other_city)]
        )


def test_a_currency_without_budget_is_dropped(city, health, lead):
    action = action_create(
        city=city,
        title_fr="Action",
        domain=health,
        lead=lead,
        start_month=D(2024, 1, 1),
        end_month=D(2024, 1, 1),
        currency="EUR",
    )
    assert action.currency == ""


def test_versions_are_numbered_and_start_from_the_previous_texts(city, alice):
    first = roadmap_version_create(city=city)
    roadmap_version_update(
        version=first, introduction_fr="Intro", introduction_ar="مقدمة", conclusions_fr="Fin", conclusions_ar="خاتمة"
    )
    with pytest.raises(ValidationError) as exc:
        roadmap_version_create(city=city)
    assert exc.value.messages == ["Il existe déjà une version brouillon."]
    roadmap_version_freeze(version=first, user=alice, today=D(2024, 7, 1))
    second = roadmap_version_create(city=city)
    assert (second.number, second.status, second.introduction_ar, second.conclusions_fr) == (2, "draft", "مقدمة", "Fin")


def test_freezing_stores_the_snapshot_and_the_hash_of_the_canonical_form(city, alice, action, indicator, measurement):
    draft = RoadmapVersionFactory(city=city, number=1, introduction_fr="  Intro\r\nsuite  ")
    frozen = roadmap_version_freeze(version=draft, user=alice, today=D(2024, 7, 1))

    assert frozen.status == RoadmapStatus.FROZEN
    assert frozen.frozen_by == alice
    snapshot = frozen.snapshot
    assert snapshot["as_of"] == "2024-07-01"
    domain = snapshot["domains"][0]
    assert domain["code"] == "health"
    planned = domain["actions"][0]
    assert planned["title_fr"] == "Permanence santé"
    assert planned["start"] == "2024-01" and planned["end"] == "2024-12"
    assert planned["lead"]["name_ar"] == "إدارة الصحة البلدية"
    assert planned["partners"] == [
        {
            "name_fr": "Organisation partenaire",
            "name_ar": "منظمة شريكة",
            "acronym_fr": planned["partners"][0]["acronym_fr"],
            "acronym_ar": "",
        }
    ]
    line = planned["indicators"][0]
    assert (line["baseline"], line["target"], line["latest"], line["progress"]) == ("0.00", "200.00", "50.00", "0.2500")
    # The hash covers the canonical JSON: sorted keys, no spaces, NFC text with Unix line ends, stripped.
    payload = {
        "format": 1,
        "number": 1,
        "introduction_fr": "Intro\nsuite",
        "introduction_ar": frozen.introduction_ar,
        "conclusions_fr": frozen.conclusions_fr,
        "conclusions_ar": frozen.conclusions_ar,
        "snapshot": snapshot,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert frozen.sha256 == hashlib.sha256(canonical).hexdigest()


def test_the_hash_is_stable_after_reloading_and_after_the_plan_changes(city, alice, action, indicator, measurement):
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice, today=D(2024, 7, 1))
    stored = frozen.sha256

    action_update(action=action, title_fr="Titre changé après le gel")
    reloaded = RoadmapVersion.objects.get(pk=frozen.pk)

    assert reloaded.compute_sha256() == stored
    assert reloaded.hash_is_intact is True
    assert reloaded.snapshot["domains"][0]["actions"][0]["title_fr"] == "Permanence santé"


def test_the_hash_changes_if_the_stored_content_is_tampered_with(city, alice):
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    RoadmapVersion.objects.filter(pk=frozen.pk).update(introduction_fr="Autre texte")
    assert RoadmapVersion.objects.get(pk=frozen.pk).hash_is_intact is False


def test_two_versions_with_the_same_content_have_the_same_hash(city, alice):
    one = RoadmapVersionFactory(city=city, number=1)
    snapshot = {"format": 1, "domains": []}
    same = RoadmapVersion(
        city=city,
        number=1,
        introduction_fr=one.introduction_fr + "\n",
        introduction_ar=one.introduction_ar,
        conclusions_fr=one.conclusions_fr,
        conclusions_ar=one.conclusions_ar,
    )
    assert one.compute_sha256(snapshot) == same.compute_sha256(snapshot)


def test_a_frozen_version_can_no_longer_change_or_freeze_again(city, alice):
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    with pytest.raises(ValidationError) as exc:
        roadmap_version_update(
            version=frozen, introduction_fr="x", introduction_ar="", conclusions_fr="", conclusions_ar=""
        )
    assert exc.value.messages == ["Cette version est gelée : elle ne peut plus changer."]
    with pytest.raises(ValidationError) as exc:
        roadmap_version_freeze(version=frozen, user=alice)
    assert exc.value.messages == ["Cette version est déjà gelée."]


def test_freezing_needs_a_french_introduction(city, alice):
    with pytest.raises(ValidationError) as exc:
        roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1, introduction_fr=" "), user=alice)
    assert exc.value.messages == ["Rédigez l'introduction en français avant de geler."]


def test_approval_is_recorded_once_and_supersedes_the_previous_approved_version(city, alice):
    v1 = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice, today=D(2024, 9, 1))
    approval = roadmap_version_approve(
        version=v1, decided_on=D(2024, 9, 20), decision_fr="Approuvée à l'unanimité.", user=alice
    )
    assert (approval.decided_on, approval.recorded_by, approval.decision_fr) == (
        D(2024, 9, 20),
        alice,
        "Approuvée à l'unanimité.",
    )
    assert RoadmapVersion.objects.get(pk=v1.pk).status == RoadmapStatus.APPROVED
    with pytest.raises(ValidationError) as exc:
        roadmap_version_approve(version=v1, decided_on=D(2024, 9, 20), decision_fr="Encore", user=alice)
    assert exc.value.messages == ["Cette version a déjà fait l'objet d'une décision."]

    v2 = roadmap_version_freeze(version=roadmap_version_create(city=city), user=alice, today=D(2025, 2, 1))
    roadmap_version_approve(version=v2, decided_on=D(2025, 3, 1), decision_fr="Révision approuvée.", user=alice)
    statuses = dict(RoadmapVersion.objects.filter(city=city).values_list("number", "status"))
    assert statuses == {1: RoadmapStatus.SUPERSEDED, 2: RoadmapStatus.APPROVED}


def test_a_draft_cannot_be_approved(city, alice):
    draft = RoadmapVersionFactory(city=city, number=1)
    with pytest.raises(ValidationError) as exc:
        roadmap_version_approve(version=draft, decided_on=D(2024, 9, 20), decision_fr="Non", user=alice)
    assert exc.value.messages == ["Gelez la version avant son approbation."]


def test_a_meeting_before_the_version_was_frozen_is_refused(city, alice):
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice, today=D(2024, 9, 1))
    with pytest.raises(ValidationError) as exc:
        roadmap_version_approve(version=frozen, decided_on=D(2024, 8, 30), decision_fr="Trop tôt", user=alice)
    assert exc.value.message_dict["decided_on"] == [
        "La réunion ne peut pas avoir approuvé cette version avant son gel (1 septembre 2024)."
    ]
    assert roadmap_version_approve(version=frozen, decided_on=D(2024, 9, 1), decision_fr="Le jour même", user=alice)


def test_a_meeting_date_in_the_future_is_refused(city, alice):
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    with pytest.raises(ValidationError) as exc:
        roadmap_version_approve(version=frozen, decided_on=D(2099, 1, 1), decision_fr="Plus tard", user=alice)
    assert exc.value.message_dict["decided_on"] == ["La date de la réunion ne peut pas être dans le futur."]


def test_snapshot_budget_keeps_exact_decimals(city, alice, action):
    action_update(action=action, budget=Decimal("12345.50"), currency="TND")
    frozen = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    assert frozen.snapshot["domains"][0]["actions"][0]["budget"] == "12345.50"
