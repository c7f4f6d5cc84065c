"""What the reminders suite shares: a consultation on 12 March 2030 (10:30 Tunis time), its invitees, and a
policy (on, 7 days before, every 3 days, quiet 20:00-08:00 in Tunis)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache

from consultations.services.invitations import invitation_send
from links.services import link_resolve
from reminders.models import ReminderPolicy
from tests.factories import AgendaItemFactory, ConsultationFactory, ContactFactory, StakeholderFactory

LINK = re.compile(r"https://stakeholders\.example\.org/(?:fr|ar)/l/([A-Za-z0-9_-]+)/")
TUNIS = dt.timezone(dt.timedelta(hours=1))  # Africa/Tunis has no daylight saving time


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of March 2030, Tunis time."""
    return dt.datetime(2030, 3, day, hour, minute, tzinfo=TUNIS)


def tokens(message) -> list[str]:
    return LINK.findall(message.body)


def usable(token: str) -> bool:
    link = link_resolve(token)
    return link is not None and link.is_usable


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://stakeholders.example.org"
    mail.outbox = []
    cache.clear()


@pytest.fixture
def policy(city):
    return ReminderPolicy.objects.create(city=city, enabled=True, days_before=7, repeat_days=3)


@pytest.fixture
def consultation(city):
    consultation = ConsultationFactory(
        city=city, number=1, title_fr="Première consultation", title_ar="الاستشارة الأولى", date=dt.date(2030, 3, 12)
    )
    AgendaItemFactory(consultation=consultation, start_time=dt.time(10, 30), end_time=dt.time(10, 45))
    return consultation


@pytest.fixture
def invitees(city):
    """Two stakeholders reached by email (French, Arabic)."""
    out = []
    for i, (name, language) in enumerate([("Croissant-Rouge", "ar"), ("OIM Tunisie", "fr")]):
        stakeholder = StakeholderFactory(city=city, name_fr=name, name_ar=f"منظمة {i}")
        ContactFactory(stakeholder=stakeholder, name=f"Contact {i}", email=f"c{i}@example.org", language=language)
        out.append(stakeholder)
    return out


@pytest.fixture
def invited(consultation, invitees, django_capture_on_commit_callbacks):
    """The invitations sent (emails out, links issued)."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(consultation=consultation)
    mail.outbox = []
    return consultation


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
