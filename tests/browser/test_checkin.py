"""Check-in at the door on a phone (390x844): the pass's QR code read by the camera (Chromium's fake
camera fed a video of the QR code from the invitation email), and a short code typed; /fr/ and /ar/."""

import datetime as dt
import io
import re
from email.mime.base import MIMEBase

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from consultations.models import Invitation
from consultations.services.invitations import invitation_send
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.factories import ConsultationFactory, ContactFactory, StakeholderFactory

SHORT_CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\b")
PHONE = {"width": 390, "height": 844}
WIDTH, HEIGHT = 640, 480


def y4m_of(png: bytes) -> bytes:
    """A short Y4M video (4:2:0, what Chromium's fake camera reads) showing the PNG on white."""
    image = Image.open(io.BytesIO(png)).convert("L")
    image.thumbnail((HEIGHT - 40, HEIGHT - 40))
    frame = Image.new("L", (WIDTH, HEIGHT), 255)
    frame.paste(image, ((WIDTH - image.width) // 2, (HEIGHT - image.height) // 2))
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F25:1 Ip A1:1 C420jpeg\n".encode()
    return header + b"".join(b"FRAME\n" + frame.tobytes() + chroma + chroma for _ in range(5))


@pytest.fixture
def passes(city):
    """Consultation 1 with two invitations sent: the QR code of OIM's, the short code of the Red Crescent's."""
    consultation = ConsultationFactory(
        city=city, number=1, title_fr="Première consultation", title_ar="الاستشارة الأولى", date=dt.date(2030, 3, 12)
    )
    oim = StakeholderFactory(city=city, name_fr="OIM Tunisie", name_ar="المنظمة الدولية للهجرة")
    ContactFactory(stakeholder=oim, name="Marc Durand", email="marc@example.org", language="fr")
    croissant = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    ContactFactory(stakeholder=croissant, name="Amal Ben Salah", email="amal@example.org", language="ar")
    invitation_send(consultation=consultation)  # no transaction here: the emails go out at once
    messages = {m.to[0]: m for m in mail.outbox}
    (qr,) = [a for a in messages["marc@example.org"].attachments if isinstance(a, MIMEBase)]
    code = SHORT_CODE.search(messages["amal@example.org"].body).group(1)
    assert consultation.invitations.count() == 2
    assert not Invitation.objects.filter(attended=True).exists()
    return {"consultation": consultation, "qr_png": qr.get_payload(decode=True), "code": code}


@pytest.fixture
def camera_browser(browser, passes, tmp_path):
    """A second Chromium whose camera shows the QR code of OIM's pass."""
    video = tmp_path / "pass-qr.y4m"
    video.write_bytes(y4m_of(passes["qr_png"]))
    fake = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    yield fake
    fake.close()


@pytest.mark.parametrize(
    ("language", "scanned", "typed"),
    [
        ("fr", "OIM Tunisie est enregistré à l’entrée.", "Croissant-Rouge tunisien est enregistré à l’entrée."),
        ("ar", "تمّ تسجيل حضور المنظمة الدولية للهجرة.", "تمّ تسجيل حضور الهلال الأحمر التونسي."),
    ],
)
def test_check_in_at_the_door_with_the_camera_and_a_typed_code(
    camera_browser, live_server, alice, passes, language, scanned, typed
):
    context = camera_browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale=language
    )
    context.grant_permissions(["camera"], origin=live_server.url)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "secret-pass-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"/{language}/c/tunis/consultations/1/attendance/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    ARTIFACTS.mkdir(exist_ok=True)

    # The camera: one tap, the pass in front of it, the stakeholder checked in and its row turned present.
    page.click("#checkin-camera")
    expect(page.locator("#checkin-result")).to_have_text(scanned)
    expect(page.locator("#present-count")).to_have_text("1")
    oim = Invitation.objects.get(stakeholder__name_fr="OIM Tunisie")
    expect(page.locator(f"#inv-{oim.pk}")).to_have_class(re.compile(r"\bis-present\b"))
    page.screenshot(path=str(ARTIFACTS / f"checkin-camera-{language}.png"), full_page=True)
    page.click("#checkin-camera-stop")
    expect(page.locator("#checkin-scanner")).to_be_hidden()

    # The short code typed (in small letters, with spaces): checked in; typed again: already.
    page.fill("#checkin-code", passes["code"].lower().replace("-", " "))
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_have_text(typed)
    expect(page.locator("#present-count")).to_have_text("2")
    page.fill("#checkin-code", passes["code"])
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_have_class(re.compile(r"alert-info"))
    page.screenshot(path=str(ARTIFACTS / f"checkin-code-{language}.png"), full_page=True)

    # Garbage: a clear refusal, nothing recorded.
    page.fill("#checkin-code", "ZZZZ")
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_have_class(re.compile(r"alert-danger"))
    assert Invitation.objects.filter(attended=True).count() == 2
    assert errors == []
    context.close()
