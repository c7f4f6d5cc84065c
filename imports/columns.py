"""The import's columns, the registry export's own: the same headers (looked up in the registry's catalog,
so an export in French or in Arabic re-imports), the same values (category and level labels in either
language, domains by name, yes and no), plus each column's key as an alternative header.

A row is cleaned here without touching the database (the domain catalogue is passed in): the preview
re-cleans the rows it shows, in the page's language, at a constant number of queries.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from common.text import comparison_key, normalize_search_text
from stakeholders.models import Category, Contact, Domain, Language, Level, Stakeholder

# key -> the registry export's header (a msgid of the stakeholders catalog, translated at run time).
STAKEHOLDER_COLUMNS = {
    "name_fr": "Name in French",
    "name_ar": "Name in Arabic",
    "acronym_fr": "Acronym in French",
    "acronym_ar": "Acronym in Arabic",
    "category": "Category",
    "level": "Level",
    "domains": "Domains of expertise",
    "influence": "Influence",
    "interest": "Interest",
    "is_active": "Active",
    "joined_on": "Date joined",
    "notes": "Notes",
}
CONTACT_COLUMNS = {
    "contact_name": "Primary contact",
    "contact_function": "Contact's function",
    "contact_email": "Contact's email",
    "contact_phone": "Contact's phone",
    "contact_language": "Contact's language",
}
COLUMNS = {**STAKEHOLDER_COLUMNS, **CONTACT_COLUMNS}
REQUIRED_COLUMNS = ("name_fr", "category", "level")
LANGUAGES = ("fr", "ar")
_LIST_SEPARATORS = re.compile(r"[,،;\n]")


def column_label(key: str) -> str:
    return translation.gettext(COLUMNS[key])


def headers(language: str) -> list[str]:
    """The column headers in one language, in the export's order (the template's first row)."""
    with translation.override(language):
        return [column_label(key) for key in COLUMNS]


def _aliases() -> dict[str, str]:
    aliases = {comparison_key(key.replace("_", " ")): key for key in COLUMNS}
    for language in LANGUAGES:
        with translation.override(language):
            aliases.update({comparison_key(column_label(key)): key for key in COLUMNS})
    return aliases


@dataclass
class HeaderMap:
    """Which column of the file holds which field; the headers nobody knows."""

    positions: dict[str, int]
    ignored: list[str]


def map_headers(header_row: list[str]) -> tuple[HeaderMap, list[str]]:
    """The file's header row read in French, Arabic or as keys; returns the map and the missing required columns."""
    aliases = _aliases()
    positions, ignored = {}, []
    for index, title in enumerate(header_row):
        key = aliases.get(comparison_key(title))
        if key and key not in positions:
            positions[key] = index
        elif title:
            ignored.append(title)
    missing = [key for key in REQUIRED_COLUMNS if key not in positions]
    return HeaderMap(positions=positions, ignored=ignored), missing


def raw_values(row: list[str], header_map: HeaderMap) -> dict[str, str]:
    """A row's cells by column key (text, as read)."""
    return {key: (row[i] if i < len(row) else "") for key, i in header_map.positions.items()}


