def test_a_coordinator_logs_in_and_sees_her_city(page, login, alice, screenshot):
    login("alice")
    assert page.locator("h1").inner_text() == "Mes villes"
    assert page.get_by_role("link", name="Tunis").is_visible()
    page.locator("a[hreflang=ar]").click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("home-ar")


def test_a_wrong_password_shows_a_translated_error(page, login, alice):
    login("alice", password="wrong", language="ar")
    assert "/ar/accounts/login/" in page.url
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").count() >= 1
