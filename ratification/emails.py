"""What a ratification puts in the outbox: a request's email (first send, resend, reminder), the emails of
a mass send (queued by a background task), and the notice that a newer version took a version's place.

The personal link is issued by the outbox when the email goes out (links, outbox): this module never sees
a token. services.py and tasks.py both import it; it imports neither.
"""

from django.db import transaction
from django.utils import timezone

from outbox.services import email_queue

from .kinds import RatificationKind
from .models import RatificationStatus


def ratification_email_queue(kind: RatificationKind, rr, *, template: str) -> None:
    """Queue one request's email (with its personal link) in the contact's language, and mark it queued."""
    version, city = rr.version, kind.city_of(rr)
    rr.queued_at = timezone.now()
    kind.request_model.objects.filter(pk=rr.pk).update(queued_at=rr.queued_at)
    email_queue(
        to=rr.contact_email,
        language=rr.language,
        template=template,
        context={
            "city": city,
            "version": version,
            "stakeholder": rr.stakeholder,
            "contact_name": rr.contact_name,
            "expires_at": rr.expires_at,
        },
        purpose=kind.purpose,
        city=city,
        source=rr,
        batch=kind.batch(version),
        link_purpose=kind.purpose,
        link_expires_at=rr.expires_at,
    )


def ratification_emails_queue(kind: RatificationKind, *, version) -> int:
    """Put in the outbox the email of every pending request not yet queued (the background half of a send).

    Each request is locked and marked in its own transaction, so a task run twice (or two workers)
    never queues the same email twice. Returns how many were queued.
    """
    model = kind.request_model
    count = 0
    ids = list(
        model.objects.filter(version=version, status=RatificationStatus.PENDING, queued_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            rr = (
                model.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("stakeholder", kind.city_path)
                .filter(pk=pk, status=RatificationStatus.PENDING, queued_at__isnull=True)
                .first()
            )
            if rr is None:
                continue
            ratification_email_queue(kind, rr, template=kind.email_request)
            count += 1
    return count


def superseded_email_queue(kind: RatificationKind, rr, *, by_version) -> None:
    """Tell a contact who had not answered that `by_version` took the place of the version they were asked about."""
    city = kind.city_of(rr)
    email_queue(
        to=rr.contact_email,
        language=rr.language,
        template=kind.email_superseded,
        context={"city": city, "old_version": rr.version, "version": by_version, "contact_name": rr.contact_name},
        purpose=f"{kind.purpose}_superseded",
        city=city,
        source=rr,
    )
