"""Issuing a frozen document's PDF: rendered and signed once per printed state, then kept."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from .hashing import sha256_hex
from .models import IssuedDocument
from .signing import sign_pdf, signer_fingerprint, signing_available


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
    issued = IssuedDocument.objects.filter(**lookup).first()
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
