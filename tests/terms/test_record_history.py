"""The ratification record and the audit trail tell the story as it happened: a decline reopened by staff
is listed (not counted as a standing decline, not silently gone), and actors are people with roles."""

import subprocess

import pytest
from django.core import mail

from links.selectors import link_current_for_target
from ratification.services import ratification_decide, ratification_resend, ratification_send
from terms.documents import ratification_record_pdf
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest
from tests.terms.conftest import make_group


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def reopened(city, final_version, alice, django_capture_on_commit_callbacks):
    """Two stakeholders; the first declines, then the coordinator (alice) reopens its request."""
    alice.first_name, alice.last_name = "Alice", "Mansour"
    alice.save()
    group = make_group(city, final_version, n=2)
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=final_version)
    rr = RatificationRequest.objects.get(stakeholder=group[0])
    ratification_decide(
        TOR_RATIFICATION,
        ratification_request=rr,
        link=link_current_for_target(rr, "ratification"),
        decision="declined",
        reason="Article 3 à revoir",
        posted_sha256=final_version.sha256,
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        ratification_resend(
            TOR_RATIFICATION, ratification_request=RatificationRequest.objects.get(pk=rr.pk), user=alice
        )
    return RatificationRequest.objects.get(pk=rr.pk)


def test_the_record_lists_a_reopened_decline(reopened, final_version):
    text = " ".join(pdf_text(ratification_record_pdf(version=final_version, language="fr")).split())
    assert "Ratifications : 0 · refus : 0 · sur 2 parties prenantes · 1 refus rouvert" in text
    assert "Décision antérieure : refus le" in text
    assert "(motif : Article 3 à revoir)" in text
    assert "par Alice Mansour (personnel de la ville). Ce refus ne tient plus." in text


def test_the_audit_trail_names_people_and_roles(client, alice, reopened):
    client.force_login(alice)
    html = client.get(f"/fr/c/tunis/terms/ratification/{reopened.pk}/").content.decode()
    trail = html[html.index('id="events"') :]
    assert "Alice Mansour (personnel de la ville)" in trail
    assert f"{reopened.contact_name} (contact de l’organisation)" in trail
    assert "L’application" in trail
    assert "contact:" not in trail and ">system<" not in trail
