import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inventory import services
from inventory.models import Assessment, Criterion, Programme, ProgrammeTargetGroup, Rating
from tests.factories import CriterionFactory, MappingItemFactory, PriorityFactory, StakeholderFactory

D = datetime.date


@pytest.fixture
def fields(city, health, lead, partner, need):
    return {
        "city": city,
        "title_fr": "Permanence juridique",
        "title_ar": "حصص إرشاد قانوني",
        "lead": lead,
        "partners": [partner, lead],
        "domains": [health],
        "target_groups": ["workers", "students", "workers"],
        "start_month": D(2020, 3, 1),
        "source": "Présentation à la consultation 1",
        "mapping_items": [need],
    }


def _groups(programme):
    return sorted(ProgrammeTargetGroup.objects.filter(programme=programme).values_list("group", flat=True))


def test_programme_create_records_who_what_where_when_for_whom(fields, partner, health, need):
    programme = services.programme_create(
        **fields, amount=Decimal("90000"), currency="EUR", funding_source_fr="Fondation", end_month=None
    )
    assert list(programme.partners.all()) == [partner]  # the lead is not its own partner
    assert list(programme.domains.all()) == [health]
    assert _groups(programme) == ["students", "workers"]
    assert list(programme.mapping_items.all()) == [need]
    assert (programme.status, programme.coverage, programme.end_month) == ("running", "city", None)
    assert (programme.amount, programme.currency) == (Decimal("90000"), "EUR")


def test_districts_only_when_the_area_is_some_districts(fields):
    programme = services.programme_create(**fields, districts_fr="Médina")
    assert programme.districts_fr == ""
    services.programme_update(programme=programme, coverage="districts", districts_fr="Médina", districts_ar="المدينة")
    assert (programme.districts_fr, programme.districts_ar) == ("Médina", "المدينة")
    services.programme_update(programme=programme, coverage="city")
    assert programme.districts_fr == programme.districts_ar == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"domains": []}, "domains"),
        ({"target_groups": []}, "target_groups"),
        ({"target_groups": ["pets"]}, "target_groups"),
    ],
)
def test_a_programme_needs_a_domain_and_known_target_groups(fields, change, field):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(**(fields | change))
    assert field in exc.value.message_dict
    assert not Programme.objects.exists()


def test_partners_and_mapping_entries_come_from_the_same_city(fields, other_city, city, health):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(**(fields | {"partners": [StakeholderFactory(city=other_city)]}))
    assert exc.value.message_dict == {"partners": ["Une partie prenante d'une autre ville ne peut pas être liée ici."]}
    foreign_need = MappingItemFactory(city=other_city, domain=health)
    with pytest.raises(ValidationError):
        services.programme_create(**(fields | {"mapping_items": [foreign_need]}))
    # Priorities belong to the plan: a programme relates to needs and opportunities only.
    with pytest.raises(ValidationError) as exc:
        services.programme_create(**(fields | {"mapping_items": [PriorityFactory(city=city, domain=health)]}))
    assert "mapping_items" in exc.value.message_dict
    assert not Programme.objects.exists()


def test_programme_update_replaces_the_lists_it_is_given_and_keeps_the_others(programme, housing, partner):
    services.programme_update(programme=programme, domains=[housing], target_groups=["refugees", "returnees"])
    assert list(programme.domains.all()) == [housing]
    assert _groups(programme) == ["refugees", "returnees"]
    assert list(programme.partners.all()) == [partner]
    assert programme.mapping_items.count() == 1
    services.programme_update(programme=programme, status="ended", end_month=D(2024, 6, 1), amount=None, currency="EUR")
    programme.refresh_from_db()
    assert (programme.status, programme.currency) == ("ended", "")


def test_an_invalid_update_changes_nothing(programme):
    with pytest.raises(ValidationError):
        services.programme_update(programme=programme, status="ended", end_month=None, target_groups=["refugees"])
    programme.refresh_from_db()
    assert programme.status == "running"
    assert _groups(programme) == ["in_transit", "returnees"]


