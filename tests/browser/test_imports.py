"""The import in a real browser, in Arabic: the demo registry's own export, downloaded from the registry page,
goes back in through the import link; nothing is duplicated, nothing is lost."""

import importlib

from django.apps import apps
from django.utils import translation
from playwright.sync_api import expect

from stakeholders import demo
from stakeholders.models import Contact, Stakeholder

from .conftest import ARTIFACTS

seed_domains = importlib.import_module("stakeholders.migrations.0002_seed_domains").seed


def _snapshot(city):
    translation.activate("fr")
    return (
        list(Stakeholder.objects.filter(city=city).order_by("pk").values()),
        list(Stakeholder.domains.through.objects.order_by("pk").values_list("stakeholder_id", "domain_id")),
        list(Contact.objects.filter(stakeholder__city=city).order_by("pk").values()),
    )


def test_the_demo_export_re_imports_in_arabic(page, login, alice, city, other_city, screenshot):
    seed_domains(apps, None)
    demo.load(city, {}, other_city=other_city)
    before = _snapshot(city)
    login("alice", language="ar")

    page.goto("/ar/c/tunis/stakeholders/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="تصدير (CSV)").click()
    path = ARTIFACTS / "registry-export-ar.csv"
    ARTIFACTS.mkdir(exist_ok=True)
    download_info.value.save_as(path)

    page.get_by_role("link", name="استيراد (XLSX، CSV)").click()
    expect(page.locator("h1")).to_have_text("استيراد السجل من جدول بيانات")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.set_input_files("input[type=file]", str(path))
    screenshot("imports-upload-ar")
    page.get_by_role("button", name="قراءة الملف").click()

    expect(page.locator(".alert-success")).to_contain_text("تمت قراءة الملف.")
    expect(page.locator(".import-totals")).to_contain_text("0 للإنشاء")
    expect(page.locator(".import-preview tbody tr")).to_have_count(len(before[0]))
    expect(page.locator(".import-preview .badge.text-bg-warning")).to_have_count(len(before[0]))
    screenshot("imports-preview-ar")
    page.get_by_role("button", name="الاستيراد الآن").click()

    page.wait_for_url("**/ar/c/tunis/stakeholders/")
    expect(page.locator(".alert-success")).to_contain_text(f"تم الاستيراد: 0 أُنشئ، 0 حُدّث، {len(before[0])} دون تغيير")
    screenshot("imports-done-ar")
    assert _snapshot(city) == before
