"""Issuing a frozen document's PDF (rendered and signed once per printed state, then kept), and queueing
the background print of a long PDF (common/background.py)."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .background import STALE_RENDERING, finish_is_registered, pdf_job_key
from .hashing import sha256_hex
from .models import IssuedDocument, PdfJob, PdfJobStatus
from .signing import sign_pdf, signer_fingerprint, signing_available
from .tasks import pdf_job_task


def document_state(*printed) -> str:
    """The key of what a PDF prints besides its frozen content, and of the certificate that signs it."""
    return sha256_hex(
        "\x1f".join(str(value if value is not None else "") for value in (*printed, signer_fingerprint()))
    )


def pdf_sign_if_available(data: bytes, *, reason: str, location: str) -> tuple[bytes, bool]:
    """The PDF signed with the city's certificate when one is configured, else as it is; and whether signed."""
    if not signing_available():
        return data, False
    return sign_pdf(data, reason=reason, location=location), True


def issued_document_get(*, target: models.Model, language: str, state: str) -> IssuedDocument | None:
    """The copy issued for `target` in `language` and `state`, if any."""
    target_type = ContentType.objects.get_for_model(target)
    return IssuedDocument.objects.filter(
        target_type=target_type, target_id=target.pk, language=language, state=state
    ).first()


def issued_document_get_or_issue(
    *,
    target: models.Model,
    language: str,
    state: str,
    render: Callable[[], bytes],
    reason: str,
    location: str,
) -> IssuedDocument:
    """The PDF issued for `target` in `language` and `state`; rendered, signed and kept the first time.

    Two first requests at once may both render; the unique constraint keeps one, and the other returns it.
    """
    target_type = ContentType.objects.get_for_model(target)
    lookup = {"target_type": target_type, "target_id": target.pk, "language": language, "state": state}
    issued = issued_document_get(target=target, language=language, state=state)
    if issued is not None:
        return issued
    data, signed = pdf_sign_if_available(render(), reason=reason, location=location)
    issued = IssuedDocument(**lookup, pdf=data, sha256=sha256_hex(data), size=len(data), signed=signed)
    issued.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            issued.save()
    except IntegrityError:
        return IssuedDocument.objects.get(**lookup)
    return issued


def _enqueue(job: PdfJob) -> None:
    # Not on_commit: with the database task backend the task row commits with the job's own row, so a
    # worker never sees one without the other; the immediate backend (tests) prints it right here.
    pdf_job_task.enqueue(job.pk)


def pdf_job_get_or_queue(
    *, html: str, pdf_variant: str = "", finish: str = "", finish_params: dict | None = None
) -> PdfJob:
    """The job printing this HTML: found (queued, printing, ready) or queued now. A failed job or one lost
    with its worker is queued again."""
    if finish and not finish_is_registered(finish):
        raise ValueError(f"Unknown finishing step {finish!r}.")
    key = pdf_job_key(html=html, pdf_variant=pdf_variant, finish=finish, finish_params=finish_params)
    job = PdfJob.objects.filter(key=key).first()
    if job is None:
        try:
            with transaction.atomic():
                job = PdfJob.objects.create(
                    key=key, html=html, pdf_variant=pdf_variant, finish=finish, finish_params=finish_params or {}
                )
        except IntegrityError:  # a second request for the same content queued it a moment ago
            return PdfJob.objects.get(key=key)
        _enqueue(job)
        job.refresh_from_db()  # an immediate backend (tests, --no-worker) has printed it already
        return job
    lost = job.status == PdfJobStatus.RENDERING and job.started_at is not None
    lost = lost and job.started_at < timezone.now() - STALE_RENDERING
    if job.status == PdfJobStatus.FAILED or lost:
        updated = PdfJob.objects.filter(pk=job.pk, status=job.status).update(
            status=PdfJobStatus.QUEUED, progress=0, error="", started_at=None
        )
        if updated:
            _enqueue(job)
        job.refresh_from_db()
    return job
