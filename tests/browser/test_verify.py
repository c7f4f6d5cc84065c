"""A ministry's officer scans a record's QR code, then checks a copy someone changed: in Chromium,
against a live server, in Arabic and in French."""

import re

import pytest

from terms.models import DecisionChannel, RatificationStatus, VersionStatus
from terms.records import ratification_record_generate, record_verify_url
from tests.factories import (
    ContactFactory,
    RatificationRequestFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)


@pytest.fixture
def record(city):
    version = TorVersionFactory(tor=TorFactory(city=city), status=VersionStatus.FINAL)
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    RatificationRequestFactory(
        version=version,
        stakeholder=stakeholder,
        contact=ContactFactory(stakeholder=stakeholder, name="Amal Ben Salah"),
        contact_name="Amal Ben Salah",
        status=RatificationStatus.RATIFIED,
        signed_name="Amal Ben Salah",
        decided_at="2023-11-20T09:15:02Z",
        channel=DecisionChannel.LINK,
    )
    return ratification_record_generate(version=version, language="ar")


def test_the_qr_code_link_then_an_altered_copy(page, record, settings, tmp_path, screenshot):
    url = record_verify_url(version=record.version, record=record)
    assert url.startswith(f"{settings.SITE_URL}/ar/verify/?sha256=")
    page.goto(url[len(settings.SITE_URL) :])
    assert page.locator("html").get_attribute("dir") == "rtl"
    result = page.locator("#answer-heading").locator("..")
    assert "صادرة عن هذا الموقع." in result.inner_text()
    assert "الهلال الأحمر التونسي" in result.inner_text() and "Amal Ben Salah" not in page.content()
    screenshot("verify-qr-ar")

    data = bytearray(bytes(record.pdf))
    position = data.index(b"/Location (") + len(b"/Location (")
    data[position] = ord("X")
    altered = tmp_path / "record.pdf"
    altered.write_bytes(bytes(data))
    page.goto("/fr/verify/")
    page.set_input_files("input[name=document]", str(altered))
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_load_state()
    text = page.locator("#answer-heading").locator("..").inner_text()
    assert "Modifié : ce n’est pas un document tel qu’émis." in text
    assert not re.search("Émis par ce site", text)
    screenshot("verify-altered-fr")
