import pytest

from ratification.services import ratification_readiness
from stakeholders import demo as stakeholders_demo
from terms import demo
from terms.kind import TOR_RATIFICATION
from terms.models import RoleAssignment, TorChange, TorFeedback, TorVersion, VersionStatus

pytestmark = pytest.mark.django_db


def _load(city, alice):
    stakeholders_demo.load(city, {"coordinator": alice})
    demo.load(city, {"coordinator": alice})


def test_it_loads_the_tunis_terms_from_the_concept_note_idempotently(city, alice):
    _load(city, alice)
    first = list(TorVersion.objects.values_list("number", "status", "sha256"))
    counts = (RoleAssignment.objects.count(), TorFeedback.objects.count(), TorChange.objects.count())
    _load(city, alice)
    assert list(TorVersion.objects.values_list("number", "status", "sha256")) == first
    assert (RoleAssignment.objects.count(), TorFeedback.objects.count(), TorChange.objects.count()) == counts

    v1, v2 = TorVersion.objects.order_by("number")
    assert (v1.status, str(v1.presented_on)) == (VersionStatus.PRESENTED, "2023-11-07")
    assert v2.status == VersionStatus.FINAL and v2.previous == v1
    headings = list(v2.sections.values_list("heading_fr", flat=True))
    assert headings[0] == "Objet" and "Fonctionnement et règle de Chatham House" in headings
    assert all(v2.sections.values_list("heading_ar", flat=True))
    assert TorChange.objects.filter(version=v2).count() == 3
    assert all(c.feedback.count() == 1 for c in TorChange.objects.filter(version=v2))
    # Version 2 is ready to be sent: every active stakeholder has a role and a primary contact with an email.
    assert ratification_readiness(TOR_RATIFICATION, version=v2).ready
