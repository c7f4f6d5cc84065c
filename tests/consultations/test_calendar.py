import datetime as dt

from consultations.calendar import city_calendar_ics, consultation_ics, ics_escape, ics_fold
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
