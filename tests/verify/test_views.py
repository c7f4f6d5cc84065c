"""The public verify page: issued, altered and unknown files in both languages, a pasted SHA-256, the QR
code's link, no contact's personal data, GET never changes state, CSRF on the upload, rate limit, size."""

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from common.hashing import sha256_hex
from common.pdf import html_to_pdf
from planning.documents import roadmap_pdf
from planning.services.roadmap import roadmap_version_freeze
from terms.documents import tor_version_pdf
from terms.models import DecisionChannel, RatificationStatus, VersionStatus
from terms.records import ratification_record_generate
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES, _positions
from tests.factories import (
    ContactFactory,
    RatificationRequestFactory,
    RoadmapRatificationRequestFactory,
    RoadmapVersionFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db

MESSAGES = {
    "issued": {"fr": "Émis par ce site.", "ar": "صادرة عن هذا الموقع."},
    "altered": {"fr": "Modifié : ce n’est pas un document tel qu’émis.", "ar": "معدَّلة: ليست وثيقة كما صدرت."},
    "unknown": {"fr": "Non émis par ce site.", "ar": "لم تصدر عن هذا الموقع."},
    "version": {"fr": "Une version connue de ce site.", "ar": "نسخة يعرفها هذا الموقع."},
    "extended": {"fr": "Modifié après la signature.", "ar": "عُدِّلت بعد التوقيع."},
}


# Karim's decision, 2023-11-20 09:15 UTC: as the page shows it in UTC and in Tunis time.
TIMES = {
    "fr": ("<bdi>20 novembre 2023 09:15</bdi>", "<bdi>20 novembre 2023 10:15 (heure de Tunis)</bdi>"),
    "ar": ("<bdi>20 نوفمبر 2023، 09:15</bdi>", "<bdi>20 نوفمبر 2023، 10:15 (بتوقيت تونس)</bdi>"),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def version(city):
    version = TorVersionFactory(
        tor=TorFactory(city=city, title_fr="Termes de référence du groupe"), status=VersionStatus.FINAL
    )
    red_crescent = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien", name_ar="الهلال الأحمر التونسي")
    RatificationRequestFactory(
        version=version,
        stakeholder=red_crescent,
        contact=ContactFactory(stakeholder=red_crescent, name="Amal Ben Salah", email="amal@example.org"),
        contact_name="Amal Ben Salah",
        contact_email="amal@example.org",
        status=RatificationStatus.RATIFIED,
        signed_name="Amal Ben Salah",
        decided_at="2023-11-20T09:15:02Z",
        channel=DecisionChannel.LINK,
    )
    university = StakeholderFactory(city=city, name_fr="Université de Tunis", name_ar="جامعة تونس")
    RatificationRequestFactory(
        version=version,
        stakeholder=university,
        contact=ContactFactory(stakeholder=university, name="Karim Trabelsi", email="karim@example.org"),
        contact_name="Karim Trabelsi",
        contact_email="karim@example.org",
        status=RatificationStatus.DECLINED,
        decline_reason="Article 3 à revoir par Karim",
        decided_at="2023-11-20T11:00:00Z",
        channel=DecisionChannel.PAPER,
    )
    return version


@pytest.fixture
def record(version):
    return ratification_record_generate(version=version, language="fr")


def _upload(client, data: bytes, language="fr", name="document.pdf"):
    return client.post(
        f"/{language}/verify/", {"document": SimpleUploadedFile(name, data, content_type="application/pdf")}
    )


def _page(response) -> str:
    return response.content.decode()


def _says(response, outcome: str, language: str) -> bool:
    return MESSAGES[outcome][language] in _page(response)


def _altered(data: bytes) -> bytes:
    """One byte of the signed content changed (a digit of a text stream's length would also do)."""
    altered = bytearray(data)
    position = len(data) // 3
    altered[position] = (altered[position] + 1) % 256
    return bytes(altered)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_is_public_and_translated(client, language):
    response = client.get(f"/{language}/verify/")
    assert response.status_code == 200
    page = _page(response)
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert {"fr": "Vérifier un document", "ar": "التحقق من وثيقة"}[language] in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    # The demo certificate is said to be one.
    assert {"fr": "certificat de démonstration", "ar": "شهادة تجريبية"}[language] in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_issued_record_is_recognised_with_city_version_and_decisions(client, record, version, language):
    response = _upload(client, bytes(record.pdf), language)
    assert response.status_code == 200
    assert _says(response, "issued", language)
    page = _page(response)
    assert {"fr": "Tunis", "ar": "تونس"}[language] in page
    assert version.sha256 in page and record.sha256 in page
    assert {"fr": "Intact", "ar": "سليم"}[language] in page
    # The signing certificate's organisation and name, labelled in the page's language (not pyHanko's English).
    label = {"fr": "Organisation :", "ar": "المؤسسة:"}[language]
    assert re.search(label + r" <bdi>DEMO[^<]*</bdi> · " + {"fr": "Nom :", "ar": "الاسم:"}[language], page), page
    assert "Organization:" not in page and "Common Name" not in page
    # Decisions by organisation, as the record states them, in the page's language.
    if language == "fr":
        assert "Croissant-Rouge tunisien" in page and "Université de Tunis" in page
        assert "Ratifiée" in page and "Refusée" in page
    else:
        assert "الهلال الأحمر التونسي" in page and "جامعة تونس" in page
    # The decision times in the reader's format, in UTC and in the city's zone; not as ISO text.
    assert TIMES[language][0] in page and TIMES[language][1] in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page) and "UTC+01:00" not in page  # nor the issue and signing dates
    # No contact's personal data: names, emails, typed names, reasons.
    for personal in ("Amal Ben Salah", "amal@example.org", "Karim Trabelsi", "karim@example.org", "Article 3"):
        assert personal not in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_altered_record_is_not_issued_here(client, record, language):
    response = _upload(client, _altered(bytes(record.pdf)), language)
    assert response.status_code == 200
    page = _page(response)
    # Unreadable after the change, or readable with a broken signature: either way, not ours as it is.
    assert _says(response, "altered", language) or _says(response, "unknown", language)
    assert not _says(response, "issued", language)
    assert 'class="card mb-3"' not in page and "Croissant-Rouge tunisien" not in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_byte_changed_inside_the_signed_content_is_called_altered(client, record, language):
    data = bytes(record.pdf)
    # Change a letter of the signature's stated location (covered by the signature): still a readable PDF.
    position = data.index(b"/Location (") + len(b"/Location (")
    altered = data[:position] + b"X" + data[position + 1 :]
    response = _upload(client, altered, language)
    assert _says(response, "altered", language)
    assert {"fr": "certificat de ce site.", "ar": "شهادة هذا الموقع."}[language] in _page(response)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_unknown_file_is_not_issued_here(client, language):
    response = _upload(client, html_to_pdf("<p>Un document quelconque</p>"), language)
    assert response.status_code == 200
    assert _says(response, "unknown", language)


def test_a_file_changed_after_signing_is_recognised_as_such(client, record):
    writer = IncrementalPdfFileWriter(io.BytesIO(bytes(record.pdf)))
    writer.root["/Lang"] = writer.root["/Lang"].__class__("ar")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    response = _upload(client, out.getvalue())
    assert _says(response, "extended", "fr")
    assert record.sha256 in _page(response) and "Croissant-Rouge tunisien" in _page(response)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_pasted_sha256_of_a_record(client, record, language):
    response = client.post(f"/{language}/verify/", {"sha256": record.sha256.upper()})
    assert _says(response, "issued", language)
    response = client.get(f"/{language}/verify/", {"sha256": record.sha256})
    assert _says(response, "issued", language)
    assert "Croissant-Rouge tunisien" in _page(response) or "الهلال الأحمر التونسي" in _page(response)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_qr_code_link_shows_the_record(client, record, version, language):
    response = client.get(f"/{language}/verify/", {"sha256": version.sha256, "record": record.pk})
    assert _says(response, "issued", language)
    assert record.sha256 in _page(response)


def test_a_record_id_needs_its_version_hash(client, record, version, city):
    other = TorVersionFactory(tor=version.tor, status=VersionStatus.CIRCULATED)
    response = client.get("/fr/verify/", {"sha256": other.sha256, "record": record.pk})
    assert _says(response, "version", "fr") and record.sha256 not in _page(response)
    response = client.get("/fr/verify/", {"sha256": "0" * 64, "record": record.pk})
    assert _says(response, "unknown", "fr") and 'class="card mb-3"' not in _page(response)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_version_hash_lists_its_records(client, record, version, language):
    response = client.get(f"/{language}/verify/", {"sha256": version.sha256})
    assert _says(response, "version", language)
    assert f"?sha256={record.sha256}" in _page(response)
    # The record's date and the adoption's in the reader's format and the city's zone, not as ISO text.
    moment = dt.datetime(2024, 4, 2, 10, 0, tzinfo=dt.UTC)
    type(record).objects.filter(pk=record.pk).update(generated_at=moment)
    type(version).objects.filter(pk=version.pk).update(status=VersionStatus.ADOPTED, adopted_at=moment)
    page = _page(client.get(f"/{language}/verify/", {"sha256": version.sha256}))
    expected = {"fr": "2 avril 2024 11:00 (heure de Tunis)", "ar": "2 أفريل 2024، 11:00 (بتوقيت تونس)"}[language]
    assert page.count(expected) == 2 and not re.search(r"\d{4}-\d{2}-\d{2}", page)


def test_an_unknown_hash(client):
    response = client.get("/fr/verify/", {"sha256": "ab" * 32})
    assert response.status_code == 200 and _says(response, "unknown", "fr")


def test_a_malformed_hash_is_a_form_error(client):
    response = client.get("/fr/verify/", {"sha256": "not-a-hash"})
    assert response.status_code == 400
    assert "64 caractères" in _page(response)


def test_an_issued_frozen_version_pdf_is_recognised(client, version):
    data = tor_version_pdf(version=version, language="ar")
    response = _upload(client, data, "ar")
    assert _says(response, "issued", "ar") and sha256_hex(data) in _page(response)


def test_an_issued_roadmap_pdf_shows_its_decisions_without_personal_data(client, city, alice):
    roadmap = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    stakeholder = StakeholderFactory(city=city, name_fr="Association des migrants")
    RoadmapRatificationRequestFactory(
        version=roadmap,
        stakeholder=stakeholder,
        contact=ContactFactory(stakeholder=stakeholder, name="Sami Gharbi", email="sami@example.org"),
        contact_name="Sami Gharbi",
        status=RatificationStatus.RATIFIED,
        signed_name="Sami Gharbi",
        decided_at="2024-09-20T08:00:00Z",
        channel=DecisionChannel.LINK,
    )
    data = roadmap_pdf(version=roadmap, language="fr")
    page = _page(_upload(client, data))
    assert MESSAGES["issued"]["fr"] in page and "Feuille de route" in page
    assert "Association des migrants" in page and "Sami Gharbi" not in page and "sami@example.org" not in page
    response = client.get("/fr/verify/", {"sha256": roadmap.sha256})
    assert _says(response, "version", "fr")


def test_the_roadmap_decisions_follow_the_readers_language(client, city, alice):
    """In French "Équipe" sorts between "Entraide" and "Fondation"; in Arabic the Arabic names (issue 12)."""
    roadmap = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    for fr, ar in NAMES:
        stakeholder = StakeholderFactory(city=city, name_fr=fr, name_ar=ar)
        RoadmapRatificationRequestFactory(
            version=roadmap,
            stakeholder=stakeholder,
            contact=ContactFactory(stakeholder=stakeholder),
            status=RatificationStatus.RATIFIED,
            signed_name="Sami Gharbi",
            decided_at="2024-09-20T08:00:00Z",
            channel=DecisionChannel.LINK,
        )
    data = roadmap_pdf(version=roadmap, language="fr")
    for language, order in (("fr", FRENCH_ORDER), ("ar", ARABIC_ORDER)):
        page = _page(_upload(client, data, language))
        assert _positions(page, order) == sorted(_positions(page, order)), language


def _writes(queries) -> list[str]:
    """Writes, besides the lookup limit's counter (common.ratelimit), which is bookkeeping, not state."""
    return [
        q["sql"]
        for q in queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)", q["sql"], re.I) and "common_ratecounter" not in q["sql"]
    ]


