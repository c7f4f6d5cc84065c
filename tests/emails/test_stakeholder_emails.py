"""Every email a stakeholder receives, in French and in Arabic: subject, From in the recipient's
language, Reply-To to the city's coordinator, Content-Language, greeting, deadline and signature.

Each kind is rendered from its real templates through the outbox and sent through the locmem backend;
the invitation is also sent through its service, so that the context the templates get is the real one.
"""

import datetime as dt
import email.utils

import pytest
import vobject
from django.core import mail

from consultations.services.invitations import invitation_send
from outbox.services import email_queue
from terms.models import VersionStatus
from tests.factories import (
    ConsultationFactory,
    ContactFactory,
    FrozenRoadmapVersionFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)

LINK = "https://stakeholders.example.org/fr/l/token/"
EXPIRES = dt.datetime(2026, 2, 13, 22, 30, tzinfo=dt.UTC)  # 23:30 in Tunis, 13 February


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox = []


@pytest.fixture
def tunis(city):
    city.name_fr, city.name_ar = "Ville de Tunis", "بلدية تونس"
    city.programme_fr, city.programme_ar = "Migration ville-à-ville (MC2CM)", "الهجرة من مدينة إلى مدينة"
    city.reply_to_email = "coordination@tunis.example.org"
    city.country_code = "TN"
    city.save()
    return city


@pytest.fixture
def stakeholder(tunis):
    return StakeholderFactory(city=tunis, name_fr="Croissant-Rouge", name_ar="الهلال الأحمر")


def _context(kind, tunis, stakeholder):
    TorVersionFactory(tor=(tor := TorFactory(city=tunis)), status=VersionStatus.SUPERSEDED)
    tor_version = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    roadmap = FrozenRoadmapVersionFactory(city=tunis, number=1)
    base = {"city": tunis, "stakeholder": stakeholder, "contact_name": "Inès Haddad", "link_url": LINK}
    return {
        "tor-feedback-request": {
            **base,
            "version": tor_version,
            "contact": ContactFactory.build(name="Inès Haddad"),
            "expires_at": EXPIRES,
        },
        "tor-ratification-request": {**base, "version": tor_version, "expires_at": EXPIRES},
        "tor-ratification-reminder": {**base, "version": tor_version, "expires_at": EXPIRES},
        "tor-ratification-superseded": {**base, "version": tor_version, "old_version": tor_version},
        "roadmap-ratification-request": {**base, "version": roadmap, "expires_at": EXPIRES},
        "roadmap-ratification-reminder": {**base, "version": roadmap, "expires_at": EXPIRES},
        "roadmap-ratification-superseded": {**base, "version": roadmap, "old_version": roadmap},
    }[kind]


SUBJECTS = {
    ("tor-feedback-request", "fr"): "Votre avis sur le projet de termes de référence (version 2) – Ville de Tunis",
    ("tor-ratification-request", "fr"): "Ratification des termes de référence, version 2 – Ville de Tunis",
    ("tor-ratification-reminder", "fr"): "Relance : ratification des termes de référence, version 2 – Ville de Tunis",
    ("tor-ratification-superseded", "fr"): "La version 2 des termes de référence est remplacée – Ville de Tunis",
    ("roadmap-ratification-request", "fr"): "Ratification de la feuille de route, version 1 – Ville de Tunis",
    (
        "roadmap-ratification-reminder",
        "fr",
    ): "Relance : ratification de la feuille de route, version 1 – Ville de Tunis",
    ("roadmap-ratification-superseded", "fr"): "La version 1 de la feuille de route est remplacée – Ville de Tunis",
}
KINDS = sorted({kind for kind, _ in SUBJECTS})


def _send(*, kind, language, context, django_capture_on_commit_callbacks, tunis):
    with django_capture_on_commit_callbacks(execute=True):
        email_queue(
            to="ines@example.org", language=language, template=kind, context=context, purpose="test", city=tunis
        )
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def _headers(message):
    return message.message()


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_email_kind_speaks_the_recipients_language(
    kind, language, tunis, stakeholder, django_capture_on_commit_callbacks
):
    context = _context(kind, tunis, stakeholder)
    message = _send(
        kind=kind,
        language=language,
        context=context,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        tunis=tunis,
    )
    sender_name, sender_address = email.utils.parseaddr(message.from_email)
    assert sender_name == {"fr": "Ville de Tunis", "ar": "بلدية تونس"}[language]
    assert sender_address == "no-reply@localhost"
    assert message.reply_to == ["coordination@tunis.example.org"]
    assert _headers(message)["Content-Language"] == language
    if language == "fr":
        assert message.subject == SUBJECTS[(kind, language)]
        assert message.body.startswith("Bonjour Inès Haddad,\n\n")
        assert "Madame, Monsieur" not in message.body
        assert "Cordialement,\nLe secrétariat du groupe des parties prenantes\nVille de Tunis\n" in message.body
        assert "écrivez à coordination@tunis.example.org" in message.body
    else:
        assert message.subject.endswith("– بلدية تونس")
        assert message.body.startswith("السيد(ة) Inès Haddad المحترم(ة)،\n\n")
        assert "مع أطيب التحيات،\nأمانة مجموعة الأطراف المعنية\nبلدية تونس\n" in message.body
    html = message.alternatives[0][0]
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    # A link's deadline, in the city's time and labelled; no email without a link claims one.
    if "expires_at" in context:
        expected = {
            "fr": "Échéance : votre lien personnel est valable jusqu'au 13 février 2026 23:30 (heure de Tunis).",
            "ar": "الأجل: رابطكم الشخصي صالح حتى 13 فيفري 2026، 23:30 (بتوقيت تونس).",
        }[language]
        assert expected in message.body
    else:
        assert "Échéance" not in message.body and "الأجل" not in message.body


