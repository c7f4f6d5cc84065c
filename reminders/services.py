"""Writes of the reminders app: the city's policy, one reminder, the scheduled run, staff's button.

Rules: a reminder never kills the link a stakeholder already holds (it carries the expiry of that link,
so links.services.link_issue issues a second link and keeps the first; only when no live link is left does
the new one stand alone, and the email then says plainly that it replaces the earlier one). Each occasion is
first written to ReminderLog, whose unique constraint lets it happen once however often the run is started,
from cron and the worker at the same time included. Nothing is emailed inside the city's quiet hours.
Contacts reached by post or by phone are never emailed: staff's preview lists them to call or to write.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations.services.invitations import INVITATION_PURPOSE
from links.models import EventKind
from links.services import link_event_record
from outbox.services import email_queue
from ratification.services import actor_of, ratification_remind
from terms.services.feedback import FEEDBACK_PURPOSE

from . import selectors
from .models import ReminderKind, ReminderLog, ReminderPolicy
from .selectors import Pending

REMINDER_TEMPLATES = {ReminderKind.INVITATION: "reminder-invitation", ReminderKind.FEEDBACK: "reminder-feedback"}


@transaction.atomic
def policy_update(
    *,
    city,
    user,
    enabled: bool,
    days_before: int,
    repeat_days: int,
    quiet_start: dt.time,
    quiet_end: dt.time,
) -> ReminderPolicy:
    """Save the city's policy (created on first save)."""
    policy = ReminderPolicy.objects.select_for_update().filter(city=city).first() or ReminderPolicy(city=city)
    policy.enabled, policy.days_before, policy.repeat_days = enabled, days_before, repeat_days
    policy.quiet_start, policy.quiet_end, policy.updated_by = quiet_start, quiet_end, user
    policy.full_clean()
    policy.save()
    return policy


def email_context(pending: Pending, *, city) -> dict:
    """What the reminder's templates show (also used to preview the subject)."""
    target = pending.target
    context = {
        "city": city,
        "stakeholder": target.stakeholder,
        "contact_name": pending.contact_name,
        "replaces_earlier": pending.link_expires_at is None,
    }
    if pending.kind == ReminderKind.INVITATION:
        context["consultation"] = target.consultation
    else:
        context["version"] = target.version
        context["expires_at"] = pending.link_expires_at
    return context


def _email(pending: Pending, *, city) -> None:
    """Queue the reminder email of an invitation or a feedback request, with the link's expiry kept."""
    target = pending.target
    purpose = INVITATION_PURPOSE if pending.kind == ReminderKind.INVITATION else FEEDBACK_PURPOSE
    expires_at = pending.link_expires_at
    if expires_at is None:
        # No live link left (e.g. revoked): the new one stands alone, until the deadline (a day at least).
        expires_at = max(pending.deadline, timezone.now() + dt.timedelta(days=1))
    email_queue(
        to=pending.to,
        language=pending.language,
        template=REMINDER_TEMPLATES[pending.kind],
        context=email_context(pending, city=city),
        purpose=f"{purpose}_reminder",
        city=city,
        source=target,
        link_purpose=purpose,
        link_expires_at=expires_at,
    )


def reminder_send(pending: Pending, *, city, slot: str, user=None, now=None) -> bool:
    """Send one reminder for this occasion, once: False if the log already holds it, the contact is
    reached by post or phone, or the request can no longer be reminded."""
    if not pending.by_email:
        return False
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                city=city,
                kind=pending.kind,
                target_type_id=pending.key[0],
                target_id=pending.target_id,
                slot=slot,
                to=pending.to,
                language=pending.language,
                deadline=pending.deadline,
                sent_by=user,
                sent_at=now or timezone.now(),
            )
            if pending.kind == ReminderKind.RATIFICATION:
                ratification_remind(pending.ratification_kind, ratification_request=pending.target, user=user)
            else:
                _email(pending, city=city)
                link_event_record(
                    kind=EventKind.REMINDED,
                    target=pending.target,
                    actor=actor_of(user),
                    user=user,
                    detail={"to": pending.to, "occasion": slot},
                )
    except IntegrityError:
        return False  # another run holds this occasion already
    except ValidationError:
        return False  # closed meanwhile (decided, expired, revoked)
    return True


@dataclass
class RunResult:
    sent: int = 0
    quiet_cities: list = field(default_factory=list)
    to_call_or_write: int = 0


def reminders_send_due(*, now=None) -> RunResult:
    """The periodic run (cron: manage.py send_reminders; worker: reminders.tasks.send_reminders_task):
    every city whose policy is on, outside its quiet hours, gets the reminders its policy calls for."""
    now = now or timezone.now()
    result = RunResult()
    for policy in ReminderPolicy.objects.filter(enabled=True).select_related("city").order_by("city__slug"):
        if policy.is_quiet_at(now):
            result.quiet_cities.append(policy.city.slug)
            continue
        due = selectors.reminders_due(city=policy.city, policy=policy, now=now)
        result.to_call_or_write += sum(1 for p in due if not p.by_email)
        for pending in selectors.targets_load([p for p in due if p.by_email]):
            result.sent += reminder_send(pending, city=policy.city, slot=pending.slot, now=now)
    return result


def reminders_send_manual(*, city, pendings: list[Pending], user) -> int:
    """Staff's "remind the non-responders": one reminder each (at most once a day); returns how many."""
    slot = selectors.manual_slot(city=city)
    targets = selectors.targets_load([p for p in pendings if p.by_email])
    return sum(reminder_send(p, city=city, slot=slot, user=user) for p in targets)
