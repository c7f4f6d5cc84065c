"""The baseline report as PDF: its text read back with pdftotext (poppler), in French, Arabic and both."""

import re
import shutil
import subprocess

import pytest

from inventory.documents import baseline_report_pdf
from tests.factories import MappingItemFactory, ProgrammeFactory
from tests.security.world import SCRIPT, World

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")

# pdftotext writes Arabic in logical order, wrapped in bidi embedding marks: drop them, and all spaces (the
# shaper may split a word where two glyphs touch), before looking for a phrase.
_BIDI_AND_SPACES = re.compile(r"[\u200e\u200f\u202a-\u202e\s]+")


def pdf_text(data: bytes, tmp_path) -> str:
    assert data.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return _BIDI_AND_SPACES.sub("", text)


def has(text: str, phrase: str) -> bool:
    return _BIDI_AND_SPACES.sub("", phrase) in text


@pytest.fixture
def report(city, assessment, housing, programme, health):
    MappingItemFactory(city=city, kind="need", domain=housing, text_fr="Hébergement en urgence", text_ar="الإيواء")
    ProgrammeFactory(
        city=city,
        title_fr="Retour et réintégration",
        title_ar="العودة وإعادة الإدماج",
        domains=[health],
        target_groups=["returnees"],
    )
    return city


FRENCH_TITLES = [
    "État des lieux",
    "Inventaire des programmes",
    "Qui fait quoi",
    "Lacunes de couverture",
    "Chevauchements",
    "Synthèse des évaluations",
]
ARABIC_TITLES = [
    "تشخيص الوضع الراهن",
    "جرد البرامج",
    "من يفعل ماذا",
    "ثغرات التغطية",
    "التداخلات",
    "خلاصة التقييمات",
]


def test_the_french_report(client, bob, report, tmp_path):
    client.force_login(bob)
    response = client.get("/fr/c/tunis/inventory/report/pdf/fr/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="baseline-tunis-fr.pdf"'
    text = pdf_text(response.content, tmp_path)
    for phrase in [
        *FRENCH_TITLES,
        "Aide au retour volontaire",
        "Organisation internationale pour les migrations",
        "Personnes de retour",
        "Hébergement en urgence",  # a gap: a need in housing, no programme
        "Victimes de la traite",  # a target group nobody serves
        "Retour et réintégration",  # overlaps the first programme (health, returnees)
        "Un guichet connu des associations.",  # what works
        "Portée",
        "4/5",
        "Règle de Chatham House",
    ]:
        assert has(text, phrase), phrase
    assert not has(text, "تشخيص الوضع الراهن")


def test_the_arabic_report_prints_its_titles_as_written(client, bob, report, tmp_path):
    client.force_login(bob)
    text = pdf_text(client.get("/fr/c/tunis/inventory/report/pdf/ar/").content, tmp_path)
    for phrase in [
        *ARABIC_TITLES,
        "المساعدة على العودة الطوعية",
        "المنظمة الدولية للهجرة",
        "العائدون",
        "الإيواء",
        "ضحايا الاتجار بالبشر",
        "شبّاك معروف لدى الجمعيات.",
        "الوصول",
        "قاعدة تشاتام هاوس",
        "صفحة",  # the footer says "page N of M" in words
    ]:
        assert has(text, phrase), phrase
    assert not has(text, "Inventaire des programmes")


def test_the_bilingual_report_has_both(client, bob, report, tmp_path):
    client.force_login(bob)
    text = pdf_text(client.get("/fr/c/tunis/inventory/report/pdf/bi/").content, tmp_path)
    for phrase in [*FRENCH_TITLES, *ARABIC_TITLES, "Aide au retour volontaire", "المساعدة على العودة الطوعية"]:
        assert has(text, phrase), phrase
    # (a full stop closing Arabic beside French may come out first: compare the words)
    assert has(text, "Un guichet connu des associations.") and has(text, "شبّاك معروف لدى الجمعيات")


def test_an_empty_inventory_still_makes_a_report(city, tmp_path):
    text = pdf_text(baseline_report_pdf(city=city, language="fr"), tmp_path)
    assert has(text, "Aucun programme enregistré pour l'instant.")
    assert has(text, "Aucun besoin n'est encore cartographié")


def test_stored_markup_is_printed_as_text(city, tmp_path):
    world = World(city)
    world.get("programme")
    text = pdf_text(baseline_report_pdf(city=city, language="bi"), tmp_path)
    assert world.marker in text
    assert _BIDI_AND_SPACES.sub("", SCRIPT) in text


def test_an_unknown_language_is_refused(city):
    with pytest.raises(ValueError):
        baseline_report_pdf(city=city, language="en")
