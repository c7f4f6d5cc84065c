"""docs/glossary.md rules variants out: no Arabic catalog and no Arabic text of an email or PDF template
may use one. One term per concept, in the formal register."""

import pathlib
import re

import polib
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
ARABIC_LETTER = "\u0600-\u06ff"
# و ف (and), then ب ل ك (prepositions). A variant with the article also matches after لـ, which drops
# its alef: «للاستشارة».
PROCLITICS = "[وف]?[بلك]?"


def ruled_out() -> list[tuple[str, str]]:
    """(French term, variant) for every variant in the Ruled out column."""
    rules = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("French", "---"):
            continue
        rules += [(cells[0], variant) for variant in re.findall(r"`([^`]+)`", cells[2])]
    return rules


def matches(variant: str, text: str) -> bool:
    if variant.startswith("="):
        return text.strip() == variant[1:]
    forms = re.escape(variant)
    if variant.startswith("ال"):
        forms = f"(?:{forms}|[وف]?لل{re.escape(variant[2:])})"
    pattern = rf"(?<![{ARABIC_LETTER}]){PROCLITICS}{forms}(?![{ARABIC_LETTER}])"
    return re.search(pattern, text) is not None


def arabic_texts():
    """(where, text): every Arabic msgstr, and the Arabic text written in email and PDF templates."""
    for path in sorted(ROOT.glob("**/locale/ar/LC_MESSAGES/django.po")):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    yield f"{path.relative_to(ROOT)}: {entry.msgid[:60]!r}", text
    templates = [*ROOT.glob("*/templates/emails/*")]  # config/templates/emails/ too
    templates += [*ROOT.glob("*/templates/*/pdf/*"), *ROOT.glob("config/templates/pdf/*")]
    for path in sorted(templates):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(f"[{ARABIC_LETTER}]", line):
                yield f"{path.relative_to(ROOT)}:{number}", line


def test_the_glossary_rules_variants_out():
    rules = ruled_out()
    assert ("consultation", "المشاورة") in rules
    assert ("termes de référence (TdR)", "الشروط المرجعية") in rules
    assert ("Mes villes", "=مدني") in rules


@pytest.mark.parametrize(
    ("variant", "text", "expected"),
    [
        ("المشاورة", "قبل المشاورة الأولى", True),
        ("المشاورة", "وبالمشاورة", True),
        ("المشاورة", "للمشاورة", True),
        ("مشاورة", "بالمشاورة", False),  # the article is part of the variant: «المشاورة» catches it
        ("تأكد", "يُرجى التأكد", False),
        ("المشاورة", "والمشاورة", True),
        ("رأيك", "رأيكم في المشروع", False),
        ("رأيك", "رأيك في المشروع", True),
        ("=مدني", "المجتمع المدني", False),
        ("=مدني", "مدني", True),
    ],
)
def test_a_variant_matches_whole_words_only(variant, text, expected):
    assert matches(variant, text) is expected


def test_no_arabic_text_uses_a_ruled_out_variant():
    rules = ruled_out()
    found = [
        f"{where}: «{variant}» ({term}) in {text!r}"
        for where, text in arabic_texts()
        for term, variant in rules
        if matches(variant, text)
    ]
    assert not found, "Variants ruled out by docs/glossary.md:\n" + "\n".join(found)
