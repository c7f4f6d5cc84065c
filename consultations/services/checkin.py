"""Check-in at the door with the personal pass sent with each invitation.

A pass has two secrets, stored only as their SHA-256: a random token carried by the QR code, and a
short code of 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L) that staff can type.
They are issued when the invitation email is sent (each send issues new ones, the previous pass stops
working) and check the stakeholder in once: a second scan says when it was done.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox.parts import SendParts

from ..documents import checkin_pass_pdf, checkin_qr_png
from ..models import Consultation, Invitation
from .consultations import consultation_check_editable

# What the QR code says: a prefix that tells our scanner a check-in pass from any other QR code.
QR_PREFIX = "CHECKIN:"
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 8
MAX_INPUT_LENGTH = 200
# In the stored invitation email, stands for the short code made when the email is sent.
CHECKIN_CODE_PLACEHOLDER = "__CHECKIN_SHORT_CODE__"
CHECKIN_QR_CONTENT_ID = "checkin-qr"


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class CheckinPass:
    token: str
    code: str

    @property
    def qr_payload(self) -> str:
        return f"{QR_PREFIX}{self.token}"

    @property
    def code_display(self) -> str:
        """ABCD-EFGH: two groups of four read more easily aloud."""
        return f"{self.code[:4]}-{self.code[4:]}"


def short_code_normalise(value: str) -> str | None:
    """A typed short code in capitals without spaces or dashes, or None when it cannot be one."""
    code = "".join(value.split()).replace("-", "").upper()
    if len(code) != SHORT_CODE_LENGTH or any(c not in SHORT_CODE_ALPHABET for c in code):
        return None
    return code


@transaction.atomic
def checkin_pass_issue(*, invitation: Invitation) -> CheckinPass:
    """A new pass for the invitation; the previous one stops working."""
    while True:
        token = secrets.token_urlsafe(24)
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _i in range(SHORT_CODE_LENGTH))
        token_hash, code_hash = _sha256(token), _sha256(code)
        clash = Invitation.objects.filter(checkin_code_hash=code_hash) | Invitation.objects.filter(
            checkin_token_hash=token_hash
        )
        if not clash.exists():
            break
    Invitation.objects.filter(pk=invitation.pk).update(checkin_token_hash=token_hash, checkin_code_hash=code_hash)
    invitation.checkin_token_hash, invitation.checkin_code_hash = token_hash, code_hash
    return CheckinPass(token=token, code=code)


def checkin_send_parts(*, email, source) -> SendParts:
    """At each send of an invitation email (outbox.parts): a new pass, its short code in the text,
    its QR code shown inline, and the one-page pass attached as a PDF in the email's language."""
    invitation = Invitation.objects.select_related("consultation__city", "stakeholder", "contact").get(pk=source.pk)
    issued = checkin_pass_issue(invitation=invitation)
    number = invitation.consultation.number
    return SendParts(
        replacements={CHECKIN_CODE_PLACEHOLDER: issued.code_display},
        attachments=[
            (
                f"check-in-pass-consultation-{number}-{email.language}.pdf",
                checkin_pass_pdf(
                    invitation, qr_payload=issued.qr_payload, code=issued.code_display, language=email.language
                ),
                "application/pdf",
            )
        ],
        inline_images=[(CHECKIN_QR_CONTENT_ID, "check-in-qr.png", checkin_qr_png(issued.qr_payload))],
    )


class CheckinOutcome:
    CHECKED_IN = "checked_in"
    ALREADY = "already"


@dataclass
class CheckinResult:
    outcome: str
    invitation: Invitation


def _invitation_for_code(value: str) -> Invitation | None:
    value = value.strip()
    if value.startswith(QR_PREFIX):
        token = value[len(QR_PREFIX) :]
        lookup = {"checkin_token_hash": _sha256(token)} if token else None
    else:
        code = short_code_normalise(value)
        lookup = {"checkin_code_hash": _sha256(code)} if code else None
    if lookup is None:
        return None
    return Invitation.objects.filter(**lookup).select_related("consultation").first()


@transaction.atomic
def checkin_by_code(*, consultation: Consultation, code: str) -> CheckinResult:
    """Check in the stakeholder whose pass this is (a scanned QR code or a typed short code), at this
    consultation only. Checking in twice changes nothing and says so."""
    value = (code or "")[:MAX_INPUT_LENGTH]
    found = _invitation_for_code(value) if value.strip() else None
    if found is None:
        raise ValidationError(_("This is not a valid check-in code. Check it, or find the stakeholder in the list."))
    if found.consultation.city_id != consultation.city_id:
        raise ValidationError(_("This pass is for a consultation of another city: it cannot be used here."))
    if found.consultation_id != consultation.pk:
        raise ValidationError(
            _("This pass is for consultation %(number)s, not for this one.") % {"number": found.consultation.number}
        )
    invitation = Invitation.objects.select_for_update().select_related("stakeholder").get(pk=found.pk)
    consultation_check_editable(consultation)
    if invitation.attended:
        return CheckinResult(outcome=CheckinOutcome.ALREADY, invitation=invitation)
    invitation.attended = True
    invitation.attendance_recorded_at = timezone.now()
    invitation.save(update_fields=["attended", "attendance_recorded_at"])
    return CheckinResult(outcome=CheckinOutcome.CHECKED_IN, invitation=invitation)
