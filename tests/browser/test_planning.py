"""Strategic planning in a real browser: build a small plan and matrix in /ar/, freeze and approve a
roadmap version, download its Arabic PDF (render time measured), and look at the dashboard in both
languages."""

import datetime
import io
import re
import subprocess
import time

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from planning import demo
from planning.documents import roadmap_pdf
from planning.models import Action, Indicator, Measurement, RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion
from stakeholders.models import Category, Domain
from tests.browser.conftest import ARTIFACTS
from tests.factories import ContactFactory, FrozenRoadmapVersionFactory, StakeholderFactory
from tests.terms.helpers import link_in

BASE = "/ar/c/tunis/planning/"


@pytest.fixture
def group(city):
    lead = StakeholderFactory(
        city=city,
        name_fr="Direction de la santé municipale",
        name_ar="إدارة الصحة البلدية",
        category=Category.MUNICIPAL_SERVICE,
    )
    partner = StakeholderFactory(
        city=city,
        name_fr="Organisation internationale pour les migrations",
        name_ar="المنظمة الدولية للهجرة",
        acronym_fr="OIM",
        category=Category.INTERNATIONAL_ORGANISATION,
    )
    StakeholderFactory(city=city, name_fr="Terre d'Asile Tunisie", name_ar="أرض اللجوء تونس")
    return lead, partner


def test_build_a_plan_and_matrix_in_arabic_then_approve_and_download_the_roadmap(
    page, login, alice, group, screenshot, live_server
):
    lead, partner = group
    health, _ = Domain.objects.get_or_create(code="health", defaults={"name_fr": "Santé", "name_ar": "الصحة"})
    login("alice", language="ar")

    # Consultation 2: a priority, then the action that answers it, typed as quarters.
    page.goto(BASE + "mapping/new/?kind=priority")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#id_rank").input_value() == "1"
    page.fill("#id_text_fr", "Garantir l'accès aux soins de santé de base")
    page.fill("#id_text_ar", "ضمان النفاذ إلى الرعاية الصحية الأساسية")
    page.select_option("#id_domain", str(health.pk))
    for pk in (lead.pk, partner.pk):  # a checkbox list, not a multi-select
        page.check(f'input[name="stakeholders"][value="{pk}"]')
    page.click("form.planning-form button[type=submit]")
    page.wait_for_url("**" + BASE + "mapping/")
    assert "ضمان النفاذ إلى الرعاية الصحية الأساسية" in page.locator("main").inner_text()
    screenshot("planning-mapping-ar")

    page.get_by_role("link", name="تخطيط إجراء").click()
    page.fill("#id_title_fr", "Permanence santé pour les personnes migrantes")
    page.fill("#id_title_ar", "حصص صحية لفائدة المهاجرين")
    page.select_option("#id_domain", str(health.pk))
    page.select_option("#id_lead", str(lead.pk))
    page.check(f'input[name="partners"][value="{partner.pk}"]')
    page.fill("#id_start_month", "2024-T2")
    page.fill("#id_end_month", "2026-T4")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_budget", "85 000")
    page.select_option("#id_currency", "TND")
    page.click("form.planning-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/planning/actions/\d+/$"))
    action = Action.objects.get()
    assert (action.start_month, action.end_month, action.priority.rank) == (
        datetime.date(2024, 4, 1),
        datetime.date(2026, 12, 1),
        1,
    )
    # No ToR role for the lead: the page says so; no indicator yet: flagged.
    assert page.locator(".alert-warning").count() >= 1
    assert "لا مؤشر لهذا الإجراء بعد" in page.locator("main").inner_text()

    # Consultation 3: an indicator with its baseline and target, then a measurement.
    page.get_by_role("link", name="إضافة مؤشر").click()
    page.fill("#id_name_fr", "Consultations assurées")
    page.fill("#id_name_ar", "الاستشارات المقدّمة")
    page.fill("#id_unit_fr", "consultations")
    page.fill("#id_unit_ar", "استشارة")
    page.fill("#id_baseline_value", "0")
    page.fill("#id_baseline_date", "2024-01-01")
    page.fill("#id_target_value", "1200")
    page.fill("#id_target_date", "2026-12-31")
    page.fill("#id_means_of_verification_fr", "Registres des centres de santé")
    page.fill("#id_means_of_verification_ar", "سجلات المراكز الصحية")
    page.select_option("#id_frequency", "half_yearly")
    page.select_option("#id_responsible", str(lead.pk))
    page.click("form.planning-form button[type=submit]")
    page.wait_for_url(f"**{BASE}actions/{action.pk}/")
    indicator = Indicator.objects.get()
    page.get_by_role("link", name="الاستشارات المقدّمة").click()
    page.fill("#id_value", "600")
    page.fill("#id_measured_on", "2025-06-30")
    page.fill("#id_source", "Rapport semestriel")
    page.click("form.planning-form button[type=submit]")
    page.wait_for_url(f"**{BASE}indicators/{indicator.pk}/")
    assert Measurement.objects.get().value == 600

    page.goto(BASE + "matrix/")
    assert "الاستشارات المقدّمة" in page.locator(".matrix-table").inner_text()
    screenshot("planning-matrix-ar")
    page.goto(BASE + "timeline/")
    assert page.locator("svg.timeline-chart").get_attribute("direction") == "rtl"
    screenshot("planning-timeline-ar")

    # Consultation 4: a draft with its introduction, frozen, approved by the meeting.
    page.goto(BASE + "roadmap/")
    page.get_by_role("button", name="نسخة مسودّة جديدة").click()
    page.wait_for_url(f"**{BASE}roadmap/1/edit/")
    page.fill("#id_introduction_fr", "Feuille de route illustrative de la ville de Tunis.")
    page.fill("#id_introduction_ar", "خارطة طريق توضيحية لمدينة تونس.")
    page.fill("#id_conclusions_fr", "Le groupe se réunit chaque semestre.")
    page.fill("#id_conclusions_ar", "تجتمع المجموعة كل ستة أشهر.")
    page.click("form.planning-form button[type=submit]")
    page.wait_for_url(f"**{BASE}roadmap/1/")
    # Freezing cannot be undone: a box to tick, then the browser's confirmation, accepted.
    page.check("#freeze-understood")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="تجميد هذه النسخة للمصادقة").click()
    page.wait_for_url(f"**{BASE}roadmap/1/")
    version = RoadmapVersion.objects.get()
    assert version.status == RoadmapStatus.FROZEN and len(version.sha256) == 64
    assert version.sha256 in page.locator("code.sha").first.inner_text()
    page.fill("#id_decided_on", datetime.date.today().isoformat())
    page.fill("#id_decision_fr", "La feuille de route est approuvée à l'unanimité.")
    page.fill("#id_decision_ar", "تمت المصادقة على خارطة الطريق بالإجماع.")
    page.get_by_role("button", name="تسجيل المصادقة").click()
    page.wait_for_url(f"**{BASE}roadmap/1/")
    version.refresh_from_db()
    assert version.status == RoadmapStatus.APPROVED
    assert "تمت المصادقة على خارطة الطريق بالإجماع." in page.locator("main").inner_text()
    screenshot("planning-roadmap-ar")

    # The Arabic PDF, downloaded as a user would; the server reports its render time.
    with page.expect_response(lambda r: "/pdf/ar/" in r.url) as response_info, page.expect_download() as download_info:
        page.get_by_role("link", name="PDF بالعربية").click()
    server_timing = response_info.value.headers.get("server-timing", "")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "planning-roadmap-ar.pdf"
    download_info.value.save_as(str(pdf_path))
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert version.sha256 in text
    # The last page's footer says "صفحة N من N" (page N of N) in words.
    n = len(reader.pages)
    assert re.search(rf"{n}\s*من\s*{n}", text) and "صفحة" in text
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf_path), str(ARTIFACTS / "planning-roadmap-ar")], check=True)

    # Render times in this process (fonts and stylesheet already loaded by the download above).
    timings = {}
    for language in ("ar", "fr", "bi"):
        started = time.perf_counter()
        roadmap_pdf(version=version, language=language)
        timings[language] = round(time.perf_counter() - started, 3)
    print(f"\nroadmap PDF: download {server_timing}; warm render seconds {timings}; pages {len(reader.pages)}")
    assert max(timings.values()) < 5


