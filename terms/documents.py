"""PDFs of the terms app: a ToR version, and the ratification record (PDF/A-3b).

Each takes its data from selectors and returns bytes; `language` is "fr", "ar" or "bi" (bilingual,
French labels with Arabic beside them).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.pdf import DocumentLanguage, html_to_pdf, render_html, render_pdf

from .models import DecisionChannel, RatificationStatus, TorVersion
from .selectors import RecordRow, ratification_record_rows


def _both(callable_):
    """The same label in French and Arabic, for bilingual documents."""
    out = {}
    for lang in ("fr", "ar"):
        with translation.override(lang):
            out[lang] = str(callable_())
    return out


def tor_version_pdf(*, version: TorVersion, language: str) -> bytes:
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
        "generated_utc": _utc(timezone.now()),
    }
    return render_pdf("terms/pdf/version.html", context, language=language)


def _utc(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _local(value: dt.datetime | None, tz) -> str:
    if value is None:
        return ""
    local = value.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


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
                decided_local=_local(rr.decided_at, tz) if rr else "",
            )
        )
    return lines


def ratification_record_pdf(*, version: TorVersion, language: str) -> bytes:
    """The ratification record: city, version and its SHA-256, then each stakeholder with role, contact,
    decision, reason, times in UTC and the city's local time, and whether it came by link or on paper."""
    return html_to_pdf(ratification_record_html(version=version, language=language), pdf_variant="pdf/a-3b")


def ratification_record_html(*, version: TorVersion, language: str) -> str:
    """The record's final HTML (what ratification_record_pdf prints)."""
    version = TorVersion.objects.select_related("tor__city").get(pk=version.pk)
    city = version.tor.city
    lines = _record_lines(version, language)
    now = timezone.now()
    counts = {s: sum(1 for line in lines if line.status == s) for s in RatificationStatus.values}
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
    }
    return render_html("terms/pdf/record.html", context, language=language)
