"""PAdES signatures with pyHanko: what common.signing signs is validated by pyHanko itself against the
configured root (intact, whole file, chained to the root), stays PDF/A-3b, and any change is detected.

The session fixture tests/conftest.py::signing_certificate made the demo root and certificate."""

import asyncio
import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from asn1crypto import pem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from common import signing
from common.checks import signing_certificate_check
from common.pdf import PdfAttachment, html_to_pdf, pdf_embedded_files
from common.services import pdf_sign_if_available
from tests.conftest import SIGNING_PASSPHRASE

HTML = "<html lang='fr'><body><h1>Registre de ratification</h1><p>Version 3 – Tunis</p></body></html>"


@pytest.fixture(scope="module")
def archival():
    """A PDF/A-3b document with two associated files, as records are rendered."""
    return html_to_pdf(
        HTML,
        pdf_variant="pdf/a-3b",
        attachments=[
            PdfAttachment(name="decisions.json", data='{"décision": "ratified"}'.encode()),
            PdfAttachment(name="decisions.csv", data=b"stakeholder,decision\r\nCroissant-Rouge,ratified\r\n"),
        ],
    )


@pytest.fixture
def signed(archival):
    return signing.sign_pdf(archival, reason="Registre de ratification", location="Tunis")


def _pyhanko_status(data: bytes, root_path):
    """pyHanko's own verdict, with the root file as the only trust anchor. pyHanko's synchronous API starts an
    event loop: run it outside any loop already running here (the browser tests' Playwright keeps one)."""
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(root_path))], allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(data))
    assert len(reader.embedded_signatures) == 1
    return signing._outside_event_loop(validate_pdf_signature, reader.embedded_signatures[0], context)


def test_it_signs_with_the_configured_demo_certificate():
    assert signing.signing_available()
    assert signing.signing_is_demo()
    assert len(signing.signer_fingerprint()) == 64


def test_pyhanko_validates_the_signature_intact_over_the_whole_file_and_chained_to_the_root(
    signed, signing_certificate
):
    status = _pyhanko_status(signed, signing_certificate / "root.pem")
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.modification_level == ModificationLevel.NONE
    root = load_cert_from_pemder(str(signing_certificate / "root.pem"))
    assert status.validation_path.trust_anchor.authority.name == root.subject
    assert status.signing_cert.subject.native["common_name"] == "Stakeholder registry"
    reader = PdfFileReader(io.BytesIO(signed))
    signature = reader.embedded_signatures[0].sig_object
    assert signature["/SubFilter"] == pdf_name("/ETSI.CAdES.detached")  # PAdES
    assert signature["/Reason"] == "Registre de ratification" and signature["/Location"] == "Tunis"


def test_the_signature_is_an_incremental_update_that_keeps_the_pdf_a(archival, signed):
    assert signed.startswith(archival)
    reader = PdfReader(io.BytesIO(signed))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root
    # PDF/A: the Info dictionary and the XMP metadata agree (pyHanko would append its name to one only).
    producer = reader.metadata["/Producer"]
    assert f'pdf:Producer="{producer}"' in xmp
    # The associated files are still there, as data of the document.
    relationships = {str(spec.get_object()["/UF"]): spec.get_object()["/AFRelationship"] for spec in root["/AF"]}
    assert relationships == {"decisions.json": "/Data", "decisions.csv": "/Data"}
    assert pdf_embedded_files(signed) == {
        "decisions.json": '{"décision": "ratified"}'.encode(),
        "decisions.csv": b"stakeholder,decision\r\nCroissant-Rouge,ratified\r\n",
    }


