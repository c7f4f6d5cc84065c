"""The search page: both scripts, one city only, contacts only for members, no 500 on odd input."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cities.permissions import CityAccess
from search import selectors
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    ConsultationFactory,
    ContactFactory,
    IndicatorFactory,
    StakeholderFactory,
    TorSectionFactory,
    TorVersionFactory,
)


def url(city, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("search:search", kwargs={"city_slug": city.slug}) + (f"?{query}" if query else "")


def titles(access_city, query, kind_key):
    kind = next(k for k in selectors.KINDS if k.key == kind_key)
    words = selectors.search_words(query)
    return sorted(
        str(kind.hit(row, access_city.slug).title)
        for row in selectors.kind_results(kind, city=access_city, words=words)
    )


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("المنظمة الدولية للهجرة", "منظمة"),  # the article: a substring, not a word
        ("أحمد", "احمد"),  # hamza on alef
        ("احمد", "أحمد"),
        ("إدارة", "ادارة"),
        ("جمعية المهاجرين", "جمعيه"),  # teh marbuta / heh
        ("مُنَظَّمَة", "منظمة"),  # diacritics
        ("منـــظمة", "منظمة"),  # tatweel
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("Équipe mobile", "equipe"),
        ("ÉQUIPE", "équipe"),
        ("Cœur de ville", "coeur"),
    ],
)
def test_it_matches_across_scripts_forms_and_accents(city, stored, query):
    StakeholderFactory(city=city, name_fr=f"Org {stored}", name_ar=stored)
    assert titles(city, query, "stakeholders") != []


def test_each_kind_is_searched_in_both_languages(city):
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant-Rouge", name_ar="الهلال الأحمر", acronym_fr="CRT")
    ContactFactory(stakeholder=stakeholder, name="Leïla Ben Salah", function="Chargée de mission")
    consultation = ConsultationFactory(city=city, number=1, title_fr="Alignement des visions", title_ar="مواءمة الرؤى")
    AgendaItemFactory(consultation=consultation, title_fr="Table ronde", title_ar="مائدة مستديرة")
    TorSectionFactory(
        version=TorVersionFactory(tor__city=city, sections=0), heading_fr="Gouvernance", heading_ar="الحوكمة"
    )
    action = ActionFactory(city=city, title_fr="Guichet unique", title_ar="الشباك الموحد", lead=stakeholder)
    IndicatorFactory(action=action, name_fr="Personnes orientées", name_ar="عدد الأشخاص الموجهين")
    expected = [
        ("stakeholders", "croissant", "الاحمر"),
        ("contacts", "leila", "chargee"),
        ("consultations", "alignement", "مواءمه"),
        ("agenda", "ronde", "مستديره"),
        ("terms", "gouvernance", "حوكمة"),
        ("actions", "guichet", "الموحد"),
        ("indicators", "orientees", "الموجهين"),
    ]
    for kind_key, french, arabic in expected:
        assert len(titles(city, french, kind_key)) == 1, (kind_key, french)
        assert len(titles(city, arabic, kind_key)) == 1, (kind_key, arabic)


def test_each_kind_sorts_by_the_readers_language(city):
    """In French "Équipe" sorts between "Entraide" and "Fondation"; in Arabic the Arabic names (issue 12)."""
    named = [StakeholderFactory(city=city, name_fr=fr, name_ar=ar, acronym_fr="") for fr, ar in NAMES]
    for fr, ar in NAMES:
        action = ActionFactory(city=city, title_fr=fr, title_ar=ar, lead=named[0])
        IndicatorFactory(action=action, name_fr=fr, name_ar=ar)
    for language, order in (("fr", FRENCH_ORDER), ("ar", ARABIC_ORDER)):
        with translation.override(language):
            for kind in selectors.KINDS:
                if kind.key in ("stakeholders", "actions", "indicators"):
                    rows = selectors.kind_results(kind, city=city, words=[])
                    assert [str(kind.hit(row, city.slug).title) for row in rows] == order, (kind.key, language)


def test_contacts_sort_with_the_readers_collation(city):
    stakeholder = StakeholderFactory(city=city)
    for name, _ar in NAMES:
        ContactFactory(stakeholder=stakeholder, name=name, is_primary=False)
    kind = next(k for k in selectors.KINDS if k.key == "contacts")
    assert [c.name for c in selectors.kind_results(kind, city=city, words=[])] == FRENCH_ORDER


def test_every_word_must_match(city):
    StakeholderFactory(city=city, name_fr="Office national de la famille", name_ar="الديوان الوطني للأسرة")
    StakeholderFactory(city=city, name_fr="Office du tourisme", name_ar="ديوان السياحة")
    assert (
        titles(city, "office famille", "stakeholders") == ["Office national de la famille (ORG0)"]
        or len(titles(city, "office famille", "stakeholders")) == 1
    )
    assert len(titles(city, "office", "stakeholders")) == 2


def test_it_never_shows_another_citys_objects(client, alice, city, other_city):
    mine = StakeholderFactory(city=city, name_fr="Association Horizon", name_ar="جمعية الأفق")
    theirs = StakeholderFactory(city=other_city, name_fr="Association Horizon Sfax", name_ar="جمعية الأفق صفاقس")
    ContactFactory(stakeholder=theirs, name="Horizon Contact")
    ConsultationFactory(city=other_city, title_fr="Horizon 2030")
    ActionFactory(city=other_city, title_fr="Horizon action", lead=theirs)
    client.force_login(alice)
    response = client.get(url(city, q="horizon"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("stakeholders:detail", args=[city.slug, mine.pk]) in body
    assert "Sfax" not in body and "Horizon Contact" not in body and "Horizon 2030" not in body
    assert "Horizon action" not in body


@pytest.mark.parametrize(("user", "status"), [("alice", 200), ("bob", 200), ("charlie", 404)])
def test_permissions(client, request, city, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.get(url(city, q="x")).status_code == status


def test_anonymous_is_sent_to_the_login_page(client, city):
    response = client.get(url(city, q="x"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_post_is_refused(client, alice, city):
    client.force_login(alice)
    assert client.post(url(city), {"q": "x"}).status_code == 405


def test_members_see_contacts_as_the_stakeholder_page_shows_them(client, alice, eve, city):
    """The rule (CityAccess.can_see_personal_data): editors and coordinators; viewers do not (tests/forms)."""
    ContactFactory(stakeholder=StakeholderFactory(city=city), name="Samia Trabelsi", email="samia@example.org")
    for user in (alice, eve):
        client.force_login(user)
        body = client.get(url(city, q="trabelsi")).content.decode()
        assert "Samia Trabelsi" in body and "samia@example.org" in body


def test_contacts_are_hidden_from_those_without_personal_data_access(city, alice):
    ContactFactory(stakeholder=StakeholderFactory(city=city), name="Samia Trabelsi")
    without = CityAccess(city=city, role=None, is_superuser=False)
    assert "contacts" not in [k.key for k in selectors.kinds_for(without)]
    groups = selectors.search_overview(access=without, words=["trabelsi"])
    assert sum(g.count for g in groups) == 0


def test_erased_contacts_are_not_found(city):
    contact = ContactFactory(stakeholder=StakeholderFactory(city=city), name="Samia Trabelsi")
    contact.name = ""
    contact.email = ""
    contact.phone = ""
    contact.function = ""
    contact.is_primary = False
    contact.erased_at = timezone.now()
    contact.save()
    assert titles(city, "trabelsi", "contacts") == []


@pytest.mark.parametrize(
    "query",
    [
        "x" * 201,
        "a\x00b",
        "%",
        "_",
        "'",
        "\\",
        "a & b | !c",
        "(:*)",
        "<script>",
        "؟؟؟",
        "ـــ",
        " ",
        "a b c d e f g h i j k l",
    ],
)
def test_odd_input_never_gives_a_500(client, alice, city, query):
    StakeholderFactory(city=city, name_fr="Org", name_ar="منظمة")
    client.force_login(alice)
    response = client.get(reverse("search:search", kwargs={"city_slug": city.slug}), {"q": query})
    assert response.status_code == 200


def test_a_too_long_query_says_so(client, alice, city):
    client.force_login(alice)
    body = client.get(reverse("search:search", args=[city.slug]), {"q": "x" * 201}).content.decode()
    assert "200" in body and "is-invalid" in body


def test_an_unknown_kind_says_so(client, alice, city):
    client.force_login(alice)
    response = client.get(reverse("search:search", args=[city.slug]), {"q": "x", "kind": "bogus"})
    assert response.status_code == 200
    assert "n’existe pas" in response.content.decode() or "does not exist" in response.content.decode()


def test_nothing_found_says_so_in_both_languages(client, alice, city):
    client.force_login(alice)
    body = client.get(reverse("search:search", args=[city.slug]), {"q": "zzzz"}).content.decode()
    assert "Aucun résultat" in body
    with_ar = client.get("/ar" + reverse("search:search", args=[city.slug])[3:], {"q": "zzzz"})
    assert 'dir="rtl"' in with_ar.content.decode()
    assert "لا نتائج" in with_ar.content.decode()


def test_results_are_grouped_and_link_to_their_pages(client, alice, city):
    stakeholder = StakeholderFactory(city=city, name_fr="Réseau migrants", name_ar="شبكة المهاجرين")
    action = ActionFactory(city=city, title_fr="Réseau d'accueil", title_ar="شبكة الاستقبال", lead=stakeholder)
    client.force_login(alice)
    body = client.get(url(city, q="reseau")).content.decode()
    assert 'id="group-stakeholders"' in body and 'id="group-actions"' in body
    assert reverse("stakeholders:detail", args=[city.slug, stakeholder.pk]) in body
    assert reverse("planning:action_detail", args=[city.slug, action.pk]) in body


def test_one_kind_is_paginated(client, alice, city):
    for n in range(selectors.PER_PAGE + 3):
        StakeholderFactory(city=city, name_fr=f"Collectif {n:02d}", name_ar=f"تجمع {n:02d}")
    client.force_login(alice)
    first = client.get(url(city, q="collectif", kind="stakeholders"))
    assert first.context["page"].paginator.count == selectors.PER_PAGE + 3
    assert len(first.context["hits"]) == selectors.PER_PAGE
    second = client.get(url(city, q="collectif", kind="stakeholders", page=2))
    assert len(second.context["hits"]) == 3
    overview = client.get(url(city, q="collectif")).content.decode()
    assert "kind=stakeholders" in overview


def test_the_navbar_has_the_search_box_inside_a_city(client, alice, city):
    client.force_login(alice)
    body = client.get(reverse("stakeholders:list", args=[city.slug])).content.decode()
    assert 'id="navbar-search"' in body
    assert reverse("search:search", args=[city.slug]) in body
    home = client.get(reverse("cities:home")).content.decode()
    assert 'id="navbar-search"' not in home


@pytest.mark.parametrize("rows", [1, 3])
def test_query_count_of_the_results_page(client, alice, city, django_assert_num_queries, rows):
    for n in range(rows):
        stakeholder = StakeholderFactory(city=city, name_fr=f"Alpha {n}", name_ar=f"ألفا {n}")
        ContactFactory(stakeholder=stakeholder, name=f"Alpha contact {n}")
        action = ActionFactory(city=city, title_fr=f"Alpha action {n}", lead=stakeholder)
        IndicatorFactory(action=action, name_fr=f"Alpha indicateur {n}")
        AgendaItemFactory(
            consultation=ConsultationFactory(city=city, number=n + 1, title_fr=f"Alpha {n}"),
            title_fr=f"Alpha point {n}",
        )
    TorSectionFactory(version=TorVersionFactory(tor__city=city, sections=0), heading_fr="Alpha")
    client.force_login(alice)
    # session, user, city and role; then a count and a page of rows for each of the seven kinds.
    with django_assert_num_queries(3 + 7 * 2):
        response = client.get(url(city, q="alpha"))
    assert response.status_code == 200
    # One kind, paginated: session, user, city; count and page.
    with django_assert_num_queries(3 + 2):
        response = client.get(url(city, q="alpha", kind="actions"))
    assert response.status_code == 200
