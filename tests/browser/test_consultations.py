"""Consultations in a real browser: plan in /ar/, build the agenda, get the Arabic PDF, answer the
emailed invitation as the invitee, tick attendance at the door on a phone."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from consultations import demo
from consultations.models import Answer, Consultation, Invitation
from tests.browser.conftest import ARTIFACTS
from tests.factories import ContactFactory, StakeholderFactory

LINK = re.compile(r"https://stakeholders\.example\.org/ar/l/[A-Za-z0-9_-]+/")


@pytest.fixture
def group(city):
    croissant = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    ContactFactory(stakeholder=croissant, name="Amal Ben Salah", email="amal@example.org", language="ar")
    return croissant


def test_plan_a_consultation_in_arabic_and_answer_the_invitation(
    page, login, alice, group, screenshot, live_server, browser
):
    login("alice", language="ar")
    page.goto("/ar/c/tunis/consultations/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("consultations-cycle-empty-ar")
    page.locator("a[href='/ar/c/tunis/consultations/new/1/']").click()
    assert page.locator("#id_title_ar").input_value() == "الاستشارة الأولى"
    page.fill("#id_title_fr", "Première consultation – alignement des visions")
    page.fill("#id_date", "2030-03-12")
    page.fill("#id_start_time", "10:30")
    page.fill("#id_end_time", "13:00")
    page.fill("#id_venue_fr", "Municipalité de Tunis")
    page.fill("#id_venue_ar", "بلدية تونس")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url("**/ar/c/tunis/consultations/1/")
    assert page.locator("h1").inner_text() == "الاستشارة الأولى"

    # The agenda: two items, the second overlapping at first (refused, naming both), then fixed.
    page.goto("/ar/c/tunis/consultations/1/agenda/add/")
    page.fill("#id_start_time", "10:30")
    page.fill("#id_end_time", "10:45")
    page.select_option("#id_kind", "welcome")
    page.fill("#id_title_fr", "Discours de bienvenue")
    page.fill("#id_title_ar", "كلمات الترحيب")
    page.fill("#id_sub_points_fr", "Projet MC2CM RUCP\nVille de Tunis")
    page.fill("#id_sub_points_ar", "مشروع MC2CM RUCP\nبلدية تونس")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url("**/agenda/")
    page.goto("/ar/c/tunis/consultations/1/agenda/add/")
    assert page.locator("#id_start_time").input_value() == "10:45"
    page.fill("#id_start_time", "10:40")
    page.fill("#id_end_time", "11:00")
    page.select_option("#id_kind", "round_table")
    page.fill("#id_title_fr", "Tour de table")
    page.fill("#id_title_ar", "جولة تعارف")
    page.click("button[type=submit].btn-primary")
    errors = page.locator("#error-summary").inner_text()
    assert "«Discours de bienvenue» (10:30–10:45)" in errors and "متداخلان" in errors
    screenshot("consultations-agenda-clash-ar")
    page.fill("#id_start_time", "10:45")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url("**/agenda/")
    assert page.locator(".agenda-edit > li").count() == 2
    screenshot("consultations-agenda-ar")

    # The Arabic PDF, fetched with the browser's session.
    response = page.request.get(live_server.url + "/ar/c/tunis/consultations/1/agenda.pdf?lang=ar")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.body())).pages[0].extract_text().split())
    assert "الاستشارة الأولى" in text and "كلمات الترحيب" in text and "10:45–11:00" in text

    # Invite the group; the email goes through the outbox in the contact's language.
    page.goto("/ar/c/tunis/consultations/1/invitations/send/")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url("**/invitations/")
    assert "الهلال الأحمر التونسي" in page.locator("table").inner_text()
    screenshot("consultations-invitations-ar")
    message = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    url = LINK.search(message.body).group(0).replace(settings.SITE_URL, live_server.url)

    # The invitee opens the link in a browser of their own (no staff session).
    invitee = browser.new_context(base_url=live_server.url, locale="ar")
    answer_page = invitee.new_page()
    answer_page.goto(url)
    answer_page.wait_for_url("**/ar/p/consultations/invitation/")
    assert "كلمات الترحيب" in answer_page.locator("main").inner_text()
    answer_page.check("input[name=answer][value=delegate]")
    answer_page.click("button[type=submit]")
    assert "يرجى ذكر اسم الشخص الذي ستوفدونه." in answer_page.locator("main").inner_text()
    answer_page.check("input[name=answer][value=delegate]")
    answer_page.fill("input[name=delegate_name]", "سنية الطرابلسي")
    answer_page.click("button[type=submit]")
    answer_page.wait_for_load_state()
    assert "تم تسجيل إجابتكم. شكرًا." in answer_page.locator("main").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    answer_page.screenshot(path=str(ARTIFACTS / "consultations-answer-ar.png"), full_page=True)
    invitee.close()
    invitation = Invitation.objects.get(stakeholder=group)
    assert (invitation.answer, invitation.delegate_name) == (Answer.DELEGATE, "سنية الطرابلسي")


def test_tick_attendance_on_a_phone(page, login, alice, group, screenshot, city, other_city):
    demo.load(city, {}, other_city=other_city)
    Consultation.objects.filter(city=city, number=1).update(status="held")
    login("alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/fr/c/tunis/consultations/1/attendance/")
    row = page.locator(".attendance-row", has_text="Croissant-Rouge tunisien")
    row.get_by_role("button", name="Marquer présent").click()
    # A locator assertion, not wait_for_function: the page's CSP forbids evaluating strings as code.
    expect(page.locator("#present-count")).to_have_text("1")
    assert row.get_by_role("button").inner_text() == "Présent"
    assert Invitation.objects.get(stakeholder=group).attended is True
    screenshot("consultations-attendance-phone-fr")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_demo_pages_in_both_languages(page, login, alice, city, other_city, screenshot, language):
    demo.load(city, {}, other_city=other_city)
    login("alice", language=language)
    for path, name in [
        ("", "cycle"),
        ("1/", "detail"),
        ("1/agenda/print/?lang=" + language, "print"),
        ("1/agenda/print/?lang=bi", "print-bi"),
        ("2/hold/", "hold"),
    ]:
        response = page.goto(f"/{language}/c/tunis/consultations/{path}")
        assert response.status == 200
        screenshot(f"consultations-{name}-{language}")