@pytest.fixture
def demo_city(city):
    """The planning demo on a small group (browser tests flush the database: domains are made again)."""

    for code, name_fr, name_ar in [
        ("health", "Santé", "الصحة"),
        ("housing", "Logement", "السكن"),
        ("employment", "Emploi et insertion professionnelle", "التشغيل والإدماج المهني"),
        ("civil-registration", "État civil", "الحالة المدنية"),
        ("data-statistics", "Données et statistiques", "البيانات والإحصاء"),
        ("social-protection", "Protection sociale", "الحماية الاجتماعية"),
        ("culture-cohesion", "Culture et cohésion sociale", "الثقافة والتماسك الاجتماعي"),
    ]:
        Domain.objects.update_or_create(code=code, defaults={"name_fr": name_fr, "name_ar": name_ar})
    for name_fr, name_ar, category in [
        (
            "Ville de Tunis – Direction de la santé municipale",
            "بلدية تونس – إدارة الصحة البلدية",
            Category.MUNICIPAL_SERVICE,
        ),
        (
            "Ville de Tunis – Direction des affaires sociales",
            "بلدية تونس – إدارة الشؤون الاجتماعية",
            Category.MUNICIPAL_SERVICE,
        ),
        ("Observatoire National de la Migration", "المرصد الوطني للهجرة", Category.NATIONAL_AUTHORITY),
        (
            "Direction régionale des affaires sociales de Tunis",
            "الإدارة الجهوية للشؤون الاجتماعية بتونس",
            Category.DECENTRALISED_SERVICE,
        ),
        (
            "Organisation internationale pour les migrations",
            "المنظمة الدولية للهجرة",
            Category.INTERNATIONAL_ORGANISATION,
        ),
        ("Bureau international du Travail", "مكتب العمل الدولي", Category.INTERNATIONAL_ORGANISATION),
        ("Terre d'Asile Tunisie", "أرض اللجوء تونس", Category.CIVIL_SOCIETY),
        (
            "Association des Étudiants et Stagiaires Africains en Tunisie",
            "جمعية الطلبة والمتربصين الأفارقة بتونس",
            Category.MIGRANT_ASSOCIATION,
        ),
        ("Université de Tunis", "جامعة تونس", Category.ACADEMIA),
        ("Agence Tunis Afrique Presse", "وكالة تونس إفريقيا للأنباء", Category.MEDIA),
    ]:
        StakeholderFactory(city=city, name_fr=name_fr, name_ar=name_ar, acronym_fr="", category=category)
    demo.load(city, {}, other_city=None)
    return city


