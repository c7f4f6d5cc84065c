"""The inventory in a real browser, in Arabic: record a programme run in the city, assess it as consultation 1
did (Chatham House rule: no name), then look at who does what, mirrored right to left."""

import datetime
import re

import pytest

from inventory.models import Programme
from stakeholders.models import Category, Domain
from tests.factories import ConsultationFactory, CriterionFactory, StakeholderFactory

BASE = "/ar/c/tunis/inventory/"


@pytest.fixture
def group(city):
    lead = StakeholderFactory(
        city=city,
        name_fr="Organisation internationale pour les migrations",
        name_ar="المنظمة الدولية للهجرة",
        acronym_fr="OIM",
        category=Category.INTERNATIONAL_ORGANISATION,
    )
    partner = StakeholderFactory(
        city=city,
        name_fr="Ville de Tunis – Direction des affaires sociales",
        name_ar="بلدية تونس – إدارة الشؤون الاجتماعية",
        acronym_fr="",
        category=Category.MUNICIPAL_SERVICE,
    )
    consultation = ConsultationFactory(city=city, number=1, date=datetime.date(2023, 11, 7))
    reach = CriterionFactory(city=city, name_fr="Portée", name_ar="الوصول إلى الفئات المستهدفة", position=1)
    return lead, partner, consultation, reach


def test_record_a_programme_and_its_assessment_in_arabic(page, login, eve, group, screenshot):
    lead, partner, consultation, reach = group
    social, _ = Domain.objects.get_or_create(
        code="social-protection", defaults={"name_fr": "Protection sociale", "name_ar": "الحماية الاجتماعية"}
    )
    login("eve", language="ar")

    page.goto(BASE)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("button", name="الجرد").is_visible()  # the area's menu in the navigation bar
    page.get_by_role("link", name="تسجيل برنامج").click()
    page.fill("#id_title_fr", "Aide au retour volontaire et à la réintégration")
    page.fill("#id_title_ar", "المساعدة على العودة الطوعية وإعادة الإدماج")
    page.select_option("#id_lead", str(lead.pk))
    page.check(f'input[name="partners"][value="{partner.pk}"]')  # a checkbox list, not a multi-select
    page.check(f"input[name=domains][value='{social.pk}']")
    page.check("input[name=target_groups][value='returnees']")
    page.check("input[name=target_groups][value='in_transit']")
    page.fill("#id_start_month", "٢٠٢٢-٠١")  # Arabic-Indic digits read as 2022-01
    page.fill("#id_end_month", "2026-T4")
    page.select_option("#id_status", "running")
    page.fill("#id_funding_source_fr", "Union européenne")
    page.fill("#id_funding_source_ar", "الاتحاد الأوروبي")
    page.fill("#id_amount", "1 200 000")
    page.select_option("#id_currency", "EUR")
    page.fill("#id_source", "Présentation à la consultation du 7 novembre 2023")
    page.click("form.inventory-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/inventory/\d+/$"))
    programme = Programme.objects.get()
    assert (programme.start_month, programme.end_month) == (datetime.date(2022, 1, 1), datetime.date(2026, 12, 1))
    assert sorted(programme.target_groups.values_list("group", flat=True)) == ["in_transit", "returnees"]
    assert page.locator("h1").inner_text() == "المساعدة على العودة الطوعية وإعادة الإدماج"
    assert "تم تسجيل البرنامج" in page.locator(".alert-success").inner_text()
    screenshot("inventory-programme-ar")

    # The assessment, as consultation 1 put it: what works, what does not, a score per criterion.
    page.get_by_role("link", name="تقييم هذا البرنامج").click()
    assert "قاعدة تشاتام هاوس" in page.locator("main").inner_text()
    page.fill("#id_assessed_on", "2023-11-07")
    page.select_option("#id_consultation", str(consultation.pk))
    page.fill("#id_positives_fr", "Procédure claire et délais tenus.")
    page.fill("#id_positives_ar", "إجراءات واضحة وآجال محترمة.")
    page.fill("#id_negatives_fr", "Peu de liens avec les services municipaux.")
    page.fill("#id_negatives_ar", "روابط ضعيفة مع المصالح البلدية.")
    page.select_option(f"#id_rating_{reach.pk}", "4")
    screenshot("inventory-assessment-form-ar")
    page.click("form.inventory-form button[type=submit]")
    page.wait_for_url(f"**{BASE}{programme.pk}/")
    assert "تم حفظ التقييم." in page.locator(".alert-success").inner_text()
    main = page.locator("main").inner_text()
    assert "إجراءات واضحة وآجال محترمة." in main and "روابط ضعيفة مع المصالح البلدية." in main
    assert "4 – جيد" in main
    assessment = programme.assessment
    assert (assessment.assessed_on, assessment.consultation, assessment.ratings.get().score) == (
        datetime.date(2023, 11, 7),
        consultation,
        4,
    )
    screenshot("inventory-assessed-ar")

    # Who does what, mirrored: the stakeholders' column stands at the right.
    page.goto(BASE + "matrix/")
    name_cell = page.locator("tbody th.wdw-name").first.bounding_box()
    first_domain = page.locator("thead th.wdw-domain").first.bounding_box()
    assert name_cell["x"] > first_domain["x"]
    assert "المنظمة الدولية للهجرة" in page.locator(".wdw-table").inner_text()
    screenshot("inventory-matrix-ar")
    page.goto(BASE + "timeline/")
    assert page.locator("svg.timeline-chart").get_attribute("direction") == "rtl"
    screenshot("inventory-timeline-ar")
