"""The development mailbox: emails written by the file backend, readable in the browser when DEBUG is on."""

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection
from django.test import override_settings

from outbox.mailbox import mailbox_message, mailbox_messages

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def mail_dir(tmp_path, settings):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return settings.EMAIL_FILE_PATH


def _send(mail_dir, *, subject="Invitation : Consultation 1", language="fr", attach=True):
    message = EmailMultiAlternatives(
        subject=subject,
        body="Bonjour,\nVotre lien : https://app.example.org/fr/l/abc123/\nÀ bientôt.",
        from_email="Ville de Tunis <no-reply@example.org>",
        to=["ines@example.org"],
        reply_to=["coordination@tunis.example.org"],
        headers={"Content-Language": language},
        connection=get_connection(FILE_BACKEND, file_path=str(mail_dir)),
    )
    message.attach_alternative(
        '<p style="color:red">Bonjour <a href="https://app.example.org/">lien</a></p>', "text/html"
    )
    if attach:
        message.attach("agenda.pdf", b"%PDF-1.7 fake", "application/pdf")
    message.send()


def test_it_reads_back_what_the_file_backend_wrote(mail_dir):
    _send(mail_dir, subject="Premier")
    _send(mail_dir, subject="دعوة", language="ar", attach=False)
    messages = mailbox_messages(mail_dir)
    assert [m.subject for m in messages] == ["دعوة", "Premier"]
    first = messages[1]
    assert first.links == ["https://app.example.org/fr/l/abc123/"]
    assert first.language == "fr"
    assert ("Reply-To", "coordination@tunis.example.org") in first.headers
    assert [(a.filename, a.content_type, a.content) for a in first.attachments] == [
        ("agenda.pdf", "application/pdf", b"%PDF-1.7 fake")
    ]
    assert "color:red" in first.html
    assert mailbox_message(mail_dir, first.id).subject == "Premier"


@pytest.mark.parametrize("message_id", ["../../etc/passwd.0", "x.0", "", "a/b.0", "nope"])
def test_an_unknown_or_path_like_id_finds_nothing(mail_dir, message_id):
    _send(mail_dir)
    assert mailbox_message(mail_dir, message_id) is None


def test_no_directory_yet_means_no_message(tmp_path):
    assert mailbox_messages(tmp_path / "missing") == []


def test_it_is_404_when_debug_is_off(client, bob, mail_dir):
    _send(mail_dir)
    client.force_login(bob)
    assert client.get("/fr/dev/mailbox/").status_code == 404
    message_id = mailbox_messages(mail_dir)[0].id
    assert client.get(f"/fr/dev/mailbox/{message_id}/").status_code == 404


@override_settings(DEBUG=True)
def test_with_debug_it_asks_for_a_login(client, mail_dir):
    response = client.get("/fr/dev/mailbox/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


@override_settings(DEBUG=True)
def test_with_debug_staff_read_every_email_with_its_links(client, bob, mail_dir):
    _send(mail_dir, subject="Invitation : Consultation 1")
    client.force_login(bob)
    listing = client.get("/fr/dev/mailbox/").content.decode()
    message_id = mailbox_messages(mail_dir)[0].id
    assert "Invitation : Consultation 1" in listing
    assert f'href="/fr/dev/mailbox/{message_id}/"' in listing

    detail = client.get(f"/fr/dev/mailbox/{message_id}/").content.decode()
    assert 'href="https://app.example.org/fr/l/abc123/"' in detail
    assert "coordination@tunis.example.org" in detail
    assert f"/fr/dev/mailbox/{message_id}/attachments/0/" in detail

    html = client.get(f"/fr/dev/mailbox/{message_id}/html/")
    assert html.content.decode().startswith("<p")
    assert html["Content-Security-Policy"].startswith("sandbox")

    attachment = client.get(f"/fr/dev/mailbox/{message_id}/attachments/0/")
    assert attachment["Content-Type"] == "application/pdf"
    assert b"".join(attachment.streaming_content if attachment.streaming else [attachment.content]) == (
        b"%PDF-1.7 fake"
    )
    assert client.get(f"/fr/dev/mailbox/{message_id}/attachments/5/").status_code == 404
    assert client.get("/fr/dev/mailbox/nope.0/").status_code == 404
