"""Any two ToR versions compared: A against B, B against A, versions that are not neighbours; bad choices said."""

import pytest
from django.urls import reverse

from common.diff import PairState
from terms.diff import version_diff
from terms.models import VersionStatus
from terms.services.sections import tor_section_create, tor_section_delete, tor_section_update
from terms.services.versions import tor_version_create, tor_version_freeze
from tests.factories import TorFactory, TorVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_versions(tor, city):
    """v1: Objet, Langues, Divers. v2: Langues in Arabic changed, Divers removed. v3: Ratification added,
    Objet's French text changed."""
    v1 = TorVersionFactory(
        tor=tor,
        status=VersionStatus.PRESENTED,
        sections=[
            {"heading_fr": "Objet", "text_fr": "Texte A", "text_ar": "نص أ"},
            {"heading_fr": "Langues", "text_fr": "Français et arabe", "text_ar": "الفرنسية والعربية"},
            {"heading_fr": "Divers", "text_fr": "À supprimer", "text_ar": "للحذف"},
        ],
    )
    v2 = tor_version_create(city=city)
    objet, langues, divers = v2.sections.order_by("position")
    tor_section_update(section=langues, heading_fr="Langues", text_fr="Français et arabe", text_ar="العربية والفرنسية")
    tor_section_delete(section=divers)
    tor_version_freeze(v2, VersionStatus.PRESENTED)
    v2.save()
    v3 = tor_version_create(city=city)
    objet3 = v3.sections.order_by("position").first()
    tor_section_update(section=objet3, heading_fr="Objet", text_fr="Texte B", text_ar="نص أ")
    tor_section_create(version=v3, heading_fr="Ratification", text_fr="Par lien")
    return v1, v2, v3


def _summary(pairs):
    return [(p.old.heading_fr if p.old else None, p.new.heading_fr if p.new else None, p.state, p.moved) for p in pairs]


def test_non_adjacent_versions_pair_sections_through_the_versions_between(three_versions):
    v1, _, v3 = three_versions
    assert _summary(version_diff(old=v1, new=v3)) == [
        ("Objet", "Objet", PairState.CHANGED, False),
        ("Langues", "Langues", PairState.CHANGED, False),
        (None, "Ratification", PairState.ADDED, False),
        ("Divers", None, PairState.REMOVED, False),
    ]


def test_b_against_a_is_the_mirror_of_a_against_b(three_versions):
    v1, _, v3 = three_versions
    forward = version_diff(old=v1, new=v3)
    backward = version_diff(old=v3, new=v1)
    assert _summary(backward) == [
        ("Objet", "Objet", PairState.CHANGED, False),
        ("Langues", "Langues", PairState.CHANGED, False),
        (None, "Divers", PairState.ADDED, False),
        ("Ratification", None, PairState.REMOVED, False),
    ]
    assert '<ins class="diff-ins">B</ins>' in forward[0].text["fr"].new
    assert '<ins class="diff-ins">A</ins>' in backward[0].text["fr"].new
    # Both languages: the Arabic text of "Langues" changed between v1 and v3, its French did not.
    assert forward[1].text["ar"].changed and not forward[1].text["fr"].changed


def test_adjacent_versions_compare_as_the_previous_diff_does(three_versions):
    v1, v2, _ = three_versions
    assert _summary(version_diff(old=v1, new=v2)) == [
        ("Objet", "Objet", PairState.UNCHANGED, False),
        ("Langues", "Langues", PairState.CHANGED, False),
        ("Divers", None, PairState.REMOVED, False),
    ]


def url(city, **params):
    base = reverse("terms:compare", kwargs={"city_slug": city.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_page_compares_a_and_b_in_both_languages(client, alice, city, three_versions):
    client.force_login(alice)
    response = client.get(url(city, a=3, b=1))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Version 3 → version 1" in body
    assert 'lang="ar" dir="rtl"' in body
    assert '<ins class="diff-ins">A</ins>' in body
    ar = client.get("/ar" + url(city, a=1, b=3)[3:])
    assert ar.status_code == 200 and 'dir="rtl"' in ar.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": 2, "b": 2}, "Choisissez deux versions différentes."),
        ({"a": 1, "b": 9}, "Choisissez l’une des versions de cette ville."),
        ({"a": "x", "b": 1}, "Choisissez l’une des versions de cette ville."),
        ({"a": "1\x00", "b": 2}, "Choisissez l’une des versions de cette ville."),
        ({"a": 1}, "obligatoire"),
        ({"a": "9" * 30, "b": 1}, "Choisissez l’une des versions de cette ville."),
    ],
)
def test_bad_choices_are_said_not_a_500(client, alice, city, three_versions, params, message):
    client.force_login(alice)
    response = client.get(reverse("terms:compare", kwargs={"city_slug": city.slug}), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["pairs"] is None if "pairs" in response.context else True


def test_another_citys_version_is_not_a_choice(client, alice, city, other_city, three_versions):
    TorVersionFactory(tor=TorFactory(city=other_city), number=7, sections=1)
    client.force_login(alice)
    response = client.get(url(city, a=1, b=7))
    assert "Choisissez l’une des versions de cette ville." in response.content.decode()
    assert "pairs" not in response.context or response.context.get("pairs") is None


@pytest.mark.parametrize(("user", "status"), [("alice", 200), ("bob", 200), ("charlie", 404)])
def test_permissions(client, request, city, three_versions, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url(city, a=1, b=3)).status_code == status


def test_anonymous_goes_to_login(client, city, three_versions):
    assert client.get(url(city, a=1, b=3)).status_code == 302


def test_the_version_pages_offer_the_comparison(client, alice, city, three_versions):
    client.force_login(alice)
    body = client.get(reverse("terms:version", kwargs={"city_slug": city.slug, "number": 3})).content.decode()
    assert url(city) + "?a=2&amp;b=3" in body
    home = client.get(reverse("terms:home", kwargs={"city_slug": city.slug})).content.decode()
    assert url(city) in home


def test_query_count(client, alice, city, three_versions, django_assert_num_queries):
    client.force_login(alice)
    # session, user, city and role; version numbers; version A, version B; sections of A, of B, lineage.
    with django_assert_num_queries(3 + 1 + 2 + 3):
        response = client.get(url(city, a=1, b=3))
    assert response.status_code == 200
