"""Invitations to a consultation: sent by email with the agenda and a personal link, sent again
with a new link, and answered through that link."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import as_utc
from links.models import EmailLink, EventKind
from links.services import link_event_record, link_revoke_for_target
from outbox.services import email_queue
from stakeholders.models import Contact, SendChannel, Stakeholder

from ..calendar import consultation_ics
from ..documents import agenda_pdf
from ..models import Answer, Consultation, ConsultationStatus, Invitation
from ..signals import invitation_answered
from .checkin import CHECKIN_CODE_PLACEHOLDER, CHECKIN_QR_CONTENT_ID

INVITATION_PURPOSE = "invitation"


def invitation_batch(consultation: Consultation) -> str:
    """The outbox batch of a consultation's invitation emails (its sending progress)."""
    return f"invitation:consultation:{consultation.pk}"


def _invitation_link_expiry(consultation: Consultation) -> dt.datetime:
    """Answers are taken until the consultation is held; the link lives until its end (at least a day).
    The end goes through as_utc: a date stored before the plausible-date rule may have no UTC equivalent."""
    return max(as_utc(consultation.ends_at), timezone.now() + dt.timedelta(days=1))


@dataclass
class InvitationSendResult:
    sent: list[Invitation]
    already_invited: list[Stakeholder]
    without_email: list[Stakeholder]


def _invitation_email_queue(*, invitation: Invitation, contact, attachments_cache: dict):
    """Queue the invitation email; the outbox issues the personal link when it actually sends it
    (each send or retry gets a new token and revokes the previous one) and records SENT/RESENT."""
    consultation = invitation.consultation
    language = contact.language if contact.language in ("fr", "ar") else "fr"
    if language not in attachments_cache:
        attachments_cache[language] = [
            (
                f"agenda-consultation-{consultation.number}-{language}.pdf",
                agenda_pdf(consultation, language=language),
                "application/pdf",
            ),
            (
                f"consultation-{consultation.number}.ics",
                consultation_ics(consultation, language=language),
                "text/calendar",
            ),
        ]
    email = email_queue(
        to=contact.email,
        language=language,
        template="consultation_invitation",
        context={
            "consultation": consultation,
            "city": consultation.city,
            "stakeholder": invitation.stakeholder,
            "contact": contact,
            "checkin_code": CHECKIN_CODE_PLACEHOLDER,
            "checkin_qr_src": f"cid:{CHECKIN_QR_CONTENT_ID}",
        },
        purpose=INVITATION_PURPOSE,
        city=consultation.city,
        source=invitation,
        batch=invitation_batch(consultation),
        attachments=attachments_cache[language],
        link_purpose=INVITATION_PURPOSE,
        link_expires_at=_invitation_link_expiry(consultation),
    )
    invitation.contact = contact
    invitation.language = language
    invitation.email = email
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["contact", "language", "email", "sent_at"])
    return email


@transaction.atomic
def invitation_send(
    *, consultation: Consultation, stakeholders: Sequence[Stakeholder] | None = None
) -> InvitationSendResult:
    """Invite the group (all active stakeholders, or the chosen ones) to a consultation: one email
    per primary contact, in the contact's language, with the agenda PDF, an .ics file and a personal
    link to answer. Stakeholders already invited are left alone (resend one to issue a new link).
    The emails go out after commit, in the background."""
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    if not consultation.is_open_for_answers:
        raise ValidationError(_("This consultation has been held: invitations can no longer be sent."))
    base = Stakeholder.objects.filter(city=consultation.city, is_active=True)
    if stakeholders is None:
        chosen = list(base)
    else:
        ids = {s.pk for s in stakeholders}
        chosen = list(base.filter(pk__in=ids))
        if len(chosen) != len(ids):
            raise ValidationError(_("Choose active stakeholders of this city's group."))
    contacts = {c.stakeholder_id: c for c in Contact.objects.reachable_primary().filter(stakeholder__in=chosen)}
    invited = set(
        Invitation.objects.filter(consultation=consultation, sent_at__isnull=False).values_list(
            "stakeholder_id", flat=True
        )
    )
    existing = {i.stakeholder_id: i for i in Invitation.objects.filter(consultation=consultation)}
    result = InvitationSendResult(sent=[], already_invited=[], without_email=[])
    attachments: dict = {}
    for stakeholder in chosen:
        if stakeholder.pk in invited:
            result.already_invited.append(stakeholder)
            continue
        contact = contacts.get(stakeholder.pk)
        if contact is None:
            result.without_email.append(stakeholder)
            continue
        invitation = existing.get(stakeholder.pk)
        if invitation is None:
            invitation = Invitation(consultation=consultation, stakeholder=stakeholder)
            invitation.full_clean()
            invitation.save()
        invitation.consultation = consultation
        invitation.stakeholder = stakeholder
        _invitation_email_queue(invitation=invitation, contact=contact, attachments_cache=attachments)
        result.sent.append(invitation)
    if result.sent and consultation.status == ConsultationStatus.PLANNED:
        consultation.status = ConsultationStatus.INVITATIONS_SENT
        consultation.save(update_fields=["status", "updated_at"])
    return result


