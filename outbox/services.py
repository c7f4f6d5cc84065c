"""Queue and retry emails. Nothing is sent inside a request: the send (outbox.sending) runs after commit in a task."""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from common.hashing import sha256_hex

from .models import EmailStatus, OutgoingAttachment, OutgoingEmail, StoredFile
from .sending import LINK_PLACEHOLDER, STALE_SENDING
from .tasks import email_send_task


def _render_text(name: str, context: dict) -> str:
    """A plain-text part (subject, text body): never HTML-escaped, whatever the template says."""
    return get_template(name).template.render(Context(context, autoescape=False))


def _render(template: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        ctx = {
            **context,
            "language": language,
            "rtl": translation.get_language_bidi(),
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(_render_text(f"emails/{template}-subject.txt", ctx).split())
        body_text = _render_text(f"emails/{template}-body.txt", ctx)
        body_html = render_to_string(f"emails/{template}-body.html", ctx)
    return subject[:300], body_text, body_html


def _enqueue(email_id: int) -> None:
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
        OutgoingAttachment(email=email, filename=name, file=stored_file(content), mimetype=mimetype)
        for name, content, mimetype in attachments
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def stored_file(content: bytes) -> StoredFile:
    """The stored copy of these bytes, made the first time (one per content, whatever the emails)."""
    data = bytes(content)
    stored, _created = StoredFile.objects.get_or_create(
        sha256=sha256_hex(data), defaults={"content": data, "size": len(data)}
    )
    return stored


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
