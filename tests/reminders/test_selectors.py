"""Who has not answered, in the reader's language and its collation (issue 12): "Équipe" between "Entraide"
and "Fondation" in French, the Arabic names in Arabic order in Arabic."""

import pytest
from django.utils import translation

from ratification.kinds import get_kind
from ratification.services import ratification_send
from reminders.selectors import pending_feedback, pending_invitations, pending_ratifications
from terms.services.feedback import tor_version_circulate
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.factories import ContactFactory, RoleAssignmentFactory, StakeholderFactory, TorFactory, TorVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(city):
    """The three stakeholders of the collation tests, each reached by email."""
    out = []
    for i, (fr, ar) in enumerate(NAMES):
        stakeholder = StakeholderFactory(city=city, name_fr=fr, name_ar=ar)
        ContactFactory(stakeholder=stakeholder, email=f"n{i}@example.org")
        out.append(stakeholder)
    return out


def _names_in(language, pending_list):
    with translation.override(language):
        return [p.stakeholder_name for p in pending_list()]


def test_pending_invitations_sort_by_the_readers_language(city, named, invited):
    def pending():  # the conftest's two invitees left out
        return [p for p in pending_invitations(city=city) if p.stakeholder_name in {*FRENCH_ORDER, *ARABIC_ORDER}]

    assert _names_in("fr", pending) == FRENCH_ORDER
    assert _names_in("ar", pending) == ARABIC_ORDER


def test_pending_feedback_sorts_by_the_readers_language(city, named, alice, committed):
    committed(tor_version_circulate, version=TorVersionFactory(tor=TorFactory(city=city), status="draft"), user=alice)
    assert _names_in("fr", lambda: pending_feedback(city=city)) == FRENCH_ORDER
    assert _names_in("ar", lambda: pending_feedback(city=city)) == ARABIC_ORDER


def test_pending_ratifications_sort_by_the_readers_language(city, named, committed):
    kind = get_kind("tor")
    version = TorVersionFactory(tor=TorFactory(city=city), status="final")
    for stakeholder in named:
        RoleAssignmentFactory(version=version, stakeholder=stakeholder)
    committed(ratification_send, kind, version=version)
    assert _names_in("fr", lambda: pending_ratifications(kind, city=city)) == FRENCH_ORDER
    assert _names_in("ar", lambda: pending_ratifications(kind, city=city)) == ARABIC_ORDER
