"""Local development: debug on, emails written to files (read them at /fr/dev/mailbox/), a throwaway key when none is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-do-not-use-in-production")
# Each email sent is appended to a file in EMAIL_FILE_PATH (var/mail/); the development mailbox
# (outbox.views.mailbox_list, DEBUG only) lists them with their links and attachments.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
