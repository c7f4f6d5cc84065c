"""Reads of the register of issued documents."""

from .models import IssuedDocument


def issued_document_by_sha256(sha256: str) -> IssuedDocument | None:
    return IssuedDocument.objects.select_related("target_type").filter(sha256=sha256).first()
