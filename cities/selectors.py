from .models import City


def city_list_for_user(*, user):
    """Cities the user may see: all for superusers, else those with a membership."""
    qs = City.objects.order_by("name")
    if user.is_superuser:
        return qs
    return qs.filter(memberships__user=user)
