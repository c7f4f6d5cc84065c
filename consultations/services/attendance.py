"""Attendance recorded at the door (the round table): invited stakeholders ticked, walk-ins added."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stakeholders.models import Stakeholder

from ..models import Consultation, Invitation
from .consultations import consultation_check_editable


@transaction.atomic
def attendance_set(*, invitation: Invitation, attended: bool) -> Invitation:
    """Tick (or untick) a stakeholder at the door."""
    invitation = Invitation.objects.select_for_update().select_related("consultation").get(pk=invitation.pk)
    consultation_check_editable(invitation.consultation)
    invitation.attended = attended
    invitation.attendance_recorded_at = timezone.now()
    invitation.save(update_fields=["attended", "attendance_recorded_at"])
    return invitation


@transaction.atomic
def attendance_walk_in_add(*, consultation: Consultation, stakeholder: Stakeholder) -> Invitation:
    """A stakeholder of the group who came without an invitation: recorded as present."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    consultation_check_editable(consultation)
    if stakeholder.city_id != consultation.city_id:
        raise ValidationError(_("This stakeholder does not belong to this city's group."))
    invitation, created = Invitation.objects.get_or_create(
        consultation=consultation,
        stakeholder=stakeholder,
        defaults={"walk_in": True, "attended": True, "attendance_recorded_at": timezone.now()},
    )
    if not created and not invitation.attended:
        invitation.attended = True
        invitation.attendance_recorded_at = timezone.now()
        invitation.save(update_fields=["attended", "attendance_recorded_at"])
    return invitation
