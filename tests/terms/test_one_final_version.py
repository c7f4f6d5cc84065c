"""Only one ToR version is final (for ratification) at a time (issue 12)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ratification.services import ratification_send
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest, TorVersion, VersionStatus
from terms.services.versions import tor_version_status_set
from tests.factories import TorVersionFactory
from tests.terms.conftest import make_group

pytestmark = pytest.mark.django_db


def test_a_newer_final_version_supersedes_the_older_final_one(tor):
    v1 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    v2 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    v2 = tor_version_status_set(version=v2, status=VersionStatus.FINAL)
    assert v2.superseded_numbers == [1]
    v1.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED
    assert v1.superseded_at is not None
    assert TorVersion.objects.filter(tor=tor, status=VersionStatus.FINAL).count() == 1


def test_an_older_version_cannot_become_final_after_a_newer_one(tor):
    v1 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    with pytest.raises(ValidationError, match="La version 2 est déjà finale"):
        tor_version_status_set(version=v1, status=VersionStatus.FINAL)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.PRESENTED


def test_the_page_says_the_older_final_version_is_superseded(client, alice, tor):
    TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    client.force_login(alice)
    response = client.post("/fr/c/tunis/terms/v/2/status/", {"status": VersionStatus.FINAL}, follow=True)
    html = response.content.decode()
    assert "La version 1 était finale (pour ratification) : elle est désormais remplacée" in html
    assert TorVersion.objects.get(tor=tor, number=1).status == VersionStatus.SUPERSEDED


def test_the_older_versions_open_requests_close_and_their_contacts_are_told(
    tor, city, django_capture_on_commit_callbacks
):
    v1 = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    make_group(city, v1, n=2, languages=("fr", "ar"))
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=v1)
    v2 = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        tor_version_status_set(version=v2, status=VersionStatus.FINAL)
    assert set(RatificationRequest.objects.filter(version=v1).values_list("status", flat=True)) == {"superseded"}
    bodies = [m.body for m in mail.outbox]
    assert any("La version 2 des termes de référence est désormais la version finale" in b for b in bodies)
    assert any("أصبحت النسخة 2 من الاختصاصات المرجعية هي النسخة النهائية" in b for b in bodies)
