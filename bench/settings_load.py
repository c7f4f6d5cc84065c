"""Settings of the load test's gunicorn: production settings, served over plain HTTP on loopback.

Only what loopback HTTP needs differs from config.settings.prod: no HTTPS redirect and no Secure
cookies (there is no TLS on 127.0.0.1), and static files through the plain storage (the load test
fetches pages, not assets, and needs no collectstatic).
"""

from config.settings.prod import *  # noqa: F403
from config.settings.prod import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["127.0.0.1"]
# The admin's changelist shows as many rows as the registry list (equal work for the load test's ratio).
ROOT_URLCONF = "bench.urls_load"
