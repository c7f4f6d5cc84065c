import datetime as dt
import re

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from cities.models import City
from consultations.calendar import city_calendar_ics, consultation_ics, ics_escape, ics_fold
from consultations.models import Consultation
from tests.factories import AgendaItemFactory, ConsultationFactory


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_text_values_are_escaped():
    assert ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "مأسسة مجموعة الأطراف المعنية بالمدينة " * 4
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_a_consultation_is_one_event_in_utc(city):
    consultation = ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation; alignement, engagement",
        title_ar="الاستشارة الأولى",
        venue_fr="Municipalité de Tunis",
        date=dt.date(2023, 11, 7),
        start_time=dt.time(10, 30),
        end_time=dt.time(13),
    )
    AgendaItemFactory(consultation=consultation, title_fr="Discours de bienvenue", title_ar="كلمات الترحيب")
    text = consultation_ics(consultation, language="fr").decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = _unfold(text).split("\r\n")
    assert f"UID:consultation-{consultation.pk}@stakeholders.example.org" in lines
    assert "DTSTART:20231107T093000Z" in lines  # 10:30 in Tunis (UTC+1)
    assert "DTEND:20231107T120000Z" in lines
    assert "SUMMARY:Première consultation\\; alignement\\, engagement" in lines
    assert "LOCATION:Municipalité de Tunis" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert "10:30–10:45 Discours de bienvenue" in _unfold(text)
    arabic = _unfold(consultation_ics(consultation, language="ar").decode())
    assert "SUMMARY:الاستشارة الأولى" in arabic
    assert "كلمات الترحيب" in arabic


def test_the_city_feed_lists_its_consultations_only(client, city, other_city, bob):
    ConsultationFactory(city=city, number=1, title_fr="Tunis 1")
    ConsultationFactory(city=city, number=2, title_fr="Tunis 2", date=dt.date(2030, 6, 1))
    ConsultationFactory(city=other_city, number=1, title_fr="Sfax 1")
    client.force_login(bob)
    response = client.get("/fr/c/tunis/consultations/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = _unfold(response.content.decode())
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Tunis 1" in text and "SUMMARY:Tunis 2" in text and "Sfax" not in text
    assert "X-WR-CALNAME:Consultations – Tunis" in text
    assert "URL:https://stakeholders.example.org/fr/c/tunis/consultations/1/" in text


def test_the_feed_is_stable_between_two_fetches(city):
    ConsultationFactory(city=city, number=1)
    first = city_calendar_ics(city=city, consultations=city.consultations.all(), language="fr")
    second = city_calendar_ics(city=city, consultations=city.consultations.all(), language="fr")
    assert first == second


# Parsed back with the icalendar library, as a calendar client would read the file.


def _parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()  # every TZID used has its VTIMEZONE
    return calendar


def _lines_are_valid(data: bytes):
    assert data.endswith(b"\r\n")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        assert b"\n" not in line and b"\r" not in line
        line.decode("utf-8")  # never cut inside a character


def test_the_file_parses_back_with_every_field_as_typed(city):
    consultation = ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation; alignement, engagement\nsuite \\ fin",
        title_ar="الاستشارة الأولى; مأسسة, المجموعة\nالأطراف المعنية بالمدينة، الرؤية؛ الالتزام",
        venue_fr="Salle 2, Municipalité; Tunis",
        venue_ar="البلدية، قاعة 2",
        date=dt.date(2023, 11, 7),
        start_time=dt.time(10, 30),
        end_time=dt.time(13),
    )
    for language, title, venue in (
        ("fr", consultation.title_fr, consultation.venue_fr),
        ("ar", consultation.title_ar, consultation.venue_ar),
    ):
        data = consultation_ics(consultation, language=language)
        _lines_are_valid(data)
        calendar = _parse(data)
        assert str(calendar["VERSION"]) == "2.0"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"consultation-{consultation.pk}@stakeholders.example.org"
        assert str(event["SUMMARY"]) == title
        assert str(event["LOCATION"]) == venue
        assert "TZID" not in event["DTSTART"].params and "TZID" not in event["DTEND"].params
        assert event.start == dt.datetime(2023, 11, 7, 9, 30, tzinfo=dt.UTC)  # 10:30 in Tunis
        assert event.start.utcoffset() == dt.timedelta(0)
        assert event.end == dt.datetime(2023, 11, 7, 12, tzinfo=dt.UTC)
        assert event["DTSTAMP"].dt == consultation.updated_at.replace(microsecond=0)
        assert calendar.walk("VTIMEZONE") == []  # all in UTC: no zone to describe


def test_a_backslash_n_in_a_title_stays_a_backslash_n(city):
    consultation = ConsultationFactory(city=city, number=1, title_fr="Dossier C:\\Notes\\2023")
    [event] = _parse(consultation_ics(consultation, language="fr")).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Dossier C:\\Notes\\2023"


def test_control_characters_are_dropped_tabs_kept():
    assert ics_escape("a\x00b\x07c\td\x7f") == "abc\td"


