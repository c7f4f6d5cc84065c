"""PDF content, read back with pypdf: titles, times and notices in French, Arabic and both."""

import io

import pytest
from pypdf import PdfReader

from consultations import demo
from consultations.documents import agenda_pdf, minutes_pdf
from consultations.models import Consultation
from stakeholders.models import Category
from tests.factories import ContactFactory, StakeholderFactory

TITLE_FR = "Institutionnalisation du groupe des parties prenantes de la ville – Première consultation"
TITLE_AR = "مأسسة مجموعة الأطراف المعنية بالمدينة – الاستشارة الأولى"
TIMES = ["10:30–10:45", "10:45–11:00", "11:00–12:00", "12:00–12:30", "12:30–13:00"]


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Line breaks fall wherever the layout wraps: compare words, not lines.
    return len(reader.pages), " ".join(text.split())


@pytest.fixture
def tunis(city, other_city):
    city.name_fr, city.name_ar = "Ville de Tunis", "بلدية تونس"
    city.programme_fr = "Migration ville-à-ville en Méditerranée (MC2CM)"
    city.programme_ar = "الهجرة من مدينة إلى مدينة في المتوسط"
    city.save()
    municipal = StakeholderFactory(
        city=city,
        category=Category.MUNICIPAL_SERVICE,
        name_fr="Direction des affaires sociales",
        name_ar="إدارة الشؤون الاجتماعية",
    )
    ContactFactory(stakeholder=municipal, name="Leïla Gharbi")
    StakeholderFactory(city=city, category=Category.CIVIL_SOCIETY, name_fr="Association Terre d'Asile")
    demo.load(city, {}, other_city=other_city)
    return Consultation.objects.select_related("city").get(city=city, number=1)


def test_the_french_agenda_has_the_title_times_moderation_and_notice(tunis):
    pages, text = _text(agenda_pdf(tunis, language="fr"))
    assert pages == 1
    assert "Migration ville-à-ville en Méditerranée (MC2CM) · Ville de Tunis" in text
    assert TITLE_FR in text
    assert "mardi 7 novembre 2023 · 10:30–13:00 · Municipalité de Tunis" in text
    for time in TIMES:
        assert time in text
    assert text.count("Modération : Souhaib Khayati, Expert local") == 3
    assert "Les discussions sont régies par la règle de Chatham House" in text
    assert "Projet MC2CM RUCP" in text and "Attribution des rôles de coordination pour chaque partie prenante" in text
    assert "1 / 1" in text


def test_the_arabic_agenda_has_the_arabic_title_and_times(tunis):
    pages, text = _text(agenda_pdf(tunis, language="ar"))
    assert pages == 1
    assert TITLE_AR in text
    for time in TIMES:
        assert time in text
    for title in ["كلمات الترحيب", "جولة تعارف", "تقديم الاختصاصات المرجعية", "استراحة قهوة", "نقاش والخطوات المقبلة"]:
        assert title in text
    assert "التسيير: Souhaib Khayati، خبير محلي" in text
    assert "تجري النقاشات وفق قاعدة تشاتام هاوس" in text
    assert "الهجرة من مدينة إلى مدينة في المتوسط" in text
    assert "Discours de bienvenue" not in text


def test_the_bilingual_agenda_has_both_titles_and_the_times_on_one_page(tunis):
    pages, text = _text(agenda_pdf(tunis, language="bi"))
    assert pages == 1
    assert TITLE_AR in text
    assert TITLE_FR in text
    for time in TIMES:
        assert time in text
    for pair in [("Discours de bienvenue", "كلمات الترحيب"), ("Pause café", "استراحة قهوة")]:
        assert pair[0] in text and pair[1] in text
    # The expected outcome is in both columns, as in the one-language agendas.
    assert "Résultat attendu" in text and "النتيجة المنتظرة" in text
    assert "Ordre du jour · جدول الأعمال" in text


def test_without_chatham_house_there_is_no_notice(tunis):
    Consultation.objects.filter(pk=tunis.pk).update(chatham_house=False)
    tunis.refresh_from_db()
    _pages, text = _text(agenda_pdf(tunis, language="fr"))
    assert "Chatham House" not in text


def test_the_minutes_say_the_rule_applied_and_list_organisations_only(tunis):
    _pages, text = _text(minutes_pdf(tunis, language="fr"))
    assert "La règle de Chatham House s’est appliquée à cette consultation" in text
    assert "Présences : 1 organisation" in text
    assert "Direction des affaires sociales" in text
    assert "Leïla Gharbi" not in text
    assert "Association Terre d'Asile" not in text  # invited, not present
    _pages, text = _text(minutes_pdf(tunis, language="bi"))
    assert "طُبقت قاعدة تشاتام هاوس على هذه الاستشارة" in text
    assert "الحضور: مؤسسة واحدة" in text


def test_without_chatham_house_the_minutes_name_the_people(tunis):
    Consultation.objects.filter(pk=tunis.pk).update(chatham_house=False)
    tunis.refresh_from_db()
    tunis.invitations.filter(attended=True).update(
        contact=tunis.city.stakeholders.get(name_fr="Direction des affaires sociales").contacts.get()
    )
    _pages, text = _text(minutes_pdf(tunis, language="fr"))
    assert "Chatham House" not in text
    assert "Direction des affaires sociales" in text and "Leïla Gharbi" in text


def test_the_pdf_endpoints_answer_in_the_asked_language(client, tunis, bob):
    client.force_login(bob)
    response = client.get("/fr/c/tunis/consultations/1/agenda.pdf?lang=ar")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="agenda-tunis-consultation-1-ar.pdf"' in response["Content-Disposition"]
    assert TITLE_AR in _text(response.content)[1]
    # an unknown language falls back to the page's language
    response = client.get("/ar/c/tunis/consultations/1/agenda.pdf?lang=xx")
    assert 'filename="agenda-tunis-consultation-1-ar.pdf"' in response["Content-Disposition"]


def test_the_print_preview_shows_the_same_content(client, tunis, bob):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/consultations/1/agenda/print/?lang=ar").content.decode()
    assert '<div class="print-preview" lang="ar" dir="rtl">' in html
    assert TITLE_AR in html
    assert "التسيير:" in html
    assert "<style>" not in html
    html = client.get("/fr/c/tunis/consultations/1/agenda/print/?lang=bi").content.decode()
    assert TITLE_FR in html and TITLE_AR in html
