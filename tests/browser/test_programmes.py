"""The programme dashboard as its member sees it, in French and Arabic: the demo's three cities, no serious
accessibility violation, and a full-page screenshot of each for a person to look at (test-artifacts/)."""

import io

from django.core.management import call_command

from tests.browser.test_accessibility import AXE_SCRIPT, AXE_URL, BLOCKING, DEMO_PASSWORD, axe_violations, describe


def test_the_programme_dashboard_in_french_and_arabic(page, live_server, screenshot):
    call_command("load_demo", stdout=io.StringIO())
    page.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"))
    page.goto("/fr/accounts/login/")
    page.fill("input[name=username]", "programme-mc2cm")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/fr/")

    failures = []
    for language, heading, tanger_date in (
        ("fr", "Où en est chaque ville dans le cycle", "18 février 2025"),
        ("ar", "موقع كل مدينة في الدورة", "18 فبراير 2025"),
    ):
        path = f"/{language}/programmes/mc2cm-rucp/"
        response = page.goto(path)
        assert response.ok
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.get_by_text(tanger_date).is_visible()
        screenshot(f"programme-dashboard-{language}")
        failures += [describe(path, v) for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not failures, "\n".join(failures)
