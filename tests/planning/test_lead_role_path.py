"""The lead-role warning leads somewhere that works (issue 12): the draft's role matrix, or a new draft
when the latest version's roles are locked."""

import pytest

from terms.models import TorVersion
from tests.factories import RoadmapVersionFactory, TorFactory, TorVersionFactory


def _detail(client, action, prefix="/fr"):
    return client.get(f"{prefix}/c/tunis/planning/actions/{action.pk}/").content.decode()


def test_a_locked_version_says_so_and_offers_the_next_draft(client, alice, city, action):
    TorVersionFactory(tor=TorFactory(city=city), status="adopted")
    client.force_login(alice)
    html = _detail(client, action)
    assert "Les rôles de la version 1 sont verrouillés" in html
    assert 'action="/fr/c/tunis/terms/new/"' in html
    assert "Commencer le brouillon de la version 2" in html
    # The button works: a draft copied from version 1, whose matrix is open.
    response = client.post("/fr/c/tunis/terms/new/", follow=True)
    assert response.status_code == 200
    assert TorVersion.objects.get(tor__city=city, number=2).status == "draft"
    html = _detail(client, action)
    assert "/fr/c/tunis/terms/v/2/roles/" in html


def test_a_reader_gets_a_link_not_the_button(client, bob, city, action):
    TorVersionFactory(tor=TorFactory(city=city), status="final")
    client.force_login(bob)
    html = _detail(client, action)
    assert "sont verrouillés" in html
    assert "/fr/c/tunis/terms/new/" not in html
    assert 'href="/fr/c/tunis/terms/"' in html


def test_a_draft_version_links_to_its_role_matrix(client, alice, city, action):
    TorVersionFactory(tor=TorFactory(city=city))
    client.force_login(alice)
    html = _detail(client, action)
    assert "/fr/c/tunis/terms/v/1/roles/" in html
    assert "verrouillés" not in html


def test_no_version_yet_links_to_the_terms_of_reference(client, alice, action):
    client.force_login(alice)
    html = _detail(client, action, prefix="/ar")
    assert 'href="/ar/c/tunis/terms/"' in html
    assert "Give the lead" not in html


@pytest.mark.parametrize("data", [{}, {"understood": ""}])
def test_freezing_a_roadmap_needs_the_checkbox(client, alice, city, data):
    draft = RoadmapVersionFactory(city=city, number=1)
    client.force_login(alice)
    response = client.post("/fr/c/tunis/planning/roadmap/1/freeze/", data, follow=True)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "Cochez « Je comprends qu’une version gelée ne peut plus changer »" in response.content.decode()


def test_the_freeze_button_asks_for_confirmation(client, alice, city):
    RoadmapVersionFactory(city=city, number=1)
    client.force_login(alice)
    html = client.get("/fr/c/tunis/planning/roadmap/1/").content.decode()
    assert 'name="understood"' in html
    assert "data-confirm=" in html
    assert "js/confirm" in html
