"""Invitations: sending through the outbox, answering through the emailed link, resending, failures."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.models import Answer, ConsultationStatus, Invitation
from consultations.services.invitations import invitation_resend, invitation_send
from links.models import EmailLink, EventKind, LinkEvent
from outbox.models import EmailStatus, OutgoingAttachment, OutgoingEmail, StoredFile
from outbox.services import email_retry
from tests.factories import AgendaItemFactory, ConsultationFactory, ContactFactory, StakeholderFactory

FAILING = "tests.outbox.failing_backend.EmailBackend"
LINK = re.compile(r"https://stakeholders\.example\.org(/(?:fr|ar)/l/[A-Za-z0-9_-]+/)")
ANSWER_URL = {"fr": "/fr/p/consultations/invitation/", "ar": "/ar/p/consultations/invitation/"}


@pytest.fixture(autouse=True)
def _no_rate_limit_left_over():
    cache.clear()


@pytest.fixture
def consultation(city):
    consultation = ConsultationFactory(
        city=city,
        number=1,
        title_fr="Première consultation",
        title_ar="الاستشارة الأولى",
        date=dt.date(2030, 3, 12),
    )
    AgendaItemFactory(
        consultation=consultation,
        title_fr="Discours de bienvenue",
        title_ar="كلمات الترحيب",
        start_time=dt.time(10, 30),
        end_time=dt.time(10, 45),
    )
    return consultation


@pytest.fixture
def croissant(city):
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    ContactFactory(stakeholder=stakeholder, name="Amal Ben Salah", email="amal@example.org", language="ar")
    return stakeholder


@pytest.fixture
def oim(city):
    stakeholder = StakeholderFactory(city=city, name_fr="OIM Tunisie", name_ar="المنظمة الدولية للهجرة")
    ContactFactory(stakeholder=stakeholder, name="Marc Durand", email="marc@example.org", language="fr")
    return stakeholder


def _send(consultation, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_send(consultation=consultation, **kwargs)


def _link_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _message_to(address):
    return next(m for m in mail.outbox if m.to == [address])


@pytest.fixture
def sent(consultation, croissant, oim, django_capture_on_commit_callbacks):
    _send(consultation, django_capture_on_commit_callbacks)
    return consultation


# --- sending ------------------------------------------------------------------------------


def test_it_sends_one_email_per_primary_contact_in_the_contact_language(
    consultation, croissant, oim, city, django_capture_on_commit_callbacks
):
    no_email = StakeholderFactory(city=city, name_fr="Sans courriel")
    ContactFactory(stakeholder=no_email, email="")
    StakeholderFactory(city=city, name_fr="Ancien membre", is_active=False)
    result = _send(consultation, django_capture_on_commit_callbacks)

    assert sorted(s.name_fr for s in result.without_email) == ["Sans courriel"]
    assert sorted(m.to[0] for m in mail.outbox) == ["amal@example.org", "marc@example.org"]
    arabic = _message_to("amal@example.org")
    assert arabic.subject == "دعوة: الاستشارة الأولى، 12 مارس 2030"
    assert "/ar/l/" in arabic.body
    # Files as (name, content, mimetype); the check-in QR code inline as a MIME part (tests/consultations/test_checkin.py).
    assert [(name, mimetype) for name, _content, mimetype in arabic.attachments[:3]] == [
        ("agenda-consultation-1-ar.pdf", "application/pdf"),
        ("consultation-1.ics", "text/calendar"),
        ("check-in-pass-consultation-1-ar.pdf", "application/pdf"),
    ]
    assert arabic.attachments[0][1].startswith(b"%PDF")
    assert "SUMMARY:الاستشارة الأولى" in arabic.attachments[1][1]
    french = _message_to("marc@example.org")
    assert french.subject == "Invitation : Première consultation, 12 mars 2030"
    assert "/fr/l/" in french.body
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.INVITATIONS_SENT
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 2
    assert set(LinkEvent.objects.values_list("kind", flat=True)) == {EventKind.SENT}


def test_the_token_is_never_stored_in_clear(sent):
    for message in mail.outbox:
        token = _link_path(message).rstrip("/").rsplit("/", 1)[-1]
        assert not OutgoingEmail.objects.filter(body_text__contains=token).exists()
        assert not OutgoingEmail.objects.filter(body_html__contains=token).exists()
        assert not EmailLink.objects.filter(token_hash=token).exists()


def test_inviting_again_skips_those_already_invited(sent, city, django_capture_on_commit_callbacks):
    late = StakeholderFactory(city=city, name_fr="Université de Tunis")
    ContactFactory(stakeholder=late, email="uni@example.org")
    mail.outbox.clear()
    result = _send(sent, django_capture_on_commit_callbacks)
    assert [i.stakeholder.name_fr for i in result.sent] == ["Université de Tunis"]
    assert sorted(s.name_fr for s in result.already_invited) == ["Croissant-Rouge tunisien", "OIM Tunisie"]
    assert [m.to for m in mail.outbox] == [["uni@example.org"]]


def test_a_selection_invites_only_the_chosen(consultation, croissant, oim, django_capture_on_commit_callbacks):
    result = _send(consultation, django_capture_on_commit_callbacks, stakeholders=[oim])
    assert [i.stakeholder for i in result.sent] == [oim]
    assert [m.to for m in mail.outbox] == [["marc@example.org"]]


def test_a_foreign_or_inactive_selection_is_refused(consultation, other_city, city):
    with pytest.raises(ValidationError):
        invitation_send(consultation=consultation, stakeholders=[StakeholderFactory(city=other_city)])
    with pytest.raises(ValidationError):
        invitation_send(consultation=consultation, stakeholders=[StakeholderFactory(city=city, is_active=False)])
    assert Invitation.objects.count() == 0


# --- answering through the link -------------------------------------------------------------


def _open(client, message):
    response = client.get(_link_path(message))
    assert response.status_code == 302
    return response["Location"]


def test_the_link_leads_to_the_answer_page_in_the_contact_language(client, sent):
    location = _open(client, _message_to("amal@example.org"))
    assert location == ANSWER_URL["ar"]
    response = client.get(location)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert '<html lang="ar" dir="rtl">' in html
    assert "الاستشارة الأولى" in html
    assert "كلمات الترحيب" in html
    assert "يمكنكم تغيير إجابتكم هنا إلى حين انعقاد الاستشارة." in html
    invitation = Invitation.objects.get(stakeholder__name_fr="Croissant-Rouge tunisien")
    assert [e.kind for e in LinkEvent.objects.filter(target_id=invitation.pk).order_by("pk")] == [
        EventKind.SENT,
        EventKind.OPENED,
        EventKind.VIEWED,
    ]


def test_get_and_head_change_nothing(client, sent):
    message = _message_to("marc@example.org")
    assert client.head(_link_path(message)).status_code == 302
    location = _open(client, message)
    events = LinkEvent.objects.count()
    assert client.head(location).status_code == 200
    assert LinkEvent.objects.count() == events
    client.get(location + "?answer=attending&delegate_name=X")
    invitation = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
    assert (invitation.answer, invitation.answered_at) == (Answer.PENDING, None)
    assert not LinkEvent.objects.filter(kind=EventKind.ANSWERED).exists()


def test_a_post_records_the_answer_and_the_event(client, sent):
    location = _open(client, _message_to("marc@example.org"))
    response = client.post(location, {"answer": "attending"}, REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Firefox")
    assert response.status_code == 302
    assert response["Location"] == location
    page = client.get(location).content.decode()
    assert "Votre réponse est enregistrée. Merci." in page
    invitation = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
    assert invitation.answer == Answer.ATTENDING
    assert invitation.answered_at is not None
    event = LinkEvent.objects.get(kind=EventKind.ANSWERED)
    assert (event.ip, event.user_agent, event.detail["answer"], event.detail["previous"]) == (
        "192.0.2.7",
        "Firefox",
        "attending",
        "pending",
    )
    assert event.actor == f"contact:{invitation.contact_id}"


def test_a_replayed_post_changes_nothing(client, sent):
    location = _open(client, _message_to("marc@example.org"))
    client.post(location, {"answer": "not_attending"})
    answered_at = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie").answered_at
    response = client.post(location, {"answer": "not_attending"}, follow=True)
    assert "Cette réponse était déjà enregistrée : rien n’a changé." in response.content.decode()
    assert Invitation.objects.get(stakeholder__name_fr="OIM Tunisie").answered_at == answered_at
    assert LinkEvent.objects.filter(kind=EventKind.ANSWERED).count() == 1


def test_the_answer_may_change_until_the_consultation_is_held(client, sent):
    location = _open(client, _message_to("marc@example.org"))
    client.post(location, {"answer": "attending"})
    response = client.post(
        location, {"answer": "delegate", "delegate_name": "  Sonia   Trabelsi, adjointe "}, follow=True
    )
    assert "Votre réponse est modifiée. Merci." in response.content.decode()
    invitation = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
    assert (invitation.answer, invitation.delegate_name) == (Answer.DELEGATE, "Sonia Trabelsi, adjointe")
    sent.status = ConsultationStatus.HELD
    sent.save()
    response = client.post(location, {"answer": "not_attending"})
    assert response.status_code == 200
    assert "La consultation a eu lieu : les réponses ne peuvent plus être modifiées." in response.content.decode()
    assert Invitation.objects.get(stakeholder__name_fr="OIM Tunisie").answer == Answer.DELEGATE
    assert LinkEvent.objects.filter(kind=EventKind.ANSWERED).count() == 2


@pytest.mark.parametrize(
    "data, field_error",
    [
        ({"answer": "delegate", "delegate_name": "   "}, "Indiquez le nom de la personne que vous envoyez."),
        ({"answer": "maybe"}, "Sélectionnez un choix valide."),
        ({}, "Ce champ est obligatoire."),
        (
            {"answer": "delegate", "delegate_name": "x" * 151},
            "Assurez-vous que cette valeur comporte au plus 150 caractères",
        ),
    ],
    ids=["delegate-without-name", "unknown-answer", "empty", "too-long"],
)
def test_bad_answers_show_a_translated_error_and_change_nothing(client, sent, data, field_error):
    location = _open(client, _message_to("marc@example.org"))
    response = client.post(location, data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert Invitation.objects.get(stakeholder__name_fr="OIM Tunisie").answer == Answer.PENDING


@pytest.mark.parametrize(
    "mangle",
    [lambda t: t[:-1], lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1], lambda t: "x" * 43],
    ids=["truncated", "tampered", "unknown"],
)
def test_tampered_tokens_get_the_generic_page(client, sent, mangle):
    path = _link_path(_message_to("marc@example.org"))
    token = path.rstrip("/").rsplit("/", 1)[-1]
    response = client.get(path.replace(token, mangle(token)))
    assert response.status_code == 404
    assert "Ce lien n" in response.content.decode()
    assert client.get(ANSWER_URL["fr"]).status_code == 404
    assert not LinkEvent.objects.filter(kind__in=[EventKind.OPENED, EventKind.VIEWED]).exists()


def test_an_expired_link_gets_the_generic_page(client, sent):
    EmailLink.objects.update(expires_at=timezone.now())
    response = client.get(_link_path(_message_to("marc@example.org")))
    assert response.status_code == 404
    assert "Ce lien n" in response.content.decode()


def test_a_link_that_expires_after_opening_no_longer_answers(client, sent):
    location = _open(client, _message_to("marc@example.org"))
    EmailLink.objects.update(expires_at=timezone.now())
    response = client.post(location, {"answer": "attending"})
    assert response.status_code == 404
    assert Invitation.objects.get(stakeholder__name_fr="OIM Tunisie").answer == Answer.PENDING


def test_resending_issues_a_new_link_and_the_old_one_stops_working(
    client, sent, alice, django_capture_on_commit_callbacks
):
    old = _link_path(_message_to("marc@example.org"))
    invitation = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, user=alice)
    new = _link_path(_message_to("marc@example.org"))
    assert new != old
    kinds = list(LinkEvent.objects.filter(target_id=invitation.pk).order_by("pk").values_list("kind", flat=True))
    # the first email's link, revoked by the resend; the new email's link, issued when it was sent
    assert kinds == [EventKind.SENT, EventKind.REVOKED, EventKind.RESENT]
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 302


def test_one_link_answers_only_its_own_invitation(client, sent):
    location = _open(client, _message_to("marc@example.org"))
    client.post(location, {"answer": "attending"})
    answers = dict(Invitation.objects.values_list("stakeholder__name_fr", "answer"))
    assert answers == {"OIM Tunisie": Answer.ATTENDING, "Croissant-Rouge tunisien": Answer.PENDING}


# --- outbox failure -----------------------------------------------------------------------


def test_a_failing_mail_server_leaves_the_invitation_failed_and_retryable(
    client, consultation, oim, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    _send(consultation, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.select_related("email").get()
    assert invitation.email.status == EmailStatus.FAILED
    assert "mail server down" in invitation.email.last_error
    assert invitation.sent_at is not None
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry(email=invitation.email) is True
    invitation.email.refresh_from_db()
    assert (invitation.email.status, invitation.email.attempts) == (EmailStatus.SENT, 2)
    assert client.get(_link_path(_message_to("marc@example.org"))).status_code == 302


def test_the_staff_page_shows_the_failed_send(
    client, alice, consultation, oim, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    _send(consultation, django_capture_on_commit_callbacks)
    client.force_login(alice)
    html = client.get("/fr/c/tunis/consultations/1/invitations/").content.decode()
    assert "Échec" in html
    assert "mail server down" in html
    assert "1 en échec" in html


def test_a_send_stores_each_attachment_once_per_language_whatever_the_number_of_stakeholders(
    consultation, city, django_capture_on_commit_callbacks
):
    languages = ["fr", "ar", "fr", "ar", "fr", "fr", "ar", "fr"]
    for n, language in enumerate(languages):
        s = StakeholderFactory(city=city, name_fr=f"Organisation {n}")
        ContactFactory(stakeholder=s, email=f"c{n}@example.org", language=language)
    _send(consultation, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == len(languages)
    assert OutgoingAttachment.objects.count() == 2 * len(languages)
    # One agenda per language; the calendar file prints the same bytes in both (one copy).
    stored = StoredFile.objects.all()
    agendas = {a.filename: a.file_id for a in OutgoingAttachment.objects.filter(filename__startswith="agenda-")}
    assert sorted(agendas) == ["agenda-consultation-1-ar.pdf", "agenda-consultation-1-fr.pdf"]
    calendars = set(OutgoingAttachment.objects.filter(filename__endswith=".ics").values_list("file", flat=True))
    assert stored.count() == len(set(agendas.values())) + len(calendars) <= 4
    # Every email still carries the bytes themselves.
    for message in mail.outbox:
        files = [a for a in message.attachments if isinstance(a, tuple)]  # not the inline QR code's MIME part
        (agenda,) = [content for name, content, _type in files if name.startswith("agenda-")]
        assert agenda.startswith(b"%PDF")
