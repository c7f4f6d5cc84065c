"""What this site can say of a file or a SHA-256: which document it issued, for which city, and the
decisions by organisation. Never a contact's personal data (no names, emails, typed names or reasons).

A file is known by the SHA-256 of its bytes: a ratification record (terms.RatificationRecord) or a frozen
version's PDF (common.IssuedDocument). A pasted SHA-256 may also be a frozen version's own SHA-256 (printed
on every document of that version, and carried by a record's QR code with the record's id).
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.utils import translation

from cities.models import City
from common.collation import translated_name_order
from common.hashing import sha256_hex
from common.models import IssuedDocument
from common.pdf import DocumentLanguage, pdf_embedded_files
from common.selectors import issued_document_by_sha256
from common.signing import SignatureCheck, signature_check
from planning.documents import roadmap_approval_of
from planning.models import RoadmapRatificationRequest, RoadmapStatus, RoadmapVersion
from ratification.models import DecisionChannel, RatificationStatus
from terms.models import RatificationRecord, TorVersion, VersionStatus
from terms.records import RECORD_JSON


class Kind:
    TOR_RECORD = "tor_record"
    TOR_VERSION = "tor_version"
    ROADMAP_VERSION = "roadmap_version"


class Outcome:
    ISSUED = "issued"  # this exact file was issued here
    VERSION = "version"  # the SHA-256 of a frozen version's content
    EXTENDED = "extended"  # a file issued here, with changes added after its signature
    ALTERED = "altered"  # it carries a signature, but the signed bytes were changed
    UNREGISTERED = "unregistered"  # signed with this site's certificate, but this site keeps no such file
    UNKNOWN = "unknown"  # not issued here


@dataclass(frozen=True)
class Decision:
    organisation: str
    acronym: str
    roles: str
    decision: str  # a RatificationStatus value, or "no_request"
    decision_label: str
    channel_label: str
    decided_at: dt.datetime | None  # shown in the city's zone and in UTC, in the reader's format


@dataclass(frozen=True)
class RecordLink:
    language_label: str
    generated_at: dt.datetime
    sha256: str


@dataclass
class Document:
    kind: str
    city: City
    city_name: str
    city_programme: str
    title: str
    version_number: int
    version_status: str
    version_status_label: str
    version_sha256: str
    adopted_at: dt.datetime | None = None
    approved_on: dt.date | None = None
    # The file, when the answer is about a file
    sha256: str = ""
    size: int = 0
    language_label: str = ""
    issued_at: dt.datetime | None = None
    record_id: int | None = None
    signature: SignatureCheck | None = None
    decisions: list[Decision] = field(default_factory=list)
    decisions_from_record: bool = False
    records: list[RecordLink] = field(default_factory=list)


@dataclass
class Answer:
    outcome: str
    documents: list[Document] = field(default_factory=list)
    sha256: str = ""  # what was looked up (the file's or the pasted SHA-256)
    signature: SignatureCheck | None = None  # of an uploaded file that this site did not issue as it is

    @property
    def found(self) -> bool:
        return bool(self.documents)


def _language_label(code: str) -> str:
    return str(dict(DocumentLanguage.choices).get(code, code))


def _active() -> str:
    return "ar" if translation.get_language() == "ar" else "fr"


def _moment(value: str | None) -> dt.datetime | None:
    """A moment as a record's JSON states it in UTC ("2023-11-20T09:15:02Z")."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _status_labels() -> dict:
    return {k: str(v) for k, v in RatificationStatus.choices}


def _channel_labels() -> dict:
    return {k: str(v) for k, v in DecisionChannel.choices}


def _record_decisions(data: dict) -> list[Decision]:
    """The decisions as the record states them (its embedded JSON), in the page's language."""
    lang = _active()
    statuses, channels = _status_labels(), _channel_labels()
    decisions = []
    for d in data.get("decisions", []):
        organisation = d["stakeholder"].get(f"name_{lang}") or d["stakeholder"]["name_fr"]
        roles = " · ".join(r.get(f"role_{lang}") or r["role_fr"] for r in d.get("roles", []))
        decisions.append(
            Decision(
                organisation=organisation,
                acronym=d["stakeholder"].get("acronym", ""),
                roles=roles,
                decision=d["decision"],
                decision_label=statuses.get(d["decision"], "—"),
                channel_label=channels.get(d["channel"], ""),
                decided_at=_moment(d.get("decided_at_utc")),
            )
        )
    return decisions


def record_data(record: RatificationRecord) -> dict:
    """The record's embedded JSON (its decisions as it states them), or {} if it carries none."""
    try:
        return json.loads(pdf_embedded_files(bytes(record.pdf)).get(RECORD_JSON, b"{}"))
    except ValueError:
        return {}


def _tor_version_document(version: TorVersion) -> Document:
    city = version.tor.city
    return Document(
        kind=Kind.TOR_VERSION,
        city=city,
        city_name=city.name,
        city_programme=city.programme,
        title=version.tor.title,
        version_number=version.number,
        version_status=version.status,
        version_status_label=version.get_status_display(),
        version_sha256=version.sha256,
        adopted_at=version.adopted_at,
    )


def _tor_records(version: TorVersion) -> list[RecordLink]:
    return [
        RecordLink(language_label=_language_label(r.language), generated_at=r.generated_at, sha256=r.sha256)
        for r in version.ratification_records.defer("pdf").order_by("-generated_at", "-pk")
        if r.sha256
    ]


