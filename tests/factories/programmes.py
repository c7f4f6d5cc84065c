import factory

from programmes.models import Programme, ProgrammeMember

__all__ = ["CityProgrammeFactory", "ProgrammeMemberFactory"]


class CityProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme across cities (programmes.Programme; inventory's ProgrammeFactory is a city's own programme)."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name_fr = factory.Sequence(lambda n: f"Programme {n}")
    name_ar = factory.Sequence(lambda n: f"برنامج {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class ProgrammeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeMember

    programme = factory.SubFactory(CityProgrammeFactory)
    user = factory.SubFactory("tests.factories.cities.UserFactory")