def test_dashboard_in_both_languages(page, login, alice, demo_city, screenshot, live_server):
    login("alice")
    page.goto("/fr/c/tunis/planning/dashboard/")
    assert page.locator("h1").inner_text() == "Tunis : tableau de bord"
    assert page.locator("#dash-off-track").is_visible()
    screenshot("planning-dashboard-fr")
    page.goto("/fr/c/tunis/planning/timeline/")
    screenshot("planning-timeline-fr")
    page.goto("/ar/c/tunis/planning/dashboard/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "تونس: لوحة القيادة"
    screenshot("planning-dashboard-ar")
    page.goto("/ar/c/tunis/planning/")
    screenshot("planning-plan-ar")


def test_stakeholders_ratify_a_frozen_roadmap_through_emailed_links(
    page, browser, login, alice, city, live_server, screenshot
):
    for i, language in enumerate(["ar", "fr"]):
        stakeholder = StakeholderFactory(city=city, name_fr=f"Association {i}", name_ar=f"جمعية {i}")
        ContactFactory(stakeholder=stakeholder, email=f"roadmap{i}@example.org", language=language)
    version = FrozenRoadmapVersionFactory(
        city=city, number=1, introduction_fr="Feuille de route de Tunis.", introduction_ar="خارطة طريق مدينة تونس."
    )
    page.on("dialog", lambda dialog: dialog.accept())
    login("alice", language="ar")

    # The coordinator sends the frozen version from its page, in Arabic.
    page.goto(BASE + "roadmap/1/")
    page.locator("#ratification-summary a").click()
    page.get_by_role("button", name="الإرسال للمصادقة").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == ["roadmap0@example.org", "roadmap1@example.org"]

    # The Arabic contact reads the roadmap right to left and ratifies it.
    message = next(m for m in mail.outbox if m.to == ["roadmap0@example.org"])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="ar")
    context.set_default_timeout(15000)
    contact = context.new_page()
    contact.goto(link_in(message).replace(settings.SITE_URL, live_server.url))
    assert contact.url == live_server.url + "/ar/p/planning/ratify/"
    assert contact.locator("html").get_attribute("dir") == "rtl"
    expect(contact.locator("h1")).to_have_text("المصادقة على خارطة الطريق")
    expect(contact.locator("#version-sha")).to_have_text(version.sha256)
    expect(contact.locator("body")).to_contain_text("خارطة طريق مدينة تونس.")
    ARTIFACTS.mkdir(exist_ok=True)
    contact.screenshot(path=str(ARTIFACTS / "planning-ratify-ar.png"), full_page=True)
    contact.check("#id_confirm")
    contact.fill("#id_signed_name", "سلمى الحداد")
    contact.get_by_role("button", name="المصادقة على هذه النسخة").click()
    expect(contact.locator(".alert-success.alert-dismissible")).to_have_text("شكرًا: سُجّلت مصادقتكم.")
    context.close()

    # The French contact forgets to tick the box: a clear error, nothing recorded.
    message = next(m for m in mail.outbox if m.to == ["roadmap1@example.org"])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(15000)
    contact = context.new_page()
    contact.goto(link_in(message).replace(settings.SITE_URL, live_server.url))
    assert contact.url == live_server.url + "/fr/p/planning/ratify/"
    expect(contact.locator("h1")).to_have_text("Ratification de la feuille de route")
    contact.fill("#id_signed_name", "Marc Dupont")
    contact.get_by_role("button", name="Ratifier cette version").click()
    expect(contact.locator("#form-errors")).to_contain_text("Votre décision n'a pas été enregistrée.")
    contact.screenshot(path=str(ARTIFACTS / "planning-ratify-fr-error.png"), full_page=True)
    context.close()
    assert RoadmapRatificationRequest.objects.get(contact_email="roadmap1@example.org").status == "pending"

    rr = RoadmapRatificationRequest.objects.get(contact_email="roadmap0@example.org")
    assert (rr.status, rr.signed_name, rr.decided_sha256) == ("ratified", "سلمى الحداد", version.sha256)
    page.goto(BASE + "roadmap/1/ratification/")
    expect(page.locator("#requests")).to_contain_text("جمعية 0")
    expect(page.locator("#counts")).to_contain_text("1")
    screenshot("planning-roadmap-ratification-ar")
    page.goto(f"/fr/c/tunis/planning/roadmap/ratification/{rr.pk}/")
    expect(page.locator("#events")).to_contain_text("Ratifié")
    screenshot("planning-roadmap-request-fr")
