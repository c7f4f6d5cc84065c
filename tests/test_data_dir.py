"""An installed copy (pip install .) keeps what it writes under DATA_DIR, not inside site-packages."""

import json
import os
import pathlib
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = pathlib.Path(settings.BASE_DIR)
PRINT_PATHS = """
import json
from config.settings import base
print(json.dumps({name: str(getattr(base, name)) for name in (
    "STATIC_ROOT", "MEDIA_ROOT", "EMAIL_FILE_PATH", "SIGNING_PKCS12_PATH")} | {"DB": base.DATABASES["default"]["NAME"]}))
"""


def _paths(**environment) -> dict:
    if (ROOT / ".env").exists():  # its values would fill what the test leaves unset
        pytest.skip("a .env file in the checkout sets the instance's paths")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATA_DIR", "MEDIA_ROOT"}}
    done = subprocess.run(
        [sys.executable, "-c", PRINT_PATHS], env=env | environment, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_written_file_goes_under_data_dir(tmp_path):
    paths = _paths(DATA_DIR=str(tmp_path))
    assert paths == {
        "STATIC_ROOT": str(tmp_path / "staticfiles"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_FILE_PATH": str(tmp_path / "var" / "mail"),
        "SIGNING_PKCS12_PATH": str(tmp_path / "var" / "signing" / "city.p12"),
        "DB": str(tmp_path / "db.sqlite3"),
    }


def test_the_checkout_is_the_default():
    assert _paths()["DB"] == str(ROOT / "db.sqlite3")
