"""Queue, send and retry emails. Nothing is sent inside a request: the send runs after commit in a task."""

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from links.models import EventKind
from links.services import link_event_record, link_issue

from .models import EmailStatus, OutgoingAttachment, OutgoingEmail

# Stands for the personal link in stored bodies; replaced by a freshly issued link at send time.
LINK_PLACEHOLDER = "https://link.invalid/__personal_link__"

logger = logging.getLogger(__name__)

# A "sending" row older than this was left by a worker that died mid-send: it may be retried.
STALE_SENDING = timedelta(minutes=10)
# Automatic retries after a failure (when the task backend can run tasks later): 1, 5, 30 minutes.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


def _render(template: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        ctx = {
            **context,
            "language": language,
            "rtl": translation.get_language_bidi(),
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(render_to_string(f"emails/{template}-subject.txt", ctx).split())
        body_text = render_to_string(f"emails/{template}-body.txt", ctx)
        body_html = render_to_string(f"emails/{template}-body.html", ctx)
    return subject[:300], body_text, body_html


def _enqueue(email_id: int, delay: timedelta | None = None) -> None:
    from .tasks import email_send_task

    if delay is not None:
        if not email_send_task.get_backend().supports_defer:
            return  # staff retry from the outbox page, or `manage.py outbox_retry`
        email_send_task.using(run_after=timezone.now() + delay).enqueue(email_id)
        return
    email_send_task.enqueue(email_id)


@transaction.atomic
def email_queue(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    purpose: str,
    city=None,
    source: models.Model | None = None,
    batch: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    link_purpose: str = "",
    link_expires_at=None,
) -> OutgoingEmail:
    """Render the message in the recipient's language, record it, and send it after commit.

    With link_purpose, the templates get `link_url`; the real link for `source` is issued when the
    email is actually sent (each send or retry issues a new token and revokes the previous one).
    """
    if link_purpose:
        context = {**context, "link_url": LINK_PLACEHOLDER}
    subject, body_text, body_html = _render(template, context, language)
    email = OutgoingEmail(
        city=city,
        to=to,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        purpose=purpose,
        batch=batch,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        link_purpose=link_purpose,
        link_expires_at=link_expires_at,
    )
    email.full_clean()
    email.save()
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(email=email, filename=name, content=content, mimetype=mimetype)
        for name, content, mimetype in attachments
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def email_send(*, email_id: int) -> str:
    """Send one queued email once. Claims the row first so two workers never both send it."""
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id)
        .filter(
            models.Q(status__in=[EmailStatus.QUEUED, EmailStatus.FAILED])
            | models.Q(status=EmailStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING)
        )
        .update(status=EmailStatus.SENDING, last_attempt_at=now, attempts=models.F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.prefetch_related("attachments").get(pk=email_id)
    body_text, body_html, issued = email.body_text, email.body_html, None
    if email.link_purpose:
        source = email.source
        if source is None:
            OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, last_error="source deleted")
            return "failed"
        issued = link_issue(
            target=source,
            purpose=email.link_purpose,
            expires_at=email.link_expires_at,
            language=email.language,
            city=email.city,
        )
        body_text = body_text.replace(LINK_PLACEHOLDER, issued.url)
        body_html = body_html.replace(LINK_PLACEHOLDER, issued.url)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        connection=get_connection(),
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, the email kept for retry
        logger.warning("Email %s to %s failed: %s", email.pk, email.to, exc)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        if email.attempts <= len(RETRY_DELAYS):
            _enqueue(email.pk, delay=RETRY_DELAYS[email.attempts - 1])
        return "failed"
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENT, sent_at=timezone.now(), last_error="")
    if issued is not None:
        earlier = (
            OutgoingEmail.objects.filter(
                source_type=email.source_type_id,
                source_id=email.source_id,
                link_purpose=email.link_purpose,
                status=EmailStatus.SENT,
            )
            .exclude(pk=email.pk)
            .exists()
        )
        link_event_record(
            kind=EventKind.RESENT if earlier or email.attempts > 1 else EventKind.SENT,
            link=issued.link,
            actor="system",
            detail={"email": email.pk, "to": email.to, "purpose": email.purpose},
        )
    return "sent"


@transaction.atomic
def email_retry(*, email: OutgoingEmail) -> bool:
    """Queue one failed email again; False if it is not failed."""
    updated = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(status=EmailStatus.QUEUED)
    if updated:
        transaction.on_commit(lambda: _enqueue(email.pk))
    return bool(updated)


@transaction.atomic
def email_retry_failed(*, city=None, batch: str | None = None) -> int:
    """Queue every failed email of the city (or batch) again; returns how many."""
    qs = OutgoingEmail.objects.filter(status=EmailStatus.FAILED)
    if city is not None:
        qs = qs.filter(city=city)
    if batch:
        qs = qs.filter(batch=batch)
    ids = list(qs.values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=ids).update(status=EmailStatus.QUEUED)
    transaction.on_commit(lambda: [_enqueue(pk) for pk in ids])
    return len(ids)


def email_requeue_stale() -> int:
    """Queue again emails whose worker died (queued but never picked up, or stuck in sending)."""
    cutoff = timezone.now() - STALE_SENDING
    ids = list(
        OutgoingEmail.objects.filter(
            models.Q(status=EmailStatus.QUEUED, created_at__lt=cutoff)
            | models.Q(status=EmailStatus.SENDING, last_attempt_at__lt=cutoff)
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        _enqueue(pk)
    return len(ids)
