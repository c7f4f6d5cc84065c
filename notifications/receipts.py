"""What stakeholders receive from this app: a receipt of what was recorded for them (a ratification
decision, online or on paper; an answer to an invitation), and, when a version is adopted, a notice with
the adopted text attached. Each in the contact's language, through the outbox."""

from consultations.models import Answer, Invitation
from outbox.models import OutgoingEmail
from outbox.services import email_queue
from ratification.kinds import RatificationKind
from ratification.models import RatificationStatus

from .texts import DOCUMENTS

RECEIPT_DECISION = "receipt_decision"
RECEIPT_ANSWER = "receipt_answer"
ADOPTION_NOTICE = "adoption_notice"


def decision_receipt_queue(kind: RatificationKind, rr) -> bool:
    """Confirm to the contact what was recorded: document, version, its SHA-256, the decision and when
    (city time). Sent for a decision through the link and for one recorded from paper alike."""
    if not rr.contact_email:
        return False
    city = kind.city_of(rr)
    email_queue(
        to=rr.contact_email,
        language=rr.language,
        template="receipt-decision",
        context={
            "city": city,
            "document": DOCUMENTS.get(kind.name, kind.name),
            "version": rr.version,
            "stakeholder": rr.stakeholder,
            "contact_name": rr.contact_name,
            "decision": rr.status,
            "decision_label": RatificationStatus(rr.status).label,
            "decided_at": rr.decided_at,
            "on_paper": rr.channel == "paper",
            "signed_name": rr.signed_name,
            "reason": rr.decline_reason,
        },
        purpose=RECEIPT_DECISION,
        city=city,
        source=rr,
    )
    return True


def answer_receipt_queue(invitation: Invitation) -> bool:
    """Confirm to the invitee the answer recorded for the consultation, and when (city time)."""
    contact = invitation.contact
    if contact is None or contact.erased_at is not None or not contact.email:
        return False
    consultation = invitation.consultation
    city = consultation.city
    email_queue(
        to=contact.email,
        language=invitation.language,
        template="receipt-answer",
        context={
            "city": city,
            "consultation": consultation,
            "stakeholder": invitation.stakeholder,
            "contact_name": contact.name,
            "answer": invitation.answer,
            "answer_label": Answer(invitation.answer).label,
            "delegate_name": invitation.delegate_name,
            "answered_at": invitation.answered_at,
        },
        purpose=RECEIPT_ANSWER,
        city=city,
        source=invitation,
    )
    return True


def adoption_notices_queue(kind: RatificationKind, *, version) -> int:
    """Tell every stakeholder who decided on the version that it is adopted, with the adopted text's PDF in
    the contact's language. Run in the background (the PDF is rendered once per language); a contact
    already told is not told again. Returns how many notices were queued."""
    requests = list(
        kind.request_model.objects.filter(
            version=version, status__in=[RatificationStatus.RATIFIED, RatificationStatus.DECLINED]
        )
        .exclude(contact_email="")
        .select_related("stakeholder", kind.city_path)
        .order_by("pk")
    )
    if not requests:
        return 0
    told = set(
        OutgoingEmail.objects.filter(
            purpose=ADOPTION_NOTICE, source_id__in=[rr.pk for rr in requests], batch=_batch(kind, version)
        ).values_list("source_id", flat=True)
    )
    pdfs: dict[str, bytes] = {}
    count = 0
    for rr in requests:
        if rr.pk in told:
            continue
        language = rr.language if rr.language in ("fr", "ar") else "fr"
        if language not in pdfs:
            pdfs[language] = kind.document_pdf(version=version, language=language)
        city = kind.city_of(rr)
        email_queue(
            to=rr.contact_email,
            language=language,
            template="adoption-notice",
            context={
                "city": city,
                "document": DOCUMENTS.get(kind.name, kind.name),
                "version": version,
                "stakeholder": rr.stakeholder,
                "contact_name": rr.contact_name,
                "decision": rr.status,
            },
            purpose=ADOPTION_NOTICE,
            city=city,
            source=rr,
            batch=_batch(kind, version),
            attachments=[(f"{kind.name}-v{version.number}-{language}.pdf", pdfs[language], "application/pdf")],
        )
        count += 1
    return count


def _batch(kind: RatificationKind, version) -> str:
    return f"{ADOPTION_NOTICE}:{kind.name}:{version.pk}"