def test_without_a_reply_to_there_is_no_reply_to_and_the_email_says_so(
    tunis, stakeholder, django_capture_on_commit_callbacks
):
    tunis.reply_to_email = ""
    tunis.save()
    kind = "tor-ratification-request"
    message = _send(
        kind=kind,
        language="fr",
        context=_context(kind, tunis, stakeholder),
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        tunis=tunis,
    )
    assert message.reply_to == []
    assert "Reply-To" not in _headers(message)
    assert "une adresse qui ne reçoit pas de réponse" in message.body


def test_sentences_need_no_article_the_data_lacks(tunis, stakeholder, django_capture_on_commit_callbacks):
    kind = "tor-ratification-request"
    message = _send(
        kind=kind,
        language="fr",
        context=_context(kind, tunis, stakeholder),
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        tunis=tunis,
    )
    assert "Vous représentez Croissant-Rouge : nous vous demandons de la ratifier" in message.body
    assert "de Ville de Tunis" not in message.body
    assert "En tant que contact de" not in message.body


@pytest.mark.parametrize(
    ("language", "subject", "when", "greeting"),
    [
        (
            "fr",
            "Invitation : Consultation d'alignement, 13 février 2024",
            "mardi 13 février 2024, \u206609:00–13:00\u2069 (heure de Tunis)",
            "Bonjour Inès Haddad,",
        ),
        (
            "ar",
            "دعوة: استشارة المواءمة، 13 فيفري 2024",
            "الثلاثاء 13 فيفري 2024، \u206609:00–13:00\u2069 (بتوقيت تونس)",
            "السيد(ة) Inès Haddad المحترم(ة)،",
        ),
    ],
)
def test_the_invitation_in_each_language(
    language, subject, when, greeting, tunis, stakeholder, django_capture_on_commit_callbacks
):
    ContactFactory(stakeholder=stakeholder, name="Inès Haddad", email="ines@example.org", language=language)
    consultation = ConsultationFactory(
        city=tunis,
        number=1,
        title_fr="Consultation d'alignement",
        title_ar="استشارة المواءمة",
        date=dt.date(2024, 2, 13),
        start_time=dt.time(9, 0),
        end_time=dt.time(13, 0),
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(consultation=consultation)
    (message,) = mail.outbox
    assert message.subject == subject
    assert email.utils.parseaddr(message.from_email)[0] == {"fr": "Ville de Tunis", "ar": "بلدية تونس"}[language]
    assert message.reply_to == ["coordination@tunis.example.org"]
    assert message.message()["Content-Language"] == language
    assert message.body.startswith(greeting + "\n\n")
    assert when in message.body
    invite = {
        "fr": "Ville de Tunis invite votre organisation, Croissant-Rouge, à la consultation suivante",
        "ar": "تدعو بلدية تونس مؤسستكم، الهلال الأحمر، إلى الاستشارة التالية",
    }[language]
    assert invite in message.body


def test_the_invitation_says_its_calendar_file_takes_no_answer(tunis, stakeholder, django_capture_on_commit_callbacks):
    ContactFactory(stakeholder=stakeholder, name="Inès Haddad", email="ines@example.org", language="fr")
    ConsultationFactory(city=tunis, number=1)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(consultation=tunis.consultations.get(number=1))
    (message,) = mail.outbox
    assert "répondez par votre lien personnel, pas depuis votre calendrier" in message.body
    # Files are (name, content, mimetype); the check-in QR code is an inline MIME part.
    files = [a for a in message.attachments if isinstance(a, tuple)]
    (ics,) = [content for name, content, mimetype in files if name.endswith(".ics")]
    calendar = vobject.readOne(ics.decode("utf-8") if isinstance(ics, bytes) else ics)
    assert calendar.method.value == "PUBLISH"
    assert calendar.vevent.organizer.value == "mailto:coordination@tunis.example.org"
