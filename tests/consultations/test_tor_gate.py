"""Consultation 2 warns while the city's terms of reference are not adopted (terms app)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consultations.models import ConsultationStatus, Gate, GateOverride
from consultations.selectors import tor_is_adopted
from consultations.services.consultations import consultation_mark_held
from terms.models import VersionStatus
from tests.factories import ConsultationFactory, TorVersionFactory

PAST = dt.date(2024, 2, 13)


@pytest.fixture
def second(city):
    ConsultationFactory(city=city, number=1, status=ConsultationStatus.CLOSED)
    return ConsultationFactory(city=city, number=2, date=PAST)


def test_the_gate_follows_the_adopted_version_of_this_city_only(city, other_city):
    assert tor_is_adopted(city=city) is False
    TorVersionFactory(tor__city=other_city, status=VersionStatus.ADOPTED)
    TorVersionFactory(tor__city=city, status=VersionStatus.FINAL)
    assert tor_is_adopted(city=city) is False
    TorVersionFactory(tor__city=city, status=VersionStatus.ADOPTED)
    assert tor_is_adopted(city=city) is True


def test_consultation_2_waits_for_the_adopted_terms(second, eve):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        consultation_mark_held(consultation=second, user=eve)
    assert error.value.messages == [
        "The terms of reference are not adopted yet.",
        "Only a coordinator can go ahead anyway, giving a reason.",
    ]


def test_consultation_2_is_held_once_the_terms_are_adopted(city, second, eve):
    TorVersionFactory(tor__city=city, status=VersionStatus.ADOPTED)
    consultation_mark_held(consultation=second, user=eve)
    second.refresh_from_db()
    assert second.status == ConsultationStatus.HELD
    assert not GateOverride.objects.exists()


def test_a_coordinator_goes_ahead_without_adopted_terms_and_it_shows(client, second, alice):
    consultation_mark_held(
        consultation=second, user=alice, can_override=True, override_reason="Ratification en cours, calendrier serré"
    )
    assert list(GateOverride.objects.values_list("gate", "reason")) == [
        (Gate.TOR_NOT_ADOPTED, "Ratification en cours, calendrier serré")
    ]
    client.force_login(alice)
    html = client.get("/fr/c/tunis/consultations/2/").content.decode()
    assert "Les termes de référence ne sont pas adoptés — décidé par <bdi>alice</bdi>" in html
    assert "<q>Ratification en cours, calendrier serré</q>" in html
    cycle = client.get("/fr/c/tunis/consultations/").content.decode()
    assert "Dérogation : Les termes de référence ne sont pas encore adoptés." in cycle


def test_pages_warn_while_the_terms_are_not_adopted(client, city, second, alice):
    client.force_login(alice)
    warning = "Les termes de référence ne sont pas encore adoptés."
    assert warning in client.get("/fr/c/tunis/consultations/2/").content.decode()
    assert warning in client.get("/fr/c/tunis/consultations/2/invitations/").content.decode()
    assert "<li>Termes de référence adoptés</li>" in client.get("/fr/c/tunis/consultations/").content.decode()
    TorVersionFactory(tor__city=city, status=VersionStatus.ADOPTED)
    assert warning not in client.get("/fr/c/tunis/consultations/2/").content.decode()
    assert warning not in client.get("/fr/c/tunis/consultations/2/invitations/").content.decode()
    # the gate concerns consultation 2 only
    assert warning not in client.get("/fr/c/tunis/consultations/1/").content.decode()
