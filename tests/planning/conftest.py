import datetime
from decimal import Decimal

import pytest

from stakeholders.models import Domain
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    MeasurementFactory,
    PriorityFactory,
    RoadmapVersionFactory,
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
def lead(city):
    return StakeholderFactory(city=city, name_fr="Direction de la santé municipale", name_ar="إدارة الصحة البلدية")


@pytest.fixture
def partner(city):
    return StakeholderFactory(city=city, name_fr="Organisation partenaire", name_ar="منظمة شريكة")


@pytest.fixture
def priority(city, health):
    return PriorityFactory(city=city, domain=health, rank=1, text_fr="Accès aux soins", text_ar="النفاذ إلى العلاج")


@pytest.fixture
def action(city, health, lead, partner, priority):
    return ActionFactory(
        city=city,
        domain=health,
        lead=lead,
        partners=[partner],
        priority=priority,
        title_fr="Permanence santé",
        title_ar="حصص صحية",
        start_month=datetime.date(2024, 1, 1),
        end_month=datetime.date(2024, 12, 1),
    )


@pytest.fixture
def indicator(action, lead):
    return IndicatorFactory(
        action=action,
        name_fr="Consultations assurées",
        name_ar="الاستشارات المقدمة",
        baseline_value=Decimal("0"),
        baseline_date=datetime.date(2024, 1, 1),
        target_value=Decimal("200"),
        target_date=datetime.date(2025, 1, 1),
        responsible=lead,
    )


@pytest.fixture
def measurement(indicator):
    return MeasurementFactory(indicator=indicator, value=Decimal("50"), measured_on=datetime.date(2024, 6, 30))


@pytest.fixture
def draft(city):
    return RoadmapVersionFactory(city=city, number=1)


@pytest.fixture
def secret_action(other_city, health):
    """An action of the other city: must never show in Tunis pages."""
    return ActionFactory(city=other_city, domain=health, title_fr="Action secrète de Sfax", title_ar="إجراء سري")
