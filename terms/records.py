"""The ratification record of an adopted (or final) version: rendered once per language, signed and kept.

The record is a PDF/A-3b document that carries its data as associated files (decisions.json and
decisions.csv: each stakeholder, role, decision, time in UTC and local time, the version's SHA-256), so a
machine reads what a person reads. It is signed (PAdES) with the city's certificate, and a QR code on its
first page leads to the public verify page with the version's SHA-256 and the record's id (the record's
own SHA-256 cannot be printed inside it).
"""

import datetime as dt
import json
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common.hashing import sha256_hex
from common.pdf import DocumentLanguage, PdfAttachment
from common.services import pdf_sign_if_available
from common.spreadsheets import csv_bytes

from .documents import ratification_record_pdf
from .models import RatificationRecord, TorVersion
from .selectors import ratification_record_rows

RECORD_JSON = "decisions.json"
RECORD_CSV = "decisions.csv"
RECORD_DATA_FORMAT = 1
CSV_HEADER = (
    "stakeholder",
    "stakeholder_ar",
    "acronym",
    "roles",
    "decision",
    "channel",
    "decided_at_utc",
    "decided_at_local",
    "version_sha256",
    "confirmed_sha256",
)


def _utc_iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _local_iso(value: dt.datetime | None, tz) -> str | None:
    return value.astimezone(tz).replace(microsecond=0).isoformat() if value else None


def ratification_record_data(*, version: TorVersion, record: RatificationRecord) -> dict:
    """What the record states, for machines: no contact's personal data, codes beside the names."""
    city = version.tor.city
    tz = city.tzinfo
    decisions = []
    for row in ratification_record_rows(version=version):
        rr, stakeholder = row.request, row.stakeholder
        decisions.append(
            {
                "stakeholder": {
                    "name_fr": stakeholder.name_fr,
                    "name_ar": stakeholder.name_ar or "",
                    "acronym": stakeholder.acronym_fr or "",
                    "active": stakeholder.is_active,
                },
                "roles": [
                    {
                        "role": a.role.code,
                        "role_fr": a.role.name_fr,
                        "role_ar": a.role.name_ar or "",
                        "domain": a.domain.code if a.domain_id else "",
                    }
                    for a in row.roles
                ],
                "decision": rr.status if rr else "no_request",
                "channel": rr.channel if rr else "",
                "decided_at_utc": _utc_iso(rr.decided_at) if rr else None,
                "decided_at_local": _local_iso(rr.decided_at, tz) if rr else None,
                "version_sha256": version.sha256,
                "confirmed_sha256": rr.decided_sha256 if rr else "",
            }
        )
    return {
        "format": RECORD_DATA_FORMAT,
        "document": "tor_ratification_record",
        "site": settings.SITE_URL,
        "record": {
            "id": record.pk,
            "language": record.language,
            "generated_at_utc": _utc_iso(record.generated_at),
            "generated_at_local": _local_iso(record.generated_at, tz),
        },
        "city": {
            "slug": city.slug,
            "name_fr": city.name_fr,
            "name_ar": city.name_ar or "",
            "time_zone": city.time_zone,
        },
        "tor": {"title_fr": version.tor.title_fr, "title_ar": version.tor.title_ar or ""},
        "version": {
            "number": version.number,
            "status": version.status,
            "sha256": version.sha256,
            "adopted_at_utc": _utc_iso(version.adopted_at),
            "adopted_at_local": _local_iso(version.adopted_at, tz),
        },
        "decisions": decisions,
    }


def ratification_record_csv(data: dict) -> bytes:
    """The decisions of ratification_record_data as CSV (UTF-8 with BOM, one row per stakeholder)."""
    rows = [CSV_HEADER]
    for d in data["decisions"]:
        roles = " | ".join(f"{r['role']}:{r['domain']}" if r["domain"] else r["role"] for r in d["roles"])
        rows.append(
            (
                d["stakeholder"]["name_fr"],
                d["stakeholder"]["name_ar"],
                d["stakeholder"]["acronym"],
                roles,
                d["decision"],
                d["channel"],
                d["decided_at_utc"],
                d["decided_at_local"],
                d["version_sha256"],
                d["confirmed_sha256"],
            )
        )
    return csv_bytes(rows)


def record_verify_url(*, version: TorVersion, record: RatificationRecord) -> str:
    """The verify page for this record, in its language (French for a bilingual one), from SITE_URL."""
    language = "fr" if record.language == DocumentLanguage.BILINGUAL else record.language
    with translation.override(language):
        path = reverse("verify:verify")
    return f"{settings.SITE_URL}{path}?{urlencode({'sha256': version.sha256, 'record': record.pk})}"


def ratification_record_generate(*, version: TorVersion, language: str, user=None) -> RatificationRecord:
    """Render the record PDF (PDF/A-3b, its data attached), sign it, and keep its bytes and SHA-256 (of
    the signed file, as it is downloaded), in this process (the adoption task, the tests)."""
    record = ratification_record_start(version=version, language=language, user=user)
    ratification_record_render(record=record)
    return record


def ratification_record_start(*, version: TorVersion, language: str, user=None) -> RatificationRecord:
    """The record's row, before its PDF (the QR code prints its id): "in preparation" until rendered."""
    return RatificationRecord.objects.create(
        version=version, language=language, pdf=b"", sha256="", size=0, generated_by=user
    )


@transaction.atomic
def ratification_record_render(*, record: RatificationRecord) -> None:
    """Render, sign and keep the record's PDF. The row is locked, so two workers never render it twice."""
    locked = RatificationRecord.objects.select_for_update().filter(pk=record.pk, size=0).first()
    if locked is None:
        record.refresh_from_db()
        return
    version = TorVersion.objects.select_related("tor__city").get(pk=record.version_id)
    city = version.tor.city
    language = record.language
    data = ratification_record_data(version=version, record=record)
    attachments = [
        PdfAttachment(
            name=RECORD_JSON,
            data=json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"),
            description="Ratification decisions (JSON)",
        ),
        PdfAttachment(name=RECORD_CSV, data=ratification_record_csv(data), description="Ratification decisions (CSV)"),
    ]
    pdf = ratification_record_pdf(
        version=version,
        language=language,
        attachments=attachments,
        verify_url=record_verify_url(version=version, record=record),
        generated_at=record.generated_at,
    )
    with translation.override("fr" if language == DocumentLanguage.BILINGUAL else language):
        reason = _("Ratification record of version %(number)s of the terms of reference") % {"number": version.number}
        location = city.name
    pdf, _signed = pdf_sign_if_available(pdf, reason=reason, location=location)
    record.pdf, record.sha256, record.size = pdf, sha256_hex(pdf), len(pdf)
    record.full_clean()
    record.save(update_fields=["pdf", "sha256", "size"])
