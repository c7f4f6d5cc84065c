"""The minutes of a held consultation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Consultation, ConsultationStatus, Minutes, MinutesStatus

MINUTES_FIELDS = (
    "summary_fr",
    "summary_ar",
    "decisions_fr",
    "decisions_ar",
    "next_steps_fr",
    "next_steps_ar",
    "attributed_statements_fr",
    "attributed_statements_ar",
)


@transaction.atomic
def minutes_save(*, consultation: Consultation, user, **fields) -> Minutes:
    """Write the minutes of a held consultation. Under the Chatham House rule nothing may be
    attributed: the attribution field is refused (and the form does not show it)."""
    unknown = set(fields) - set(MINUTES_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.HELD:
        raise ValidationError(_("Minutes are written once the consultation is held, and until it is closed."))
    minutes = Minutes.objects.filter(consultation=consultation).first() or Minutes(consultation=consultation)
    if minutes.status == MinutesStatus.FINAL:
        raise ValidationError(_("These minutes are final: they can no longer be changed."))
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes.updated_by = user
    minutes.full_clean()
    minutes.save()
    return minutes
