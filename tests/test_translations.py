"""Every project catalog is complete in French and Arabic, with Arabic's six plural forms."""

import pathlib

import polib
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOGS = sorted(
    p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if not {".venv", "node_modules"} & set(p.parts)
)


def test_catalogs_exist_for_both_languages():
    langs = {p.parts[-3] for p in CATALOGS}
    assert langs == {"fr", "ar"}
    assert (ROOT / "config" / "locale" / "ar" / "LC_MESSAGES" / "django.po") in CATALOGS


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_complete(path):
    po = polib.pofile(str(path))
    lang = path.parts[-3]
    assert not po.metadata_is_fuzzy, "the header must not be fuzzy (msgfmt would skip it)"
    assert po.metadata.get("Language") == lang
    if lang == "ar":
        assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(6 if lang == "ar" else 2)]
            if not all(forms):
                problems.append(f"plural forms missing: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    assert problems == []
