"""A Tunis group with a final ToR version and one pending ratification request per stakeholder: Croissant
(contact in Arabic) and OIM (contact in French); charlie coordinates another city and must be told nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from links.services import link_issue
from ratification.services import ratification_decide, ratification_record_paper
from terms.kind import TOR_RATIFICATION
from tests.factories import (
    ContactFactory,
    RatificationRequestFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)


@pytest.fixture(autouse=True)
def _clean(settings):
    settings.SITE_URL = "https://stakeholders.example.org"
    cache.clear()
    mail.outbox = []


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


@pytest.fixture
def version(city):
    return TorVersionFactory(tor=TorFactory(city=city), number=2, status="final")


def _request(version, stakeholder):
    contact = stakeholder.contacts.get()
    return RatificationRequestFactory(
        version=version,
        stakeholder=stakeholder,
        contact=contact,
        contact_name=contact.name,
        contact_email=contact.email,
        language=contact.language,
    )


@pytest.fixture
def rr_croissant(version, croissant):
    return _request(version, croissant)


@pytest.fixture
def rr_oim(version, oim):
    return _request(version, oim)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its after-commit work (emails, tasks) like a request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def decide_online(rr, decision="ratified", **kwargs):
    issued = link_issue(
        target=rr, purpose=TOR_RATIFICATION.purpose, expires_at=timezone.now() + dt.timedelta(days=3), language="fr"
    )
    return ratification_decide(
        TOR_RATIFICATION,
        ratification_request=rr,
        link=issued.link,
        decision=decision,
        signed_name=kwargs.get("signed_name", "Nom Signataire"),
        reason=kwargs.get("reason", ""),
        posted_sha256=rr.version.sha256,
    )


def decide_on_paper(rr, user, decision="ratified", **kwargs):
    return ratification_record_paper(
        TOR_RATIFICATION,
        ratification_request=rr,
        user=user,
        decision=decision,
        signed_name=kwargs.get("signed_name", "Nom Signataire"),
        reason=kwargs.get("reason", ""),
    )


def message_to(address, purpose_subject_part=""):
    found = [m for m in mail.outbox if m.to == [address] and purpose_subject_part in m.subject]
    assert len(found) == 1, [(m.to, m.subject) for m in mail.outbox]
    return found[0]
