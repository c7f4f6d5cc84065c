"""The one permission layer: every city-scoped view goes through `get_city_for`.

Outsiders get 404 (they must not learn that a city exists); members whose role is
too weak get 403. Superusers see and do everything.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from .models import ROLE_RANK, City, Membership, Role


@dataclass(frozen=True)
class CityAccess:
    city: City
    role: str | None
    is_superuser: bool

    def can(self, role: str) -> bool:
        if self.is_superuser:
            return True
        return self.role is not None and ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def can_edit(self) -> bool:
        return self.can(Role.EDITOR)

    @property
    def can_coordinate(self) -> bool:
        return self.can(Role.COORDINATOR)

    @property
    def can_see_personal_data(self) -> bool:
        """Contacts' emails, phones and the registry export with contacts: editors and coordinators
        (who keep them up to date), not viewers, who see organisations, names and roles (docs/security.md)."""
        return self.can(Role.EDITOR)

    @property
    def can_see_connection_data(self) -> bool:
        """IP addresses and user agents in audit trails: coordinators only (docs/security.md)."""
        return self.can(Role.COORDINATOR)


def get_city_for(request, city_slug: str, role: str = Role.VIEWER) -> CityAccess:
    """Fetch the city and the user's role in one query; raise 404/403; activate the city's time zone."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    qs = City.objects.filter(slug=city_slug)
    if not user.is_superuser:
        qs = qs.annotate(
            member_role=Subquery(Membership.objects.filter(city=OuterRef("pk"), user=user).values("role")[:1])
        )
    city = qs.first()
    if city is None:
        raise Http404
    member_role = getattr(city, "member_role", None)
    access = CityAccess(city=city, role=member_role, is_superuser=user.is_superuser)
    if not user.is_superuser and member_role is None:
        raise Http404
    if not access.can(role):
        raise PermissionDenied
    timezone.activate(city.tzinfo)
    request.city_access = access
    return access
