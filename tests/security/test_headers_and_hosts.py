"""Security headers, production settings, `check --deploy`, and the Host header.

Every HTML page's headers are also checked by test_views_permissions.py; here the production side,
which only a fresh process with config.settings.prod can show.
"""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

ROOT = Path(settings.BASE_DIR)


def _prod_env(tmp_path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "stakeholders.example.org",
        "SITE_URL": "https://stakeholders.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }


def test_production_settings_force_https_and_send_hsts(tmp_path):
    code = textwrap.dedent(
        """
        import json, django
        django.setup()
        from django.conf import settings
        from django.test import Client, override_settings
        # The manifest storage needs collectstatic; static files are not what this test is about.
        override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
        response = Client().get("/fr/accounts/login/", secure=True, headers={"host": "stakeholders.example.org"})
        plain = Client().get("/fr/accounts/login/", headers={"host": "stakeholders.example.org"})
        print(json.dumps({
            "hsts_seconds": settings.SECURE_HSTS_SECONDS,
            "debug": settings.DEBUG,
            "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
            "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
            "status": response.status_code,
            "hsts": response.get("Strict-Transport-Security", ""),
            "csp": response.get("Content-Security-Policy", ""),
            "plain_status": plain.status_code,
            "plain_location": plain.get("Location", ""),
        }))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_prod_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["hsts_seconds"] >= 31536000
    assert got["debug"] is False
    assert got["session_cookie_secure"] and got["csrf_cookie_secure"]
    assert got["status"] == 200
    assert got["hsts"].startswith("max-age=31536000") and "includeSubDomains" in got["hsts"]
    assert got["csp"] and "'unsafe-inline'" not in got["csp"]
    assert (got["plain_status"], got["plain_location"]) == (301, "https://stakeholders.example.org/fr/accounts/login/")


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {**_prod_env(tmp_path), "SECRET_KEY": ""}
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_prod_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("url", ["/fr/accounts/login/", "/healthz", "/fr/l/some-token/", "/admin/login/"])
def test_a_forged_host_header_gets_400(url, db):
    response = Client(raise_request_exception=False).get(url, headers={"host": "evil.example.com"})
    assert response.status_code == 400


def test_the_security_headers_are_on_the_login_page(client, db):
    response = client.get("/fr/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_emailed_links_use_site_url_whatever_the_host(client, alice, world, django_capture_on_commit_callbacks):
    """A request on an allowed but different host, with a forged X-Forwarded-Host, still mails SITE_URL links."""
    world.get("contact"), world.get("assignment")  # a primary contact and a role: ready to send
    version = world.get("version")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fr/c/{world.city.slug}/terms/v/{version.number}/ratification/send/",
            headers={"host": "localhost", "x-forwarded-host": "evil.example.com"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert f"{settings.SITE_URL}/fr/l/" in message.body
    for text in (message.body, html):
        assert "evil.example.com" not in text
        assert "http://localhost" not in text
