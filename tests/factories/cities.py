import factory
from django.contrib.auth import get_user_model

from cities.models import City, Membership, Role

__all__ = ["UserFactory", "CityFactory", "MembershipFactory"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_fr = factory.Sequence(lambda n: f"Ville {n}")
    name_ar = factory.Sequence(lambda n: f"مدينة {n}")
    country_fr = "Tunisie"
    country_ar = "تونس"
    country_code = "TN"
    slug = factory.Sequence(lambda n: f"ville-{n}")
    time_zone = "Africa/Tunis"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = Role.VIEWER
