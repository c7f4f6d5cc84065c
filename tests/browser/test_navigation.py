"""The navigation bar in a real browser: one line on a 1366 px screen in French (the longest language),
menus per area that work with the keyboard alone, left to right and right to left; the site's icon."""

import pytest
from playwright.sync_api import expect

from cities.models import Role
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def long_named_coordinator(city):
    user = UserFactory(username="coordinatrice-de-la-ville-de-tunis")
    MembershipFactory(user=user, city=city, role=Role.COORDINATOR)
    return user


@pytest.mark.parametrize("width", [1366, 1280, 1200])
def test_the_navigation_bar_holds_on_one_line_in_french(page, login, long_named_coordinator, width, screenshot):
    page.set_viewport_size({"width": width, "height": 700})
    login(long_named_coordinator.username)
    page.goto("/fr/c/tunis/planning/matrix/")
    navbar = page.locator("nav.navbar")
    assert navbar.bounding_box()["height"] < 70  # one line of entries (56 px); two would be about 100
    # Nothing leaves the screen: the last entry (the user's menu) is inside the window.
    user_menu = navbar.locator(".dropdown-toggle").last
    box = user_menu.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= width
    expect(user_menu).to_be_visible()
    if width == 1366:
        screenshot("navbar-1366-fr")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_area_menu_opens_and_is_walked_with_the_keyboard(page, login, alice, language, screenshot):
    page.set_viewport_size({"width": 1366, "height": 700})
    login("alice", language=language)
    page.goto(f"/{language}/c/tunis/planning/matrix/")
    toggle = page.locator("nav.navbar .dropdown-toggle").nth(1)  # the planning area
    expect(toggle).to_have_class("nav-link dropdown-toggle active")  # the current area is marked
    menu = page.locator("nav.navbar .dropdown-menu").nth(1)
    expect(menu.locator("[aria-current=page]")).to_have_attribute("href", f"/{language}/c/tunis/planning/matrix/")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    if language == "ar":
        # Right to left: the menu opens under its button, from the button's right edge.
        assert page.locator("html").get_attribute("dir") == "rtl"
        toggle_box, menu_box = toggle.bounding_box(), menu.bounding_box()
        assert abs((menu_box["x"] + menu_box["width"]) - (toggle_box["x"] + toggle_box["width"])) < 2
    screenshot(f"navbar-menu-open-{language}")
    page.keyboard.press("ArrowDown")
    expect(menu.locator(".dropdown-item").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the second entry: needs and priorities
    page.wait_for_url(f"**/{language}/c/tunis/planning/mapping/")


def test_the_collapsed_menu_opens_from_its_button_on_a_narrow_screen(page, login, alice):
    page.set_viewport_size({"width": 800, "height": 900})
    login("alice")
    page.goto("/fr/c/tunis/consultations/")
    toggler = page.locator(".navbar-toggler")
    expect(page.locator("#main-nav")).to_be_hidden()
    toggler.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#main-nav")).to_be_visible()
    expect(page.get_by_role("link", name="Consultations")).to_have_attribute("aria-current", "page")


def test_the_site_icon_answers_at_favicon_ico(page, live_server):
    response = page.goto("/favicon.ico")
    assert response.ok and response.url == live_server.url + "/static/favicon.svg"
    assert response.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_search_field_is_a_magnifier_that_widens_with_the_focus(page, login, alice, language, screenshot):
    page.set_viewport_size({"width": 1366, "height": 700})
    login("alice", language=language)
    page.goto(f"/{language}/c/tunis/stakeholders/")
    navbar = page.locator("nav.navbar")
    field = page.locator("#navbar-search")
    assert field.bounding_box()["width"] < 40
    expect(page.locator(".app-search button[type=submit]")).to_be_hidden()
    field.focus()
    page.keyboard.type("Croissant")
    page.wait_for_function("document.getElementById('navbar-search').offsetWidth > 200")
    expect(page.locator(".app-search button[type=submit]")).to_be_visible()
    assert navbar.bounding_box()["height"] < 70  # widening over the menus, the bar stays one line
    screenshot(f"navbar-search-open-{language}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/c/tunis/search/?q=Croissant")
