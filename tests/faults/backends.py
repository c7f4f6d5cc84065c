"""Mail servers that fail in the ways the fault tests need (only the mail server is fake)."""

import smtplib

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend


class KilledWhileSendingBackend(BaseEmailBackend):
    """The worker process is killed while it waits for the mail server: the signal arrives as an
    exception no `except Exception` catches, so the send stops half-way, as a SIGKILL would stop it."""

    def send_messages(self, email_messages):
        raise KeyboardInterrupt("worker killed while talking to the mail server")


class RefusesSomeBackend(locmem.EmailBackend):
    """A mail server that refuses the next `refusals` messages (e.g. greylisting), then accepts."""

    refusals = 0

    def send_messages(self, email_messages):
        if RefusesSomeBackend.refusals > 0:
            RefusesSomeBackend.refusals -= 1
            raise smtplib.SMTPRecipientsRefused({email_messages[0].to[0]: (450, b"4.7.1 try again later")})
        return super().send_messages(email_messages)
