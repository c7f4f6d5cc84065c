"""Demo reminders for Tunis: the city's policy (on: a week before, then every 3 days, quiet from 20:00 to
08:00 Tunis time) and the reminders the invitees of consultation 1 who had not answered received before
7 November 2023 (illustrative). Idempotent: the policy is one per city, a log entry one per occasion."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from consultations.models import Answer, Invitation
from stakeholders.models import Contact

from .models import ReminderKind, ReminderLog
from .services import policy_update


def load(city, users, other_city=None):
    policy_update(
        city=city,
        user=users.get("coordinator"),
        enabled=True,
        days_before=7,
        repeat_days=3,
        quiet_start=dt.time(20, 0),
        quiet_end=dt.time(8, 0),
    )
    invitation_type = ContentType.objects.get_for_model(Invitation)
    unanswered = Invitation.objects.filter(consultation__city=city, consultation__number=1, answer=Answer.PENDING)
    occasions = [("auto:0", dt.datetime(2023, 10, 31, 9, 0)), ("auto:1", dt.datetime(2023, 11, 3, 9, 0))]
    primary = {c.stakeholder_id: c for c in Contact.objects.reachable_primary().filter(stakeholder__city=city)}
    for invitation in unanswered.order_by("pk")[:4]:
        contact = primary.get(invitation.stakeholder_id)
        for slot, when in occasions:
            entry, created = ReminderLog.objects.get_or_create(
                target_type=invitation_type,
                target_id=invitation.pk,
                slot=slot,
                defaults={
                    "city": city,
                    "kind": ReminderKind.INVITATION,
                    "to": contact.email if contact else "",
                    "language": contact.language if contact else "fr",
                },
            )
            if created:
                ReminderLog.objects.filter(pk=entry.pk).update(sent_at=when.replace(tzinfo=city.tzinfo))
