"""Text shown in a language other than the document's says so.

A translated field (modeltranslation: title_fr / title_ar, or the same keys in a snapshot dict) whose
Arabic is empty shows its French inside an Arabic document. That French must be marked
`lang="fr" dir="ltr"`: otherwise a screen reader reads it as Arabic and the bidi algorithm moves its
full stop to the front ("Budget municipal (illustratif)" ends up as ".Budget municipal ..." visually).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
DIRECTIONS = {"ar": "rtl"}


def current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def field_value(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, its language): the field in `language`, else in French (the fallback), else ("", language)."""
    language = language or current_language()
    if obj is None:
        return "", language
    get = obj.get if isinstance(obj, dict) else (lambda name, default="": getattr(obj, name, default))
    value = get(f"{field}_{language}", "") or ""
    if value:
        return str(value), language
    for fallback in getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", ("fr",)):
        value = get(f"{field}_{fallback}", "") or ""
        if value:
            return str(value), fallback
    # A snapshot stored before the field was translated has it under its bare name.
    value = str(get(field, "") or "") if isinstance(obj, dict) else ""
    return value, script_language(value, language)


def script_language(text: str, default: str) -> str:
    """ "ar" for text in Arabic script, "fr" for Latin text, `default` when it has neither (digits)."""
    if _ARABIC.search(text or ""):
        return "ar"
    if _LATIN.search(text or ""):
        return "fr"
    return default


def mark_language(text: str, text_language: str, *, language: str | None = None, block: bool = False) -> SafeString:
    """The text escaped (paragraphs when block), wrapped in lang/dir when its language is not the document's."""
    language = language or current_language()
    body = linebreaks_filter(text) if block else conditional_escape(text)
    if not text or text_language == language:
        return mark_safe(body)
    tag = "div" if block else "span"
    return format_html(
        '<{} lang="{}" dir="{}">{}</{}>', tag, text_language, DIRECTIONS.get(text_language, "ltr"), body, tag
    )


def translated(obj, field: str, *, language: str | None = None, block: bool = False) -> SafeString:
    """A translated field in the document's language, its French fallback marked as French."""
    language = language or current_language()
    text, text_language = field_value(obj, field, language)
    return mark_language(text, text_language, language=language, block=block)


@dataclass(frozen=True)
class TranslationGap:
    """A text written in one language only: `missing` is the language it lacks ("ar" or "fr")."""

    where: str
    field: str
    missing: str


def translation_gaps(obj, fields, *, where: str) -> list[TranslationGap]:
    """The fields of obj (a model with field_fr / field_ar, or a snapshot dict) written in one language
    only. `fields` are names, or (name, label) pairs; a model field's label is its verbose name."""
    if obj is None:
        return []
    get = obj.get if isinstance(obj, dict) else (lambda name, default="": getattr(obj, name, default))
    gaps = []
    for entry in fields:
        name, label = entry if isinstance(entry, tuple) else (entry, _verbose_name(obj, entry))
        french, arabic = (str(get(f"{name}_{lang}", "") or "").strip() for lang in ("fr", "ar"))
        if french and not arabic:
            gaps.append(TranslationGap(where=str(where), field=str(label), missing="ar"))
        elif arabic and not french:
            gaps.append(TranslationGap(where=str(where), field=str(label), missing="fr"))
    return gaps


def _verbose_name(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name
