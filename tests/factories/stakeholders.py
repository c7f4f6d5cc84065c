import datetime

import factory

from stakeholders.models import Category, Contact, Domain, Level, Stakeholder

__all__ = ["DomainFactory", "StakeholderFactory", "ContactFactory"]


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"domain-{n}")
    name_fr = factory.Sequence(lambda n: f"Domaine {n}")
    name_ar = factory.Sequence(lambda n: f"مجال {n}")


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder
        skip_postgeneration_save = True

    city = factory.SubFactory("tests.factories.cities.CityFactory")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    name_ar = factory.Sequence(lambda n: f"منظمة {n}")
    acronym_fr = factory.Sequence(lambda n: f"ORG{n}")
    category = Category.CIVIL_SOCIETY
    level = Level.LOCAL
    influence = 3
    interest = 3
    joined_on = datetime.date(2023, 11, 7)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    stakeholder = factory.SubFactory(StakeholderFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    function = "Chargé de mission"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+216 71 000 000"
    language = "fr"
    is_primary = True
