import pytest

from terms.diff import PairState, diff_text, version_diff
from terms.models import VersionStatus
from terms.services.sections import tor_section_create, tor_section_delete, tor_section_move, tor_section_update
from terms.services.versions import tor_version_create
from tests.factories import TorVersionFactory

pytestmark = pytest.mark.django_db


def test_it_marks_removed_and_added_words_with_classes():
    result = diff_text("Le groupe se réunit deux fois.", "Le groupe se réunit quatre fois.")
    assert result.old == 'Le groupe se réunit <del class="diff-del">deux</del> fois.'
    assert result.new == 'Le groupe se réunit <ins class="diff-ins">quatre</ins> fois.'
    assert result.changed


def test_it_escapes_html_and_uses_no_inline_style():
    result = diff_text("a <b>", 'a <script>alert("x")</script>')
    assert result.new == (
        'a &lt;<ins class="diff-ins">script</ins>&gt;<ins class="diff-ins">alert(&quot;x&quot;)&lt;/script&gt;</ins>'
    )
    assert result.old == 'a &lt;<del class="diff-del">b</del>&gt;'
    assert "<script" not in result.new
    assert "style=" not in result.old + result.new


def test_it_diffs_arabic_words():
    result = diff_text("اللغتان الرسميتان هما الفرنسية والعربية", "اللغات الرسمية هي الفرنسية والعربية")
    assert '<del class="diff-del">اللغتان الرسميتان هما</del>' in result.old
    assert '<ins class="diff-ins">اللغات الرسمية هي</ins>' in result.new


def test_unchanged_text_is_not_marked():
    result = diff_text("Même texte", "Même texte")
    assert (result.old, result.new, result.changed) == ("Même texte", "Même texte", False)


def test_it_pairs_sections_by_origin_and_reports_added_removed_changed_moved(tor, city):
    v1 = TorVersionFactory(
        tor=tor,
        status=VersionStatus.PRESENTED,
        sections=[
            {"heading_fr": "Objet", "text_fr": "Texte A", "text_ar": "نص أ"},
            {"heading_fr": "Langues", "text_fr": "Français et arabe", "text_ar": "الفرنسية والعربية"},
            {"heading_fr": "Divers", "text_fr": "À supprimer", "text_ar": "للحذف"},
        ],
    )
    v2 = tor_version_create(city=city)
    objet, langues, divers = v2.sections.order_by("position")
    tor_section_update(section=langues, heading_fr="Langues", text_fr="Français et arabe", text_ar="العربية والفرنسية")
    tor_section_delete(section=divers)
    tor_section_create(version=v2, heading_fr="Ratification", text_fr="Par lien")
    tor_section_move(section=langues, offset=-1)

    pairs = version_diff(old=v1, new=v2)
    summary = [
        (p.old.heading_fr if p.old else None, p.new.heading_fr if p.new else None, p.state, p.moved) for p in pairs
    ]
    assert summary == [
        ("Langues", "Langues", PairState.CHANGED, True),
        ("Objet", "Objet", PairState.UNCHANGED, True),
        (None, "Ratification", PairState.ADDED, False),
        ("Divers", None, PairState.REMOVED, False),
    ]
    langues_pair = pairs[0]
    assert not langues_pair.text["fr"].changed
    assert langues_pair.text["ar"].changed
    assert pairs[2].text["fr"].new == '<ins class="diff-ins">Par lien</ins>'


def test_a_first_version_diffs_against_nothing(tor):
    v1 = TorVersionFactory(tor=tor, sections=1)
    pairs = version_diff(old=None, new=v1)
    assert [p.state for p in pairs] == [PairState.ADDED]
