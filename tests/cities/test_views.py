import re

from tests.factories import CityFactory, MembershipFactory


def test_it_lists_only_my_cities(client, alice, other_city):
    client.force_login(alice)
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Tunis" in response.content.decode()
    assert "Sfax" not in response.content.decode()


def test_it_redirects_anonymous_to_the_login(client, db):
    response = client.get("/fr/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_it_keeps_the_query_count_constant(client, alice, django_assert_num_queries):
    for i in range(30):
        MembershipFactory(user=alice, city=CityFactory(slug=f"c{i}"))
    client.force_login(alice)
    # session, user, count of cities, the page of cities, their consultations
    with django_assert_num_queries(5):
        response = client.get("/fr/")
    assert "Page 1 sur 2" in response.content.decode()


def test_arabic_pages_are_right_to_left(client, alice):
    client.force_login(alice)
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "مدنكم" in html


def test_french_pages_are_left_to_right(client, alice):
    client.force_login(alice)
    html = client.get("/fr/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "bootstrap.min.css" in html


def test_the_language_switcher_keeps_the_page_and_query(client, alice):
    client.force_login(alice)
    html = client.get("/fr/?page=1").content.decode()
    assert re.search(r'href="/ar/\?page=1"', html)


def test_the_login_page_is_translated(client, db):
    assert "تسجيل الدخول" in client.get("/ar/accounts/login/").content.decode()
    assert "Se connecter" in client.get("/fr/accounts/login/").content.decode()


def test_each_city_shows_its_line_on_the_cycle(client, alice, city):
    from consultations.models import ConsultationStatus
    from tests.factories import ConsultationFactory

    ConsultationFactory(city=city, number=1, status=ConsultationStatus.CLOSED)
    ConsultationFactory(city=city, number=2, status=ConsultationStatus.PLANNED)
    client.force_login(alice)
    html = client.get("/fr/").content.decode()
    assert html.count('class="badge cycle-closed"') == 1
    assert html.count('class="badge cycle-planned"') == 1
    assert html.count('class="badge cycle-none"') == 2
    assert "/fr/c/tunis/planning/dashboard/" in html