def test_the_first_hour_of_year_1_keeps_the_city_zone_with_its_vtimezone(city):
    """00:00 on 0001-01-01 in Tunis (then UTC+00:40:44) is in year 0 in UTC, which no datetime holds."""
    consultation = ConsultationFactory(
        city=city, number=1, date=dt.date(1, 1, 1), start_time=dt.time(0, 0), end_time=dt.time(2, 0)
    )
    data = consultation_ics(consultation, language="fr")
    _lines_are_valid(data)
    assert b"DTSTART;TZID=Africa/Tunis:00010101T000000\r\n" in data
    calendar = _parse(data)
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Africa/Tunis"
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Africa/Tunis"
    assert event.start.replace(tzinfo=None) == dt.datetime(1, 1, 1, 0, 0)
    assert event.start.utcoffset() == dt.timedelta(minutes=40, seconds=44)
    assert event.end == dt.datetime(1, 1, 1, 1, 19, 16, tzinfo=dt.UTC)  # 02:00 local is in UTC's range


def test_the_last_hour_of_year_9999_west_of_greenwich(city):
    city.time_zone = "America/New_York"
    city.save()
    consultation = ConsultationFactory(
        city=city, number=1, date=dt.date(9999, 12, 31), start_time=dt.time(18, 0), end_time=dt.time(23, 59)
    )
    ConsultationFactory(city=city, number=2, date=dt.date(9999, 12, 31), start_time=dt.time(20), end_time=dt.time(21))
    calendar = _parse(consultation_ics(consultation, language="ar"))
    [event] = calendar.walk("VEVENT")
    assert event.start == dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
    assert event["DTEND"].params["TZID"] == "America/New_York"
    assert event.end.replace(tzinfo=None) == dt.datetime(9999, 12, 31, 23, 59)
    [timezone] = calendar.walk("VTIMEZONE")
    [observance] = timezone.subcomponents
    assert observance["TZOFFSETTO"].td == dt.timedelta(hours=-5)
    feed = city_calendar_ics(city=city, consultations=city.consultations.all(), language="fr")
    _lines_are_valid(feed)
    calendar = _parse(feed)
    assert len(calendar.walk("VEVENT")) == 2
    assert len(calendar.walk("VTIMEZONE")) == 1  # one per zone, before the events


ZONES = ["Africa/Tunis", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Paris", "UTC"]
TEXT = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x0020, max_codepoint=0x024F),
        st.sampled_from(["\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\\", "\\N", "\\n", ";", ",", ":", "\u200f", "😀"]),
    ),
    min_size=1,
    max_size=100,
).map("".join)
SECONDS = st.times().map(lambda time: time.replace(microsecond=0))


@settings(max_examples=150, deadline=None)
@given(
    title=TEXT,
    zone=st.sampled_from(ZONES),
    date=st.dates(),
    times=st.tuples(SECONDS, SECONDS).map(sorted),
)
def test_any_title_date_and_zone_make_a_valid_file(title, zone, date, times):
    city = City(slug="ville", name_fr="Ville", name_ar="مدينة", time_zone=zone)
    consultation = Consultation(
        pk=7,
        city=city,
        number=1,
        kind="alignment",
        title_fr=title,
        date=date,
        start_time=times[0],
        end_time=times[1],
        updated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    data = consultation_ics(consultation, language="fr", agenda=[])
    _lines_are_valid(data)
    [event] = _parse(data).walk("VEVENT")
    # Line ends read back as \n; control characters other than tab and newline are not in TEXT's alphabet.
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", title.replace("\r\n", "\n").replace("\r", "\n"))
    assert str(event["SUMMARY"]) == expected
    for name, moment in (("DTSTART", consultation.starts_at), ("DTEND", consultation.ends_at)):
        value = event[name]
        if "TZID" in value.params:
            assert value.params["TZID"] == zone
            assert value.dt.replace(tzinfo=None) == moment.replace(tzinfo=None)
        else:
            assert value.dt == moment.astimezone(dt.UTC)


# --- METHOD:PUBLISH: the file informs; answers go through the personal link --------------------------


def _published_consultation(city):
    city.reply_to_email = "coordination@tunis.example.org"
    city.save()
    return ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation, alignement",
        title_ar="الاستشارة الأولى، المواءمة",
        date=dt.date(2024, 2, 13),
        start_time=dt.time(9),
        end_time=dt.time(13),
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_invitation_calendar_is_published_by_the_city_and_asks_for_no_reply(city, language):
    consultation = _published_consultation(city)
    data = consultation_ics(consultation, language=language)

    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:coordination@tunis.example.org"
    assert event["ORGANIZER"].params["CN"] == {"fr": "Tunis", "ar": "تونس"}[language]
    assert "ATTENDEE" not in event

    # A second parser, that did not write the file, reads the same.
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.method.value == "PUBLISH"
    assert parsed.vevent.organizer.value == "mailto:coordination@tunis.example.org"
    assert (
        parsed.vevent.summary.value
        == {"fr": "Première consultation, alignement", "ar": "الاستشارة الأولى، المواءمة"}[language]
    )
    assert parsed.vevent.dtstart.value == dt.datetime(2024, 2, 13, 8, 0, tzinfo=dt.UTC)
    assert not hasattr(parsed.vevent, "attendee")


def test_without_a_coordinator_the_organizer_is_the_no_reply_sender(city):
    consultation = ConsultationFactory(city=city, number=1)
    event = Calendar.from_ical(consultation_ics(consultation, language="fr")).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == "mailto:no-reply@localhost"


def test_the_city_feed_is_published_too(city):
    consultation = _published_consultation(city)
    data = city_calendar_ics(city=city, consultations=[consultation], language="fr")
    assert vobject.readOne(data.decode("utf-8")).method.value == "PUBLISH"
