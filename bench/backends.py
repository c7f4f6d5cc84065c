"""An email backend for the scale-out run: Django's file backend, one file per message, after a short wait
(a mail server's answer), so that killing a worker mid-run kills it while it is sending."""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

DELAY_SECONDS = 0.01


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        for message in email_messages:
            time.sleep(DELAY_SECONDS)
            name = folder / f"{uuid.uuid4().hex}.eml"
            partial = name.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            partial.rename(name)  # a killed worker leaves a .part at most, never half a message
        return len(email_messages)