@transaction.atomic
def invitation_resend(*, invitation: Invitation, user) -> Invitation:
    """Send the invitation again to the stakeholder's current primary contact with a new link;
    the previous link stops working."""
    invitation = (
        Invitation.objects.select_for_update().select_related("consultation__city", "stakeholder").get(pk=invitation.pk)
    )
    if not invitation.consultation.is_open_for_answers:
        raise ValidationError(_("This consultation has been held: invitations can no longer be sent."))
    contact = Contact.objects.reachable_primary().filter(stakeholder_id=invitation.stakeholder_id).first()
    if contact is None:
        raise ValidationError(_("This stakeholder has no primary contact with an email address."))
    # The previous link stops working now; the new one is issued when the new email is sent.
    link_revoke_for_target(
        target=invitation, purpose=INVITATION_PURPOSE, reason="resent", actor=f"user:{user.pk}", user=user
    )
    _invitation_email_queue(invitation=invitation, contact=contact, attachments_cache={})
    return invitation


class AnswerOutcome:
    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@transaction.atomic
def invitation_answer(*, invitation: Invitation, link, answer: str, delegate_name: str = "", request=None) -> str:
    """Record the invitee's answer given through the emailed link. The answer may be changed
    until the consultation is held; the same answer posted again changes nothing."""
    invitation = Invitation.objects.select_for_update().select_related("consultation").get(pk=invitation.pk)
    link = EmailLink.objects.get(pk=link.pk)
    if not link.is_usable or link.target_id != invitation.pk or link.purpose != INVITATION_PURPOSE:
        raise ValidationError(_("This link is no longer valid."))
    if not invitation.consultation.is_open_for_answers:
        raise ValidationError(_("The consultation has been held: answers can no longer be changed."))
    if answer not in (Answer.ATTENDING, Answer.NOT_ATTENDING, Answer.DELEGATE):
        raise ValidationError({"answer": _("Choose an answer.")})
    delegate_name = " ".join((delegate_name or "").split()) if answer == Answer.DELEGATE else ""
    if answer == Answer.DELEGATE and not delegate_name:
        raise ValidationError({"delegate_name": _("Give the name of the person you are sending.")})
    if (invitation.answer, invitation.delegate_name) == (answer, delegate_name):
        return AnswerOutcome.UNCHANGED
    previous = invitation.answer
    invitation.answer = answer
    invitation.delegate_name = delegate_name
    invitation.answered_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["answer", "delegate_name", "answered_at"])
    link_event_record(
        kind=EventKind.ANSWERED,
        link=link,
        request=request,
        actor=f"contact:{invitation.contact_id}" if invitation.contact_id else "link-holder",
        detail={"answer": answer, "delegate_name": delegate_name, "previous": previous},
    )
    invitation_answered.send(sender=Invitation, invitation=invitation, previous=previous)
    return AnswerOutcome.RECORDED if previous == Answer.PENDING else AnswerOutcome.CHANGED


@transaction.atomic
def invitation_record_offline(
    *, consultation: Consultation, stakeholder: Stakeholder, channel: str, user
) -> Invitation:
    """Record that an active stakeholder whose primary contact has no email was invited by post or by
    phone, so nobody is left out of the cycle; staff later enter the answer (invitation_answer_by_staff)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open_for_answers:
        raise ValidationError(_("This consultation has been held: invitations can no longer be sent."))
    if channel not in (SendChannel.POST, SendChannel.PHONE):
        raise ValidationError(_("Choose post or phone."))
    if stakeholder.city_id != consultation.city_id or not stakeholder.is_active:
        raise ValidationError(_("Choose active stakeholders of this city's group."))
    invitation = Invitation.objects.filter(consultation=consultation, stakeholder=stakeholder).first()
    if invitation is not None and invitation.sent_at is not None:
        raise ValidationError(_("This stakeholder is already invited."))
    invitation = invitation or Invitation(consultation=consultation, stakeholder=stakeholder)
    invitation.contact = Contact.objects.filter(
        stakeholder=stakeholder, is_primary=True, erased_at__isnull=True
    ).first()
    invitation.language = invitation.contact.language if invitation.contact else "fr"
    invitation.send_channel, invitation.sent_at = channel, timezone.now()
    invitation.full_clean()
    invitation.save()
    link_event_record(
        kind=EventKind.SENT, target=invitation, actor=f"user:{user.pk}", user=user, detail={"channel": channel}
    )
    if consultation.status == ConsultationStatus.PLANNED:
        consultation.status = ConsultationStatus.INVITATIONS_SENT
        consultation.save(update_fields=["status", "updated_at"])
    return invitation


@transaction.atomic
def invitation_answer_by_staff(*, invitation: Invitation, answer: str, delegate_name: str = "", user) -> Invitation:
    """An answer given on paper or by phone, entered by staff (recorded in the audit trail with who entered it)."""
    invitation = Invitation.objects.select_for_update().select_related("consultation").get(pk=invitation.pk)
    if not invitation.consultation.is_open_for_answers:
        raise ValidationError(_("The consultation has been held: answers can no longer be changed."))
    if answer not in (Answer.ATTENDING, Answer.NOT_ATTENDING, Answer.DELEGATE):
        raise ValidationError({"answer": _("Choose an answer.")})
    delegate_name = " ".join((delegate_name or "").split()) if answer == Answer.DELEGATE else ""
    if answer == Answer.DELEGATE and not delegate_name:
        raise ValidationError({"delegate_name": _("Give the name of the person you are sending.")})
    previous = invitation.answer
    invitation.answer, invitation.delegate_name, invitation.answered_at = answer, delegate_name, timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["answer", "delegate_name", "answered_at"])
    link_event_record(
        kind=EventKind.ANSWERED,
        target=invitation,
        actor=f"user:{user.pk}",
        user=user,
        detail={"answer": answer, "delegate_name": delegate_name, "previous": previous, "entered_by_staff": True},
    )
    return invitation