def test_a_get_never_changes_state(client, record, version):
    with CaptureQueriesContext(connection) as queries:
        for params in (
            {},
            {"sha256": record.sha256},
            {"sha256": version.sha256, "record": record.pk},
            {"sha256": "f" * 64},
        ):
            assert client.get("/fr/verify/", params).status_code == 200
            assert client.get("/ar/verify/", params).status_code == 200
        client.get("/fr/verify/root.pem")
    assert _writes(queries.captured_queries) == []
    assert "sessionid" not in client.cookies


def test_the_upload_needs_the_csrf_token(record):
    client = Client(enforce_csrf_checks=True)
    data = bytes(record.pdf)
    refused = client.post("/fr/verify/", {"document": SimpleUploadedFile("r.pdf", data)})
    assert refused.status_code == 403
    page = client.get("/fr/verify/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _page(page)).group(1)
    accepted = client.post("/fr/verify/", {"document": SimpleUploadedFile("r.pdf", data), "csrfmiddlewaretoken": token})
    assert accepted.status_code == 200 and _says(accepted, "issued", "fr")


def test_lookups_are_rate_limited_per_client(client, settings, record):
    settings.VERIFY_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/fr/verify/", {"sha256": record.sha256}).status_code == 200
    limited = client.get("/fr/verify/", {"sha256": record.sha256})
    assert limited.status_code == 429 and 'id="answer-heading"' not in _page(limited)
    assert "Trop de vérifications" in _page(limited)
    assert client.post("/fr/verify/", {"sha256": record.sha256}).status_code == 429
    # The blank page still answers; another client is not limited.
    assert client.get("/fr/verify/").status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.7").get("/fr/verify/", {"sha256": record.sha256}).status_code == 200


def test_a_file_over_the_limit_is_refused(client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 1000
    settings.MAX_REQUEST_BODY_BYTES = 50_000
    response = _upload(client, b"%PDF-1.7\n" + b"0" * 200_000)
    assert response.status_code == 413  # by common.middleware, unread (tests/common/test_middleware.py)
    response = _upload(client, b"%PDF-1.7\n" + b"0" * 5_000)
    assert response.status_code == 400
    assert "1000" in _page(response)


def test_the_trust_root_can_be_downloaded(client, signing_certificate):
    response = client.get("/fr/verify/root.pem")
    assert response.status_code == 200
    assert response.content == (signing_certificate / "root.pem").read_bytes()


def test_the_page_answers_in_a_constant_number_of_queries(client, record, version, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/fr/verify/", {"sha256": version.sha256, "record": record.pk})
