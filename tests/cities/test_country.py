"""A city's country is named in the page's language, and its code drives the city's locale."""

from tests.factories import CityFactory


def test_the_arabic_home_page_names_the_country_in_arabic(client, alice, city):
    client.force_login(alice)
    html = client.get("/ar/").content.decode()
    assert "تونس" in html
    assert "Tunisie" not in html
    assert "مدنكم" in html and ">مدني<" not in html


def test_a_country_without_an_arabic_name_falls_back_to_french(client, alice, city):
    city.country_ar = ""
    city.save()
    client.force_login(alice)
    assert "Tunisie" in client.get("/ar/").content.decode()


def test_the_country_code_is_stored_upper_case(db):
    city = CityFactory.build(slug="rabat", country_fr="Maroc", country_code="ma")
    city.full_clean()
    assert city.country_code == "MA"