def _record_document(record: RatificationRecord, *, check: bool = True) -> Document:
    document = _tor_version_document(record.version)
    document.kind = Kind.TOR_RECORD
    document.sha256 = record.sha256
    document.size = record.size
    document.language_label = _language_label(record.language)
    document.issued_at = record.generated_at
    document.record_id = record.pk
    document.decisions = _record_decisions(record_data(record))
    document.decisions_from_record = True
    if check:
        document.signature = signature_check(bytes(record.pdf))
    return document


def _roadmap_decisions(version: RoadmapVersion) -> list[Decision]:
    """The roadmap's ratification decisions as recorded on this site (there is no roadmap record)."""
    statuses, channels = _status_labels(), _channel_labels()
    decisions = []
    requests = RoadmapRatificationRequest.objects.filter(version=version).select_related("stakeholder")
    for rr in requests.order_by(translated_name_order(prefix="stakeholder__"), "pk"):
        decisions.append(
            Decision(
                organisation=rr.stakeholder.name,
                acronym=rr.stakeholder.acronym or "",
                roles="",
                decision=rr.status,
                decision_label=statuses.get(rr.status, rr.status),
                channel_label=channels.get(rr.channel, ""),
                decided_at=rr.decided_at,
            )
        )
    return decisions


def _roadmap_version_document(version: RoadmapVersion) -> Document:
    city = version.city
    approval = roadmap_approval_of(version)
    return Document(
        kind=Kind.ROADMAP_VERSION,
        city=city,
        city_name=city.name,
        city_programme=city.programme,
        title="",
        version_number=version.number,
        version_status=version.status,
        version_status_label=version.get_status_display(),
        version_sha256=version.sha256,
        approved_on=approval.decided_on if approval else None,
        decisions=_roadmap_decisions(version),
    )


def _issued_document(issued: IssuedDocument) -> Document | None:
    target = issued.target
    if isinstance(target, TorVersion):
        document = _tor_version_document(TorVersion.objects.select_related("tor__city").get(pk=target.pk))
        document.records = _tor_records(target)
    elif isinstance(target, RoadmapVersion):
        document = _roadmap_version_document(
            RoadmapVersion.objects.select_related("city", "approval").get(pk=target.pk)
        )
    else:
        return None
    document.sha256 = issued.sha256
    document.size = issued.size
    document.language_label = _language_label(issued.language)
    document.issued_at = issued.issued_at
    document.signature = signature_check(bytes(issued.pdf))
    return document


def document_by_file_sha256(sha256: str) -> Document | None:
    """The document whose file (as issued, signed) has this SHA-256, with its signature checked."""
    record = RatificationRecord.objects.select_related("version__tor__city").filter(sha256=sha256).first()
    if record is not None:
        return _record_document(record)
    issued = issued_document_by_sha256(sha256)
    if issued is not None:
        return _issued_document(issued)
    return None


def documents_by_version_sha256(sha256: str, *, record_id: int | None = None) -> list[Document]:
    """Frozen versions whose content has this SHA-256; with `record_id`, that record of the version (the
    QR code of a record carries both, so an id alone reveals nothing)."""
    documents = []
    versions = TorVersion.objects.select_related("tor__city").filter(sha256=sha256).exclude(status=VersionStatus.DRAFT)
    for version in versions:
        record = None
        if record_id is not None:
            record = version.ratification_records.filter(pk=record_id).exclude(sha256="").first()
        if record is not None:
            record.version = version
            documents.append(_record_document(record))
        else:
            document = _tor_version_document(version)
            document.records = _tor_records(version)
            documents.append(document)
    roadmaps = (
        RoadmapVersion.objects.select_related("city", "approval")
        .filter(sha256=sha256)
        .exclude(status=RoadmapStatus.DRAFT)
    )
    documents += [_roadmap_version_document(version) for version in roadmaps]
    return documents


def answer_for_sha256(sha256: str, *, record_id: int | None = None) -> Answer:
    """A pasted SHA-256 (or the QR code's): a file this site issued, else a frozen version's content."""
    document = document_by_file_sha256(sha256)
    if document is not None:
        return Answer(outcome=Outcome.ISSUED, documents=[document], sha256=sha256)
    documents = documents_by_version_sha256(sha256, record_id=record_id)
    if documents:
        issued_record = any(d.kind == Kind.TOR_RECORD for d in documents)
        return Answer(outcome=Outcome.ISSUED if issued_record else Outcome.VERSION, documents=documents, sha256=sha256)
    return Answer(outcome=Outcome.UNKNOWN, sha256=sha256)


def answer_for_file(data: bytes) -> Answer:
    """An uploaded file: issued here as it is, or changed since, or signed elsewhere, or unknown."""
    sha256 = sha256_hex(data)
    document = document_by_file_sha256(sha256)
    if document is not None:
        return Answer(outcome=Outcome.ISSUED, documents=[document], sha256=sha256)
    check = signature_check(data)
    if not check.signed:
        return Answer(outcome=Outcome.UNKNOWN, sha256=sha256, signature=check)
    if not check.intact:
        return Answer(outcome=Outcome.ALTERED, sha256=sha256, signature=check)
    if not check.whole_file:
        # Something was appended after the signature: the signed part may be a file issued here.
        inner = document_by_file_sha256(sha256_hex(check.signed_revision))
        if inner is not None:
            return Answer(outcome=Outcome.EXTENDED, documents=[inner], sha256=sha256, signature=check)
        return Answer(outcome=Outcome.ALTERED, sha256=sha256, signature=check)
    if check.trusted:
        return Answer(outcome=Outcome.UNREGISTERED, sha256=sha256, signature=check)
    return Answer(outcome=Outcome.UNKNOWN, sha256=sha256, signature=check)
