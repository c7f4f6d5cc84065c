"""The city's menus, drawn once per page and language (common.templatetags.navigation)."""

import re

import pytest

from cities.models import Membership, Role
from common.templatetags import navigation


def _current(html: str) -> list[str]:
    """The labels of the menu entries marked as the current page."""
    return re.findall(r'<a class="dropdown-item active" aria-current="page" href="[^"]+">([^<]+)</a>', html)


@pytest.fixture(autouse=True)
def _fresh_menus():
    navigation._rendered.clear()


def test_each_page_marks_its_own_entry_even_when_the_menus_were_drawn_before(client, bob, city):
    client.force_login(bob)
    registry = "/fr/c/tunis/stakeholders/"
    for _ in range(2):  # the second time from memory
        assert _current(client.get(registry).content.decode()) == ["Registre"]
        assert _current(client.get("/fr/c/tunis/stakeholders/map/").content.decode()) == [
            "Cartographie des parties prenantes"
        ]
    assert len(navigation._rendered) == 2


def test_the_arabic_page_gets_arabic_menus_after_the_french_one(client, bob, city):
    client.force_login(bob)
    french = client.get("/fr/c/tunis/stakeholders/").content.decode()
    arabic = client.get("/ar/c/tunis/stakeholders/").content.decode()
    assert 'href="/fr/c/tunis/consultations/"' in french
    assert 'href="/ar/c/tunis/consultations/"' in arabic and 'href="/fr/c/tunis/consultations/"' not in arabic
    assert _current(arabic) == ["السجل"]


def test_another_city_gets_its_own_links(client, bob, alice, city, other_city):
    Membership.objects.create(user=bob, city=other_city, role=Role.VIEWER)
    client.force_login(bob)
    client.get("/fr/c/tunis/stakeholders/")
    html = client.get("/fr/c/sfax/stakeholders/").content.decode()
    assert 'href="/fr/c/sfax/consultations/"' in html and "/c/tunis/" not in html.split("<main")[0]


def test_the_menus_are_drawn_again_when_the_settings_change(settings):
    navigation._rendered[("x",)] = "old"
    settings.LANGUAGE_CODE = "ar"
    assert navigation._rendered == {}
