"""Make a self-signed demo root and the city's signing certificate (and a time-stamping certificate for
tests), for the demo and the tests. A real deployment uses a certificate from a recognised authority
instead: set SIGNING_PKCS12_PATH, SIGNING_PKCS12_PASSPHRASE and SIGNING_TRUST_ROOTS.

Writes, in --dir (default: the folder of settings.SIGNING_PKCS12_PATH, var/signing/):
  root.pem   the demo root certificate (what a verifier trusts: pyhanko ... --trust root.pem)
  city.p12   the signing key and certificate, with the root, under the passphrase
  tsa.p12    a time-stamping key and certificate under the same root (for pyHanko's test time-stamper)
Existing files are kept unless --force.
"""

import datetime as dt
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.management.base import BaseCommand

from common.signing import DEMO_ORGANISATION

ROOT_FILE, CITY_FILE, TSA_FILE = "root.pem", "city.p12", "tsa.p12"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
        ]
    )


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def demo_certificates_create(directory: pathlib.Path, *, passphrase: str, name: str, key_size: int) -> None:
    """Root (10 years), city certificate and TSA certificate (3 years each), RSA keys of key_size bits."""
    now = dt.datetime.now(dt.UTC)
    root_key, city_key, tsa_key = (rsa.generate_private_key(public_exponent=65537, key_size=key_size) for _ in range(3))
    root_name = _name(f"{name} - demo root")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )

    def issue(key, common_name: str, *, time_stamping: bool):
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(root_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=3 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(sign=True, ca=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        )
        if time_stamping:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        return builder.sign(root_key, hashes.SHA256())

    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ROOT_FILE).write_bytes(root.public_bytes(serialization.Encoding.PEM))
    for filename, key, certificate in (
        (CITY_FILE, city_key, issue(city_key, name, time_stamping=False)),
        (TSA_FILE, tsa_key, issue(tsa_key, f"{name} - demo time-stamping", time_stamping=True)),
    ):
        path = directory / filename
        path.write_bytes(pkcs12.serialize_key_and_certificates(filename.encode(), key, certificate, [root], encryption))
        path.chmod(0o600)


class Command(BaseCommand):
    help = "Make a self-signed demo root and signing certificate under var/signing/ (for the demo and tests)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder to write to (default: the folder of SIGNING_PKCS12_PATH).")
        parser.add_argument(
            "--passphrase", help="Passphrase of the PKCS#12 files (default: SIGNING_PKCS12_PASSPHRASE; none if empty)."
        )
        parser.add_argument("--name", default="Stakeholder registry", help="Common name of the signing certificate.")
        parser.add_argument("--key-size", type=int, default=3072, choices=[2048, 3072, 4096])
        parser.add_argument("--force", action="store_true", help="Replace existing files.")

    def handle(self, *args, **options):
        directory = pathlib.Path(options["dir"] or pathlib.Path(settings.SIGNING_PKCS12_PATH).parent)
        passphrase = options["passphrase"]
        if passphrase is None:
            passphrase = settings.SIGNING_PKCS12_PASSPHRASE
        if (directory / CITY_FILE).exists() and not options["force"]:
            self.stdout.write(f"{directory / CITY_FILE} exists: kept (use --force to replace it).")
            return
        demo_certificates_create(directory, passphrase=passphrase, name=options["name"], key_size=options["key_size"])
        self.stdout.write(
            f"Demo signing certificate written to {directory / CITY_FILE}, root to {directory / ROOT_FILE}."
        )
        self.stdout.write(
            "It is self-signed: the verify page says so, and it proves nothing outside this installation."
        )
