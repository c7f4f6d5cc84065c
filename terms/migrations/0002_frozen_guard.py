"""Database guard for frozen versions: sections of a version out of draft cannot be inserted or
updated, and a frozen version's number and SHA-256 cannot change nor go back to draft.

Services and the admin refuse first; this catches raw updates. Deletes are left to the model
(Section.delete) so that test flushes on SQLite keep working. Note: SQLite drops triggers when a
later migration rebuilds one of these tables; such a migration must recreate them.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER terms_torsection_frozen_insert BEFORE INSERT ON terms_torsection
    WHEN (SELECT status FROM terms_torversion WHERE id = NEW.version_id) != 'draft'
    BEGIN SELECT RAISE(ABORT, 'terms: the version is frozen'); END;
    """,
    """
    CREATE TRIGGER terms_torsection_frozen_update BEFORE UPDATE ON terms_torsection
    WHEN (SELECT status FROM terms_torversion WHERE id = OLD.version_id) != 'draft'
      OR (SELECT status FROM terms_torversion WHERE id = NEW.version_id) != 'draft'
    BEGIN SELECT RAISE(ABORT, 'terms: the version is frozen'); END;
    """,
    """
    CREATE TRIGGER terms_torversion_frozen_update BEFORE UPDATE ON terms_torversion
    WHEN OLD.frozen_at IS NOT NULL
      AND (NEW.number != OLD.number OR NEW.sha256 != OLD.sha256 OR NEW.status = 'draft' OR NEW.tor_id != OLD.tor_id)
    BEGIN SELECT RAISE(ABORT, 'terms: the version is frozen'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS terms_torsection_frozen_insert;",
    "DROP TRIGGER IF EXISTS terms_torsection_frozen_update;",
    "DROP TRIGGER IF EXISTS terms_torversion_frozen_update;",
]

POSTGRESQL = [
    """
    CREATE FUNCTION terms_torsection_frozen_guard() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM terms_torversion WHERE id = NEW.version_id AND status <> 'draft')
         OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM terms_torversion WHERE id = OLD.version_id AND status <> 'draft'))
      THEN
        RAISE EXCEPTION 'terms: the version is frozen' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER terms_torsection_frozen BEFORE INSERT OR UPDATE ON terms_torsection
    FOR EACH ROW EXECUTE FUNCTION terms_torsection_frozen_guard();
    """,
    """
    CREATE FUNCTION terms_torversion_frozen_guard() RETURNS trigger AS $$
    BEGIN
      IF OLD.frozen_at IS NOT NULL AND (NEW.number <> OLD.number OR NEW.sha256 <> OLD.sha256
          OR NEW.status = 'draft' OR NEW.tor_id <> OLD.tor_id) THEN
        RAISE EXCEPTION 'terms: the version is frozen' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER terms_torversion_frozen BEFORE UPDATE ON terms_torversion
    FOR EACH ROW EXECUTE FUNCTION terms_torversion_frozen_guard();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS terms_torsection_frozen ON terms_torsection;",
    "DROP FUNCTION IF EXISTS terms_torsection_frozen_guard();",
    "DROP TRIGGER IF EXISTS terms_torversion_frozen ON terms_torversion;",
    "DROP FUNCTION IF EXISTS terms_torversion_frozen_guard();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("terms", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