def test_signature_check_says_valid_for_what_was_signed(signed):
    check = signing.signature_check(signed)
    assert check.valid and check.demo and check.ours and not check.timestamped
    assert check.signed_revision == signed
    assert "Stakeholder registry" in check.signer
    assert check.signer_name == "Stakeholder registry" and check.signer_organization.startswith("DEMO")
    assert abs(check.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


@pytest.mark.parametrize("where", ["start", "content", "signature", "end"])
def test_changing_one_byte_anywhere_is_detected(signed, signing_certificate, where):
    contents = signed.index(b"/Contents <") + len(b"/Contents <") + 40
    position = {"start": 20, "content": len(signed) // 3, "signature": contents, "end": len(signed) - 30}[where]
    altered = bytearray(signed)
    altered[position] = ord("0") if altered[position] != ord("0") else ord("1")
    check = signing.signature_check(bytes(altered))
    assert not check.valid
    if check.readable and check.signed:
        try:
            status = _pyhanko_status(bytes(altered), signing_certificate / "root.pem")
        except Exception:  # noqa: BLE001 -- a broken file may not even parse: also a detection
            return
        assert not (status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE)


def test_an_update_appended_after_signing_is_not_the_whole_file(signed):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = writer.root["/Lang"].__class__("ar")
    writer.update_root()
    extended = io.BytesIO()
    writer.write(extended)
    check = signing.signature_check(extended.getvalue())
    assert check.signed and check.intact and check.trusted and not check.whole_file
    assert not check.valid
    assert check.signed_revision == signed


def test_an_unsigned_or_unreadable_file_is_not_valid(archival):
    assert not signing.signature_check(archival).signed
    assert not signing.signature_check(b"%PDF-1.7 nothing").readable
    assert not signing.signature_check(b"").valid


def _foreign_signer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ville imaginaire")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(b"x", key, cert, None, serialization.NoEncryption())
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[])


def test_a_signature_by_another_certificate_is_not_trusted(archival):
    meta = signers.PdfSignatureMetadata(field_name="Signature", md_algorithm="sha256")
    forged = signing._outside_event_loop(
        signers.PdfSigner(meta, _foreign_signer()).sign_pdf, IncrementalPdfFileWriter(io.BytesIO(archival))
    )
    check = signing.signature_check(forged.getvalue())
    assert check.signed and check.intact and check.whole_file
    assert not check.trusted and not check.valid and not check.ours


@pytest.fixture
def time_stamper(signing_certificate, monkeypatch):
    """pyHanko's test time-stamping authority with the demo TSA certificate (no network)."""
    tsa = signers.SimpleSigner.load_pkcs12(str(signing_certificate / "tsa.p12"), passphrase=SIGNING_PASSPHRASE.encode())
    stamper = DummyTimeStamper(tsa_cert=tsa.signing_cert, tsa_key=tsa.signing_key, certs_to_embed=tsa.cert_registry)
    monkeypatch.setattr(signing, "timestamper", lambda: stamper)
    return stamper


def test_with_a_time_stamp_authority_the_signature_is_time_stamped(archival, time_stamper, signing_certificate):
    signed = signing.sign_pdf(archival, reason="Registre", location="Tunis")
    status = _pyhanko_status(signed, signing_certificate / "root.pem")
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.trusted
    check = signing.signature_check(signed)
    assert check.valid and check.timestamped
    assert check.signed_at == status.timestamp_validity.timestamp


def test_the_tsa_setting_gives_an_http_time_stamper(settings):
    settings.SIGNING_TSA_URL = "http://tsa.example.org/tsr"
    stamper = signing.timestamper()
    assert stamper.url == "http://tsa.example.org/tsr"
    assert signing.timestamper() is stamper
    settings.SIGNING_TSA_URL = ""
    assert signing.timestamper() is None


def test_without_a_certificate_documents_go_out_unsigned(settings, archival, tmp_path):
    settings.SIGNING_PKCS12_PATH = str(tmp_path / "missing.p12")
    assert not signing.signing_available()
    assert signing.signer_fingerprint() == ""
    with pytest.raises(signing.SigningUnavailable):
        signing.sign_pdf(archival, reason="r", location="l")
    assert pdf_sign_if_available(archival, reason="r", location="l") == (archival, False)


def test_a_wrong_passphrase_makes_signing_unavailable(settings):
    settings.SIGNING_PKCS12_PASSPHRASE = "not the passphrase"
    assert not signing.signing_available()
    assert not signing.signing_is_demo()


def test_explicit_trust_roots_replace_the_chain_of_the_pkcs12(settings, signed, tmp_path):
    other = tmp_path / "other.pem"
    other.write_bytes(pem.armor("CERTIFICATE", _foreign_signer().signing_cert.dump()))
    settings.SIGNING_TRUST_ROOTS = [str(other)]
    check = signing.signature_check(signed)
    assert check.intact and not check.trusted and not check.valid
    assert not signing.signing_is_demo()


def test_trust_roots_pem_is_the_root_written_by_signing_setup(signing_certificate):
    written = load_cert_from_pemder(str(signing_certificate / "root.pem"))
    served = pem.unarmor(signing.trust_roots_pem())[2]
    assert served == written.dump()


def test_signing_setup_keeps_existing_files_unless_forced(signing_certificate, tmp_path):
    out = io.StringIO()
    call_command("signing_setup", dir=str(signing_certificate), stdout=out)
    assert "kept" in out.getvalue()
    call_command("signing_setup", dir=str(tmp_path), passphrase="", key_size=2048, stdout=io.StringIO())
    first = (tmp_path / "root.pem").read_bytes()
    call_command("signing_setup", dir=str(tmp_path), passphrase="", key_size=2048, force=True, stdout=io.StringIO())
    assert (tmp_path / "root.pem").read_bytes() != first
    key, cert, chain = pkcs12.load_key_and_certificates((tmp_path / "city.p12").read_bytes(), None)
    assert (
        cert.issuer == chain[0].subject == x509.load_pem_x509_certificate((tmp_path / "root.pem").read_bytes()).subject
    )
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == signing.DEMO_ORGANISATION


def test_the_deploy_check_says_when_documents_would_go_out_unsigned_or_demo_signed(settings, tmp_path):
    assert [m.id for m in signing_certificate_check(None)] == ["common.I002"]
    settings.SIGNING_PKCS12_PATH = str(tmp_path / "missing.p12")
    assert [m.id for m in signing_certificate_check(None)] == ["common.I001"]


def test_signing_and_checking_work_inside_a_running_event_loop(archival):
    """pyHanko's synchronous API runs its own event loop; an async caller gets the work done in a thread."""

    async def inside():
        signed = signing.sign_pdf(archival, reason="r", location="l")
        return signing.signature_check(signed)

    # In a thread of its own, since the browser tests may leave a loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result().valid
