"""The mail server is down during a mass ratification send: nothing is lost, staff see the failures,
a later retry sends each email exactly once, with a working personal link.

Real components throughout (the terms send view, the outbox, the links); only the mail server fails
(tests.outbox.failing_backend raises SMTPServerDisconnected on every message).
"""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from links.models import EmailLink
from outbox.models import EmailStatus, OutgoingEmail
from outbox.selectors import batch_progress
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest

from .backends import RefusesSomeBackend
from .conftest import GROUP

FAILING = "tests.outbox.failing_backend.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
LINK = re.compile(r"https://stakeholders\.example\.org/(?:fr|ar)/l/[\w-]+/")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"


def _send(client, city, version, capture):
    with capture(execute=True):
        return client.post(f"/fr/c/{city.slug}/terms/v/{version.number}/ratification/send/")


def test_nothing_is_lost_and_a_retry_sends_each_email_once(
    client, coordinator, city, final_version, group, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    client.force_login(coordinator)
    response = _send(client, city, final_version, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    # Nothing lost: every request and every email is recorded, each email failed with the reason.
    batch = TOR_RATIFICATION.batch(final_version)
    emails = OutgoingEmail.objects.filter(batch=batch)
    assert RatificationRequest.objects.filter(version=final_version).count() == GROUP
    assert emails.count() == GROUP
    assert set(emails.values_list("status", flat=True)) == {EmailStatus.FAILED}
    assert all(e.startswith("SMTPServerDisconnected") for e in emails.values_list("last_error", flat=True))
    assert mail.outbox == []
    progress = batch_progress(batch=batch)
    assert (progress.total, progress.failed, progress.sent) == (GROUP, GROUP, 0)

    # Staff see the failures: the outbox page lists each failed recipient.
    page = client.get(f"/fr/c/{city.slug}/outbox/", {"status": "failed", "batch": batch})
    assert page.status_code == 200
    html = page.content.decode()
    assert all(f"c{i}@example.org" in html for i in range(GROUP))

    # The mail server is back: one retry sends each email once.
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(f"/fr/c/{city.slug}/outbox/retry-failed/", {"batch": batch})
    assert retried.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [f"c{i}@example.org" for i in range(GROUP)]
    assert set(emails.values_list("status", "attempts")) == {(EmailStatus.SENT, 2)}

    # Retrying again (the button, then cron) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/c/{city.slug}/outbox/retry-failed/", {"batch": batch})
        call_command("outbox_retry", stdout=io.StringIO())
    assert len(mail.outbox) == GROUP

    # Each delivered link works; the one issued for the failed attempt does not.
    for message in mail.outbox:
        url = LINK.search(message.body).group(0)
        assert Client().get(url.removeprefix(settings.SITE_URL)).status_code == 302
    for rr in RatificationRequest.objects.filter(version=final_version):
        links = EmailLink.objects.filter(target_id=rr.pk, purpose="ratification")
        assert links.count() == 2  # one per attempt
        assert [link.is_usable for link in links.order_by("pk")] == [False, True]


def test_a_failure_for_some_recipients_leaves_the_others_sent(
    client, coordinator, city, final_version, group, settings, django_capture_on_commit_callbacks
):
    """The server refuses the first two messages only: three go out, two wait for a retry."""
    settings.EMAIL_BACKEND = "tests.faults.backends.RefusesSomeBackend"
    RefusesSomeBackend.refusals = 2
    client.force_login(coordinator)
    _send(client, city, final_version, django_capture_on_commit_callbacks)
    batch = TOR_RATIFICATION.batch(final_version)
    progress = batch_progress(batch=batch)
    assert (progress.sent, progress.failed) == (GROUP - 2, 2)
    assert len(mail.outbox) == GROUP - 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("outbox_retry", stdout=io.StringIO())
    assert batch_progress(batch=batch).sent == GROUP
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox) == GROUP
