"""Consultation states that no longer confuse (issue 12): counts among invitations sent, "No answer"
once held, and an overdue flag when the day has passed and nothing was recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from common.locales import city_today
from consultations.models import Answer, ConsultationStatus
from tests.factories import ConsultationFactory, InvitationFactory

pytestmark = pytest.mark.django_db

DETAIL = "/{lang}/c/tunis/consultations/1/"


def _count_after(html: str, label: str) -> str:
    tail = html.split(f">{label}</dt>", 1)[1]
    return tail.split(">", 1)[1].split("<", 1)[0]


def test_answers_count_among_the_invitations_sent(client, alice, city):
    consultation = ConsultationFactory(city=city, number=1, status=ConsultationStatus.HELD)
    now = timezone.now()
    InvitationFactory(consultation=consultation, sent_at=now, answer=Answer.ATTENDING, attended=True)
    InvitationFactory(consultation=consultation, sent_at=now, answer=Answer.NOT_ATTENDING)
    # Recorded without an invitation ever sent: present, but neither invited nor an answer.
    InvitationFactory(consultation=consultation, answer=Answer.ATTENDING, attended=True)
    InvitationFactory(consultation=consultation, walk_in=True, attended=True)
    client.force_login(alice)
    html = client.get(DETAIL.format(lang="fr")).content.decode()
    assert _count_after(html, "Invités") == "2"
    assert _count_after(html, "Viennent (ou envoient un représentant)") == "1"
    assert _count_after(html, "Ne viennent pas") == "1"
    assert _count_after(html, "Présent") == "3"
    assert "dont sans invitation envoyée" in html
    assert _count_after(html, "dont sans invitation envoyée") == "2"


@pytest.mark.parametrize(
    ("status", "label_fr", "label_ar"),
    [
        (ConsultationStatus.INVITATIONS_SENT, "Pas encore de réponse", "لا إجابة بعد"),
        (ConsultationStatus.HELD, "Pas de réponse", "لا إجابة<"),
        (ConsultationStatus.CLOSED, "Pas de réponse", "لا إجابة<"),
    ],
)
def test_no_answer_yet_only_while_answers_are_open(client, alice, city, status, label_fr, label_ar):
    consultation = ConsultationFactory(city=city, number=1, status=status)
    InvitationFactory(consultation=consultation, sent_at=timezone.now())
    client.force_login(alice)
    for lang, label in (("fr", label_fr), ("ar", label_ar)):
        for page in ("invitations/", "attendance/"):
            html = client.get(DETAIL.format(lang=lang) + page).content.decode()
            assert label in html, (lang, page)
    if status != ConsultationStatus.INVITATIONS_SENT:
        assert "Pas encore de réponse" not in client.get(DETAIL.format(lang="fr") + "invitations/").content.decode()


@pytest.mark.parametrize(
    ("days", "status", "overdue"),
    [
        (-1, ConsultationStatus.PLANNED, True),
        (-1, ConsultationStatus.INVITATIONS_SENT, True),
        (-1, ConsultationStatus.HELD, False),
        (0, ConsultationStatus.PLANNED, False),
        (3, ConsultationStatus.PLANNED, False),
    ],
)
def test_a_past_consultation_still_planned_is_flagged_overdue(client, alice, city, days, status, overdue):
    ConsultationFactory(city=city, number=1, status=status, date=city_today(city) + dt.timedelta(days=days))
    client.force_login(alice)
    for url in (DETAIL.format(lang="fr"), "/fr/c/tunis/consultations/"):
        html = client.get(url).content.decode()
        assert ("En retard : consignez ce qui s’est passé" in html) is overdue, url
    html = client.get(DETAIL.format(lang="ar")).content.decode()
    assert ("متأخرة: سجّلوا ما حدث" in html) is overdue
