"""A Tunis organisation with something of every kind in its space, a second Tunis organisation and an
organisation of another city with items of their own, and helpers to send and open a space link."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from consultations.models import ConsultationStatus
from portal.services import space_link_send
from terms.models import FeedbackRequest, ReplyStatus, VersionStatus
from tests.factories import (
    ConsultationFactory,
    ContactFactory,
    InvitationFactory,
    RatificationRequestFactory,
    StakeholderFactory,
    TorFactory,
    TorFeedbackFactory,
    TorVersionFactory,
)
from tests.terms.helpers import link_in, path_of


@dataclass
class Org:
    stakeholder: object
    contact: object
    invitation: object
    feedback_request: object
    ratification: object
    remark: object


def make_org(city, *, name, language="fr", consultation=None, circulated=None, final=None, email=None):
    """An active stakeholder with a primary contact, invited to consultation 1, asked for feedback on the
    circulated version and to ratify the final one, with one remark answered by the secretariat."""
    stakeholder = StakeholderFactory(city=city, name_fr=name, name_ar=f"{name} ع")
    contact = ContactFactory(
        stakeholder=stakeholder, name=f"Contact {name}", email=email or f"{name.lower()}@example.org", language=language
    )
    consultation = consultation or ConsultationFactory(city=city, number=1, title_fr=f"Réunion {city.slug}")
    invitation = InvitationFactory(consultation=consultation, stakeholder=stakeholder, sent_at=timezone.now())
    tor = getattr(city, "terms", None) or TorFactory(city=city)
    circulated = circulated or TorVersionFactory(tor=tor, status=VersionStatus.CIRCULATED)
    final = final or TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    feedback_request = FeedbackRequest.objects.create(
        version=circulated, stakeholder=stakeholder, contact=contact, language=language
    )
    ratification = RatificationRequestFactory(
        version=final, stakeholder=stakeholder, contact=contact, expires_at=timezone.now() + dt.timedelta(days=30)
    )
    remark = TorFeedbackFactory(
        version=circulated,
        stakeholder=stakeholder,
        text=f"Remarque de {name}",
        reply_status=ReplyStatus.ACCEPTED,
        reply=f"Réponse à {name}",
        replied_at=timezone.now(),
    )
    return Org(stakeholder, contact, invitation, feedback_request, ratification, remark)


@pytest.fixture(autouse=True)
def _clean():
    mail.outbox = []
    cache.clear()


@pytest.fixture
def org(city):
    return make_org(city, name="Alpha")


@pytest.fixture
def neighbour(city, org):
    """Another organisation of the same city, invited to the same consultation, on the same versions."""
    return make_org(
        city,
        name="Beta",
        consultation=org.invitation.consultation,
        circulated=org.feedback_request.version,
        final=org.ratification.version,
    )


@pytest.fixture
def foreigner(other_city):
    return make_org(other_city, name="Gamma")


@pytest.fixture
def send_space(django_capture_on_commit_callbacks):
    """send_space(contact) -> the emailed space URL (absolute)."""

    def send(contact, user=None):
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            space_link_send(contact=contact, user=user)
        message = next(m for m in mail.outbox if m.to == [contact.email])
        return link_in(message)

    return send


@pytest.fixture
def open_space(client, send_space):
    """Send the contact's space link and open it in `client`; returns the space's path."""

    def do(contact):
        response = client.get(path_of(send_space(contact)))
        assert response.status_code == 302
        return response["Location"]

    return do


def held(consultation):
    consultation.status = ConsultationStatus.HELD
    consultation.save(update_fields=["status"])
