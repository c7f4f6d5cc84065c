import io

import pytest
from pypdf import PdfReader

from terms.documents import ratification_record_pdf, tor_version_pdf
from terms.models import DecisionChannel, RatificationStatus, VersionStatus
from tests.factories import (
    ContactFactory,
    RatificationRequestFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The PDF's text with runs of whitespace (line breaks in table cells) collapsed to one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def version(city):
    return TorVersionFactory(
        tor=TorFactory(city=city),
        status=VersionStatus.FINAL,
        sections=[
            {
                "heading_fr": "Objet",
                "heading_ar": "الموضوع",
                "text_fr": "Le groupe coordonne.",
                "text_ar": "تنسق المجموعة.",
            },
        ],
    )


@pytest.mark.parametrize("language", ["fr", "ar", "bi"])
def test_it_renders_the_version_with_number_status_and_hash(version, language):
    pdf = tor_version_pdf(version=version, language=language)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert version.sha256 in text.replace(" ", "")
    if language in ("fr", "bi"):
        assert "Objet" in text and "Finale (pour ratification)" in text


def test_it_renders_the_record_as_pdf_a_with_each_decision(version, city):
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant-Rouge tunisien")
    RoleAssignmentFactory(version=version, stakeholder=stakeholder)
    RatificationRequestFactory(
        version=version,
        stakeholder=stakeholder,
        contact=ContactFactory(stakeholder=stakeholder, name="Amal Ben Salah", email="amal@example.org"),
        status=RatificationStatus.DECLINED,
        decline_reason="Article 3 à revoir",
        decided_at="2023-11-20T09:15:02Z",
        channel=DecisionChannel.PAPER,
    )
    pdf = ratification_record_pdf(version=version, language="fr")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root
    text = _text(pdf)
    assert "Croissant-Rouge tunisien" in text
    assert "Amal Ben Salah" in text
    assert "Article 3 à revoir" in text
    assert "2023-11-20 09:15:02 UTC" in text
    assert "2023-11-20 10:15:02 (UTC+01:00)" in text
    assert "(heure de Tunis)" in text  # the local-time column names the zone
    assert "Sur papier" in text and "Refusée" in text


def _record_for(city, version, n):
    """n stakeholders with a role and a decided request (a mix of link, paper and decline)."""
    from django.utils import timezone

    from stakeholders.models import Contact, Stakeholder
    from terms.models import CoordinationRole, RatificationRequest, RoleAssignment

    member = CoordinationRole.objects.get(code="member")
    stakeholders = Stakeholder.objects.bulk_create(
        Stakeholder(
            city=city,
            name=f"Organisation {i:03d}",
            name_fr=f"Organisation {i:03d}",
            name_ar=f"منظمة {i}",
            category="civil_society",
            level="local",
        )
        for i in range(n)
    )
    contacts = Contact.objects.bulk_create(
        Contact(
            stakeholder=s,
            name=f"Personne {i}",
            email=f"p{i}@example.org",
            is_primary=True,
            language="ar" if i % 3 else "fr",
        )
        for i, s in enumerate(stakeholders)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(version=version, stakeholder=s, role=member) for s in stakeholders
    )
    now = timezone.now()
    RatificationRequest.objects.bulk_create(
        RatificationRequest(
            version=version,
            stakeholder=s,
            contact=c,
            contact_name=c.name,
            contact_email=c.email,
            language=c.language,
            status="declined" if i % 50 == 7 else "ratified",
            signed_name=c.name,
            decline_reason="Article 4 à préciser" if i % 50 == 7 else "",
            channel="paper" if i % 10 == 3 else "link",
            decided_at=now,
            sent_at=now,
        )
        for i, (s, c) in enumerate(zip(stakeholders, contacts, strict=True))
    )


def test_the_record_for_200_stakeholders_lists_every_one_in_each_language(city, version):
    """Timings belong to the benchmark (bench/), never to a test: this checks the content at that size."""
    _record_for(city, version, 200)
    for language in ("fr", "ar", "bi"):
        pdf = ratification_record_pdf(version=version, language=language)
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 4
        if language != "ar":
            text = _text(pdf)
            assert "Organisation 199" in text and "Organisation 0" in text
