"""French shown inside an Arabic document is marked as French; staff see what lacks a translation."""

import datetime as dt
import subprocess

import pytest
from django.template import Context, Template
from django.utils import translation

from common import bidi
from consultations.documents import agenda_context, minutes_pdf
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    ConsultationFactory,
    ContactFactory,
    MinutesFactory,
    RoadmapVersionFactory,
    StakeholderFactory,
)


def render(source: str, **context) -> str:
    return Template("{% load common_tags %}" + source).render(Context(context))


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


class TestTranslated:
    def test_the_arabic_when_there_is_one(self):
        with translation.override("ar"):
            assert render('{% translated o "t" %}', o={"t_fr": "Budget", "t_ar": "ميزانية"}) == "ميزانية"

    def test_french_in_an_arabic_document_is_marked(self):
        with translation.override("ar"):
            html = render('{% translated o "t" %}', o={"t_fr": "Budget municipal (illustratif).", "t_ar": ""})
        assert html == '<span lang="fr" dir="ltr">Budget municipal (illustratif).</span>'

    def test_french_in_a_french_document_is_not(self):
        with translation.override("fr"):
            assert render('{% translated o "t" %}', o={"t_fr": "Budget", "t_ar": ""}) == "Budget"

    def test_an_explicit_language_and_paragraphs(self):
        html = render('{% translated o "t" "ar" block=True %}', o={"t_fr": "Un.\n\nDeux <b>", "t_ar": ""})
        assert html == '<div lang="fr" dir="ltr"><p>Un.</p>\n\n<p>Deux &lt;b&gt;</p></div>'

    def test_a_snapshot_stored_before_the_field_was_translated(self):
        with translation.override("ar"):
            assert render('{% translated o "source" %}', o={"source": "Budget"}) == (
                '<span lang="fr" dir="ltr">Budget</span>'
            )

    def test_free_text_is_marked_by_its_script(self):
        with translation.override("ar"):
            assert render("{{ t|in_script }}", t="Expert local") == '<span lang="fr" dir="ltr">Expert local</span>'
            assert render("{{ t|in_script }}", t="خبير محلي") == "خبير محلي"
        with translation.override("fr"):
            assert render("{{ t|in_script }}", t="خبير محلي") == '<span lang="ar" dir="rtl">خبير محلي</span>'


def test_translation_gaps_name_the_field_and_the_missing_language():
    gaps = bidi.translation_gaps(
        {"a_fr": "x", "a_ar": "", "b_fr": "", "b_ar": "ب", "c_fr": "", "c_ar": ""},
        [("a", "A"), ("b", "B"), ("c", "C")],
        where="Doc",
    )
    assert gaps == [bidi.TranslationGap("Doc", "A", "ar"), bidi.TranslationGap("Doc", "B", "fr")]


@pytest.fixture
def consultation(city):
    return ConsultationFactory(
        city=city, number=1, title_fr="Première", title_ar="الأولى", date=dt.date(2024, 2, 13), venue_ar=""
    )


def test_a_moderator_from_the_contacts_has_a_french_function_marked_in_the_arabic_agenda(city, consultation):
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city), name="Souhaib Khayati", function="Expert local")
    AgendaItemFactory(consultation=consultation, title_fr="Accueil", title_ar="", moderator_contact=contact)
    with translation.override("ar"):
        html = Template(
            "{% load i18n %}{% for slot in slots %}{% for item in slot.items %}"
            '{% include "consultations/pdf/_agenda_item.html" %}{% endfor %}{% endfor %}'
        ).render(Context(agenda_context(consultation, language="ar")))
    assert '<bdi>Souhaib Khayati</bdi>، <span lang="fr" dir="ltr">Expert local</span>' in html
    assert '<strong><span lang="fr" dir="ltr">Accueil</span></strong>' in html


def test_the_arabic_minutes_keep_french_text_whole_and_marked(city, consultation):
    MinutesFactory(consultation=consultation, summary_fr="Résumé du jour.", summary_ar="")
    text = pdf_text(minutes_pdf(consultation, language="ar"))
    assert "Résumé du jour." in text
    assert ".Résumé du jour" not in text


def test_the_consultation_page_lists_what_lacks_arabic(client, alice, city, consultation):
    AgendaItemFactory(consultation=consultation, title_fr="Accueil", title_ar="", start_time=dt.time(10, 30))
    client.force_login(alice)
    html = client.get("/fr/c/tunis/consultations/1/").content.decode()
    assert 'id="translation-gaps"' in html
    assert "Point de l’ordre du jour 10:30 « Accueil » · titre · <strong>pas d’arabe</strong>" in html


def test_the_roadmap_page_lists_the_funding_source_without_arabic(client, alice, city):
    ActionFactory(
        city=city,
        title_fr="Guichet",
        title_ar="شباك",
        budget=1000,
        currency="TND",
        funding_source_fr="Budget municipal",
    )
    RoadmapVersionFactory(city=city, number=1)
    client.force_login(alice)
    html = client.get("/fr/c/tunis/planning/roadmap/1/").content.decode()
    assert "source de financement · <strong>pas d’arabe</strong>" in html
