"""A consultation's life: planned, edited, marked held (past the cycle's gates), closed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City

from ..agenda import agenda_problems
from ..models import Consultation, ConsultationStatus, GateOverride
from ..selectors import consultation_gate_checks, consultation_previous, tor_is_adopted

CONSULTATION_FIELDS = (
    "title_fr",
    "title_ar",
    "objectives_fr",
    "objectives_ar",
    "expected_outcome_fr",
    "expected_outcome_ar",
    "venue_fr",
    "venue_ar",
    "date",
    "start_time",
    "end_time",
    "languages",
    "chatham_house",
)


def consultation_check_editable(consultation: Consultation) -> None:
    """A closed consultation is frozen: its details, agenda and attendance no longer change."""
    if consultation.is_closed:
        raise ValidationError(_("A closed consultation can no longer be changed."))


@transaction.atomic
def consultation_create(*, city: City, number: int, title_fr: str, **fields) -> Consultation:
    """Plan step `number` of the city's cycle (its kind follows from the number)."""
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation(city=city, number=number, title_fr=title_fr, **fields)
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, **fields) -> Consultation:
    """Edit a consultation that is not closed; its agenda must still fit new hours."""
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    consultation_check_editable(consultation)
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    problems = agenda_problems(consultation=consultation, items=list(consultation.agenda_items.all()))
    if problems:
        raise ValidationError(problems)
    consultation.save()
    return consultation


@transaction.atomic
def consultation_mark_held(
    *, consultation: Consultation, user, can_override: bool = False, override_reason: str = ""
) -> Consultation:
    """Mark a planned consultation held. Gates that still block need a coordinator's override
    with a reason; each override is recorded in its own row (who, when, why)."""
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    if consultation.status not in (ConsultationStatus.PLANNED, ConsultationStatus.INVITATIONS_SENT):
        raise ValidationError(_("This consultation is already marked held."))
    if consultation.starts_at > timezone.now():
        raise ValidationError(_("A consultation cannot be marked held before it starts."))
    checks = consultation_gate_checks(
        consultation=consultation,
        previous=consultation_previous(consultation=consultation),
        tor_adopted=tor_is_adopted(city=consultation.city) if consultation.number == 2 else None,
    )
    blocking = [c for c in checks if c.blocks]
    if blocking:
        reason = (override_reason or "").strip()
        if not can_override:
            raise ValidationError(
                [c.message for c in blocking] + [_("Only a coordinator can go ahead anyway, giving a reason.")]
            )
        if not reason:
            raise ValidationError(
                [c.message for c in blocking] + [_("Give the reason for going ahead anyway: it is recorded.")]
            )
        if len(reason) > 2000:
            raise ValidationError(_("The reason is too long (2,000 characters at most)."))
        for check in blocking:
            override = GateOverride(consultation=consultation, gate=check.gate, reason=reason, user=user)
            override.full_clean()
            override.save()
    consultation.status = ConsultationStatus.HELD
    consultation.held_at = timezone.now()
    consultation.full_clean()
    consultation.save(update_fields=["status", "held_at", "updated_at"])
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, user) -> Consultation:
    """Close a held consultation (a coordinator's act): the next step of the cycle may then be held."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.HELD:
        raise ValidationError(_("Only a consultation that was held can be closed."))
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at", "updated_at"])
    return consultation
