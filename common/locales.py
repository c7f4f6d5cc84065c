"""Dates, times and lists as a city's people read them.

- Times are shown in the city's zone and say so: "30 novembre 2026 00:05 (heure de Tunis)". UTC is
  written beside them only where a record needs it.
- The city's locale is the page's language and the city's country: Arabic in Tunisia is "ar_TN",
  in Morocco "ar_MA". Its format module (FORMAT_MODULE_PATH/<locale>/formats.py, falling back to the
  language's own, then Django's) may define MONTHS (the month names people there use: جانفي in Tunisia,
  يناير in Morocco), LIST_SEPARATOR ("، " in Arabic) and any Django format (DATE_FORMAT, ...). A new
  country gets its conventions from a new module, without code changes.
- Time ranges are isolated left to right ("09:00–10:30"), so that they read the same inside Arabic
  running text as in a table.

A city is anything with `time_zone` (an IANA name) and `country_code` (ISO 3166 alpha-2, may be blank):
this module sits below the cities app and never imports it.
"""

import datetime as dt
import functools
import zoneinfo

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.dateformat import DateFormat
from django.utils.translation import gettext

# Unicode isolates for plain text (HTML uses <bdi dir="ltr">): LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE.
LRI, PDI = "\u2066", "\u2069"

# The place a zone is named after, as people say "heure de Tunis" / "بتوقيت تونس". Zones not listed
# here are named by the last part of their IANA name ("America/New_York" -> "New York").
ZONE_PLACES = {
    "Africa/Tunis": {"fr": "Tunis", "ar": "تونس"},
    "Africa/Casablanca": {"fr": "Casablanca", "ar": "الدار البيضاء"},
    "Africa/Algiers": {"fr": "Alger", "ar": "الجزائر"},
    "Africa/Tripoli": {"fr": "Tripoli", "ar": "طرابلس"},
    "Africa/Cairo": {"fr": "Le Caire", "ar": "القاهرة"},
    "Asia/Amman": {"fr": "Amman", "ar": "عمّان"},
    "Asia/Beirut": {"fr": "Beyrouth", "ar": "بيروت"},
    "Europe/Paris": {"fr": "Paris", "ar": "باريس"},
    "Europe/Madrid": {"fr": "Madrid", "ar": "مدريد"},
    "Europe/Rome": {"fr": "Rome", "ar": "روما"},
    "Europe/Lisbon": {"fr": "Lisbonne", "ar": "لشبونة"},
    "Europe/Brussels": {"fr": "Bruxelles", "ar": "بروكسل"},
}


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def locale_code(*, language: str, country: str = "") -> str:
    """ "ar-tn" for Arabic in Tunisia, "fr" when the country is unknown."""
    country = (country or "").strip().lower()
    return f"{language}-{country}" if country else language


@functools.cache
def _format_modules(code: str) -> tuple:
    # Project modules first (FORMAT_MODULE_PATH), then Django's; the country's before the language's.
    return tuple(formats.iter_format_modules(code, settings.FORMAT_MODULE_PATH))


def locale_value(name: str, *, language: str | None = None, country: str = ""):
    """A value of the city's locale (MONTHS, LIST_SEPARATOR, DATE_FORMAT, ...), or Django's format of
    that name for the language when no module defines it."""
    language = language or _language()
    for module in _format_modules(locale_code(language=language, country=country)):
        value = getattr(module, name, None)
        if value is not None:
            return value
    return formats.get_format(name, lang=language)


def _country(city) -> str:
    return getattr(city, "country_code", "") or ""


def _zone(city) -> zoneinfo.ZoneInfo:
    name = city if isinstance(city, str) else getattr(city, "time_zone", "") or settings.TIME_ZONE
    return zoneinfo.ZoneInfo(name)


class _LocaleDateFormat(DateFormat):
    """Django's date formatting with the locale's month names (F, E) when it has its own."""

    def __init__(self, obj, months: dict[int, str] | None):
        super().__init__(obj)
        self._months = months

    def F(self):
        return self._months[self.data.month] if self._months else super().F()

    def E(self):
        return self._months[self.data.month] if self._months else super().E()


def format_value(value, format_name_or_string: str, *, city=None) -> str:
    """A date or datetime in a Django format name ("DATE_FORMAT") or format string ("l j F Y"), with the
    city's month names. A datetime is formatted as it is: convert it with in_city_zone() first."""
    if value in (None, ""):
        return ""
    country = _country(city) if city is not None else ""
    language = _language()
    fmt = format_name_or_string
    if fmt.isupper() and fmt.endswith("FORMAT"):
        fmt = locale_value(fmt, language=language, country=country)
    months = locale_value("MONTHS", language=language, country=country)
    if not isinstance(months, dict):
        months = None
    return _LocaleDateFormat(value, months).format(fmt)


def in_city_zone(value: dt.datetime, city) -> dt.datetime:
    """An aware datetime moved to the city's zone (a naive one is taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_zone(city))


def city_today(city) -> dt.date:
    """Today's date in the city's time zone (what "today" means to the people of that city)."""
    return in_city_zone(timezone.now(), city).date()


def zone_label(city) -> str:
    """ "heure de Tunis" / "بتوقيت تونس": the zone people read the time in."""
    name = city if isinstance(city, str) else getattr(city, "time_zone", "") or settings.TIME_ZONE
    if name in ("UTC", "Etc/UTC"):
        return "UTC"
    place = ZONE_PLACES.get(name, {}).get(_language()) or name.rpartition("/")[2].replace("_", " ")
    return gettext("%(place)s time") % {"place": place}


def format_city_datetime(value, city, *, format_name: str = "DATETIME_FORMAT", with_utc: bool = False) -> str:
    """A moment in the city's zone, labelled: "30 novembre 2026 00:05 (heure de Tunis)"; with_utc adds
    the UTC time a record needs: "… (heure de Tunis) · 2026-11-29 23:05 UTC"."""
    if value in (None, ""):
        return ""
    local = in_city_zone(value, city)
    text = gettext("%(time)s (%(zone)s)") % {
        "time": format_value(local, format_name, city=city),
        "zone": zone_label(city),
    }
    if with_utc:
        text = f"{text} · {format_utc(value)}"
    return text


def format_in_utc(value, *, city=None, format_name: str = "DATETIME_FORMAT") -> str:
    """A moment as read in UTC, in the reader's format with the city's month names ("29 novembre 2026
    23:05"); the page says it is UTC (a column heading, a label)."""
    if value in (None, ""):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_value(value.astimezone(dt.UTC), format_name, city=city)


def format_utc(value) -> str:
    """The UTC time a record carries, in one unambiguous form: 2026-11-29 23:05 UTC."""
    if value in (None, ""):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def format_time_range(start, end, *, html: bool = False) -> str:
    """ "09:00–10:30", isolated left to right so that Arabic text does not turn it round."""
    text = f"{start:%H:%M}–{end:%H:%M}"
    return f'<bdi dir="ltr">{text}</bdi>' if html else f"{LRI}{text}{PDI}"


def list_separator(*, city=None) -> str:
    """ ", " in French, "، " in Arabic (the locale's LIST_SEPARATOR)."""
    country = _country(city) if city is not None else ""
    value = locale_value("LIST_SEPARATOR", country=country)
    return value if value != "LIST_SEPARATOR" else ", "


def join_list(items, *, city=None) -> str:
    """Items joined with the language's list separator (empty ones left out)."""
    return list_separator(city=city).join(str(item) for item in items if item not in (None, ""))
