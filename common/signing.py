"""PAdES signatures (pyHanko) on the PDFs this site issues, and their validation.

The city's signing certificate and key come from a PKCS#12 file: settings.SIGNING_PKCS12_PATH and
SIGNING_PKCS12_PASSPHRASE (`manage.py signing_setup` makes a self-signed demo root and a certificate
under var/signing/). Signatures are trusted against settings.SIGNING_TRUST_ROOTS (PEM files), or, when
none is set, the self-signed certificates of the PKCS#12 file's chain. settings.SIGNING_TSA_URL adds an
RFC 3161 time-stamp from that authority to every signature (PAdES B-T).

A signature is an incremental update: the rendered bytes (PDF/A-3b for records) stay untouched at the
head of the signed file, so the archival conformance holds, and what is stored and hashed is the
signed file.
"""

import asyncio
import datetime as dt
import functools
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings

# The demo root made by `manage.py signing_setup` carries this organisation name; the verify page says
# that such a signature proves nothing to anyone outside this installation.
DEMO_ORGANISATION = "DEMO - self-signed, not trusted"
SIGNATURE_FIELD = "Signature"


class SigningUnavailable(Exception):
    """No usable signing certificate is configured."""


@dataclass(frozen=True)
class _Identity:
    signer: object  # pyhanko SimpleSigner
    trust_roots: tuple  # asn1crypto x509.Certificate
    fingerprint: str  # SHA-256 of the signing certificate (DER), hex

    @property
    def is_demo(self) -> bool:
        return any(_is_demo_name(root.subject) for root in self.trust_roots)


def _is_demo_name(name) -> bool:
    """`name`: an asn1crypto x509.Name."""
    return name.native.get("organization_name") == DEMO_ORGANISATION


@functools.lru_cache(maxsize=4)
def _identity_load(path: str, mtime: float, passphrase: str, roots: tuple[str, ...]) -> _Identity:
    """The signer, its trust roots and fingerprint; kept per process (and per file version: `mtime`).

    The key is parsed once here: pyHanko's SimpleSigner would parse it again for every signature,
    which costs 0.1-0.3 s for an RSA key (cryptography checks the key on each load).
    """
    from asn1crypto import keys as asn1_keys  # noqa: PLC0415 -- with pyHanko, loaded on the first signature
    from asn1crypto import x509 as asn1_x509  # noqa: PLC0415 -- with pyHanko, loaded on the first signature
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415 -- loaded on the first signature
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415 -- loaded on the first signature
    from pyhanko.keys import load_certs_from_pemder  # noqa: PLC0415 -- pyHanko is heavy (0.7 s), loaded on first use
    from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: PLC0415 -- as above

    with open(path, "rb") as handle:
        data = handle.read()
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except ValueError as exc:
        raise SigningUnavailable(f"cannot read {path}: wrong passphrase or not a PKCS#12 file") from exc
    if key is None or certificate is None:
        raise SigningUnavailable(f"{path} holds no key and certificate")

    def to_asn1(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    signing_cert = to_asn1(certificate)
    chain_certs = [to_asn1(c) for c in chain]
    if roots:
        trust_roots = tuple(load_certs_from_pemder(list(roots)))
    else:
        trust_roots = tuple(c for c in chain_certs if c.self_signed in ("yes", "maybe"))
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    store = SimpleCertificateStore()
    store.register_multiple(chain_certs)
    signer = _parsed_key_signer_class()(
        signing_cert=signing_cert, signing_key=key_info, cert_registry=store, private_key=key
    )
    return _Identity(signer=signer, trust_roots=trust_roots, fingerprint=signing_cert.sha256.hex())


@functools.cache
def _parsed_key_signer_class():
    from cryptography.hazmat.primitives.asymmetric import ec, rsa  # noqa: PLC0415 -- loaded on the first signature
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15  # noqa: PLC0415 -- as above
    from pyhanko.sign.signers import SimpleSigner  # noqa: PLC0415 -- pyHanko is heavy (0.7 s), loaded on first use
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash  # noqa: PLC0415 -- as above

    class ParsedKeySigner(SimpleSigner):
        """SimpleSigner that keeps the parsed private key (RSA PKCS#1 v1.5 and ECDSA; others as pyHanko does)."""

        def __init__(self, *, private_key, **kwargs):
            super().__init__(**kwargs)
            self._private_key = private_key

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            key = self._private_key
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, PKCS1v15(), hash_algorithm)
            if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(hash_algorithm))
            return super().sign_raw(data, digest_algorithm)

    return ParsedKeySigner


