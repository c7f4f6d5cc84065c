"""A frozen roadmap version's PDF (there is no roadmap ratification record) is issued signed: pyHanko
validates it against the configured root, and the register keeps it for the verify page."""

import datetime
import io

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from common import signing
from common.hashing import sha256_hex
from common.models import IssuedDocument
from common.signing import signature_check
from planning.documents import roadmap_pdf
from planning.services.roadmap import roadmap_version_approve, roadmap_version_freeze
from tests.factories import RoadmapVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(city, alice, action, indicator, measurement):
    return roadmap_version_freeze(
        version=RoadmapVersionFactory(city=city, number=1, introduction_fr="Introduction illustrative."),
        user=alice,
        today=datetime.date(2024, 1, 10),
    )


@pytest.mark.parametrize("language", ["fr", "ar", "bi"])
def test_a_frozen_roadmap_pdf_is_signed_and_validated_by_pyhanko(frozen, language, signing_certificate):
    data = roadmap_pdf(version=frozen, language=language)
    root = load_cert_from_pemder(str(signing_certificate / "root.pem"))
    reader = PdfFileReader(io.BytesIO(data))
    # pyHanko starts an event loop: outside any loop already running here (the browser tests' Playwright).
    status = signing._outside_event_loop(
        validate_pdf_signature,
        reader.embedded_signatures[0],
        ValidationContext(trust_roots=[root], allow_fetching=False),
    )
    assert status.bottom_line and status.intact and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    issued = IssuedDocument.objects.get(language=language)
    assert issued.target == frozen and issued.signed and issued.sha256 == sha256_hex(data)


def test_an_approval_issues_a_new_signed_copy(frozen, alice):
    before = roadmap_pdf(version=frozen, language="fr")
    roadmap_version_approve(version=frozen, decided_on=datetime.date(2024, 9, 20), decision_fr="Approuvée.", user=alice)
    frozen.refresh_from_db()
    after = roadmap_pdf(version=frozen, language="fr")
    assert after != before and signature_check(after).valid and signature_check(before).valid
    assert IssuedDocument.objects.count() == 2


def test_a_draft_roadmap_pdf_is_not_signed(draft):
    assert not signature_check(roadmap_pdf(version=draft, language="fr")).signed
    assert not IssuedDocument.objects.exists()
