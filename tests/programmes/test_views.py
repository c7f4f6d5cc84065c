"""Every programme URL under every role: the programme's member reads it; a member of another programme, a
member of one of its cities who does not follow it and an anonymous visitor learn nothing of it."""

import pytest

from tests.programmes.conftest import SECRETS

URLS = [
    "/{lang}/programmes/mc2cm/",
    "/{lang}/programmes/mc2cm/export.xlsx",
    "/{lang}/programmes/mc2cm/summary/fr.pdf",
    "/{lang}/programmes/mc2cm/summary/ar.pdf",
    "/{lang}/programmes/mc2cm/summary/bi.pdf",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_it_serves_every_page_to_a_member(client, member, url, lang):
    client.force_login(member)

    response = client.get(url.format(lang=lang))

    assert response.status_code == 200


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["other_member", "city_member"])
def test_it_answers_404_to_anyone_who_does_not_follow_the_programme(client, programme, request, url, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url.format(lang="fr")).status_code == 404


@pytest.mark.parametrize("url", [*URLS, "/{lang}/programmes/"])
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, programme, url):
    response = client.get(url.format(lang="fr"))

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_it_answers_404_for_an_unknown_programme_or_document_language(client, member):
    client.force_login(member)

    assert client.get("/fr/programmes/nope/").status_code == 404
    assert client.get("/fr/programmes/mc2cm/summary/en.pdf").status_code == 404


@pytest.mark.parametrize("url", [*URLS, "/{lang}/programmes/"])
def test_it_changes_nothing_a_post_is_refused(client, member, url):
    client.force_login(member)

    assert client.post(url.format(lang="fr")).status_code == 405


def test_the_list_shows_only_the_users_programmes(client, member, other_member):
    client.force_login(other_member)

    response = client.get("/fr/programmes/")

    assert response.status_code == 200
    assert "Autre programme" in response.content.decode()
    assert "MC2CM RUCP" not in response.content.decode()


def test_the_list_says_so_when_the_user_follows_none(client, city_member):
    client.force_login(city_member)

    response = client.get("/fr/programmes/")

    assert "Vous ne suivez encore aucun programme" in response.content.decode()


def test_the_dashboard_shows_the_figures_in_french(client, member):
    client.force_login(member)

    html = client.get("/fr/programmes/mc2cm/").content.decode()

    assert "MC2CM RUCP" in html
    assert "75 %" in html  # invitation rate
    assert "50 %" in html  # attendance and ratification completion
    assert "2 avril 2024" in html  # ToR adopted on
    assert "15 octobre 2024" in html  # roadmap approved on
    assert "2 sur 4" in html


def test_the_dashboard_reads_right_to_left_in_arabic(client, member):
    client.force_login(member)

    html = client.get("/ar/programmes/mc2cm/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "برنامج المدن" in html
    assert "الأطراف المعنية النشطة حسب الفئة" in html
    # A Tunisian city's month names.
    assert "2 أفريل 2024" in html
    assert "Parties prenantes" not in html


@pytest.mark.parametrize("url", [*URLS, "/{lang}/programmes/"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_contact_data_appears_in_any_page_or_file(client, member, url, lang):
    client.force_login(member)

    body = client.get(url.format(lang=lang)).content.decode("latin-1")

    for secret in SECRETS:
        for form in {secret, secret.encode().decode("latin-1")}:
            assert form not in body
