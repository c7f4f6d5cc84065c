"""Send one queued email. Runs in the worker (outbox.tasks), which schedules the retries."""

import logging
from datetime import timedelta
from email.mime.image import MIMEImage
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models
from django.utils import timezone

from links.models import EventKind
from links.services import link_event_record, link_issue

from .models import EmailStatus, OutgoingEmail
from .parts import send_parts_for
from .signals import email_failed

# Stands for the personal link in stored bodies; replaced by a freshly issued link at send time.
LINK_PLACEHOLDER = "https://link.invalid/__personal_link__"

logger = logging.getLogger(__name__)

# A "sending" row older than this was left by a worker that died mid-send: it may be retried.
STALE_SENDING = timedelta(minutes=10)
# Automatic retries after a failure (when the task backend can run tasks later): 1, 5, 30 minutes.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


def retry_delay(*, email_id: int) -> timedelta | None:
    """How long to wait before the next automatic attempt of a failed email, or None after the last one."""
    attempts = OutgoingEmail.objects.filter(pk=email_id).values_list("attempts", flat=True).first() or 0
    return RETRY_DELAYS[attempts - 1] if 1 <= attempts <= len(RETRY_DELAYS) else None


def _quoted(name: str) -> str:
    """A display name as RFC 5322 writes it in quotes (Django encodes non-ASCII names when it sends)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sender_of(email: OutgoingEmail) -> str:
    """From: the city's name in the recipient's language before the no-reply address, e.g.
    "Ville de Tunis" <no-reply@…> or "بلدية تونس" <no-reply@…>; the configured sender when no city."""
    display, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    city = email.city
    if city is not None:
        display = getattr(city, f"name_{email.language}", "") or city.name_fr or display
    display = " ".join(display.split())
    return f"{_quoted(display)} <{address}>" if display else address


def reply_to_of(email: OutgoingEmail) -> list[str]:
    """Reply-To: the city's coordinator when the city has one (the sender is a no-reply address)."""
    city = email.city
    return [city.reply_to_email] if city is not None and city.reply_to_email else []


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
    email = OutgoingEmail.objects.select_related("city").prefetch_related("attachments__file").get(pk=email_id)
    body_text, body_html, issued = email.body_text, email.body_html, None
    if email.link_purpose:
        source = email.source
        if source is None:
            OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, last_error="source deleted")
            email_failed.send(sender=OutgoingEmail, email=email)
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
    parts = send_parts_for(email)
    for placeholder, value in parts.replacements.items() if parts else ():
        body_text = body_text.replace(placeholder, value)
        body_html = body_html.replace(placeholder, value)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=body_text,
        from_email=sender_of(email),
        to=[email.to],
        reply_to=reply_to_of(email),
        headers={"Content-Language": email.language},
        connection=get_connection(),
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    for name, content, mimetype in parts.attachments if parts else ():
        message.attach(name, content, mimetype)
    for content_id, name, png in parts.inline_images if parts else ():
        image = MIMEImage(png, "png")
        image.add_header("Content-ID", f"<{content_id}>")
        image.add_header("Content-Disposition", "inline", filename=name)
        message.attach(image)
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, the email kept for retry
        logger.warning("Email %s to %s failed: %s", email.pk, email.to, exc)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        email_failed.send(sender=OutgoingEmail, email=email)
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
