import io

import pytest
from pypdf import PdfReader

from planning.services import roadmap_version_approve, roadmap_version_freeze
from tests.factories import RoadmapVersionFactory


def _text(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    # Cells wrap: compare with whitespace collapsed.
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def approved(city, alice, action, indicator, measurement):
    import datetime

    version = roadmap_version_freeze(
        version=RoadmapVersionFactory(city=city, number=1, introduction_fr="Introduction illustrative."), user=alice
    )
    roadmap_version_approve(
        version=version, decided_on=datetime.date(2024, 9, 20), decision_fr="Approuvée.", user=alice
    )
    return version


def test_the_french_pdf_has_the_plan_the_matrix_page_numbers_and_the_hash(client, bob, approved):
    client.force_login(bob)
    response = client.get("/fr/c/tunis/planning/roadmap/1/pdf/fr/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="roadmap-tunis-v1-fr.pdf"'
    pages, text = _text(response)
    assert pages >= 2
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text
    assert approved.sha256 in text
    for expected in [
        "Plan d'action",
        "Matrice de suivi et d'évaluation",
        "Permanence santé",
        "Consultations assurées",
        "Introduction illustrative.",
        "Approuvée lors de la réunion du",
    ]:
        assert expected in text


def test_the_arabic_and_bilingual_pdfs_carry_the_arabic_texts(client, bob, approved):
    client.force_login(bob)
    _pages, arabic = _text(client.get("/fr/c/tunis/planning/roadmap/1/pdf/ar/"))
    _pages, bilingual = _text(client.get("/fr/c/tunis/planning/roadmap/1/pdf/bi/"))
    assert approved.sha256 in arabic
    assert approved.sha256 in bilingual
    # pypdf extracts Arabic glyphs in visual order: look for the Latin parts and the page count only.
    assert "SHA-256" in arabic
    assert "Permanence santé" in bilingual and "Plan d'action" in bilingual


def test_a_draft_pdf_says_it_is_not_frozen(client, bob, draft):
    client.force_login(bob)
    _pages, text = _text(client.get("/fr/c/tunis/planning/roadmap/1/pdf/fr/"))
    assert "Brouillon : non gelé, sans SHA-256" in text


def test_an_unknown_pdf_language_is_not_found(client, bob, draft):
    client.force_login(bob)
    assert client.get("/fr/c/tunis/planning/roadmap/1/pdf/en/").status_code == 404
    assert client.get("/fr/c/tunis/planning/roadmap/9/pdf/fr/").status_code == 404
