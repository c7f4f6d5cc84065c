"""bin/demo: emailed links follow the port it serves on, and it says where the emails are."""

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _demo_env(**env) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL", "EMAIL_FILE_PATH")}
    result = subprocess.run(
        ["bash", str(ROOT / "bin" / "demo"), "--env"],
        env=base | env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


def test_links_point_at_the_port_it_serves_on():
    values = _demo_env(PORT="8101")
    assert values["SITE_URL"] == "http://127.0.0.1:8101"
    assert values["MAILBOX_URL"] == "http://127.0.0.1:8101/fr/dev/mailbox/"


def test_the_default_port_is_8000():
    assert _demo_env()["SITE_URL"] == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins():
    assert _demo_env(PORT="8101", SITE_URL="https://demo.example.org")["SITE_URL"] == "https://demo.example.org"


def test_emails_go_to_the_mailbox_directory():
    assert _demo_env()["EMAIL_FILE_PATH"] == str(ROOT / "var" / "mail")
