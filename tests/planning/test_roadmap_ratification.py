"""What ratification means for the roadmap (the shared flow is tested for every kind in tests/ratification):
the stakeholders' decisions confirm the meeting's approval and never change the version's status; the
roadmap's page summarises them."""

import pytest
from django.core import mail

from links.selectors import link_current_for_target
from planning.kind import ROADMAP_RATIFICATION
from planning.models import RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion
from ratification.services import ratification_decide, ratification_send
from tests.factories import ContactFactory, FrozenRoadmapVersionFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(city, django_capture_on_commit_callbacks):
    version = FrozenRoadmapVersionFactory(city=city, number=1)
    for i in range(3):
        ContactFactory(stakeholder=StakeholderFactory(city=city), email=f"r{i}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(ROADMAP_RATIFICATION, version=version)
    return version


def test_sending_and_deciding_leave_the_version_frozen(sent):
    assert len(mail.outbox) == 3
    for rr in RoadmapRatificationRequest.objects.all():
        ratification_decide(
            ROADMAP_RATIFICATION,
            ratification_request=rr,
            link=link_current_for_target(rr, ROADMAP_RATIFICATION.purpose),
            decision="ratified",
            signed_name="Nom",
            posted_sha256=sent.sha256,
        )
    assert RoadmapVersion.objects.get(pk=sent.pk).status == RoadmapStatus.FROZEN


def test_the_roadmap_page_summarises_the_decisions_and_links_to_them(client, alice, sent):
    client.force_login(alice)
    page = client.get("/fr/c/tunis/planning/roadmap/1/").content.decode()
    assert 'id="ratification-summary"' in page and "0 ratifiée" in page.replace("\xa0", " ")
    assert 'href="/fr/c/tunis/planning/roadmap/1/ratification/"' in page
