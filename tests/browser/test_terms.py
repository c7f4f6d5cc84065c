"""Ratification in a real browser: a coordinator sends the demo's final version, three contacts answer
through the links of their emails (one in Arabic, one declining), the coordinator reopens the decline,
the version is adopted once the rest ratify, and the ratification record downloads."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from links.selectors import link_current_for_target
from ratification.services import ratification_decide
from stakeholders import demo as stakeholders_demo
from terms import demo as terms_demo
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRecord, RatificationRequest, TorVersion
from tests.browser.conftest import ARTIFACTS
from tests.terms.helpers import link_in

seed_domains = importlib.import_module("stakeholders.migrations.0002_seed_domains").seed
seed_roles = importlib.import_module("terms.migrations.0003_seed_roles").seed

FR_CONTACT = "karim.trabelsi@example.org"  # Bureau des relations internationales, French
AR_CONTACT = "leila.bensalah@example.org"  # Direction des affaires sociales, Arabic
DECLINER = "amel.gharbi@example.org"  # Direction de la santé municipale, French


def _load(city, alice):
    # Transactional tests start from empty tables: seed the catalogues the migrations would have.
    seed_domains(apps, None)
    seed_roles(apps, None)
    stakeholders_demo.load(city, {"coordinator": alice})
    terms_demo.load(city, {"coordinator": alice})


def _link_for(email, live_server):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return link_in(message).replace(settings.SITE_URL, live_server.url)


def _contact_page(browser, live_server, locale):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale=locale)
    context.set_default_timeout(15000)
    return context, context.new_page()


def test_a_version_is_sent_ratified_through_emailed_links_and_adopted(
    page, browser, login, alice, city, live_server, screenshot
):
    _load(city, alice)
    version = TorVersion.objects.get(tor__city=city, number=2)
    page.on("dialog", lambda dialog: dialog.accept())
    login("alice")

    # The coordinator sends version 2: the page returns at once, the emails go out in the background.
    page.goto("/fr/c/tunis/terms/v/2/ratification/")
    page.get_by_role("button", name="Envoyer pour ratification").click()
    expect(page.locator(".alert-success")).to_contain_text("19 demandes de ratification créées")
    assert len(mail.outbox) == 19
    screenshot("terms-ratification-status-fr")

    # 1. A French contact ratifies.
    context, contact = _contact_page(browser, live_server, "fr-FR")
    contact.goto(_link_for(FR_CONTACT, live_server))
    assert contact.url == live_server.url + "/fr/p/terms/ratify/"
    expect(contact.locator("#version-sha")).to_have_text(version.sha256)
    expect(contact.locator("body")).to_contain_text("Secrétariat")
    screenshot_page = contact.screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot_page(path=str(ARTIFACTS / "terms-ratify-fr.png"), full_page=True)
    contact.get_by_role("button", name="Ratifier cette version").click()
    expect(contact.locator("#form-errors")).to_contain_text("Votre décision n'a pas été enregistrée.")
    contact.check("#id_confirm")
    contact.fill("#id_signed_name", "Karim Trabelsi")
    contact.get_by_role("button", name="Ratifier cette version").click()
    expect(contact.locator(".alert-success.alert-dismissible")).to_have_text(
        "Merci : votre ratification est enregistrée."
    )
    expect(contact.locator("#decision")).to_contain_text("Karim Trabelsi")
    context.close()

    # 2. An Arabic contact reads the page right to left and ratifies.
    context, contact = _contact_page(browser, live_server, "ar")
    contact.goto(_link_for(AR_CONTACT, live_server))
    assert contact.url == live_server.url + "/ar/p/terms/ratify/"
    assert contact.locator("html").get_attribute("dir") == "rtl"
    expect(contact.locator("h1")).to_have_text("المصادقة على الاختصاصات المرجعية")
    expect(contact.locator("body")).to_contain_text("المنسّق الرئيسي")
    contact.screenshot(path=str(ARTIFACTS / "terms-ratify-ar.png"), full_page=True)
    contact.check("#id_confirm")
    contact.fill("#id_signed_name", "ليلى بن صالح")
    contact.get_by_role("button", name="المصادقة على هذه النسخة").click()
    expect(contact.locator(".alert-success.alert-dismissible")).to_have_text("شكرًا: سُجّلت مصادقتكم.")
    context.close()

    # 3. A contact declines with a reason.
    context, contact = _contact_page(browser, live_server, "fr-FR")
    contact.goto(_link_for(DECLINER, live_server))
    contact.fill("#id_reason", "L'article sur la santé doit citer les centres de santé de base.")
    contact.get_by_role("button", name="Refuser cette version").click()
    expect(contact.locator(".alert-success.alert-dismissible")).to_have_text(
        "Votre refus est enregistré avec son motif."
    )
    context.close()

    statuses = dict(
        RatificationRequest.objects.filter(contact_email__in=[FR_CONTACT, AR_CONTACT, DECLINER]).values_list(
            "contact_email", "status"
        )
    )
    assert statuses == {FR_CONTACT: "ratified", AR_CONTACT: "ratified", DECLINER: "declined"}

    # The secretariat discusses the decline; the coordinator reopens the request with a new link.
    declined = RatificationRequest.objects.get(contact_email=DECLINER)
    page.goto(f"/fr/c/tunis/terms/ratification/{declined.pk}/")
    expect(page.locator("h1")).to_contain_text("Refusée")
    page.get_by_role("button", name="Rouvrir (nouveau lien)").click()
    expect(page.locator("h1")).to_contain_text("En attente")
    context, contact = _contact_page(browser, live_server, "fr-FR")
    contact.goto(_link_for(DECLINER, live_server))
    contact.check("#id_confirm")
    contact.fill("#id_signed_name", "Amel Gharbi")
    contact.get_by_role("button", name="Ratifier cette version").click()
    expect(contact.locator(".alert-success.alert-dismissible")).to_have_text(
        "Merci : votre ratification est enregistrée."
    )
    context.close()

    # The rest ratify (through the service, as their links would): the last one adopts the version.
    pending = list(RatificationRequest.objects.filter(version=version, status="pending").order_by("pk"))
    assert len(pending) == 16
    for rr in pending:
        ratification_decide(
            TOR_RATIFICATION,
            ratification_request=rr,
            link=link_current_for_target(rr, "ratification"),
            decision="ratified",
            signed_name=rr.contact_name,
            posted_sha256=version.sha256,
        )
    version.refresh_from_db()
    assert version.status == "adopted" and version.adopted_at is not None
    assert TorVersion.objects.get(tor__city=city, number=1).status == "superseded"
    assert RatificationRecord.objects.filter(version=version).count() == 3

    # The version page shows the adoption and the record's SHA-256; the record downloads.
    page.goto("/fr/c/tunis/terms/v/2/")
    expect(page.locator("h1 .badge")).to_have_text("Adoptée")
    record = RatificationRecord.objects.get(version=version, language="bi")
    expect(page.locator("body")).to_contain_text(record.sha256)
    screenshot("terms-version-adopted-fr")
    with page.expect_download() as download_info:
        page.locator("a[href='/fr/c/tunis/terms/v/2/record/bi/']").click()
    path = ARTIFACTS / "terms-record-bi.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes() == bytes(record.pdf)
    page.goto("/ar/c/tunis/terms/v/2/ratification/")
    screenshot("terms-ratification-status-ar")
