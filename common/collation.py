"""Alphabetical order in the reader's language, the same on PostgreSQL and SQLite.

PostgreSQL compares with its ICU collations ("fr-x-icu", "ar-x-icu"): "Équipe" sorts between "Entraide"
and "Fondation", and Arabic letters in alphabet order whatever the hamza. SQLite has no ICU, so every new
SQLite connection gets collations of the same names, built on the Unicode Collation Algorithm (pyuca):
the same queries run on both.
"""

from functools import cache, lru_cache

from django.db.backends.signals import connection_created
from django.db.models import CharField, F, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Collate, NullIf
from django.dispatch import receiver
from django.utils.translation import get_language
from pyuca import Collator

COLLATIONS = {"fr": "fr-x-icu", "ar": "ar-x-icu"}
DEFAULT_LANGUAGE = "fr"


def collation_for(language: str | None = None) -> str:
    """The collation name for a language (the active one by default), French when unknown."""
    code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return COLLATIONS.get(code, COLLATIONS[DEFAULT_LANGUAGE])


# The empty string written into the SQL, not passed as a parameter: SQLite matches an ORDER BY to an
# index on an expression only when both are written alike (see stakeholders.models.Stakeholder's indexes).
_EMPTY = RawSQL("''", (), output_field=TextField())


def translated_name_order(field: str = "name", *, prefix: str = "", language: str | None = None) -> Collate:
    """An order_by expression for a translated field (`name_fr`, `name_ar`...) in the reader's language:
    the field in that language (French when empty), compared with that language's collation.
    `prefix` follows a relation, e.g. translated_name_order(prefix="stakeholder__")."""
    code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    if code not in COLLATIONS:
        code = DEFAULT_LANGUAGE
    french = F(f"{prefix}{field}_{DEFAULT_LANGUAGE}")
    if code == DEFAULT_LANGUAGE:
        expression = french
    else:
        # An explicit output field: modeltranslation gives each language's field a class of its own.
        expression = Coalesce(NullIf(F(f"{prefix}{field}_{code}"), _EMPTY), french, output_field=CharField())
    return Collate(expression, collation_for(code))


def collation_key(text: str, language: str | None = None):
    """A Python sort key giving the order translated_name_order gives in the database, for lists sorted in
    memory: sorted(items, key=lambda item: collation_key(item.name))."""
    return _SQLITE_KEYS[collation_for(language)](text)


@cache
def _collator() -> Collator:
    # Loading the Unicode table takes a third of a second: once per process, on the first comparison.
    return Collator()


def _script_group(text: str) -> int:
    """0 when the text starts with a digit or a sign, 1 with an Arabic letter, 2 with another letter."""
    first = text.lstrip()[:1]
    if not first.isalpha():
        return 0
    return 1 if any(low <= first <= high for low, high in _ARABIC_BLOCKS) else 2


_ARABIC_BLOCKS = (
    ("\u0600", "\u06ff"),
    ("\u0750", "\u077f"),
    ("\u08a0", "\u08ff"),
    ("\ufb50", "\ufdff"),
    ("\ufe70", "\ufeff"),
)


@lru_cache(maxsize=8192)  # a sort compares each name about log2(n) times
def _key_fr(text: str):
    return _collator().sort_key(text)


@lru_cache(maxsize=8192)
def _key_ar(text: str):
    # ICU's Arabic collation puts the Arabic script before the Latin one (digits and signs still first).
    return (_script_group(text), _collator().sort_key(text))


def _comparison(key):
    def compare(a: str, b: str) -> int:
        key_a, key_b = key(a), key(b)
        return (key_a > key_b) - (key_a < key_b)

    return compare


_SQLITE_KEYS = {COLLATIONS["fr"]: _key_fr, COLLATIONS["ar"]: _key_ar}


@receiver(connection_created, dispatch_uid="common.collation.sqlite")
def register_sqlite_collations(sender, connection, **kwargs):
    """Give each SQLite connection the collations PostgreSQL has from ICU."""
    if connection.vendor != "sqlite":
        return
    for name, key in _SQLITE_KEYS.items():
        connection.connection.create_collation(name, _comparison(key))
