"""Factories for the consultations app."""

import datetime as dt

import factory

from consultations.models import AgendaItem, AgendaItemKind, AgendaSubPoint, Consultation, Invitation, Minutes

__all__ = [
    "ConsultationFactory",
    "AgendaItemFactory",
    "AgendaSubPointFactory",
    "InvitationFactory",
    "MinutesFactory",
]


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        django_get_or_create = ("city", "number")

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    number = 1
    title_fr = factory.LazyAttribute(lambda c: f"Consultation {c.number}")
    title_ar = factory.LazyAttribute(lambda c: f"الاستشارة {c.number}")
    objectives_fr = "Aligner la vision des parties prenantes."
    objectives_ar = "توحيد رؤى الأطراف المعنية."
    venue_fr = "Municipalité"
    venue_ar = "البلدية"
    date = dt.date(2030, 3, 12)
    start_time = dt.time(10, 30)
    end_time = dt.time(13, 0)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n + 1)
    start_time = dt.time(10, 30)
    end_time = dt.time(10, 45)
    kind = AgendaItemKind.PRESENTATION
    title_fr = factory.Sequence(lambda n: f"Point {n}")
    title_ar = factory.Sequence(lambda n: f"بند {n}")


class AgendaSubPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSubPoint

    item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_fr = factory.Sequence(lambda n: f"Sous-point {n}")
    title_ar = factory.Sequence(lambda n: f"نقطة فرعية {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    consultation = factory.SubFactory(ConsultationFactory)
    stakeholder = factory.SubFactory(
        "tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..consultation.city")
    )


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    consultation = factory.SubFactory(ConsultationFactory)
    summary_fr = "Résumé des échanges."
    summary_ar = "ملخص النقاشات."
    decisions_fr = "Décision 1."
    decisions_ar = "القرار 1."
    next_steps_fr = "Étape suivante."
    next_steps_ar = "الخطوة التالية."
