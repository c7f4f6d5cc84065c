"""`pip install .` is a working install: the wheel holds every template, static file, catalog and migration that
the apps and config/ (the base page, emails, PDFs, the project's CSS and catalog) read at run time.

The wheel is built from a copy of the checkout (an in-tree build leaves build/lib behind, whose stale files a
later build would ship), as `pip install .` builds it: in an isolated environment with the setuptools that
pyproject.toml's build-system asks for (from the package index pip is configured with; the virtualenv has no
`wheel` for --no-build-isolation).
"""

import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
# What a checkout holds besides the source: never copied (node_modules alone is large).
LOCAL = {".git", ".venv", "node_modules", "build", "staticfiles", "media", "var", "test-artifacts", "db.sqlite3"}


def _source_files(directory: pathlib.Path, pattern: str) -> list[str]:
    return sorted(
        str(p.relative_to(ROOT))
        for p in directory.glob(pattern)
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".mo"}
    )


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    source = tmp_path_factory.mktemp("source") / "project"
    shutil.copytree(
        ROOT,
        source,
        ignore=lambda folder, names: [
            n for n in names if (folder == str(ROOT) and n in LOCAL) or n == "__pycache__" or n.endswith(".egg-info")
        ],
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_it_ships_the_shared_templates_static_files_and_catalog(wheel_names):
    for name in [
        "config/templates/base.html",
        "config/templates/404.html",
        "config/templates/includes/version_pair_form.html",
        "config/static/css/app.css",
        "config/static/css/print.css",
        "config/static/favicon.svg",
        "config/locale/fr/LC_MESSAGES/django.po",
        "config/locale/ar/LC_MESSAGES/django.po",
        "config/formats/ar/formats.py",
    ]:
        assert name in wheel_names
    shared = _source_files(ROOT / "config", "templates/**/*") + _source_files(ROOT / "config", "static/**/*")
    assert [name for name in shared if name not in wheel_names] == []


@pytest.mark.parametrize("app", APPS)
def test_it_ships_each_apps_templates_static_files_catalogs_and_migrations(wheel_names, app):
    needed = [
        f"{app}/__init__.py",
        f"{app}/apps.py",
        *_source_files(ROOT / app, "templates/**/*"),
        *_source_files(ROOT / app, "static/**/*"),
        *_source_files(ROOT / app, "locale/*/LC_MESSAGES/django.po"),
        *_source_files(ROOT / app, "migrations/*.py"),
        *_source_files(ROOT / app, "management/commands/*.py"),
    ]
    assert [name for name in needed if name not in wheel_names] == []


def test_the_checks_above_find_files_to_look_for(wheel_names):
    """The parametrised test above checks file by file; this says the globs found something to check."""
    assert any(name.startswith("terms/migrations/0001") for name in wheel_names)
    assert "common/locale/ar/LC_MESSAGES/django.po" in wheel_names
    assert "terms/templates/terms/version_compare.html" in wheel_names


def test_it_leaves_the_tests_and_the_benchmark_out(wheel_names):
    assert not [name for name in wheel_names if name.startswith(("tests/", "bench/"))]
