"""Each event creates the right notifications, for every member of the city and nobody else."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from consultations.models import Answer
from consultations.services.invitations import invitation_answer
from links.services import link_issue
from notifications.models import Notification, NotificationKind
from notifications.texts import FSI, PDI
from notifications.texts import notification_text as _text
from outbox.services import email_queue
from terms.models import FeedbackRequest, TorSection, VersionStatus
from terms.services.feedback import tor_feedback_create, tor_feedback_submit
from tests.factories import ConsultationFactory, InvitationFactory, TorFactory, TorVersionFactory

from .conftest import decide_on_paper, decide_online

pytestmark = pytest.mark.django_db


def notification_text(notification) -> str:
    """The plain-text sentence without its isolation marks."""
    return _text(notification).replace(FSI, "").replace(PDI, "")


def _who(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_it_notifies_every_member_of_a_decline_with_its_reason_and_no_outsider(
    alice, bob, eve, charlie, rr_croissant, rr_oim, committed
):
    committed(decide_online, rr_croissant, "declined", reason="Le rôle des associations manque.")

    assert _who(NotificationKind.DECLINED) == ["alice", "bob", "eve"]
    notification = Notification.objects.get(user=alice)
    assert notification_text(notification) == (
        "Ratification refusée par Croissant-Rouge tunisien : Termes de référence, version 2. "
        "Motif : Le rôle des associations manque."
    )
    assert notification.get_absolute_url() == f"/fr/c/tunis/terms/ratification/{rr_croissant.pk}/"
    assert not notification.is_read


def test_a_decline_on_paper_is_not_notified_to_who_recorded_it(alice, bob, rr_croissant, rr_oim, committed):
    committed(decide_on_paper, rr_croissant, alice, "declined", reason="Courrier du 3 mars.")

    assert _who(NotificationKind.DECLINED) == ["bob"]


def test_quorum_and_adoption_are_notified_once(alice, bob, charlie, rr_croissant, rr_oim, version, committed):
    committed(decide_online, rr_croissant)
    assert not Notification.objects.exists()
    committed(decide_online, rr_oim)

    version.refresh_from_db()
    assert version.status == VersionStatus.ADOPTED
    assert _who(NotificationKind.QUORUM) == ["alice", "bob"]
    assert _who(NotificationKind.ADOPTED) == ["alice", "bob"]
    texts = sorted(notification_text(n) for n in Notification.objects.filter(user=bob))
    assert texts == [
        "Quorum atteint : Termes de référence, version 2 (2 sur 2 parties prenantes ont ratifié).",
        "Version adoptée : Termes de référence, version 2.",
    ]


def test_feedback_through_the_link_is_one_notification_per_submission(alice, bob, charlie, croissant, city, committed):
    version = TorVersionFactory(tor=TorFactory(city=city), number=1, status="circulated")
    section = TorSection.objects.filter(version=version).first()
    request = FeedbackRequest.objects.create(version=version, stakeholder=croissant, contact=croissant.contacts.get())
    issued = link_issue(
        target=request, purpose="tor_feedback", expires_at=timezone.now() + dt.timedelta(days=3), language="ar"
    )
    committed(
        tor_feedback_submit,
        feedback_request=request,
        link=issued.link,
        entries={None: "Remarque générale.", section.pk: "Préciser l'article."},
        language="ar",
    )

    assert _who(NotificationKind.FEEDBACK) == ["alice", "bob"]
    notification = Notification.objects.get(user=alice)
    assert (
        notification_text(notification)
        == "Croissant-Rouge tunisien : 2 commentaires sur Termes de référence, version 1."
    )
    assert notification.get_absolute_url() == "/fr/c/tunis/terms/v/1/feedback/"


def test_feedback_entered_by_staff_is_not_notified_to_who_entered_it(alice, bob, croissant, city):
    version = TorVersionFactory(tor=TorFactory(city=city), number=1, status="presented")
    tor_feedback_create(version=version, text="Sur papier.", stakeholder=croissant, recorded_by=bob)

    assert _who(NotificationKind.FEEDBACK) == ["alice"]


def _answer(invitation, answer):
    issued = link_issue(
        target=invitation, purpose="invitation", expires_at=timezone.now() + dt.timedelta(days=3), language="fr"
    )
    return invitation_answer(invitation=invitation, link=issued.link, answer=answer)


@pytest.fixture
def invitation(city, croissant):
    consultation = ConsultationFactory(
        city=city, number=1, title_fr="Première consultation", title_ar="الاستشارة الأولى"
    )
    return InvitationFactory(
        consultation=consultation, stakeholder=croissant, contact=croissant.contacts.get(), language="ar"
    )


def test_not_attending_is_notified_and_attending_is_not(alice, charlie, invitation, committed):
    committed(_answer, invitation, Answer.ATTENDING)
    assert not Notification.objects.exists()

    committed(_answer, invitation, Answer.NOT_ATTENDING)

    assert _who(NotificationKind.NOT_ATTENDING) == ["alice"]
    notification = Notification.objects.get()
    assert notification_text(notification) == (
        "Croissant-Rouge tunisien ne participera pas à la consultation 1 (Première consultation)."
    )
    assert notification.get_absolute_url() == "/fr/c/tunis/consultations/1/invitations/"


@override_settings(EMAIL_BACKEND="tests.outbox.failing_backend.EmailBackend")
def test_a_failed_email_is_notified_once_to_its_city(alice, bob, charlie, city, committed):
    email = committed(
        email_queue,
        to="x@example.org",
        language="fr",
        template="tor-ratification-superseded",
        context={"city": city, "old_version": None, "version": None},
        purpose="test",
        city=city,
    )

    assert _who(NotificationKind.EMAIL_FAILED) == ["alice", "bob"]
    notification = Notification.objects.get(user=alice)
    assert notification_text(notification).startswith("Un courriel à x@example.org n’a pas pu être envoyé")
    assert notification.get_absolute_url() == "/fr/c/tunis/outbox/"
    assert notification.params["subject"] == email.subject


def test_a_failed_email_without_city_notifies_nobody(alice, committed, settings):
    settings.EMAIL_BACKEND = "tests.outbox.failing_backend.EmailBackend"
    committed(
        email_queue,
        to="x@example.org",
        language="fr",
        template="tor-ratification-superseded",
        context={"city": None, "old_version": None, "version": None},
        purpose="test",
    )
    assert not Notification.objects.exists()


def test_leaving_a_city_removes_its_notifications(alice, rr_croissant, rr_oim, committed):
    committed(decide_online, rr_croissant, "declined", reason="Non.")
    alice.memberships.get().delete()
    assert not Notification.objects.filter(user=alice).exists()


def test_notifications_are_read_in_the_language_of_the_page(alice, rr_croissant, rr_oim, committed):
    committed(decide_online, rr_croissant, "declined", reason="Non.")
    with translation.override("ar"):
        text = notification_text(Notification.objects.get(user=alice))
    assert "الهلال الأحمر التونسي" in text
    assert "Croissant" not in text
