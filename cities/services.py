from django.db import transaction

from .models import City, Membership, Role


@transaction.atomic
def city_create(
    *, name_fr: str, name_ar: str = "", country: str, slug: str, time_zone: str = "Africa/Tunis", **extra
) -> City:
    city = City(name_fr=name_fr, name_ar=name_ar, country=country, slug=slug, time_zone=time_zone, **extra)
    city.full_clean()
    city.save()
    return city


@transaction.atomic
def membership_set(*, user, city: City, role: str = Role.VIEWER) -> Membership:
    """Give the user exactly one membership in the city with this role."""
    membership, _created = Membership.objects.update_or_create(user=user, city=city, defaults={"role": role})
    membership.full_clean()
    return membership
