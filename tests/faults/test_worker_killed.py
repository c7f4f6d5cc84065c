"""A worker is killed while it sends an email: the row stays "sending"; once it is stale (10 minutes),
`manage.py outbox_retry` (cron) queues it again and it goes out once, with a fresh personal link;
running the command again sends nothing more. While the row is recent, the command leaves it alone
(a live worker may still be sending it).

What cannot be avoided: a worker killed after the mail server accepted the message but before the row
was marked sent sends that email twice (at-least-once delivery); the personal link of the first copy
is revoked by the second, so only one link decides.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from links.models import EmailLink, EventKind, LinkEvent
from outbox.models import EmailStatus, OutgoingEmail
from outbox.sending import STALE_SENDING, email_send
from ratification.emails import ratification_emails_queue
from terms.kind import TOR_RATIFICATION

from .conftest import GROUP

KILLED = "tests.faults.backends.KilledWhileSendingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
LINK = re.compile(r"https://stakeholders\.example\.org/(?:fr|ar)/l/[\w-]+/")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"


def _retry_command() -> str:
    out = io.StringIO()
    call_command("outbox_retry", stdout=out)
    return out.getvalue()


def test_an_email_left_sending_by_a_killed_worker_is_sent_once_later(
    client, coordinator, city, final_version, group, settings, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    # The send is recorded, but no worker has picked the emails up yet (the callbacks do not run).
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/fr/c/{city.slug}/terms/v/{final_version.number}/ratification/send/")
    # The background step of the send queues the emails; still no worker sends them.
    with django_capture_on_commit_callbacks(execute=False):
        ratification_emails_queue(TOR_RATIFICATION, version=final_version)
    emails = OutgoingEmail.objects.filter(batch=TOR_RATIFICATION.batch(final_version)).order_by("pk")
    assert emails.count() == GROUP
    victim = emails.first()

    # A worker claims the first email, issues its link, and is killed while the mail server answers.
    settings.EMAIL_BACKEND = KILLED
    with pytest.raises(KeyboardInterrupt):
        email_send(email_id=victim.pk)
    victim.refresh_from_db()
    assert (victim.status, victim.attempts) == (EmailStatus.SENDING, 1)
    settings.EMAIL_BACKEND = LOCMEM

    # Right away, cron leaves the recent "sending" row alone (a live worker might be sending it) but
    # sends the others... only once they are stale too: the queued ones were created just now.
    with django_capture_on_commit_callbacks(execute=True):
        assert _retry_command() == "requeued: 0 failed, 0 stale\n"
    assert mail.outbox == []

    # Time passes (the claim and the queued rows are older than STALE_SENDING).
    past = timezone.now() - STALE_SENDING - timedelta(minutes=1)
    emails.update(created_at=past)
    OutgoingEmail.objects.filter(pk=victim.pk).update(last_attempt_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert _retry_command() == f"requeued: 0 failed, {GROUP} stale\n"
    assert sorted(m.to[0] for m in mail.outbox) == [f"c{i}@example.org" for i in range(GROUP)]
    victim.refresh_from_db()
    assert (victim.status, victim.attempts) == (EmailStatus.SENT, 2)

    # A second run sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert _retry_command() == "requeued: 0 failed, 0 stale\n"
    assert len(mail.outbox) == GROUP

    # The victim's first link (issued before the kill) is revoked; the delivered one works.
    links = EmailLink.objects.filter(target_id=victim.source_id, purpose="ratification").order_by("pk")
    assert [link.is_usable for link in links] == [False, True]
    delivered = next(m for m in mail.outbox if m.to == [victim.to])
    url = LINK.search(delivered.body).group(0).removeprefix(settings.SITE_URL)
    assert Client().get(url).status_code == 302
    assert LinkEvent.objects.filter(link=links[1], kind=EventKind.RESENT).count() == 1


def test_two_workers_on_the_same_stale_email_send_it_once(
    city, group, final_version, settings, django_capture_on_commit_callbacks, client, coordinator
):
    """After a kill, the retried task and a late duplicate of the original task both run: one sends."""
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/fr/c/{city.slug}/terms/v/{final_version.number}/ratification/send/")
    with django_capture_on_commit_callbacks(execute=False):
        ratification_emails_queue(TOR_RATIFICATION, version=final_version)
    email = OutgoingEmail.objects.filter(batch=TOR_RATIFICATION.batch(final_version)).first()
    assert email_send(email_id=email.pk) == "sent"
    assert email_send(email_id=email.pk) == "skipped"
    assert len(mail.outbox) == 1
