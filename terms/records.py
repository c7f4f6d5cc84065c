"""The ratification record of an adopted (or final) version: rendered once per language and kept."""

from django.db import transaction

from common.hashing import sha256_hex

from .documents import ratification_record_pdf
from .models import RatificationRecord, TorVersion


@transaction.atomic
def ratification_record_generate(*, version: TorVersion, language: str, user=None) -> RatificationRecord:
    """Render the record PDF (PDF/A-3b) now and keep its bytes and SHA-256."""
    pdf = ratification_record_pdf(version=version, language=language)
    record = RatificationRecord(
        version=version, language=language, pdf=pdf, sha256=sha256_hex(pdf), size=len(pdf), generated_by=user
    )
    record.full_clean()
    record.save()
    return record
