import datetime

import pytest

from stakeholders.models import Domain
from tests.factories import (
    AssessmentFactory,
    ConsultationFactory,
    CriterionFactory,
    MappingItemFactory,
    ProgrammeFactory,
    RatingFactory,
    StakeholderFactory,
)


@pytest.fixture
def health(db):
    """Seeded by the stakeholders migration."""
    return Domain.objects.get(code="health")


@pytest.fixture
def housing(db):
    return Domain.objects.get(code="housing")


@pytest.fixture
def legal_aid(db):
    return Domain.objects.get(code="legal-aid")


@pytest.fixture
def lead(city):
    return StakeholderFactory(
        city=city, name_fr="Organisation internationale pour les migrations", name_ar="المنظمة الدولية للهجرة"
    )


@pytest.fixture
def partner(city):
    return StakeholderFactory(city=city, name_fr="Terre d'Asile Tunisie", name_ar="أرض اللجوء تونس")


@pytest.fixture
def consultation1(city):
    """Consultation 1 of Tunis, held on 7 November 2023."""
    return ConsultationFactory(city=city, number=1, date=datetime.date(2023, 11, 7))


@pytest.fixture
def need(city, health):
    return MappingItemFactory(
        city=city, kind="need", domain=health, text_fr="Accès limité aux soins", text_ar="محدودية النفاذ إلى العلاج"
    )


@pytest.fixture
def programme(city, health, lead, partner, need):
    return ProgrammeFactory(
        city=city,
        title_fr="Aide au retour volontaire",
        title_ar="المساعدة على العودة الطوعية",
        lead=lead,
        partners=[partner],
        domains=[health],
        target_groups=["returnees", "in_transit"],
        mapping_items=[need],
    )


@pytest.fixture
def criterion(city):
    return CriterionFactory(city=city, name_fr="Portée", name_ar="الوصول", position=1)


@pytest.fixture
def assessment(programme, criterion, consultation1):
    assessment = AssessmentFactory(programme=programme, consultation=consultation1)
    RatingFactory(assessment=assessment, criterion=criterion, score=4)
    return assessment


@pytest.fixture
def secret_programme(other_city, health):
    """A programme of the other city: must never show in Tunis pages."""
    return ProgrammeFactory(
        city=other_city, domains=[health], title_fr="Programme secret de Sfax", title_ar="برنامج سري"
    )
