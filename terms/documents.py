"""PDFs of the terms app: a ToR version, and the ratification record (PDF/A-3b).

Each takes its data from selectors and returns bytes; `language` is "fr", "ar" or "bi" (bilingual,
French labels with Arabic beside them).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.locales import zone_label
from common.pdf import DocumentLanguage, PdfAttachment, qr_code_data_uri, render_pdf
from common.services import document_state, issued_document_get_or_issue

from .models import DecisionChannel, RatificationStatus, TorVersion, VersionStatus
from .selectors import RecordRow, ratification_record_rows


def _both(callable_):
    """The same label in French and Arabic, for bilingual documents."""
    out = {}
    for lang in ("fr", "ar"):
        with translation.override(lang):
            out[lang] = str(callable_())
    return out


def tor_version_pdf(*, version: TorVersion, language: str) -> bytes:
    """A draft's PDF, rendered now; a frozen version's PDF as issued: signed, and kept per language and
    printed state (its status, titles and city), so the verify page knows the file."""
    if version.status == VersionStatus.DRAFT:
        return tor_version_pdf_render(version=version, language=language)
    city, tor = version.tor.city, version.tor
    with translation.override("fr" if language == DocumentLanguage.BILINGUAL else language):
        reason = _("Version %(number)s of the terms of reference") % {"number": version.number}
    issued = issued_document_get_or_issue(
        target=version,
        language=language,
        state=document_state(
            version.sha256,
            version.status,
            tor.title_fr,
            tor.title_ar,
            city.name_fr,
            city.name_ar,
            city.programme_fr,
            city.programme_ar,
        ),
        render=lambda: tor_version_pdf_render(version=version, language=language),
        reason=reason,
        location=city.name,
    )
    return bytes(issued.pdf)


def tor_version_pdf_render(*, version: TorVersion, language: str) -> bytes:
    """The version's sections in one language or both side by side, with its number, status and SHA-256."""
    sections = list(version.sections.order_by("position", "pk"))
    city = version.tor.city
    context = {
        "version": version,
        "tor": version.tor,
        "city": city,
        "sections": sections,
        "mode": language,
        "status_both": _both(version.get_status_display),
        # Shown in the city's zone, labelled (common_tags.city_time): people read local time.
        "generated_at": timezone.now(),
    }
    return render_pdf("terms/pdf/version.html", context, language=language)


def _utc(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _local(value: dt.datetime | None, tz, *, labelled: bool = True) -> str:
    """The city's time beside the UTC one, labelled with its zone: 2026-11-30 00:05:00 (heure de Tunis,
    UTC+01:00). In the record's table the column header names the zone: the cells keep the offset only
    (a longer cell wraps, and 200 rows then take a third more pages and render time)."""
    if value is None:
        return ""
    local = value.astimezone(tz)
    offset = local.strftime("%z")
    if not labelled:
        return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"
    return f"{local:%Y-%m-%d %H:%M:%S} ({zone_label(str(tz))}, UTC{offset[:3]}:{offset[3:]})"


@dataclass(frozen=True)
class RecordLine:
    number: int
    row: RecordRow
    status: str
    roles: str
    decision_label: str
    channel_label: str
    decided_utc: str
    decided_local: str


def _labels(lang: str) -> dict:
    with translation.override(lang):
        return {
            "status": {k: str(v) for k, v in RatificationStatus.choices},
            "channel": {k: str(v) for k, v in DecisionChannel.choices},
            "none": _("No request"),
        }


def _record_lines(version: TorVersion, language: str) -> list[RecordLine]:
    """Rows of the record with every label resolved here, so that the template stays lean."""
    tz = version.tor.city.tzinfo
    languages = ("fr", "ar") if language == DocumentLanguage.BILINGUAL else (language,)
    labels = {lang: _labels(lang) for lang in languages}

    def both(pick) -> str:
        return " · ".join(pick(labels[lang]) for lang in languages)

    def role_names(row) -> str:
        names = []
        for a in row.roles:
            for lang in languages:
                role = getattr(a.role, f"name_{lang}") or a.role.name_fr
                domain = (getattr(a.domain, f"name_{lang}") or a.domain.name_fr) if a.domain_id else ""
                names.append(f"{role} ({domain})" if domain else role)
        return " · ".join(names) or "—"

    lines = []
    for number, row in enumerate(ratification_record_rows(version=version), start=1):
        rr = row.request
        lines.append(
            RecordLine(
                number=number,
                row=row,
                status=rr.status if rr else "",
                roles=role_names(row),
                decision_label=both(lambda lab, rr=rr: lab["status"][rr.status] if rr else lab["none"]),
                channel_label=both(lambda lab, rr=rr: lab["channel"][rr.channel]) if rr and rr.channel else "",
                decided_utc=_utc(rr.decided_at) if rr else "",
                decided_local=_local(rr.decided_at, tz, labelled=False) if rr else "",
            )
        )
    return lines


def ratification_record_pdf(
    *,
    version: TorVersion,
    language: str,
    attachments: list[PdfAttachment] | tuple = (),
    verify_url: str = "",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The ratification record: city, version and its SHA-256, then each stakeholder with role, contact,
    decision, reason, times in UTC and the city's local time, and whether it came by link or on paper.

    terms.records passes the data files to embed, and the verify page's address for the QR code."""
    version = TorVersion.objects.select_related("tor__city").get(pk=version.pk)
    city = version.tor.city
    # The local times carry their zone's name in the document's language (French for a bilingual record).
    with translation.override(str(DocumentLanguage.FRENCH if language == DocumentLanguage.BILINGUAL else language)):
        lines = _record_lines(version, language)
        now = generated_at or timezone.now()
        counts = {s: sum(1 for line in lines if line.status == s) for s in RatificationStatus.values}
        counts["withdrawn"] = sum(len(line.row.withdrawn) for line in lines)
        context = {
            "version": version,
            "tor": version.tor,
            "city": city,
            "lines": lines,
            "counts": counts,
            "mode": language,
            "status_both": _both(version.get_status_display),
            "generated_utc": _utc(now),
            "generated_local": _local(now, city.tzinfo),
            "adopted_utc": _utc(version.adopted_at),
            "adopted_local": _local(version.adopted_at, city.tzinfo),
            "time_zone": city.time_zone,
            "zone_label": zone_label(city.time_zone),
            "verify_url": verify_url,
            "verify_qr": qr_code_data_uri(verify_url) if verify_url else "",
        }
    return render_pdf(
        "terms/pdf/record.html", context, language=language, pdf_variant="pdf/a-3b", attachments=attachments
    )
