"""How the ratification suite builds a document of each registered kind, and the fixtures it shares.

Every test of tests/ratification runs once per kind (`kind` is parametrised over all_kinds()). The kind
itself knows nothing of factories: CASES says, per kind name, how to make a sendable version, what the
kind's readiness rule asks of a stakeholder beyond a primary contact, how a newer version takes a version's
place, and the figures that differ (email subjects, literal query counts). A new kind fails
test_every_kind_has_a_case until it is added here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.utils import translation

from links.selectors import link_current_for_target
from planning.services import roadmap as planning_roadmap_services
from ratification.kinds import all_kinds
from ratification.services import ratification_decide, ratification_send
from terms.services.adoption import tor_version_adopt
from terms.services.versions import tor_version_create_from, tor_version_status_set
from tests.factories import (
    ContactFactory,
    FrozenRoadmapVersionFactory,
    RoadmapVersionFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)

# Shown on the contact's page in French: part of the version's text.
MARKER = "Texte Témoin"


@dataclass(frozen=True)
class Case:
    # (city, number) -> a version the kind sends, whose French text holds MARKER.
    version: Callable
    # (city, number) -> versions in each status the kind does not send.
    unsendable: Callable
    # (version, stakeholder) -> what the kind's readiness rule asks beyond a primary contact.
    prepare: Callable
    # (version, user) -> a newer version, once it has taken `version`'s place.
    replace: Callable
    # Subject of the request email for version 1 of Tunis, per language.
    subjects: dict
    # Queries of the staff's status page (coordinator, sent) and of one request's page.
    status_queries: int
    request_queries: int


def _tor_version(city, number=1):
    sections = [{"heading_fr": MARKER, "heading_ar": "نص شاهد", "text_fr": "Article.", "text_ar": "فصل."}]
    return TorVersionFactory(tor=TorFactory(city=city), number=number, status="final", sections=sections)


def _tor_unsendable(city, number):
    tor = TorFactory(city=city)
    return [TorVersionFactory(tor=tor, status=status) for status in ("presented", "adopted", "draft")]


def _tor_prepare(version, stakeholder):
    RoleAssignmentFactory(version=version, stakeholder=stakeholder)


def _tor_replace(version, user):
    newer = tor_version_create_from(previous=version, user=user)
    newer = tor_version_status_set(version=newer, status="final", user=user)
    return tor_version_adopt(version=newer)


def _roadmap_version(city, number=1):
    return FrozenRoadmapVersionFactory(city=city, number=number, introduction_fr=MARKER)


def _roadmap_unsendable(city, number):
    return [
        RoadmapVersionFactory(city=city, number=number),
        FrozenRoadmapVersionFactory(city=city, number=number + 1, status="superseded"),
    ]


def _roadmap_replace(version, user):
    newer = FrozenRoadmapVersionFactory(city=version.city, number=version.number + 1)
    planning_roadmap_services.roadmap_version_approve(
        version=newer, decided_on=dt.date(2024, 6, 1), decision_fr="Approuvée.", user=user
    )
    return newer


CASES = {
    "tor": Case(
        version=_tor_version,
        unsendable=_tor_unsendable,
        prepare=_tor_prepare,
        replace=_tor_replace,
        subjects={
            "fr": "Ratification des termes de référence, version 1 – Tunis",
            "ar": "المصادقة على الاختصاصات المرجعية، النسخة 1 – تونس",
        },
        status_queries=12,
        request_queries=8,
    ),
    "roadmap": Case(
        version=_roadmap_version,
        unsendable=_roadmap_unsendable,
        prepare=lambda version, stakeholder: None,
        replace=_roadmap_replace,
        subjects={
            "fr": "Ratification de la feuille de route, version 1 – Tunis",
            "ar": "المصادقة على خارطة الطريق، النسخة 1 – تونس",
        },
        status_queries=11,
        request_queries=7,
    ),
}


def kinds():
    """Every registered kind, for @pytest.mark.parametrize("kind", kinds(), ids=kind_id)."""
    return all_kinds()


def kind_id(kind) -> str:
    return kind.name


@pytest.fixture
def case(kind) -> Case:
    return CASES[kind.name]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"
    mail.outbox = []


@pytest.fixture
def english():
    """Service errors are asserted on their English msgids; pages get their language from the URL."""
    with translation.override("en"):
        yield


def make_group(case, city, version, n=3, prefix=""):
    """n active stakeholders ("Organisation A", ...), each with a primary contact (c0@example.org, ...;
    French, Arabic, French...) and whatever else the kind asks before a send."""
    out = []
    for i in range(n):
        s = StakeholderFactory(city=city, name_fr=f"Organisation {prefix}{chr(65 + i)}", name_ar=f"منظمة {prefix}{i}")
        ContactFactory(
            stakeholder=s, name=f"Contact {prefix}{i}", email=f"c{prefix}{i}@example.org", language=("fr", "ar")[i % 2]
        )
        case.prepare(version, s)
        out.append(s)
    return out


@pytest.fixture
def version(case, city):
    return case.version(city)


@pytest.fixture
def group(case, city, version):
    return make_group(case, city, version)


@pytest.fixture
def send(kind, django_capture_on_commit_callbacks):
    """Send like the page does, the after-commit work (the emails' task) included."""

    def do(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ratification_send(kind, version=version, **kwargs)

    return do


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its after-commit work (emails, records) like a request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def sent(version, group, send):
    send(version)
    return version


def ratify(kind, rr, name="Nom Prénom", sha=None):
    """Decide through the request's current link, as the contact's POST does."""
    return ratification_decide(
        kind,
        ratification_request=rr,
        link=link_current_for_target(rr, kind.purpose),
        decision="ratified",
        signed_name=name,
        posted_sha256=rr.version.sha256 if sha is None else sha,
    )


def request_of(kind, stakeholder):
    return kind.request_model.objects.get(stakeholder=stakeholder)
