"""The ratification record as kept: PDF/A-3b, signed (pyHanko validates it against the root), its
stored SHA-256 that of the signed bytes, its decisions attached as JSON and CSV equal to the database,
and a QR code leading to the verify page. Frozen versions' PDFs are issued signed, once per state."""

import csv
import datetime as dt
import io
import json

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from common import signing
from common.hashing import sha256_hex
from common.models import IssuedDocument
from common.pdf import pdf_embedded_files
from common.signing import signature_check
from terms import documents
from terms.documents import tor_version_pdf
from terms.models import DecisionChannel, RatificationStatus, TorVersion, VersionStatus
from terms.records import ratification_record_generate
from terms.services.versions import tor_version_status_set
from tests.factories import RatificationRequestFactory, TorVersionFactory

from .conftest import make_group

pytestmark = pytest.mark.django_db

DECIDED = dt.datetime(2023, 11, 20, 9, 15, 2, tzinfo=dt.UTC)


@pytest.fixture
def decided(city, final_version):
    """Three organisations: one ratified by link, one declined on paper, one without a request."""
    a, b, _c = make_group(city, final_version)
    RatificationRequestFactory(
        version=final_version,
        stakeholder=a,
        contact=a.contacts.first(),
        contact_name="Contact A",
        contact_email="c0@example.org",
        status=RatificationStatus.RATIFIED,
        decided_at=DECIDED,
        channel=DecisionChannel.LINK,
        signed_name="Contact A",
        decided_sha256=final_version.sha256,
    )
    RatificationRequestFactory(
        version=final_version,
        stakeholder=b,
        contact=b.contacts.first(),
        contact_name="Contact B",
        contact_email="c1@example.org",
        status=RatificationStatus.DECLINED,
        decline_reason="Article 3 à revoir",
        decided_at=DECIDED + dt.timedelta(hours=2),
        channel=DecisionChannel.PAPER,
    )
    return final_version


def _validate(data: bytes, root_path):
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(root_path))], allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    # pyHanko starts an event loop: outside any loop already running here (the browser tests' Playwright).
    return signing._outside_event_loop(validate_pdf_signature, reader.embedded_signatures[0], context)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize("language", ["fr", "ar", "bi"])
def test_the_record_is_signed_and_its_stored_hash_is_of_the_signed_bytes(decided, language, signing_certificate):
    record = ratification_record_generate(version=decided, language=language)
    record.refresh_from_db()
    data = bytes(record.pdf)
    assert record.sha256 == sha256_hex(data) and record.size == len(data)
    status = _validate(data, signing_certificate / "root.pem")
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    xmp = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert signature_check(data).valid


def test_the_embedded_json_equals_the_database(decided, city):
    record = ratification_record_generate(version=decided, language="fr")
    data = json.loads(pdf_embedded_files(bytes(record.pdf))["decisions.json"])
    version = TorVersion.objects.get(pk=decided.pk)
    assert data["document"] == "tor_ratification_record"
    assert data["record"]["id"] == record.pk and data["record"]["language"] == "fr"
    assert data["city"] == {"slug": "tunis", "name_fr": "Tunis", "name_ar": "تونس", "time_zone": city.time_zone}
    assert data["version"]["number"] == version.number
    assert data["version"]["sha256"] == version.sha256
    assert data["version"]["status"] == version.status
    expected = []
    for stakeholder in city.stakeholders.order_by("name_fr", "pk"):
        rr = version.ratification_requests.filter(stakeholder=stakeholder).first()
        expected.append(
            {
                "stakeholder": stakeholder.name_fr,
                "roles": [a.role.code for a in version.role_assignments.filter(stakeholder=stakeholder)],
                "decision": rr.status if rr else "no_request",
                "channel": rr.channel if rr else "",
                "utc": rr.decided_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if rr else None,
                "local": rr.decided_at.astimezone(city.tzinfo).isoformat() if rr else None,
            }
        )
    got = [
        {
            "stakeholder": d["stakeholder"]["name_fr"],
            "roles": [r["role"] for r in d["roles"]],
            "decision": d["decision"],
            "channel": d["channel"],
            "utc": d["decided_at_utc"],
            "local": d["decided_at_local"],
        }
        for d in data["decisions"]
    ]
    assert got == expected
    assert [d["decision"] for d in data["decisions"]] == ["ratified", "declined", "no_request"]
    assert data["decisions"][0]["decided_at_utc"] == "2023-11-20T09:15:02Z"
    assert data["decisions"][0]["decided_at_local"] == "2023-11-20T10:15:02+01:00"
    assert {d["version_sha256"] for d in data["decisions"]} == {version.sha256}
    assert data["decisions"][0]["confirmed_sha256"] == version.sha256


