"""The personal space on a phone (375 x 812) in real Chromium, in French and in Arabic (right to left): it
opens from its emailed link, fits the screen, and its answer button leads to the invitation's own page."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from links.services import link_issue
from portal.services import SPACE_PURPOSE
from tests.browser.conftest import ARTIFACTS
from tests.portal.conftest import make_org

PHONE = {"width": 375, "height": 812}


def _space_link(contact, language):
    return link_issue(
        target=contact,
        purpose=SPACE_PURPOSE,
        expires_at=timezone.now() + dt.timedelta(days=90),
        language=language,
        city=contact.stakeholder.city,
    )


@pytest.mark.parametrize("language, title", [("fr", "Votre espace personnel"), ("ar", "فضاؤكم الشخصي")])
def test_the_space_on_a_phone(browser, live_server, city, language, title):
    org = make_org(city, name="Alpha", language=language)
    issued = _space_link(org.contact, language)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=f"{language}-TN")
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        page.goto(issued.url.replace(settings.SITE_URL, live_server.url))
        assert page.url == f"{live_server.url}/{language}/p/space/"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator(f"#remark-{org.remark.pk}")).to_contain_text(org.remark.reply)
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"portal-space-{language}-phone.png"), full_page=True)

        # The action opens the invitation's own answer page (the consultations app's), on the phone too.
        page.locator(f"#invitation-{org.invitation.pk} button").click()
        page.wait_for_url(f"**/{language}/p/consultations/invitation/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(ARTIFACTS / f"portal-invitation-{language}-phone.png"), full_page=True)
        # And leads back to the space.
        back = page.locator("#space-back")
        expect(back).to_have_text("العودة إلى فضائي" if language == "ar" else "Retour à mon espace")
        back.click()
        page.wait_for_url(f"**/{language}/p/space/")
    finally:
        context.close()
