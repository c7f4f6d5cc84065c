"""Minutes that the attendees review: a draft is circulated to every organisation that attended,
through a personal emailed link, for remarks until a deadline; then it is made final, frozen with the
SHA-256 of its canonical content, and sent to the participants.

The Chatham House rule holds throughout: a remark records no author, and the minutes name nobody.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.hashing import canonical_json, canonical_text, sha256_hex
from links.models import EmailLink, EventKind
from links.services import link_event_record, link_revoke_for_target
from outbox.services import email_queue
from stakeholders.models import Contact

from ..documents import minutes_pdf
from ..models import Consultation, ConsultationStatus, Invitation, Minutes, MinutesRemark, MinutesStatus

MINUTES_REVIEW_PURPOSE = "minutes_review"
MINUTES_FINAL_PURPOSE = "minutes_final"
MAX_REVIEW_DAYS = 60
MAX_REMARKS_PER_LINK = 20
REMARK_MAX_LENGTH = 4000


def minutes_batch(consultation: Consultation) -> str:
    return f"minutes:consultation:{consultation.pk}"


def _participants(consultation: Consultation) -> list[tuple[Invitation, Contact]]:
    """The organisations recorded present, each with its primary contact an email can reach."""
    invitations = list(
        Invitation.objects.filter(consultation=consultation, attended=True).select_related("stakeholder")
    )
    contacts = {
        c.stakeholder_id: c
        for c in Contact.objects.reachable_primary().filter(stakeholder__in=[i.stakeholder_id for i in invitations])
    }
    return [(i, contacts[i.stakeholder_id]) for i in invitations if i.stakeholder_id in contacts]


def _language(contact: Contact) -> str:
    return contact.language if contact.language in ("fr", "ar") else "fr"


def _minutes_for_update(consultation: Consultation) -> Minutes:
    minutes = Minutes.objects.select_for_update().filter(consultation=consultation).first()
    if minutes is None:
        raise ValidationError(_("Write the minutes first."))
    return minutes


def _pdfs(consultation: Consultation, cache: dict, language: str, name: str) -> list:
    if language not in cache:
        cache[language] = minutes_pdf(consultation, language=language)
    return [(f"{name}-consultation-{consultation.number}-{language}.pdf", cache[language], "application/pdf")]


@transaction.atomic
def minutes_circulate(*, consultation: Consultation, review_until: dt.date, user) -> int:
    """Send the draft minutes to every organisation recorded present, each through a personal link
    where it may leave remarks until the end of `review_until` (city time). Returns how many."""
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.HELD:
        raise ValidationError(_("Minutes are written once the consultation is held, and until it is closed."))
    minutes = _minutes_for_update(consultation)
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("These minutes have already been circulated."))
    today = timezone.localdate(timezone=consultation.city.tzinfo)
    if not today < review_until <= today + dt.timedelta(days=MAX_REVIEW_DAYS):
        raise ValidationError(
            {"review_until": _("Choose a day after today, at most %(days)s days ahead.") % {"days": MAX_REVIEW_DAYS}}
        )
    participants = _participants(consultation)
    if not participants:
        raise ValidationError(_("Nobody recorded present has a contact with an email address."))
    deadline = dt.datetime.combine(review_until, dt.time(23, 59, 59), tzinfo=consultation.city.tzinfo)
    minutes.status = MinutesStatus.IN_REVIEW
    minutes.review_until = deadline
    minutes.circulated_at = timezone.now()
    minutes.updated_by = user
    minutes.save(update_fields=["status", "review_until", "circulated_at", "updated_by", "updated_at"])
    cache: dict = {}
    for invitation, contact in participants:
        _minutes_email_queue(
            consultation,
            minutes,
            invitation,
            contact,
            template="minutes_review",
            purpose=MINUTES_REVIEW_PURPOSE,
            pdfs=(cache, "draft-minutes"),
            link_purpose=MINUTES_REVIEW_PURPOSE,
            link_expires_at=deadline,
        )
    return len(participants)


def _minutes_email_queue(consultation, minutes, invitation, contact, *, template, purpose, pdfs, **link) -> None:
    """One attendee's email about the minutes, in the contact's language, with the PDFs in that language
    (`pdfs`: the cache shared by the batch and the files' name)."""
    language = _language(contact)
    cache, name = pdfs
    email_queue(
        to=contact.email,
        language=language,
        template=template,
        context={"consultation": consultation, "city": consultation.city, "contact": contact, "minutes": minutes},
        purpose=purpose,
        city=consultation.city,
        source=invitation,
        batch=minutes_batch(consultation),
        attachments=_pdfs(consultation, cache, language, name),
        **link,
    )


def minutes_review_is_open(minutes: Minutes) -> bool:
    return minutes.status == MinutesStatus.IN_REVIEW and timezone.now() <= minutes.review_until


@transaction.atomic
def minutes_remark_add(*, minutes: Minutes, link: EmailLink, text: str, request=None) -> MinutesRemark:
    """A remark on the draft from an attendee's link, during the review window. It records no author."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    link = EmailLink.objects.get(pk=link.pk)
    if not link.is_usable or link.purpose != MINUTES_REVIEW_PURPOSE:
        raise ValidationError(_("This link is no longer valid."))
    if not minutes_review_is_open(minutes):
        raise ValidationError(_("The review of these minutes is closed."))
    text = canonical_text(text)
    if not text:
        raise ValidationError({"text": _("Write your remark.")})
    if len(text) > REMARK_MAX_LENGTH:
        raise ValidationError({"text": _("A remark has at most %(count)s characters.") % {"count": REMARK_MAX_LENGTH}})
    if link.events.filter(kind=EventKind.FEEDBACK).count() >= MAX_REMARKS_PER_LINK:
        raise ValidationError(_("You have sent the largest number of remarks a link takes."))
    remark = MinutesRemark(minutes=minutes, text=text)
    remark.full_clean()
    remark.save()
    # The audit trail says a remark came through this link, never which one.
    link_event_record(kind=EventKind.FEEDBACK, link=link, request=request, actor="link-holder")
    return remark


def minutes_content_sha256(minutes: Minutes) -> str:
    """What final minutes freeze: the consultation they record and their text in both languages."""
    consultation = minutes.consultation
    payload = {
        "city": consultation.city.slug,
        "consultation": consultation.number,
        "date": consultation.date.isoformat(),
        **{
            f"{name}_{lang}": canonical_text(getattr(minutes, f"{name}_{lang}"))
            for name in ("summary", "decisions", "next_steps", "attributed_statements")
            for lang in ("fr", "ar")
        },
    }
    return sha256_hex(canonical_json(payload))


@transaction.atomic
def minutes_finalise(*, consultation: Consultation, user) -> Minutes:
    """Close the review, freeze the minutes with their SHA-256 and send them to the participants."""
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    minutes = _minutes_for_update(consultation)
    if minutes.status == MinutesStatus.FINAL:
        raise ValidationError(_("These minutes are already final."))
    if minutes.status != MinutesStatus.IN_REVIEW:
        raise ValidationError(_("Circulate the minutes to the attendees for review first."))
    minutes.consultation = consultation
    minutes.status = MinutesStatus.FINAL
    minutes.finalised_at = timezone.now()
    minutes.sha256 = minutes_content_sha256(minutes)
    minutes.updated_by = user
    minutes.full_clean()
    minutes.save(update_fields=["status", "finalised_at", "sha256", "updated_by", "updated_at"])
    cache: dict = {}
    for invitation, contact in _participants(consultation):
        link_revoke_for_target(
            target=invitation, purpose=MINUTES_REVIEW_PURPOSE, reason="minutes final", actor=f"user:{user.pk}"
        )
        _minutes_email_queue(
            consultation,
            minutes,
            invitation,
            contact,
            template="minutes_final",
            purpose=MINUTES_FINAL_PURPOSE,
            pdfs=(cache, "minutes"),
        )
    return minutes
