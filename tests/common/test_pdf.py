"""The shared WeasyPrint set-up: one font configuration per process, documents in fr, ar or both."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from common.pdf import DocumentLanguage, _html_class, font_config, html_to_pdf, render_pdf


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_document_languages_are_french_arabic_and_bilingual():
    assert DocumentLanguage.values == ["fr", "ar", "bi"]
    with translation.override("fr"):
        assert [str(label) for label in DocumentLanguage.labels] == ["Français", "Arabe", "Bilingue"]
    with translation.override("ar"):
        assert [str(label) for label in DocumentLanguage.labels] == ["الفرنسية", "العربية", "ثنائي اللغة"]


def test_the_process_has_one_font_configuration():
    assert font_config() is font_config()


def test_html_becomes_a_pdf():
    data = html_to_pdf("<p>Consultation du 7 novembre 2023</p>")
    assert data.startswith(b"%PDF-")
    assert "Consultation du 7 novembre 2023" in _text(data)


def test_the_user_agent_stylesheet_gives_markers_to_lists_only():
    # The universal ::marker and footnote rules are scoped (issue 17: a fifth of a long table's style work).
    assert _html_class().__name__ == "ScopedHTML"
    text = _text(html_to_pdf("<ol><li>Premier</li><li>Second</li></ol><ul><li>Point</li></ul>"))
    assert "Premier Second Point" in text
    assert "1. 2. •" in text  # the markers (drawn after the text)


def test_an_archival_pdf_says_so_in_its_metadata():
    root = PdfReader(io.BytesIO(html_to_pdf("<p>Registre</p>", pdf_variant="pdf/a-3b"))).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp


@pytest.mark.parametrize(
    ("language", "active"),
    [
        (DocumentLanguage.FRENCH, "fr"),
        (DocumentLanguage.ARABIC, "ar"),
        (DocumentLanguage.BILINGUAL, "fr"),
        ("ar", "ar"),
    ],
)
def test_a_template_renders_in_its_language_and_bilingual_in_french(test_templates, language, active):
    data = render_pdf("common_test/document.html", {"word": "Tunis"}, language=language)
    text = _text(data)
    assert f"active-{active}" in text
    assert "Tunis" in text
    assert translation.get_language() == "fr"  # the caller's language is back