def test_the_data_files_carry_no_contact_personal_data(decided):
    files = pdf_embedded_files(bytes(ratification_record_generate(version=decided, language="fr").pdf))
    for content in files.values():
        text = content.decode("utf-8")
        for personal in ("Contact A", "Contact B", "c0@example.org", "c1@example.org", "Article 3"):
            assert personal not in text


def test_the_csv_has_one_row_per_stakeholder_like_the_json(decided):
    files = pdf_embedded_files(bytes(ratification_record_generate(version=decided, language="ar").pdf))
    data = json.loads(files["decisions.json"])
    rows = list(csv.DictReader(io.StringIO(files["decisions.csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r["stakeholder"] for r in rows] == [d["stakeholder"]["name_fr"] for d in data["decisions"]]
    assert [r["decision"] for r in rows] == ["ratified", "declined", "no_request"]
    assert rows[0]["decided_at_utc"] == "2023-11-20T09:15:02Z"
    assert rows[1]["decided_at_local"] == "2023-11-20T12:15:02+01:00"
    assert rows[0]["version_sha256"] == decided.sha256
    assert rows[0]["roles"] == "member"


@pytest.mark.parametrize(("language", "prefix"), [("fr", "/fr/verify/"), ("ar", "/ar/verify/"), ("bi", "/fr/verify/")])
def test_the_record_prints_the_verify_address_of_its_qr_code(decided, language, prefix, settings, monkeypatch):
    encoded = []
    real = documents.qr_code_data_uri
    monkeypatch.setattr(documents, "qr_code_data_uri", lambda text: encoded.append(text) or real(text))
    record = ratification_record_generate(version=decided, language=language)
    url = f"{settings.SITE_URL}{prefix}?sha256={decided.sha256}&record={record.pk}"
    assert encoded == [url]
    assert url in _text(bytes(record.pdf)).replace(" ", "")


def test_a_frozen_version_pdf_is_issued_signed_once_then_served_as_issued(final_version, signing_certificate):
    first = tor_version_pdf(version=final_version, language="fr")
    assert _validate(first, signing_certificate / "root.pem").bottom_line
    assert tor_version_pdf(version=final_version, language="fr") == first
    issued = IssuedDocument.objects.get()
    assert issued.target == final_version and issued.signed and issued.sha256 == sha256_hex(first)
    arabic = tor_version_pdf(version=final_version, language="ar")
    assert arabic != first and IssuedDocument.objects.count() == 2


def test_a_new_status_issues_a_new_copy_and_the_old_one_stays_known(tor, alice):
    version = TorVersionFactory(tor=tor, status=VersionStatus.CIRCULATED)
    first = tor_version_pdf(version=version, language="fr")
    tor_version_status_set(version=version, status=VersionStatus.FINAL, user=alice)
    version.refresh_from_db()
    second = tor_version_pdf(version=version, language="fr")
    assert second != first
    assert set(IssuedDocument.objects.values_list("sha256", flat=True)) == {sha256_hex(first), sha256_hex(second)}


def test_a_draft_pdf_is_neither_signed_nor_kept(tor):
    draft = TorVersionFactory(tor=tor, status=VersionStatus.DRAFT)
    data = tor_version_pdf(version=draft, language="fr")
    assert not signature_check(data).signed
    assert not IssuedDocument.objects.exists()


def test_without_a_certificate_the_record_is_kept_unsigned(decided, settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = str(tmp_path / "none.p12")
    record = ratification_record_generate(version=decided, language="fr")
    assert not signature_check(bytes(record.pdf)).signed
    assert record.sha256 == sha256_hex(bytes(record.pdf))