def _identity() -> _Identity | None:
    path = str(getattr(settings, "SIGNING_PKCS12_PATH", "") or "")
    if not path:
        return None
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None
    roots = tuple(str(p) for p in getattr(settings, "SIGNING_TRUST_ROOTS", ()) or ())
    return _identity_load(path, mtime, str(getattr(settings, "SIGNING_PKCS12_PASSPHRASE", "") or ""), roots)


def signing_available() -> bool:
    """A signing certificate and key are configured and readable."""
    try:
        return _identity() is not None
    except SigningUnavailable:
        return False


def signer_fingerprint() -> str:
    """The SHA-256 of the signing certificate, or "" when documents go out unsigned.

    Part of what an issued document is kept under: a new certificate issues new signed copies.
    """
    try:
        identity = _identity()
    except SigningUnavailable:
        return ""
    return identity.fingerprint if identity else ""


def signing_is_demo() -> bool:
    """The configured trust root is the self-signed demo root of `manage.py signing_setup`."""
    try:
        identity = _identity()
    except SigningUnavailable:
        return False
    return bool(identity and identity.is_demo)


def trust_roots_pem() -> bytes:
    """The trust roots as PEM (what a verifier passes to `pyhanko sign validate --trust`), or b""."""
    from asn1crypto import pem  # noqa: PLC0415 -- with pyHanko, loaded on first use

    try:
        identity = _identity()
    except SigningUnavailable:
        return b""
    if identity is None:
        return b""
    return b"".join(pem.armor("CERTIFICATE", root.dump()) for root in identity.trust_roots)


@functools.lru_cache(maxsize=2)
def _http_timestamper(url: str):
    from pyhanko.sign.timestamps import HTTPTimeStamper  # noqa: PLC0415 -- pyHanko is heavy, loaded on first use

    # One per process: it keeps the size of a token once fetched, so a signature makes one request.
    return HTTPTimeStamper(url, timeout=10)


