"""Databases of the benchmark's own: never the developer's db.sqlite3, never an existing PostgreSQL database.

SQLite (default): one migrated template file in a temporary folder, copied for each worker process.
PostgreSQL (when DATABASE_URL names one): a template database created next to the named one and
`CREATE DATABASE ... TEMPLATE` for each worker; every database created here is dropped at the end.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def bench_env(database_url: str, **extra: str) -> dict:
    """The environment of a process that uses the bench settings on the given database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def manage(database_url: str, *args: str, settings: str = "bench.settings", **extra: str) -> None:
    env = bench_env(database_url, DJANGO_SETTINGS_MODULE=settings, **extra)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def _with_dbname(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _pg_admin(url: str, *statements: str) -> None:
    import psycopg

    # Connect to the maintenance database named in the URL: CREATE/DROP DATABASE cannot run in the target.
    with psycopg.connect(_with_dbname(url, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


class Workspace:
    """Creates databases for the benchmark and removes them all on exit."""

    def __init__(self, base_url: str | None = None, *, label: str = "bench"):
        self.base_url = base_url or ""
        self.is_postgres = self.base_url.startswith(("postgres://", "postgresql://", "pgsql://"))
        self.label = label
        self._created: list[str] = []
        self._tmp: Path | None = None

    def __enter__(self):
        if not self.is_postgres:
            self._tmp = Path(tempfile.mkdtemp(prefix=f"{self.label}-"))
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self.is_postgres:
            for name in reversed(self._created):
                _pg_admin(self.base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._created.clear()
        elif self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def _new_name(self, purpose: str) -> str:
        return f"{self.label}_{purpose}_{uuid.uuid4().hex[:8]}"

    def create(self, purpose: str, *, migrate: bool = True) -> str:
        """A new, empty (then migrated) database; returns its URL."""
        name = self._new_name(purpose)
        if self.is_postgres:
            _pg_admin(self.base_url, f'CREATE DATABASE "{name}"')
            self._created.append(name)
            url = _with_dbname(self.base_url, name)
        else:
            url = f"sqlite:///{self._tmp / (name + '.sqlite3')}"
        if migrate:
            manage(url, "migrate", "--no-input", "-v", "0")
            manage(url, "createcachetable", "-v", "0")  # for settings with the database cache
            if self.is_postgres:
                # Nobody may stay connected to a template database.
                _pg_admin(
                    self.base_url,
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()",
                )
        return url

    def copy(self, template_url: str, purpose: str) -> str:
        """A copy of a migrated template database; returns its URL."""
        name = self._new_name(purpose)
        if self.is_postgres:
            template = urlsplit(template_url).path.lstrip("/")
            _pg_admin(self.base_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            self._created.append(name)
            return _with_dbname(self.base_url, name)
        source = Path(template_url.removeprefix("sqlite:///"))
        with closing(sqlite3.connect(source)) as conn:  # fold the WAL into the file before copying it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target = self._tmp / (name + ".sqlite3")
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"


def settle_database() -> None:
    """PostgreSQL: statistics and visibility map as autovacuum leaves them on a live database (freshly
    bulk-loaded tables have neither, and the planner then guesses 8 rows for 20,000). SQLite keeps no
    statistics unless asked (Django never runs ANALYZE): nothing to do. Runs in a set-up Django process."""
    from django.db import connection  # noqa: PLC0415 -- needs django.setup()

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
