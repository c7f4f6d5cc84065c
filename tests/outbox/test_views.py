import pytest
from django.core import mail

from outbox.models import EmailStatus, OutgoingEmail
from outbox.services import email_queue
from tests.factories import ContactFactory

FAILING = "tests.outbox.failing_backend.EmailBackend"


@pytest.fixture
def failed_email(city, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    contact = ContactFactory(stakeholder__city=city)
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            to=contact.email,
            language="fr",
            template="outbox_test",
            context={"title": "T"},
            purpose="test",
            city=city,
            source=contact,
            batch="b1",
        )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    return email


def test_it_lists_the_city_emails_with_their_status(client, bob, failed_email):
    client.force_login(bob)
    html = client.get("/fr/c/tunis/outbox/?status=failed").content.decode()
    assert failed_email.to in html
    assert "SMTPServerDisconnected" in html
    assert "Renvoyer" not in html  # a viewer cannot retry


def test_an_editor_retries_a_failed_email(client, eve, failed_email, django_capture_on_commit_callbacks):
    client.force_login(eve)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/fr/c/tunis/outbox/{failed_email.pk}/retry/", {"batch": "b1"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/c/tunis/outbox/?batch=b1"
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_an_editor_retries_all_failures(client, eve, failed_email, django_capture_on_commit_callbacks):
    client.force_login(eve)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/c/tunis/outbox/retry-failed/")
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


def test_a_viewer_cannot_retry(client, bob, failed_email):
    client.force_login(bob)
    assert client.post(f"/fr/c/tunis/outbox/{failed_email.pk}/retry/").status_code == 403
    assert client.post("/fr/c/tunis/outbox/retry-failed/").status_code == 403


def test_an_outsider_sees_nothing(client, charlie, failed_email):
    client.force_login(charlie)
    assert client.get("/fr/c/tunis/outbox/").status_code == 404
    assert client.post(f"/fr/c/tunis/outbox/{failed_email.pk}/retry/").status_code == 404


def test_an_email_of_another_city_cannot_be_retried(
    client, eve, other_city, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    contact = ContactFactory(stakeholder__city=other_city)
    with django_capture_on_commit_callbacks(execute=True):
        foreign = email_queue(
            to=contact.email,
            language="fr",
            template="outbox_test",
            context={"title": "T"},
            purpose="t",
            city=other_city,
        )
    client.force_login(eve)
    assert client.post(f"/fr/c/tunis/outbox/{foreign.pk}/retry/").status_code == 404


def test_retry_is_post_only(client, eve, failed_email):
    client.force_login(eve)
    assert client.get(f"/fr/c/tunis/outbox/{failed_email.pk}/retry/").status_code == 405


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_query_count_is_constant(
    client, bob, city, count, django_assert_num_queries, django_capture_on_commit_callbacks
):
    contact = ContactFactory(stakeholder__city=city)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(count):
            email_queue(
                to=contact.email,
                language="fr",
                template="outbox_test",
                context={"title": "T"},
                purpose="t",
                city=city,
                batch="b",
            )
    client.force_login(bob)
    # session, user, city+role, count, page of emails, batch progress
    with django_assert_num_queries(6):
        response = client.get("/ar/c/tunis/outbox/?batch=b")
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="5">' in response.content.decode()