def timestamper():
    """The RFC 3161 time-stamp authority of settings.SIGNING_TSA_URL, or None."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    return _http_timestamper(url) if url else None


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to start inside a running event loop
    (an async caller; Playwright's synchronous API in the browser tests): there, run it in a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign_pdf(data: bytes, *, reason: str, location: str) -> bytes:
    """The PDF with a PAdES signature of the city's certificate (and a time-stamp when a TSA is set),
    added as an incremental update: `data` is left byte for byte at the head of the result."""
    return _outside_event_loop(_sign_pdf, data, reason=reason, location=location)


def _sign_pdf(data: bytes, *, reason: str, location: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 -- heavy, first use
    from pyhanko.sign import fields, signers  # noqa: PLC0415 -- pyHanko is heavy (0.7 s), loaded on first use

    identity = _identity()
    if identity is None:
        raise SigningUnavailable("no signing certificate is configured (settings.SIGNING_PKCS12_PATH)")
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    _producer_align(writer)
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    output = signers.PdfSigner(metadata, identity.signer, timestamper=timestamper()).sign_pdf(writer)
    return output.getvalue()


def _producer_align(writer) -> None:
    """Keep PDF/A's rule that the Info dictionary and the XMP metadata agree.

    pyHanko writes its own name as the XMP producer but appends it to the Info producer
    ("WeasyPrint 70.0; pyHanko ..."), which PDF/A forbids; with its name alone in both, they agree.
    """
    from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- pyHanko is heavy, loaded on first use
    from pyhanko.pdf_utils.metadata.model import VENDOR  # noqa: PLC0415 -- as above

    previous = writer.prev.trailer_view.get("/Info")
    previous = previous.get_object() if previous is not None else None
    info = generic.DictionaryObject(dict(previous.items()) if previous is not None else {})
    info[generic.NameObject("/Producer")] = generic.TextStringObject(VENDOR)
    writer.set_info(info)


@dataclass(frozen=True)
class SignatureCheck:
    """What pyHanko says of a PDF's first signature, against this site's trust roots."""

    signed: bool = False  # the file carries a signature
    intact: bool = False  # the bytes it covers are unchanged and the signature is cryptographically sound
    trusted: bool = False  # the signer's certificate chains to a configured trust root
    whole_file: bool = False  # it covers the entire file: nothing was added after signing
    timestamped: bool = False  # a valid, trusted RFC 3161 time-stamp token is attached
    demo: bool = False  # trusted through the self-signed demo root
    ours: bool = False  # made with this site's signing certificate (whether or not still intact)
    signer: str = ""  # the signing certificate's subject, as pyHanko writes it (English labels)
    # The subject's organisation and name alone, for pages that label them in their own language.
    signer_organization: str = ""
    signer_name: str = ""
    signed_at: dt.datetime | None = None  # the time-stamp's time, else the time the signer states
    signed_revision: bytes = field(default=b"", repr=False)  # the bytes the signature covers
    readable: bool = True  # False: not a PDF pyHanko can read

    @property
    def valid(self) -> bool:
        """Signed here, unchanged since, nothing added: the answer a verifier wants."""
        return self.signed and self.intact and self.trusted and self.whole_file


def signature_check(data: bytes) -> SignatureCheck:
    """Validate the first signature of a PDF against the configured trust roots (no network)."""
    return _outside_event_loop(_signature_check, data)


# An upload is untrusted input: a PDF may be malformed in any way the parser reports with any exception.
# Whatever it raises means one thing to the verifier: not a PDF whose signature can be checked.
def _one(value) -> str:
    """A subject attribute as text: several values (a multi-valued attribute) joined."""
    if not value:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def _signature_check(data: bytes) -> SignatureCheck:
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 -- pyHanko is heavy, loaded on first use
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature  # noqa: PLC0415 -- as above
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 -- as above

    try:
        identity = _identity()
    except SigningUnavailable:
        identity = None
    roots = list(identity.trust_roots) if identity else []
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 -- untrusted upload: any parser failure means "not readable"
        return SignatureCheck(readable=False)
    if not signatures:
        return SignatureCheck()
    embedded = signatures[0]
    try:
        signer_cert = embedded.signer_cert
        ours = bool(identity) and signer_cert.sha256.hex() == identity.fingerprint
        signer = signer_cert.subject.human_friendly
        subject = signer_cert.subject.native
        names = {
            "signer_organization": subject.get("organization_name", ""),
            "signer_name": subject.get("common_name", ""),
        }
    except Exception:  # noqa: BLE001 -- untrusted upload: no readable certificate is not ours
        ours, signer, names = False, "", {}
    try:
        start, length = embedded.byte_range[2], embedded.byte_range[3]
        signed_revision = data[: start + length]
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception:  # noqa: BLE001 -- untrusted upload: a broken signature is not an intact one
        return SignatureCheck(signed=True, ours=ours, signer=signer, **names)
    timestamp = status.timestamp_validity
    timestamped = bool(timestamp and timestamp.intact and timestamp.valid and timestamp.trusted)
    trusted = bool(status.trusted)
    path = status.validation_path
    demo = trusted and path is not None and _is_demo_name(path.trust_anchor.authority.name)
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=trusted,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        timestamped=timestamped,
        demo=demo,
        ours=ours,
        signer=signer,
        **names,
        signed_at=timestamp.timestamp if timestamped else status.signer_reported_dt,
        signed_revision=signed_revision,
    )
