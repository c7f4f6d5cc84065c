import pytest
from django.test import Client

from terms.models import VersionStatus
from tests.factories import TorVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_a_frozen_version_is_read_only_in_the_admin(admin_client, tor):
    version = TorVersionFactory(tor=tor, status=VersionStatus.FINAL)
    section = version.sections.first()
    url = f"/admin/terms/torversion/{version.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    assert b'name="sections-0-heading_fr"' not in response.content
    post = admin_client.post(
        url,
        {
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": section.pk,
            "sections-0-heading_fr": "Réécrit",
        },
    )
    assert post.status_code == 403
    section.refresh_from_db()
    assert section.heading_fr != "Réécrit"


def test_a_draft_version_is_editable_in_the_admin(admin_client, tor):
    version = TorVersionFactory(tor=tor)
    response = admin_client.get(f"/admin/terms/torversion/{version.pk}/change/")
    assert b'name="_save"' in response.content
    assert b'name="sections-0-heading_fr"' in response.content


@pytest.mark.parametrize(
    "model",
    [
        "coordinationrole",
        "ratificationrequest",
        "ratificationrecord",
        "roleassignment",
        "torfeedback",
        "torchange",
        "termsofreference",
        "torversion",
    ],
)
def test_admin_lists_render(admin_client, model, final_version):
    assert admin_client.get(f"/admin/terms/{model}/").status_code == 200
