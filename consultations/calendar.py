"""iCalendar (RFC 5545) text for consultations, written by hand: it is small and exact.

- lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character);
- TEXT values escape backslash, semicolon, comma and newlines;
- DTSTART/DTEND are in UTC (the consultation's local times converted through the city's zone);
- UID is stable per consultation, DTSTAMP/LAST-MODIFIED are its last change, so the feed does
  not change between two fetches unless a consultation did.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from .models import Consultation, ConsultationKind, ConsultationStatus

PRODID = "-//Stakeholder group//Consultations//FR"


def ics_escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets joined by CRLF + space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts = []
    current = b""
    limit = 75
    for char in line:
        char_bytes = char.encode("utf-8")
        if len(current) + len(char_bytes) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with one space
        current += char_bytes
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def ics_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _text(consultation: Consultation, name: str, language: str) -> str:
    return getattr(consultation, f"{name}_{language}", "") or getattr(consultation, f"{name}_fr", "") or ""


def _event_lines(consultation: Consultation, *, language: str, agenda: Iterable = (), url: str = "") -> list[str]:
    with translation.override(language):
        kind = str(dict(ConsultationKind.choices)[consultation.kind])
        description_parts = [kind]
        objectives = _text(consultation, "objectives", language)
        if objectives:
            description_parts.append(objectives)
        agenda_lines = []
        for item in agenda:
            title = getattr(item, f"title_{language}", "") or item.title_fr
            agenda_lines.append(f"{item.start_time:%H:%M}–{item.end_time:%H:%M} {title}")
        if agenda_lines:
            description_parts.append("\n".join(agenda_lines))
    lines = [
        "BEGIN:VEVENT",
        f"UID:consultation-{consultation.pk}@{_host()}",
        f"DTSTAMP:{ics_utc(consultation.updated_at)}",
        f"LAST-MODIFIED:{ics_utc(consultation.updated_at)}",
        f"DTSTART:{ics_utc(consultation.starts_at)}",
        f"DTEND:{ics_utc(consultation.ends_at)}",
        f"SUMMARY:{ics_escape(_text(consultation, 'title', language))}",
        f"DESCRIPTION:{ics_escape(chr(10).join(description_parts))}",
    ]
    venue = _text(consultation, "venue", language)
    if venue:
        lines.append(f"LOCATION:{ics_escape(venue)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("STATUS:CONFIRMED" if consultation.status != ConsultationStatus.PLANNED else "STATUS:TENTATIVE")
    lines.append("TRANSP:OPAQUE")
    lines.append("END:VEVENT")
    return lines


def _calendar(body: list[str], *, name: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{ics_escape(name)}")
    lines += body
    lines.append("END:VCALENDAR")
    return ("\r\n".join(ics_fold(line) for line in lines) + "\r\n").encode("utf-8")


def consultation_ics(consultation: Consultation, *, language: str, agenda: Iterable | None = None) -> bytes:
    """One consultation as an .ics file (attached to invitations, downloadable by members)."""
    if agenda is None:
        agenda = consultation.agenda_items.order_by("start_time", "position", "pk")
    return _calendar(_event_lines(consultation, language=language, agenda=agenda))


def city_calendar_ics(*, city, consultations: Iterable[Consultation], language: str) -> bytes:
    """The city's consultations as one feed."""
    body = []
    for consultation in consultations:
        consultation.city = city
        url = settings.SITE_URL + consultation_url(consultation, language)
        body += _event_lines(consultation, language=language, url=url)
    with translation.override(language):
        name = gettext("Consultations – %(city)s") % {"city": getattr(city, f"name_{language}", "") or city.name_fr}
    return _calendar(body, name=name)


def consultation_url(consultation: Consultation, language: str) -> str:
    with translation.override(language):
        return consultation.get_absolute_url()
