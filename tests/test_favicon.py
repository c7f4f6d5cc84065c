from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_favicon_ico_sends_browsers_to_the_site_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg") == "/static/favicon.svg"
    assert finders.find("favicon.svg")


def test_every_page_names_its_icon(client, db):
    response = client.get("/fr/accounts/login/")
    assert b'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in response.content
