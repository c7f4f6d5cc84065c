"""What this app does when a lower app reports an event (connected in NotificationsConfig.ready()):
notifications to the city's members, receipts and notices to stakeholders."""

import uuid

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from cities.models import Membership
from consultations.models import Answer, Invitation
from consultations.signals import invitation_answered
from outbox.models import OutgoingEmail
from outbox.signals import email_failed
from ratification.kinds import RatificationKind
from ratification.models import RatificationStatus
from ratification.services import ratification_tally
from ratification.signals import decision_recorded, version_adopted
from terms.models import TorVersion
from terms.signals import feedback_received

from .models import Notification, NotificationKind
from .receipts import answer_receipt_queue, decision_receipt_queue
from .services import notification_notify_city
from .tasks import adoption_notices_task
from .texts import bilingual


@receiver(decision_recorded, dispatch_uid="notifications.decision_recorded")
def on_decision(sender: RatificationKind, *, version, request, **kwargs):
    """A receipt to the contact; a decline told to the city's members with its reason; the quorum, once."""
    kind, rr = sender, request
    city = kind.city_of(rr)
    decision_receipt_queue(kind, rr)
    base = {"document": kind.name, "version": version.number}
    if rr.status == RatificationStatus.DECLINED:
        notification_notify_city(
            city=city,
            kind=NotificationKind.DECLINED,
            params={**base, "stakeholder": bilingual(rr.stakeholder), "reason": rr.decline_reason[:1000]},
            url_name=f"{kind.url_namespace}:request",
            url_kwargs={"city_slug": city.slug, "pk": rr.pk},
            event_key=f"{kind.name}:request:{rr.pk}:declined:{rr.decided_at.isoformat()}",
            exclude_user_id=rr.recorded_by_id,
        )
    tally = ratification_tally(kind, version=version)
    if tally.reached:
        notification_notify_city(
            city=city,
            kind=NotificationKind.QUORUM,
            params={**base, "ratified": tally.ratified, "active": tally.active},
            url_name=f"{kind.url_namespace}:status",
            url_kwargs={"city_slug": city.slug, "number": version.number},
            event_key=f"{kind.name}:version:{version.pk}:quorum",
        )


@receiver(version_adopted, dispatch_uid="notifications.version_adopted")
def on_adoption(sender: RatificationKind, *, version, **kwargs):
    """The city's members are told; every stakeholder who decided gets the adopted text (in the background)."""
    kind = sender
    city = kind.city_of(version)
    notification_notify_city(
        city=city,
        kind=NotificationKind.ADOPTED,
        params={"document": kind.name, "version": version.number},
        url_name=f"{kind.url_namespace}:status",
        url_kwargs={"city_slug": city.slug, "number": version.number},
        event_key=f"{kind.name}:version:{version.pk}:adopted",
    )
    kind_name, version_id = kind.name, version.pk
    transaction.on_commit(lambda: adoption_notices_task.enqueue(kind_name, version_id))


@receiver(feedback_received, sender=TorVersion, dispatch_uid="notifications.feedback_received")
def on_feedback(sender, *, version, stakeholder, count, recorded_by=None, **kwargs):
    city = version.tor.city
    notification_notify_city(
        city=city,
        kind=NotificationKind.FEEDBACK,
        params={
            "document": "tor",
            "version": version.number,
            "stakeholder": bilingual(stakeholder) if stakeholder else None,
            "count": count,
        },
        url_name="terms:feedback",
        url_kwargs={"city_slug": city.slug, "number": version.number},
        event_key=f"tor:feedback:{version.pk}:{uuid.uuid4().hex}",
        exclude_user_id=recorded_by.pk if recorded_by is not None else None,
    )


@receiver(invitation_answered, sender=Invitation, dispatch_uid="notifications.invitation_answered")
def on_answer(sender, *, invitation, previous, **kwargs):
    """A receipt to the invitee; a "not attending" told to the city's members."""
    answer_receipt_queue(invitation)
    if invitation.answer != Answer.NOT_ATTENDING:
        return
    consultation = invitation.consultation
    city = consultation.city
    notification_notify_city(
        city=city,
        kind=NotificationKind.NOT_ATTENDING,
        params={
            "number": consultation.number,
            "title": bilingual(consultation, "title"),
            "stakeholder": bilingual(invitation.stakeholder),
        },
        url_name="consultations:invitations",
        url_kwargs={"city_slug": city.slug, "number": consultation.number},
        event_key=f"invitation:{invitation.pk}:not_attending:{invitation.answered_at.isoformat()}",
    )


@receiver(email_failed, sender=OutgoingEmail, dispatch_uid="notifications.email_failed")
def on_email_failed(sender, *, email, **kwargs):
    """A failed email of a city is told to its members once (its retries failing again add nothing)."""
    if email.city_id is None:
        return
    notification_notify_city(
        city=email.city,
        kind=NotificationKind.EMAIL_FAILED,
        params={"to": email.to, "subject": email.subject[:300]},
        url_name="outbox:list",
        url_kwargs={"city_slug": email.city.slug},
        event_key=f"email:{email.pk}:failed",
    )


@receiver(post_delete, sender=Membership, dispatch_uid="notifications.membership_deleted")
def on_membership_deleted(sender, *, instance, **kwargs):
    """A user who leaves a city no longer sees what happened there."""
    Notification.objects.filter(user_id=instance.user_id, city_id=instance.city_id).delete()
