"""iCalendar (RFC 5545) for consultations, written with the `icalendar` library.

- the library writes the components, dates and time zones, in CRLF lines folded at 75 octets (never
  inside a UTF-8 character);
- TEXT values are escaped by ics_escape() (backslash, semicolon, comma, newlines; the control characters
  TEXT may not hold are dropped), since icalendar 7.3 would write a literal backslash + N as a newline;
- DTSTART/DTEND are in UTC (the consultation's local times converted through the city's zone). A wall
  time that UTC cannot hold (the first hours of year 1 east of Greenwich, the last of year 9999 west
  of it) keeps the city's TZID instead, and the calendar then carries a VTIMEZONE for that zone;
- UID is stable per consultation, DTSTAMP/LAST-MODIFIED are its last change, so the feed does
  not change between two fetches unless a consultation did;
- METHOD:PUBLISH (RFC 5546): the file informs, it asks for no reply. Answers go through the invitee's
  personal link, so there is no ATTENDEE and a calendar offers no accept/decline buttons; the ORGANIZER
  (which PUBLISH requires) is the city, reached at its coordinator's address, else the no-reply sender.
"""

import datetime as dt
import re
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText
from icalendar.parser import Contentline

from .models import Consultation, ConsultationKind, ConsultationStatus

PRODID = "-//Stakeholder group//Consultations//FR"


# Control characters a TEXT value may not hold (RFC 5545 3.3.11 allows tab; newlines are escaped first).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def ics_escape(value: str) -> str:
    """A TEXT value escaped as the calendar writes it: backslash, semicolon, comma, newlines (other
    control characters, which TEXT may not hold, are dropped)."""
    return _CONTROL.sub(
        "",
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n"),
    )


class _Text(vText):
    """TEXT written with ics_escape(): icalendar 7.3 first turns a literal backslash + N (as in a path
    C:\\Notes) into a newline; its parser reads the exact escape back as it was."""

    def to_ical(self) -> bytes:
        return ics_escape(str(self)).encode("utf-8")


def ics_fold(line: str) -> str:
    """One content line folded as the calendar writes it: chunks of at most 75 octets joined by CRLF + space."""
    return Contentline(line).to_ical().decode("utf-8")


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _text(consultation: Consultation, name: str, language: str) -> str:
    return getattr(consultation, f"{name}_{language}", "") or getattr(consultation, f"{name}_fr", "") or ""


def _organizer(city, language: str) -> vCalAddress:
    """The city, at its coordinator's address (replies reach a person), else at the no-reply sender's."""
    address = getattr(city, "reply_to_email", "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{address}")
    name = getattr(city, f"name_{language}", "") or getattr(city, "name_fr", "")
    if name:
        organizer.params["cn"] = name
    return organizer


def _utc_or_local(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC, or as it is (in the city's zone, written with its TZID) when UTC cannot hold it."""
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        return moment


def _event(consultation: Consultation, *, language: str, agenda: Iterable = (), url: str = "") -> Event:
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
    updated_at = consultation.updated_at.astimezone(dt.UTC)
    event = Event()
    event.add("uid", f"consultation-{consultation.pk}@{_host()}")
    event.add("dtstamp", updated_at)
    event.add("last-modified", updated_at)
    event.add("dtstart", _utc_or_local(consultation.starts_at))
    event.add("dtend", _utc_or_local(consultation.ends_at))
    event.add("summary", _Text(_text(consultation, "title", language)))
    event.add("description", _Text("\n".join(description_parts)))
    venue = _text(consultation, "venue", language)
    if venue:
        event.add("location", _Text(venue))
    event.add("organizer", _organizer(consultation.city, language))
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED" if consultation.status != ConsultationStatus.PLANNED else "TENTATIVE")
    event.add("transp", "OPAQUE")
    return event


def _local_moments(events: list[Event]) -> dict[str, list[dt.datetime]]:
    """The times written with a TZID, by TZID (UTC ones need no VTIMEZONE)."""
    moments: dict[str, list[dt.datetime]] = {}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            value = event[name]
            tzid = value.params.get("TZID")
            if tzid:
                moments.setdefault(tzid, []).append(value.dt)
    return moments


def _timezone(tzid: str, moments: list[dt.datetime]) -> Timezone:
    """A VTIMEZONE that is right for these wall times: one observance from the first of them, and another
    wherever the offset changes. icalendar's Timezone.from_tzinfo() cannot reach the end of year 9999, and
    these times are only ever the extreme ones."""
    timezone = Timezone()
    timezone.add("tzid", tzid)
    previous = None
    for moment in sorted(moments, key=lambda moment: moment.replace(tzinfo=None)):
        offset = moment.utcoffset()
        if offset == previous:
            continue
        observance = TimezoneDaylight() if moment.dst() else TimezoneStandard()
        start = moment.replace(tzinfo=None)
        if previous is None:
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        observance.add("dtstart", start)
        observance.add("tzoffsetfrom", offset if previous is None else previous)
        observance.add("tzoffsetto", offset)
        observance.add("tzname", moment.tzname() or tzid)
        timezone.add_component(observance)
        previous = offset
    return timezone


def _calendar(events: list[Event], *, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", _Text(name))
    for tzid, moments in sorted(_local_moments(events).items()):
        calendar.add_component(_timezone(tzid, moments))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def consultation_ics(consultation: Consultation, *, language: str, agenda: Iterable | None = None) -> bytes:
    """One consultation as an .ics file (attached to invitations, downloadable by members)."""
    if agenda is None:
        agenda = consultation.agenda_items.order_by("start_time", "position", "pk")
    return _calendar([_event(consultation, language=language, agenda=agenda)])


def city_calendar_ics(*, city, consultations: Iterable[Consultation], language: str) -> bytes:
    """The city's consultations as one feed."""
    events = []
    for consultation in consultations:
        consultation.city = city
        url = settings.SITE_URL + consultation_url(consultation, language)
        events.append(_event(consultation, language=language, url=url))
    with translation.override(language):
        name = gettext("Consultations – %(city)s") % {"city": getattr(city, f"name_{language}", "") or city.name_fr}
    return _calendar(events, name=name)


def consultation_url(consultation: Consultation, language: str) -> str:
    with translation.override(language):
        return consultation.get_absolute_url()
