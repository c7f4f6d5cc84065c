"""Coordination roles of a version's stakeholders; they stop changing once ratification starts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stakeholders.models import Domain, Stakeholder

from ..models import CoordinationRole, RoleAssignment, TorVersion


def _require_roles_open(version: TorVersion) -> None:
    if version.roles_locked:
        raise ValidationError(_("Roles of this version are locked: ratification has started."))


@transaction.atomic
def role_assignment_add(
    *, version: TorVersion, stakeholder: Stakeholder, role: CoordinationRole, domain: Domain | None = None
) -> RoleAssignment:
    version = TorVersion.objects.select_for_update().select_related("tor").get(pk=version.pk)
    _require_roles_open(version)
    if stakeholder.city_id != version.tor.city_id:
        raise ValidationError(_("This stakeholder belongs to another city."))
    if RoleAssignment.objects.filter(version=version, stakeholder=stakeholder, role=role, domain=domain).exists():
        raise ValidationError(_("This stakeholder already holds this role for this domain."))
    if role.leads_domain and domain is not None:
        lead = (
            RoleAssignment.objects.filter(version=version, role__leads_domain=True, domain=domain)
            .select_related("stakeholder")
            .first()
        )
        if lead is not None:
            raise ValidationError(
                _("“%(lead)s” already leads “%(domain)s”: a domain has one lead. Remove that role first.")
                % {"lead": lead.stakeholder.name, "domain": domain.name}
            )
    assignment = RoleAssignment(version=version, stakeholder=stakeholder, role=role, domain=domain)
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    return assignment


@transaction.atomic
def role_assignment_remove(*, assignment: RoleAssignment) -> None:
    _require_roles_open(assignment.version)
    assignment.delete()
