"""A staff flow with the keyboard alone: log in, go to the city and its registry, skip to the content, open
the new-stakeholder form, miss fields, be told and taken to them, correct them, save, be told it is saved. Focus is visible at every step; errors are announced and tied to
their fields (aria-invalid, aria-describedby)."""

import re

import pytest
from playwright.sync_api import expect

from stakeholders.models import Stakeholder


def active(page, script: str):
    """`script` run on the focused element, e.g. "e => e.id"."""
    return page.evaluate(f"() => ({script})(document.activeElement)")


def focus_is_visible(page) -> bool:
    """The focused element draws an outline or a focus ring (a box-shadow on form controls), not transparent.
    Read without transitions: the page is shown with reduced motion (see the test). Chromium's date field
    has a Tab stop of its own (its calendar button, drawn by the browser) where the field is not :focus."""
    return active(
        page,
        r"""e => { const s = getComputedStyle(e);
            if (e.type === "date" && !e.matches(":focus")) return true;
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
            const ring = s.boxShadow !== "none" && !/^rgba\(\d+, \d+, \d+, 0\)/.test(s.boxShadow);
            return outline || ring; }""",
    )


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until `selector` has the focus, every stop showing its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), active(page, "e => e.outerHTML.slice(0, 200)")
        if active(page, f"e => e.matches({selector!r})"):
            return
    pytest.fail(f"{selector} not reached with Tab")


def test_add_a_stakeholder_with_the_keyboard_alone(page, alice, screenshot):
    page.emulate_media(reduced_motion="reduce")  # Bootstrap then draws focus rings at once, without transition
    # The login form starts in its first field.
    page.goto("/fr/accounts/login/")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type("secret-pass-123")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/")

    # From the home page (my cities) to the city's registry, by its link.
    page.wait_for_load_state()
    tab_to(page, "main a[href='/fr/c/tunis/stakeholders/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/c/tunis/stakeholders/")

    # The first Tab stop of a page is the skip link; it shows up and takes the focus past the navigation.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    assert focus_is_visible(page)
    assert skip.bounding_box()["width"] > 10  # no longer visually hidden
    page.keyboard.press("Enter")
    assert active(page, "e => e.id") == "main"
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Mes villes")).to_be_focused()  # the breadcrumb, inside <main>
    tab_to(page, "main a[href='/fr/c/tunis/stakeholders/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/c/tunis/stakeholders/new/")
    tab_to(page, "#id_name_fr")
    page.keyboard.type("Maison des migrants")
    page.keyboard.press("Enter")  # sends the form, three required fields left empty

    # The summary has the focus and is announced; each missing field is a link to it.
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Veuillez corriger les erreurs ci-dessous.")
    assert summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#id_name_ar",
        "#id_category",
        "#id_level",
    ]
    screenshot("keyboard-form-errors-fr")

    # The field named by the first link: reached from the summary, marked invalid, described by its message.
    page.keyboard.press("Tab")
    expect(summary.locator("a").first).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    name_ar = page.locator("#id_name_ar")
    expect(name_ar).to_be_focused()
    expect(name_ar).to_have_attribute("aria-invalid", "true")
    message = page.locator("#" + name_ar.get_attribute("aria-describedby"))
    expect(message).to_have_text("Ce champ est obligatoire.")
    expect(page.locator("#id_name_fr")).to_have_value("Maison des migrants")  # what was typed is kept
    expect(page.locator("#id_name_fr")).not_to_have_attribute("aria-invalid", "true")

    page.keyboard.type("دار المهاجرين")
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")  # the first category
    tab_to(page, "#id_level")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=influence]")  # a group of radio buttons is one Tab stop: the chosen one (3)
    page.keyboard.press("ArrowRight")  # the arrows choose
    tab_to(page, "input[name=interest]")
    page.keyboard.press("ArrowLeft")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*/fr/c/tunis/stakeholders/\d+/(#.*)?$"))  # a fragment outlives redirects
    stakeholder = Stakeholder.objects.get(name_fr="Maison des migrants")
    assert (stakeholder.name_ar, stakeholder.influence, stakeholder.interest) == ("دار المهاجرين", 4, 2)
    assert stakeholder.category and stakeholder.level
    # The success is said on the stakeholder's page, as a status message.
    success = page.locator(".alert-success")
    expect(success).to_have_attribute("role", "status")
    expect(success).to_contain_text("« Maison des migrants » a été ajoutée au registre.")
