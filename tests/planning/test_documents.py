import datetime
import io
import logging

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from planning import documents
from planning.documents import roadmap_pdf
from planning.services.actions import action_update
from planning.services.roadmap import roadmap_version_approve, roadmap_version_freeze
from tests.factories import RoadmapVersionFactory


def _text(response) -> tuple[int, str]:
    return _pdf_text(response.content)


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    # Cells wrap: compare with whitespace collapsed.
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def approved(city, alice, action, indicator, measurement):
    version = roadmap_version_freeze(
        version=RoadmapVersionFactory(city=city, number=1, introduction_fr="Introduction illustrative."),
        user=alice,
        today=datetime.date(2024, 1, 10),
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


# --- The cache of frozen versions' PDFs --------------------------------------------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs actually laid out (renders are deterministic: equal bytes cannot tell a cache hit)."""
    cache.clear()
    calls = []
    real_render = documents.roadmap_pdf_render

    def counting_render(*args, **kwargs):
        calls.append(kwargs["language"])
        return real_render(*args, **kwargs)

    monkeypatch.setattr(documents, "roadmap_pdf_render", counting_render)
    yield calls
    cache.clear()


@pytest.fixture
def frozen(city, alice, action, indicator, measurement):
    return roadmap_version_freeze(
        version=RoadmapVersionFactory(city=city, number=1, introduction_fr="Introduction illustrative."),
        user=alice,
        today=datetime.date(2024, 1, 10),
    )


def test_a_frozen_version_is_rendered_once_per_language_then_read_from_the_cache(renders, frozen):
    first = roadmap_pdf(version=frozen, language="fr")
    assert roadmap_pdf(version=frozen, language="fr") == first
    assert renders == ["fr"]
    arabic = roadmap_pdf(version=frozen, language="ar")
    assert arabic != first
    assert roadmap_pdf(version=frozen, language="ar") == arabic
    assert renders == ["fr", "ar"]


def test_an_approval_recorded_after_freezing_refreshes_the_cached_pdf(renders, alice, frozen):
    before = roadmap_pdf(version=frozen, language="fr")
    assert "Approuvée lors de la réunion du" not in _pdf_text(before)[1]
    roadmap_version_approve(version=frozen, decided_on=datetime.date(2024, 9, 20), decision_fr="Approuvée.", user=alice)
    frozen.refresh_from_db()
    after = roadmap_pdf(version=frozen, language="fr")
    assert after != before
    assert "Approuvée lors de la réunion du" in _pdf_text(after)[1]
    assert roadmap_pdf(version=frozen, language="fr") == after
    assert renders == ["fr", "fr"]


def test_an_edited_approval_or_a_superseded_status_refreshes_the_cached_pdf(renders, city, alice, frozen):
    approval = roadmap_version_approve(
        version=frozen, decided_on=datetime.date(2024, 9, 20), decision_fr="Approuvée.", user=alice
    )
    frozen.refresh_from_db()
    roadmap_pdf(version=frozen, language="fr")
    approval.decision_fr = "Approuvée à l'unanimité."
    approval.save()
    frozen.refresh_from_db()
    _pages, edited = _pdf_text(roadmap_pdf(version=frozen, language="fr"))
    assert "Approuvée à l'unanimité." in edited and "Remplacée" not in edited
    later = roadmap_version_freeze(
        version=RoadmapVersionFactory(city=city, number=2, introduction_fr="Deuxième version."),
        user=alice,
        today=datetime.date(2025, 2, 1),
    )
    roadmap_version_approve(version=later, decided_on=datetime.date(2025, 3, 1), decision_fr="Approuvée.", user=alice)
    frozen.refresh_from_db()
    assert "Remplacée" in _pdf_text(roadmap_pdf(version=frozen, language="fr"))[1]
    assert renders == ["fr", "fr", "fr"]


def test_a_draft_is_never_cached_it_prints_the_live_plan(renders, draft, action, indicator):
    assert "Permanence santé" in _pdf_text(roadmap_pdf(version=draft, language="fr"))[1]
    action_update(action=action, title_fr="Permanence santé élargie")
    assert "Permanence santé élargie" in _pdf_text(roadmap_pdf(version=draft, language="fr"))[1]
    roadmap_pdf(version=draft, language="fr")
    assert renders == ["fr", "fr", "fr"]


def test_the_pdf_loads_every_stylesheet_it_links(client, bob, approved, caplog):
    # planning.css is linked relative to the project's package: a broken path prints with no style at all.
    client.force_login(bob)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get("/fr/c/tunis/planning/roadmap/1/pdf/fr/")
    assert response.status_code == 200
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