def _choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[normalize_search_text(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                lookup[normalize_search_text(str(label))] = value
    return lookup


def _boolean_lookup() -> dict[str, bool]:
    lookup = {"1": True, "true": True, "vrai": True, "0": False, "false": False, "faux": False}
    for language in LANGUAGES:
        with translation.override(language):
            # The export's words (the registry catalog's "yes" and "no").
            lookup[normalize_search_text(translation.gettext("yes"))] = True
            lookup[normalize_search_text(translation.gettext("no"))] = False
    lookup.update({"oui": True, "non": False, "yes": True, "no": False})
    return lookup


@dataclass
class Lookups:
    """The values a cell may hold, normalised, in both languages: built once per file."""

    categories: dict[str, str]
    levels: dict[str, str]
    languages: dict[str, str]
    booleans: dict[str, bool]
    domains: dict[str, Domain]


def build_lookups(domains: list[Domain]) -> Lookups:
    domain_keys = {}
    for domain in domains:
        for name in (domain.code, domain.name_fr, domain.name_ar):
            if name:
                domain_keys[normalize_search_text(name)] = domain
    return Lookups(
        categories=_choice_lookup(Category.choices),
        levels=_choice_lookup(Level.choices),
        languages=_choice_lookup(Language.choices),
        booleans=_boolean_lookup(),
        domains=domain_keys,
    )


@dataclass
class CleanRow:
    """A row ready for the services: the stakeholder's fields, its domains, its primary contact (or
    None), and the errors in the active language (the row is valid without any)."""

    stakeholder: dict = field(default_factory=dict)
    domains: list[Domain] = field(default_factory=list)
    contact: dict | None = None
    errors: list[str] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.errors.append(_("%(column)s: %(error)s") % {"column": column_label(key), "error": message})


def _score(row: CleanRow, key: str, text: str) -> int:
    if not text:
        return 3
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = 0.0
    if number.is_integer() and 1 <= number <= 5:
        return int(number)
    row.error(key, _("“%(value)s” is not a whole number from 1 to 5.") % {"value": text})
    return 3


def _date(row: CleanRow, key: str, text: str) -> datetime.date | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    row.error(key, _("“%(value)s” is not a date (write it as 2024-01-31).") % {"value": text})
    return None


def _choice(row: CleanRow, key: str, text: str, lookup: dict[str, str], default: str = "") -> str:
    if not text:
        if not default:
            row.error(key, _("This cell is required."))
        return default
    value = lookup.get(normalize_search_text(text))
    if value is None:
        row.error(key, _("“%(value)s” is not one of the allowed values.") % {"value": text})
        return default
    return value


_FIELD_COLUMNS = {"name": "name_fr", "acronym": "acronym_fr"}


def _model_errors(row: CleanRow, instance, exclude: list[str], prefix: str = "") -> None:
    """The model's own field checks (lengths, validators, clean()), no query."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        fallback = "contact_name" if prefix else "name_fr"
        for name, messages in error.message_dict.items():
            key = prefix + _FIELD_COLUMNS.get(name, name)
            for message in messages:
                row.error(key if key in COLUMNS else fallback, message)


def clean_row(values: dict[str, str], lookups: Lookups) -> CleanRow:
    """Check one row's cells and turn them into the services' arguments."""
    row = CleanRow()
    get = values.get
    for key, text in values.items():
        if "\x00" in text:
            row.error(key, _("This cell holds a NUL character."))
            values = {**values, key: text.replace("\x00", "")}
            get = values.get
    active_text = get("is_active", "")
    is_active = True
    if active_text:
        is_active = lookups.booleans.get(normalize_search_text(active_text))
        if is_active is None:
            row.error("is_active", _("“%(value)s” is neither yes nor no.") % {"value": active_text})
            is_active = True
    row.stakeholder = {
        "name_fr": get("name_fr", ""),
        "name_ar": get("name_ar", ""),
        "acronym_fr": get("acronym_fr", ""),
        "acronym_ar": get("acronym_ar", ""),
        "category": _choice(row, "category", get("category", ""), lookups.categories),
        "level": _choice(row, "level", get("level", ""), lookups.levels),
        "influence": _score(row, "influence", get("influence", "")),
        "interest": _score(row, "interest", get("interest", "")),
        "is_active": is_active,
        "joined_on": _date(row, "joined_on", get("joined_on", "")),
        "notes": get("notes", ""),
    }
    for name in filter(None, (part.strip() for part in _LIST_SEPARATORS.split(get("domains", "")))):
        domain = lookups.domains.get(normalize_search_text(name))
        if domain is None:
            row.error("domains", _("“%(value)s” is not a domain of expertise.") % {"value": name})
        elif domain not in row.domains:
            row.domains.append(domain)
    if not row.stakeholder["name_fr"]:
        row.error("name_fr", _("This cell is required."))
    else:
        fields = {k: v for k, v in row.stakeholder.items() if k != "is_active"}
        _model_errors(row, Stakeholder(**fields), exclude=["city", "category", "level"])
    if any(get(key, "") for key in CONTACT_COLUMNS):
        row.contact = {
            "name": get("contact_name", ""),
            "function": get("contact_function", ""),
            "email": get("contact_email", ""),
            "phone": get("contact_phone", ""),
            "language": _choice(
                row, "contact_language", get("contact_language", ""), lookups.languages, default=Language.FRENCH
            ),
        }
        if not row.contact["name"]:
            row.error("contact_name", _("This cell is required."))
        _model_errors(row, Contact(**row.contact), exclude=["stakeholder", "language"], prefix="contact_")
    return row
