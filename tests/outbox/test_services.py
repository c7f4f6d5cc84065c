from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from links.models import EmailLink, EventKind, LinkEvent
from links.services import token_hash
from outbox.models import EmailStatus, OutgoingEmail
from outbox.selectors import batch_progress, emails_for_source
from outbox.sending import LINK_PLACEHOLDER, email_send
from outbox.services import email_queue, email_requeue_stale, email_retry, email_retry_failed
from tests.factories import ContactFactory

FAILING = "tests.outbox.failing_backend.EmailBackend"


def _queue(contact, **kwargs):
    defaults = {
        "to": contact.email,
        "language": contact.language,
        "template": "outbox_test",
        "context": {"title": "Consultation 1"},
        "purpose": "test",
        "city": contact.stakeholder.city,
        "source": contact,
        "batch": "test:1",
    }
    return email_queue(**(defaults | kwargs))


@pytest.fixture
def contact(city):
    return ContactFactory(stakeholder__city=city, language="ar", email="amal@example.org")


def test_it_sends_after_commit_in_the_recipient_language(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact, attachments=[("agenda.pdf", b"%PDF-1.7 test", "application/pdf")])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amal@example.org"]
    assert message.subject == "تسجيل الدخول: Consultation 1"
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html
    assert message.attachments[0][0:2] == ("agenda.pdf", b"%PDF-1.7 test")
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 1, "")
    assert email.sent_at is not None


def test_subjects_and_text_bodies_are_plain_text_never_html_escaped(contact, django_capture_on_commit_callbacks):
    title = 'Plan d\'action <2024> & "suivi"'
    with django_capture_on_commit_callbacks(execute=True):
        _queue(contact, context={"title": title})
    message = mail.outbox[0]
    assert message.subject == "تسجيل الدخول: " + title
    assert message.body.startswith(title)
    # The HTML part is still escaped.
    assert "Plan d&#x27;action &lt;2024&gt; &amp; &quot;suivi&quot;" in message.alternatives[0][0]


def test_nothing_is_sent_if_the_transaction_rolls_back(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _queue(contact)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_failed_send_is_recorded_and_retried(contact, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.last_error.startswith("SMTPServerDisconnected")
    assert batch_progress(batch="test:1").failed == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry(email=email) is True
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_retry_refuses_an_email_that_did_not_fail(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact)
    assert email_retry(email=email) is False
    assert len(mail.outbox) == 1


def test_retry_failed_requeues_every_failure_of_the_city(contact, city, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            _queue(contact)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry_failed(city=city) == 3
    assert len(mail.outbox) == 3
    assert batch_progress(batch="test:1").sent == 3


def test_an_email_is_never_sent_twice(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact)
    assert email_send(email_id=email.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_stale_sending_row_is_requeued(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue(contact)
    # A worker claimed it 20 minutes ago and died before sending.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, last_attempt_at=timezone.now() - timedelta(minutes=20), attempts=1
    )
    assert email_requeue_stale() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_the_personal_link_is_issued_at_send_time_and_never_stored(contact, django_capture_on_commit_callbacks):
    expires = timezone.now() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact, link_purpose="test-purpose", link_expires_at=expires)
    email.refresh_from_db()
    assert LINK_PLACEHOLDER in email.body_text
    body = mail.outbox[0].body
    url = next(line for line in body.splitlines() if line.startswith("https://"))
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert url == f"https://stakeholders.example.org/ar/l/{token}/"
    link = EmailLink.objects.get()
    assert link.token_hash == token_hash(token)
    assert link.expires_at == expires
    assert token not in str(list(OutgoingEmail.objects.values()))
    assert LinkEvent.objects.get().kind == EventKind.SENT


def test_a_retry_issues_a_new_link_and_revokes_the_undelivered_one(
    contact, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    expires = timezone.now() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(contact, link_purpose="test-purpose", link_expires_at=expires)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email_retry(email=email)
    first, second = EmailLink.objects.order_by("pk")
    assert first.is_revoked and second.is_usable
    assert [e.kind for e in LinkEvent.objects.order_by("pk")] == [EventKind.REVOKED, EventKind.RESENT]


def test_batch_progress_counts_in_one_query(contact, django_assert_num_queries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(4):
            _queue(contact)
    with django_assert_num_queries(1):
        progress = batch_progress(batch="test:1")
    assert (progress.total, progress.queued, progress.pending, progress.percent) == (4, 4, True, 0)
    assert emails_for_source(contact).count() == 4


def test_a_second_email_with_a_link_for_the_same_source_is_recorded_as_resent(
    contact, django_capture_on_commit_callbacks
):
    expires = timezone.now() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(contact, link_purpose="test-purpose", link_expires_at=expires)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(contact, link_purpose="test-purpose", link_expires_at=expires)
    kinds = [e.kind for e in LinkEvent.objects.order_by("pk")]
    # The same offer sent again (a reminder): the first email's link keeps working (links.services.link_issue).
    assert kinds == [EventKind.SENT, EventKind.RESENT]
    assert [link.is_usable for link in EmailLink.objects.order_by("pk")] == [True, True]


def test_an_email_with_a_new_deadline_replaces_the_earlier_link(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue(contact, link_purpose="test-purpose", link_expires_at=timezone.now() + timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=True):
        _queue(contact, link_purpose="test-purpose", link_expires_at=timezone.now() + timedelta(days=21))
    kinds = [e.kind for e in LinkEvent.objects.order_by("pk")]
    assert kinds == [EventKind.SENT, EventKind.REVOKED, EventKind.RESENT]
    assert [link.is_usable for link in EmailLink.objects.order_by("pk")] == [False, True]
