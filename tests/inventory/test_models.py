"""The inventory's invariants: database constraints, model validation, and the Chatham House rule's shape."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from inventory.models import Assessment, Criterion, Programme, ProgrammeTargetGroup, Rating
from tests.factories import (
    AssessmentFactory,
    ConsultationFactory,
    CriterionFactory,
    ProgrammeFactory,
    StakeholderFactory,
)

D = datetime.date


def _errors(obj) -> dict:
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    return exc.value.message_dict


# --- Programme ------------------------------------------------------------------------------------------------


def test_a_programme_reads_in_the_active_language_with_french_as_fallback(programme):
    with translation.override("ar"):
        assert str(programme) == "المساعدة على العودة الطوعية"
    programme.title_ar = ""
    with translation.override("ar"):
        assert programme.title == "Aide au retour volontaire"
    assert programme.get_absolute_url() == f"/fr/c/tunis/inventory/{programme.pk}/"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_month": D(2021, 12, 1)}, "end_month"),
        ({"start_month": D(2022, 1, 15)}, "start_month"),
        ({"status": "ended", "end_month": None}, "end_month"),
        ({"amount": Decimal("100"), "currency": ""}, "currency"),
        ({"amount": None, "currency": "EUR"}, "amount"),
        ({"coverage": "districts", "districts_fr": ""}, "districts_fr"),
    ],
)
def test_a_programme_refuses_inconsistent_values(programme, changes, field):
    for name, value in changes.items():
        setattr(programme, name, value)
    assert field in _errors(programme)


def test_a_programme_may_have_no_end_while_it_runs(programme):
    programme.end_month = None
    programme.full_clean()
    assert programme.is_open_ended


def test_the_lead_belongs_to_the_city(programme, other_city):
    programme.lead = StakeholderFactory(city=other_city)
    assert _errors(programme)["lead"] == ["La partie prenante cheffe de file doit appartenir au groupe de cette ville."]


def test_titles_are_unique_per_city_whatever_the_case(city, other_city, programme):
    twin = ProgrammeFactory.build(city=city, lead=programme.lead, title_fr="AIDE AU RETOUR VOLONTAIRE")
    assert _errors(twin)["__all__"] == ["Un programme portant ce titre existe déjà."]
    ProgrammeFactory(city=other_city, title_fr="Aide au retour volontaire")  # another city: fine


@pytest.mark.parametrize(
    "changes",
    [
        {"end_month": D(2020, 1, 1)},
        {"status": "ended", "end_month": None},
        {"amount": Decimal("5"), "currency": ""},
        {"amount": None, "currency": "TND"},
        {"status": "unknown"},
        {"coverage": "planet"},
    ],
)
def test_the_database_holds_the_rules_too(programme, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(**changes)


def test_a_target_group_is_listed_once_per_programme(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeTargetGroup.objects.create(programme=programme, group="returnees")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeTargetGroup.objects.create(programme=programme, group="tourists")


# --- Criterion ------------------------------------------------------------------------------------------------


def test_criteria_names_are_unique_per_city(city, other_city):
    CriterionFactory(city=city, name_fr="Coordination")
    assert _errors(Criterion(city=city, name_fr="COORDINATION", position=2))["__all__"] == [
        "Un critère portant ce nom existe déjà."
    ]
    Criterion(city=other_city, name_fr="Coordination", position=1).full_clean()


# --- Assessment -----------------------------------------------------------------------------------------------


def _assessment(programme, **fields):
    values = {"assessed_on": D(2023, 11, 7), "positives_fr": "Ce qui marche."} | fields
    return Assessment(programme=programme, **values)


def test_an_assessment_is_recorded_at_or_after_consultation_1(programme, consultation1):
    _assessment(programme, assessed_on=D(2023, 11, 7)).full_clean()
    _assessment(programme, assessed_on=D(2024, 2, 1)).full_clean()
    assert _errors(_assessment(programme, assessed_on=D(2023, 11, 6)))["assessed_on"] == [
        "Les programmes sont évalués lors de la consultation 1 ou après (2023-11-07)."
    ]


def test_without_consultation_1_nothing_can_be_assessed(programme):
    assert _errors(_assessment(programme))["assessed_on"] == [
        "Planifiez d'abord la consultation 1 : les programmes sont évalués lors de celle-ci ou après."
    ]


def test_an_assessment_is_not_dated_in_the_future(programme, consultation1):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert _errors(_assessment(programme, assessed_on=tomorrow))["assessed_on"] == [
        "La date de l'évaluation ne peut pas être dans le futur."
    ]


def test_the_consultation_is_one_of_the_city_and_not_after_the_date(programme, consultation1, other_city, city):
    foreign = ConsultationFactory(city=other_city, number=1, date=D(2023, 1, 1))
    assert "consultation" in _errors(_assessment(programme, consultation=foreign))
    second = ConsultationFactory(city=city, number=2, date=D(2024, 2, 13))
    assert _errors(_assessment(programme, consultation=second, assessed_on=D(2024, 1, 1)))["assessed_on"] == [
        "L'évaluation ne peut pas précéder la consultation où elle a été recueillie."
    ]
    _assessment(programme, consultation=second, assessed_on=D(2024, 2, 13)).full_clean()


def test_an_assessment_says_something_in_french(programme, consultation1):
    empty = _assessment(programme, positives_fr="", positives_ar="ما ينجح")
    assert _errors(empty)["positives_fr"] == ["Rédigez au moins l'un des quatre textes en français."]
    _assessment(programme, positives_fr="", lessons_fr="Un enseignement.").full_clean()


def test_one_assessment_per_programme(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(programme=assessment.programme)


def test_chatham_house_no_field_names_or_points_to_a_person():
    """Under the Chatham House rule what was said is recorded, never who said it."""
    person_words = ("person", "speaker", "author", "said_by", "attributed", "contact", "participant", "user", "by")
    for model in (Assessment, Rating):
        for field in model._meta.get_fields():
            assert not any(word in field.name for word in person_words), f"{model.__name__}.{field.name}"
            related = getattr(field, "related_model", None)
            if related is not None:
                assert related._meta.model_name in {"programme", "consultation", "rating", "criterion", "assessment"}


# --- Rating ---------------------------------------------------------------------------------------------------


def test_a_rating_is_1_to_5_once_per_criterion_of_the_city(assessment, criterion, other_city):
    rating = assessment.ratings.get()
    rating.score = 6
    assert "score" in _errors(rating)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.filter(pk=rating.pk).update(score=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(assessment=assessment, criterion=criterion, score=3)
    foreign = CriterionFactory(city=other_city)
    assert _errors(Rating(assessment=assessment, criterion=foreign, score=3))["criterion"] == [
        "Choisissez un critère de cette ville."
    ]


def test_a_rated_criterion_cannot_be_deleted_from_under_its_ratings(assessment, criterion):
    with pytest.raises(ProtectedError):
        criterion.delete()
