"""The registry in a real browser: create a stakeholder in Arabic, find it by a search typed
without hamza, see it on the map; screenshots of the list and the map in /fr/ and /ar/."""

import importlib
import re

from django.apps import apps
from playwright.sync_api import expect

from stakeholders import demo
from stakeholders.models import Stakeholder
from tests.factories import StakeholderFactory

seed_domains = importlib.import_module("stakeholders.migrations.0002_seed_domains").seed


def _load(city, other_city):
    seed_domains(apps, None)
    demo.load(city, {}, other_city=other_city)


def test_a_coordinator_registers_a_stakeholder_in_arabic(page, login, alice, city, other_city, screenshot):
    _load(city, other_city)
    login("alice")

    page.goto("/fr/c/tunis/stakeholders/")
    expect(page.locator("h1")).to_have_text("Registre des parties prenantes")
    expect(page.locator(".registry-count")).to_contain_text("19 parties prenantes")
    screenshot("registry-list-fr")
    page.goto("/fr/c/tunis/stakeholders/map/")
    expect(page.locator("g.map-mark")).to_have_count(19)
    # The map is one image: nothing inside it takes the keyboard focus; its links are in the table under it.
    expect(page.locator("#stakeholder-map a, #stakeholder-map [tabindex]")).to_have_count(0)
    expect(page.locator(".registry-key tbody tr")).to_have_count(19)
    screenshot("registry-map-fr")

    # Switch to Arabic with the language switcher: same page, right to left.
    page.goto("/fr/c/tunis/stakeholders/")
    page.locator("a[hreflang=ar]").click()
    page.wait_for_url("**/ar/c/tunis/stakeholders/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_text("سجل الأطراف المعنية")
    screenshot("registry-list-ar")

    page.get_by_role("link", name="طرف معني جديد").click()
    page.fill("#id_name_fr", "Association des amis d'Ahmed")
    page.fill("#id_name_ar", "جمعية أصدقاء أحمد")
    page.fill("#id_acronym_fr", "AAA")
    page.select_option("#id_category", "migrant_association")
    page.select_option("#id_level", "local")
    page.get_by_label("الصحة", exact=True).check()
    page.get_by_label("التعليم", exact=True).check()
    page.check("input[name=influence][value='2']")
    page.check("input[name=interest][value='5']")
    page.fill("#id_joined_on", "2024-01-15")
    screenshot("registry-form-ar")
    page.get_by_role("button", name="إضافة إلى السجل").click()
    expect(page.locator(".alert-success")).to_contain_text("أُضيف «جمعية أصدقاء أحمد» إلى السجل.")
    created = Stakeholder.objects.get(name_fr="Association des amis d'Ahmed")
    assert created.name_ar == "جمعية أصدقاء أحمد"
    assert sorted(created.domains.values_list("code", flat=True)) == ["education", "health"]
    assert (created.influence, created.interest) == (2, 5)

    # Search typed without hamza.
    page.get_by_role("link", name="السجل", exact=True).first.click()
    page.fill("#id_q", "اصدقاء احمد")
    page.get_by_role("search", name="البحث والتصفية").get_by_role(
        "button", name="ابحث"
    ).click()  # the registry's, not the navbar's
    expect(page.locator(".registry-count")).to_contain_text("طرف معني واحد")
    expect(page.locator(".registry-table tbody tr")).to_have_count(1)
    expect(page.locator(".registry-table tbody")).to_contain_text("جمعية أصدقاء أحمد")

    # Its mark on the map, with its name as a tooltip; a click on it opens its page, and so does its
    # link in the table under the map.
    page.goto("/ar/c/tunis/stakeholders/map/")
    mark = page.locator(f"g.map-mark[data-stakeholder='{created.pk}']")
    expect(mark).to_have_count(1)
    expect(mark.locator("title")).to_contain_text("جمعية أصدقاء أحمد")
    expect(mark.locator("circle")).to_have_attribute("fill", "#b07aa1")
    screenshot("registry-map-ar")
    mark.locator("circle").click()
    page.wait_for_url(re.compile(rf"/ar/c/tunis/stakeholders/{created.pk}/$"))
    expect(page.locator("h1")).to_contain_text("جمعية أصدقاء أحمد")
    page.go_back()
    page.locator(".registry-key").get_by_role("link", name="جمعية أصدقاء أحمد").click()
    page.wait_for_url(re.compile(rf"/ar/c/tunis/stakeholders/{created.pk}/$"))


def test_an_editor_deactivates_through_the_confirmation_dialog(page, login, eve, city, other_city, screenshot):
    _load(city, other_city)
    oim = Stakeholder.objects.get(city=city, acronym_fr="OIM")
    login("eve")
    page.goto(f"/fr/c/tunis/stakeholders/{oim.pk}/")
    screenshot("registry-detail-fr")
    page.get_by_role("button", name="Désactiver").click()
    dialog = page.locator("#confirm-deactivate")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Désactiver").click()
    expect(page.locator(".alert-success")).to_contain_text("n'est plus membre actif du groupe")
    oim.refresh_from_db()
    assert oim.is_active is False
    page.goto(f"/ar/c/tunis/stakeholders/{oim.pk}/")
    screenshot("registry-detail-ar")


def test_a_large_registry_is_mapped_by_cell_with_links_to_each_cells_list(
    page, login, alice, city, monkeypatch, screenshot
):
    # Above the threshold (lowered to 5 here: the live server runs in this process) the map counts.
    monkeypatch.setattr("stakeholders.views.MAX_MARKS", 5)
    monkeypatch.setattr("stakeholders.charts.MAX_MARKS", 5)
    for i in range(12):
        StakeholderFactory(city=city, name_fr=f"Organisation {i:02d}", influence=1 + i % 3, interest=5 - i % 2)
    login("alice")
    for language in ("fr", "ar"):
        page.goto(f"/{language}/c/tunis/stakeholders/map/")
        expect(page.locator("g.map-mark")).to_have_count(0)
        expect(page.locator("g.map-cell")).to_have_count(6)
        expect(page.locator("#stakeholder-map a, #stakeholder-map [tabindex]")).to_have_count(0)
        screenshot(f"registry-map-counted-{language}")
    # Influence 1 and interest 5: organisations 00, 06 (i % 3 == 0 and i even).
    page.goto("/fr/c/tunis/stakeholders/map/")
    page.locator(".registry-cells a[href$='?influence=1&interest=5']").click()
    page.wait_for_url(re.compile(r"/fr/c/tunis/stakeholders/\?influence=1&interest=5$"))
    expect(page.locator(".registry-table tbody tr")).to_have_count(2)
    expect(page.locator("#id_influence")).to_have_value("1")
    expect(page.locator("#id_interest")).to_have_value("5")
