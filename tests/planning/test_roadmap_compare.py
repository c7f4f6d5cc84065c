"""Any two roadmap versions compared: A against B, B against A, non-adjacent, a draft against the live plan."""

import pytest
from django.urls import reverse

from common.diff import PairState
from planning.diff import roadmap_diff
from planning.models import Action
from tests.factories import ActionFactory, FrozenRoadmapVersionFactory, IndicatorFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(city, health, lead):
    """v1 (frozen): Guichet unique, Cours de langue. v2 (frozen): Guichet's description changed, Cours removed,
    Maison des migrants added. v3 (draft, the live plan): the introduction rewritten."""
    guichet = ActionFactory(
        city=city,
        domain=health,
        lead=lead,
        title_fr="Guichet unique",
        title_ar="الشباك الموحد",
        description_fr="Un guichet à la mairie.",
        description_ar="شباك في البلدية.",
    )
    IndicatorFactory(action=guichet, name_fr="Personnes orientées", name_ar="الأشخاص الموجهون")
    cours = ActionFactory(city=city, domain=health, lead=lead, title_fr="Cours de langue", title_ar="دروس اللغة")
    v1 = FrozenRoadmapVersionFactory(city=city, number=1)
    guichet.description_fr = "Un guichet dans chaque arrondissement."
    guichet.save()
    cours.delete()
    ActionFactory(city=city, domain=health, lead=lead, title_fr="Maison des migrants", title_ar="دار المهاجرين")
    v2 = FrozenRoadmapVersionFactory(city=city, number=2)
    v3 = RoadmapVersionFactory(city=city, number=3, introduction_fr="Nouvelle introduction.")
    return v1, v2, v3


def _summary(pairs):
    return [(str(p.titles["fr"]), p.state) for p in pairs]


def test_a_against_b_item_by_item(versions):
    v1, v2, _ = versions
    pairs = roadmap_diff(old=v1, new=v2)
    assert _summary(pairs) == [
        ("Introduction", PairState.UNCHANGED),
        ("Guichet unique", PairState.CHANGED),
        ("Maison des migrants", PairState.ADDED),
        ("Cours de langue", PairState.REMOVED),
        ("Conclusions", PairState.UNCHANGED),
    ]
    guichet = pairs[1]
    assert '<ins class="diff-ins">dans chaque arrondissement</ins>' in guichet.text["fr"].new
    assert not guichet.text["ar"].changed  # the Arabic description did not change
    assert "Personnes orientées" in guichet.text["fr"].new and "الأشخاص الموجهون" in guichet.text["ar"].new
    assert "Responsable" in guichet.text["fr"].new or "Lead" in guichet.text["fr"].new


def test_b_against_a_and_non_adjacent_with_a_draft(versions):
    v1, v2, v3 = versions
    assert _summary(roadmap_diff(old=v2, new=v1)) == [
        ("Introduction", PairState.UNCHANGED),
        ("Guichet unique", PairState.CHANGED),
        ("Cours de langue", PairState.ADDED),
        ("Maison des migrants", PairState.REMOVED),
        ("Conclusions", PairState.UNCHANGED),
    ]
    assert _summary(roadmap_diff(old=v1, new=v3)) == [
        ("Introduction", PairState.CHANGED),
        ("Guichet unique", PairState.CHANGED),
        ("Maison des migrants", PairState.ADDED),
        ("Cours de langue", PairState.REMOVED),
        ("Conclusions", PairState.UNCHANGED),
    ]
    # The draft reads the live plan: an action added now shows against v2.
    Action.objects.filter(title_fr="Maison des migrants").update(title_ar="بيت المهاجرين")
    pairs = roadmap_diff(old=v2, new=v3)
    maison = next(p for p in pairs if p.titles["fr"] == "Maison des migrants")
    assert maison.heading["ar"].changed and not maison.heading["fr"].changed


def url(city, **params):
    base = reverse("planning:roadmap_compare", kwargs={"city_slug": city.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_page_in_both_languages(client, alice, city, versions):
    client.force_login(alice)
    body = client.get(url(city, a=2, b=1)).content.decode()
    assert "Cours de langue" in body and 'lang="ar" dir="rtl"' in body
    ar = client.get("/ar" + url(city, a=1, b=3)[3:])
    assert ar.status_code == 200 and 'dir="rtl"' in ar.content.decode()
    assert "الشباك الموحد" in ar.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": 2, "b": 2}, "Choisissez deux versions différentes."),
        ({"a": 1, "b": 99}, "Choisissez l’une des versions de cette ville."),
        ({"a": "abc", "b": 1}, "Choisissez l’une des versions de cette ville."),
        ({"a": "-1", "b": "1\x00"}, "Choisissez l’une des versions de cette ville."),
    ],
)
def test_bad_choices_are_said_not_a_500(client, alice, city, versions, params, message):
    client.force_login(alice)
    response = client.get(reverse("planning:roadmap_compare", kwargs={"city_slug": city.slug}), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_another_citys_version_is_not_a_choice(client, alice, city, other_city, versions):
    RoadmapVersionFactory(city=other_city, number=8)
    client.force_login(alice)
    response = client.get(url(city, a=1, b=8))
    assert "Choisissez l’une des versions de cette ville." in response.content.decode()


@pytest.mark.parametrize(("user", "status"), [("alice", 200), ("bob", 200), ("charlie", 404)])
def test_permissions(client, request, city, versions, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url(city, a=1, b=2)).status_code == status


def test_anonymous_goes_to_login(client, city, versions):
    assert client.get(url(city, a=1, b=2)).status_code == 302


def test_the_version_pages_offer_the_comparison(client, alice, city, versions):
    client.force_login(alice)
    detail = client.get(reverse("planning:roadmap_detail", kwargs={"city_slug": city.slug, "number": 2}))
    assert url(city) + "?a=1&amp;b=2" in detail.content.decode()
    listing = client.get(reverse("planning:roadmap_list", kwargs={"city_slug": city.slug}))
    assert url(city) in listing.content.decode()


def test_query_count_of_two_frozen_versions(client, alice, city, versions, django_assert_num_queries):
    client.force_login(alice)
    # session, user, city and role; version numbers; version A, version B (their snapshots are stored).
    with django_assert_num_queries(3 + 1 + 2):
        assert client.get(url(city, a=1, b=2)).status_code == 200
