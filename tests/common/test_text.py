import pytest

from common.text import comparison_key, normalize_search_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("احمد", "أحمد"),  # hamza on alef
        ("اسلام", "إسلام"),  # hamza under alef
        ("القران", "القرآن"),  # madda
        ("مسوولية", "مسؤولية"),  # hamza on waw
        ("جمعيه", "جمعيّة"),  # shadda, teh marbuta
        ("مصطفي", "مصطفى"),  # alef maqsura
        ("محمد", "مُحَمَّد"),  # harakat
        ("تونس", "تـــونـس"),  # tatweel
        ("societe", "Société"),
        ("etudiants", "ÉTUDIANTS"),
        ("coeur", "Cœur"),
        ("terre d'asile", "Terre d’Asile"),  # typographic apostrophe
        ("2023", "٢٠٢٣"),  # Arabic-Indic digits
    ],
)
def test_it_normalises_what_is_typed_and_what_is_stored_alike(typed, stored):
    assert normalize_search_text(typed) == normalize_search_text(stored)


def test_it_gives_exact_normal_forms():
    assert normalize_search_text("  Délégation   de l’UE ") == "delegation de l'ue"
    assert normalize_search_text("أَحْمَد") == "احمد"
    assert normalize_search_text("مدرسة") == "مدرسه"
    assert normalize_search_text("") == ""


def test_the_comparison_key_drops_punctuation():
    assert comparison_key("Ville de Tunis – Direction (DAS)") == "ville de tunis direction das"
