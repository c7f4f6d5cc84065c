"""Factories for the planning app."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from planning.models import (
    Action,
    ActionStatus,
    Frequency,
    Indicator,
    IndicatorType,
    MappingItem,
    MappingKind,
    Measurement,
    RoadmapRatificationRequest,
    RoadmapStatus,
    RoadmapVersion,
)
from planning.selectors import roadmap_snapshot

__all__ = [
    "FrozenRoadmapVersionFactory",
    "RoadmapRatificationRequestFactory",
    "MappingItemFactory",
    "PriorityFactory",
    "ActionFactory",
    "IndicatorFactory",
    "MeasurementFactory",
    "RoadmapVersionFactory",
]


class MappingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingItem
        skip_postgeneration_save = True

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    kind = MappingKind.NEED
    text_fr = factory.Sequence(lambda n: f"Besoin {n}")
    text_ar = factory.Sequence(lambda n: f"حاجة {n}")
    domain = factory.SubFactory("tests.factories.stakeholders.DomainFactory")
    rank = None

    @factory.post_generation
    def stakeholders(self, create, extracted, **kwargs):
        if create and extracted:
            self.stakeholders.set(extracted)


class PriorityFactory(MappingItemFactory):
    kind = MappingKind.PRIORITY
    text_fr = factory.Sequence(lambda n: f"Priorité {n}")
    text_ar = factory.Sequence(lambda n: f"أولوية {n}")
    rank = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    title_fr = factory.Sequence(lambda n: f"Action {n}")
    title_ar = factory.Sequence(lambda n: f"إجراء {n}")
    description_fr = "Description de l'action."
    domain = factory.SubFactory("tests.factories.stakeholders.DomainFactory")
    lead = factory.SubFactory("tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..city"))
    start_month = datetime.date(2024, 1, 1)
    end_month = datetime.date(2024, 12, 1)
    status = ActionStatus.PLANNED

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    action = factory.SubFactory(ActionFactory)
    name_fr = factory.Sequence(lambda n: f"Indicateur {n}")
    name_ar = factory.Sequence(lambda n: f"مؤشر {n}")
    kind = IndicatorType.OUTPUT
    unit_fr = "personnes"
    unit_ar = "أشخاص"
    baseline_value = Decimal("0")
    baseline_date = datetime.date(2024, 1, 1)
    target_value = Decimal("100")
    target_date = datetime.date(2025, 1, 1)
    means_of_verification_fr = "Registres du service"
    means_of_verification_ar = "سجلات المصلحة"
    frequency = Frequency.QUARTERLY


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal("10")
    measured_on = factory.Sequence(lambda n: datetime.date(2024, 2, 1) + datetime.timedelta(days=n))
    source = "Rapport trimestriel"


class RoadmapVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapVersion

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    number = factory.Sequence(lambda n: n + 1)
    introduction_fr = "Introduction de la feuille de route."
    introduction_ar = "مقدمة خارطة الطريق."
    conclusions_fr = "Conclusions."
    conclusions_ar = "الاستنتاجات."


class FrozenRoadmapVersionFactory(RoadmapVersionFactory):
    """A version frozen as the service does it: snapshot of the city's live plan, SHA-256, status frozen."""

    status = RoadmapStatus.FROZEN
    frozen_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3 * 365))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.snapshot = roadmap_snapshot(city=obj.city)
        obj.sha256 = obj.compute_sha256()
        obj.save()
        return obj


class RoadmapRatificationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapRatificationRequest

    version = factory.SubFactory(FrozenRoadmapVersionFactory)
    stakeholder = factory.SubFactory(
        "tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..version.city")
    )
    contact = factory.SubFactory(
        "tests.factories.stakeholders.ContactFactory", stakeholder=factory.SelfAttribute("..stakeholder")
    )
    contact_name = factory.LazyAttribute(lambda r: r.contact.name if r.contact else "Contact")
    contact_email = factory.LazyAttribute(lambda r: r.contact.email if r.contact else "")
    language = "fr"
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
