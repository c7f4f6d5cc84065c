"""Factories for the inventory app."""

import datetime

import factory

from inventory.models import Assessment, Coverage, Criterion, Programme, ProgrammeStatus, ProgrammeTargetGroup, Rating

__all__ = [
    "ProgrammeFactory",
    "ProgrammeTargetGroupFactory",
    "CriterionFactory",
    "AssessmentFactory",
    "RatingFactory",
]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A running programme. `domains`, `partners`, `mapping_items` (lists of objects) and `target_groups`
    (a list of codes, default ["in_transit"]) are set after creation."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    title_fr = factory.Sequence(lambda n: f"Programme {n}")
    title_ar = factory.Sequence(lambda n: f"برنامج {n}")
    description_fr = "Description du programme."
    lead = factory.SubFactory("tests.factories.stakeholders.StakeholderFactory", city=factory.SelfAttribute("..city"))
    coverage = Coverage.WHOLE_CITY
    start_month = datetime.date(2022, 1, 1)
    end_month = datetime.date(2026, 12, 1)
    status = ProgrammeStatus.RUNNING
    funding_source_fr = "Union européenne"
    source = "Présentation à la consultation 1"

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)

    @factory.post_generation
    def mapping_items(self, create, extracted, **kwargs):
        if create and extracted:
            self.mapping_items.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create:
            groups = ["in_transit"] if extracted is None else extracted
            ProgrammeTargetGroup.objects.bulk_create([ProgrammeTargetGroup(programme=self, group=g) for g in groups])


class ProgrammeTargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeTargetGroup

    programme = factory.SubFactory(ProgrammeFactory, target_groups=[])
    group = "refugees"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    name_fr = factory.Sequence(lambda n: f"Critère {n}")
    name_ar = factory.Sequence(lambda n: f"معيار {n}")
    position = factory.Sequence(lambda n: n + 1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    programme = factory.SubFactory(ProgrammeFactory)
    assessed_on = datetime.date(2023, 11, 7)
    positives_fr = "Un guichet connu des associations."
    positives_ar = "شبّاك معروف لدى الجمعيات."
    negatives_fr = "Horaires limités."
    negatives_ar = "توقيت محدود."


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.SubFactory(CriterionFactory, city=factory.SelfAttribute("..assessment.programme.city"))
    score = 4
