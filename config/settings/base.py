"""Settings shared by every environment, read from the environment (django-environ).

Environment-specific modules (dev, test, prod) import from here and override.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The project's shared templates, static files and catalogs: inside the config package, so that an install
# (pip install ., a wheel) ships them as the apps' own.
PROJECT_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Where the instance keeps what it writes: the SQLite file, collected static files, uploads, mail files and the
# signing certificate. The checkout by default; set it where the code is installed (pip install ., a wheel),
# or files would land inside site-packages.
DATA_DIR = Path(env("DATA_DIR", default=str(BASE_DIR)))

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Links in emails are always built from this, never from the request's Host header.
SITE_URL = env("SITE_URL", default="http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "simple_history",
    # Project apps, lowest first: an app imports only those above it in this list.
    "common",
    "cities",
    "stakeholders",
    "links",
    "outbox",
    "ratification",
    "terms",
    "consultations",
    "planning",
    "inventory",
    "verify",
    "portal",
    "programmes",
    "notifications",
    "imports",
    "search",
    "activity",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a body (the CSRF check does): an oversized upload is refused unread.
    "common.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Change history (simple_history) records the request's user as the author of each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # The per-account login limit's page, and the cookie of the browsers an account logged in from.
    "cities.login_throttle.AccountThrottleMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cities.context_processors.language_urls",
                "notifications.context_processors.notifications",
                "portal.context_processors.space_back",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the db_worker and the web process write side by side.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Login brute force: django-axes locks a username+IP pair out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with a per-account limit for browsers the account never logged in from
    # (guessing spread over many addresses); see cities/login_throttle.py.
    "notifications.backends.UnreadCountBackend",  # the same, with the navbar's unread count (no extra query)
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "links.services.client_ip"
AXES_VERBOSE = False
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ACCOUNT_WINDOW_MINUTES = env.int("LOGIN_ACCOUNT_WINDOW_MINUTES", default=60)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cities:home"
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: French first (default), Arabic right-to-left.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("ar", _("Arabic"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    # Bootstrap comes from the npm registry at set-up (package.json), never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/jsqr", BASE_DIR / "node_modules" / "jsqr" / "dist"),  # the door's QR scanner
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# Email: console in development, SMTP in production, locmem in tests.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=DATA_DIR / "var" / "mail")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Groupe des parties prenantes <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work through the django-tasks API; the database backend runs in `db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def cache_config(url: str) -> dict:
    """The default cache from a URL: Redis (redis://, rediss://: Django's own RedisCache) where deployed,
    any scheme django-environ knows otherwise; without a URL, the database cache (the embedded default:
    `manage.py createcachetable`)."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}
    backend = REDIS_CACHE if url.startswith(("redis://", "rediss://")) else None
    return environ.Env.cache_url_config(url, backend=backend)


# CACHE_URL=redis://127.0.0.1:6379/1 (or REDIS_URL, as many hosts name it) shares the cache between
# the app servers; the database cache does too, one query per read.
CACHES = {"default": cache_config(env("CACHE_URL", default="") or env("REDIS_URL", default=""))}

# Security headers that hold everywhere; prod.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No inline scripts or styles anywhere: every page works under this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Signed documents (PAdES): the city's signing key and certificate as a PKCS#12 file. `manage.py signing_setup`
# writes a self-signed demo pair at the default path. Trust roots (PEM files) default to the self-signed
# certificates of the PKCS#12 chain; a time-stamp authority (RFC 3161) is optional.
SIGNING_PKCS12_PATH = env("SIGNING_PKCS12_PATH", default=str(DATA_DIR / "var" / "signing" / "city.p12"))
SIGNING_PKCS12_PASSPHRASE = env("SIGNING_PKCS12_PASSPHRASE", default="")
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
# The public verify page: lookups per client IP per window, and the largest PDF it reads.
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)
VERIFY_RATE_WINDOW = env.int("VERIFY_RATE_WINDOW", default=600)  # seconds
VERIFY_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# No request body larger than this is read at all (the verify page's upload is the largest).
MAX_REQUEST_BODY_BYTES = VERIFY_MAX_UPLOAD_BYTES + 1024 * 1024

# Client IP comes from REMOTE_ADDR unless the deployment says a trusted proxy sets X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