def test_programme_delete_takes_its_assessment_and_ratings(assessment):
    services.programme_delete(programme=assessment.programme)
    assert (Programme.objects.count(), Assessment.objects.count(), Rating.objects.count()) == (0, 0, 0)
    assert Criterion.objects.count() == 1


# --- Criteria -------------------------------------------------------------------------------------------------


def test_criteria_go_last_unless_placed(city):
    first = services.criterion_create(city=city, name_fr="Portée", name_ar="الوصول")
    second = services.criterion_create(city=city, name_fr="Coordination")
    placed = services.criterion_create(city=city, name_fr="Durabilité", position=10)
    assert (first.position, second.position, placed.position) == (1, 2, 10)
    services.criterion_update(criterion=second, name_fr="Coordination des acteurs", position=None)
    assert (second.name_fr, second.position) == ("Coordination des acteurs", 2)
    with pytest.raises(ValidationError):
        services.criterion_create(city=city, name_fr="Portée")


def test_a_rated_criterion_is_not_deleted(assessment, criterion, city):
    with pytest.raises(ValidationError) as exc:
        services.criterion_delete(criterion=criterion)
    assert exc.value.messages == ["Ce critère note 1 programme : effacez sa note avant de supprimer le critère."]
    unused = CriterionFactory(city=city)
    services.criterion_delete(criterion=unused)
    assert list(Criterion.objects.all()) == [criterion]


# --- Assessment -----------------------------------------------------------------------------------------------


def test_assessment_record_creates_then_rewrites_the_one_assessment(programme, consultation1, criterion, city):
    coordination = CriterionFactory(city=city, name_fr="Coordination")
    first = services.assessment_record(
        programme=programme,
        assessed_on=D(2023, 11, 7),
        consultation=consultation1,
        positives_fr="Procédure claire.",
        positives_ar="إجراءات واضحة.",
        negatives_fr="Peu de liens avec la ville.",
        ratings={criterion: 4, coordination: 2},
    )
    assert dict(first.ratings.values_list("criterion__name_fr", "score")) == {"Portée": 4, "Coordination": 2}
    again = services.assessment_record(
        programme=programme,
        assessed_on=D(2024, 2, 13),
        gaps_fr="Pas de suivi après le départ.",
        ratings={criterion: 5, coordination: None},
    )
    assert again.pk == first.pk and Assessment.objects.count() == 1
    again.refresh_from_db()
    assert (again.assessed_on, again.consultation, again.positives_fr, again.gaps_fr) == (
        D(2024, 2, 13),
        None,
        "",
        "Pas de suivi après le départ.",
    )
    assert dict(again.ratings.values_list("criterion__name_fr", "score")) == {"Portée": 5}


def test_assessment_record_keeps_scores_it_is_not_given(assessment, criterion):
    services.assessment_record(
        programme=assessment.programme, assessed_on=D(2023, 11, 7), positives_fr="Toujours utile.", ratings={}
    )
    assert assessment.ratings.get().score == 4


def test_an_assessment_before_consultation_1_or_on_a_foreign_criterion_is_refused(programme, consultation1, other_city):
    with pytest.raises(ValidationError) as exc:
        services.assessment_record(programme=programme, assessed_on=D(2023, 10, 1), positives_fr="Tôt.")
    assert "assessed_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.assessment_record(
            programme=programme,
            assessed_on=D(2023, 11, 7),
            positives_fr="Bien.",
            ratings={CriterionFactory(city=other_city): 3},
        )
    assert not Assessment.objects.exists()


def test_a_score_outside_1_to_5_is_refused(programme, consultation1, criterion):
    with pytest.raises(ValidationError):
        services.assessment_record(
            programme=programme, assessed_on=D(2023, 11, 7), positives_fr="Bien.", ratings={criterion: 7}
        )
    assert not Assessment.objects.exists()


def test_assessment_delete(assessment):
    services.assessment_delete(assessment=assessment)
    assert (Assessment.objects.count(), Rating.objects.count(), Programme.objects.count()) == (0, 0, 1)
