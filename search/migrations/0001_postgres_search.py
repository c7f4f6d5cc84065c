"""PostgreSQL's search machinery; nothing on SQLite (the app registers search_norm() on each SQLite connection).

- the unaccent and pg_trgm extensions (Django's operations are no-ops on other databases);
- search_norm(text): common.text.normalize_search_text in SQL (unaccent, then the Arabic letters folded as
  common.text folds them, diacritics and tatweel dropped, lower case), IMMUTABLE so indexes may use it;
- trigram indexes for the substring match (Arabic words carry their article: "منظمة" must find "المنظمة")
  on the two tables that grow with the registry.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# Letters folded (same order on both sides), then characters dropped (FROM longer than TO: translate() drops them).
_FOLD_FROM = "أإآٱؤئىةیک" + "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹" + "\u2019\u2018\u02bc\u2010\u2011\u2013\u2014"
_FOLD_TO = "ااااوييهيك" + "0123456789" + "0123456789" + "'''----"
_DROP = (
    "\u0640"  # tatweel
    + "".join(chr(c) for c in range(0x064B, 0x0660))  # harakat, combining hamza and madda
    + "\u0670"  # superscript alef
    + "\u200c\u200d\u200e\u200f"  # joiners and direction marks
    + "".join(chr(c) for c in range(0x0300, 0x0370))  # Latin combining accents (text in NFD)
)
assert len(_FOLD_FROM) == len(_FOLD_TO)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# PL/pgSQL, not SQL: a SQL function wrapping unaccent is not inlined and costs ~40 µs a call; this one ~3 µs.
FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION search_norm(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
BEGIN
  RETURN lower(translate(public.unaccent('public.unaccent'::regdictionary, coalesce(value, '')),
                         {_literal(_FOLD_FROM + _DROP)}, {_literal(_FOLD_TO)}));
END
$fn$;
"""

INDEXES_SQL = [
    "CREATE INDEX IF NOT EXISTS search_stakeholder_trgm ON stakeholders_stakeholder USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_contact_name_trgm ON stakeholders_contact USING gin (search_norm(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_contact_function_trgm ON stakeholders_contact USING gin (search_norm(function) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_contact_email_trgm ON stakeholders_contact USING gin (search_norm(email) gin_trgm_ops)",
]
DROP_SQL = [
    "DROP INDEX IF EXISTS search_contact_email_trgm",
    "DROP INDEX IF EXISTS search_contact_function_trgm",
    "DROP INDEX IF EXISTS search_contact_name_trgm",
    "DROP INDEX IF EXISTS search_stakeholder_trgm",
    "DROP FUNCTION IF EXISTS search_norm(text)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION_SQL)
    for sql in INDEXES_SQL:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in DROP_SQL:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0005_map_cells_index"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
