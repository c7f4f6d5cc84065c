"""Feedback on a version: circulating it (an emailed link to every active stakeholder), feedback entered on
paper or left through the link, and the draft's list of changes answering feedback on earlier versions."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from links.models import EventKind
from links.services import link_event_record
from outbox.services import email_queue
from ratification.services import primary_contacts
from stakeholders.models import Stakeholder

from ..meeting import first_meeting_date
from ..models import (
    FeedbackRequest,
    FeedbackSource,
    ReplyStatus,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)
from ..signals import feedback_received
from .versions import tor_version_check_draft, tor_version_freeze

FEEDBACK_PURPOSE = "tor_feedback"
FEEDBACK_LINK_DAYS = 45
# The concept note: the ToR are sent to the city a week before consultation 1.
CIRCULATION_NOTICE_DAYS = 7


def feedback_batch(version: TorVersion) -> str:
    return f"tor_feedback:version:{version.pk}"


@dataclass(frozen=True)
class CirculationResult:
    sent: int
    skipped: list
    consultation_date: dt.date | None
    late: bool


def circulation_is_late(*, city: City, on: dt.date | None = None) -> tuple[bool, dt.date | None]:
    """Late when consultation 1 is still ahead but less than 7 days after `on` (today in the city by
    default). Once it has taken place, a version circulated later is not late for it."""
    meeting = first_meeting_date(city=city)
    if meeting is None:
        return False, None
    on = on or timezone.localdate(timezone=city.tzinfo)
    return 0 <= (meeting - on).days < CIRCULATION_NOTICE_DAYS, meeting


@transaction.atomic
def tor_version_circulate(*, version: TorVersion, user=None) -> CirculationResult:
    """Freeze the version as circulated (from draft) and email every active stakeholder's primary
    contact a link to read it in their language and comment by section."""
    version = TorVersion.objects.select_for_update().select_related("tor__city").get(pk=version.pk)
    city = version.tor.city
    if version.status == VersionStatus.DRAFT:
        tor_version_freeze(version, VersionStatus.CIRCULATED)
    elif version.status != VersionStatus.CIRCULATED:
        raise ValidationError(_("Only a draft or circulated version can be circulated for feedback."))
    version.circulated_at = timezone.now()
    version.full_clean()
    version.save()
    contacts = primary_contacts(city)
    stakeholders = list(Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"))
    already = set(version.feedback_requests.values_list("stakeholder_id", flat=True))
    sent, skipped = 0, []
    expires_at = timezone.now() + dt.timedelta(days=FEEDBACK_LINK_DAYS)
    meeting = first_meeting_date(city=city)
    # "before the first consultation" only while it is ahead: a later version is read after it.
    before_first = meeting is not None and meeting >= timezone.localdate(timezone=city.tzinfo)
    for stakeholder in stakeholders:
        contact = contacts.get(stakeholder.pk)
        if contact is None:
            skipped.append(stakeholder)
            continue
        if stakeholder.pk in already:
            continue
        fr = FeedbackRequest(version=version, stakeholder=stakeholder, contact=contact, language=contact.language)
        fr.full_clean()
        fr.save()
        email_queue(
            to=contact.email,
            language=contact.language,
            template="tor-feedback-request",
            context={
                "city": city,
                "version": version,
                "stakeholder": stakeholder,
                "contact": contact,
                "expires_at": expires_at,
                "before_first_consultation": before_first,
            },
            purpose=FEEDBACK_PURPOSE,
            city=city,
            source=fr,
            batch=feedback_batch(version),
            link_purpose=FEEDBACK_PURPOSE,
            link_expires_at=expires_at,
        )
        sent += 1
    late, meeting = circulation_is_late(city=city)
    return CirculationResult(sent=sent, skipped=skipped, consultation_date=meeting, late=late)


@transaction.atomic
def tor_feedback_create(
    *,
    version: TorVersion,
    text: str,
    section: TorSection | None = None,
    stakeholder: Stakeholder | None = None,
    author_name: str = "",
    language: str = "fr",
    source: str = FeedbackSource.PAPER,
    recorded_by=None,
) -> TorFeedback:
    """Feedback on a circulated or presented version, on one section or the whole text."""
    version = TorVersion.objects.select_related("tor").get(pk=version.pk)
    if version.status not in (VersionStatus.CIRCULATED, VersionStatus.PRESENTED, VersionStatus.FINAL):
        raise ValidationError(_("Feedback is taken on circulated, presented or final versions only."))
    if section is not None and section.version_id != version.pk:
        raise ValidationError(_("This section belongs to another version."))
    if stakeholder is not None and stakeholder.city_id != version.tor.city_id:
        raise ValidationError(_("This stakeholder belongs to another city."))
    feedback = TorFeedback(
        version=version,
        section=section,
        stakeholder=stakeholder,
        author_name=author_name,
        text=text.strip(),
        language=language,
        source=source,
        recorded_by=recorded_by,
    )
    feedback.full_clean()
    feedback.save()
    if source != FeedbackSource.LINK:  # a link's submission is reported once, by tor_feedback_submit
        feedback_received.send(
            sender=TorVersion, version=version, stakeholder=stakeholder, count=1, recorded_by=recorded_by
        )
    return feedback


@transaction.atomic
def tor_feedback_submit(*, feedback_request: FeedbackRequest, link, entries: dict, language: str, request=None) -> int:
    """Feedback left through an emailed link: entries maps a section id (or None) to a text.

    A replayed identical submission adds nothing. Returns how many comments were recorded.
    """
    fr = (
        FeedbackRequest.objects.select_for_update().select_related("version", "stakeholder").get(pk=feedback_request.pk)
    )
    if not link.is_usable or fr.version.status not in (VersionStatus.CIRCULATED, VersionStatus.PRESENTED):
        raise ValidationError(_("Feedback on this version is closed."))
    sections = {s.pk: s for s in fr.version.sections.all()}
    author = fr.contact.name if fr.contact_id and fr.contact else ""
    existing = set(
        TorFeedback.objects.filter(version=fr.version, stakeholder=fr.stakeholder).values_list("section_id", "text")
    )
    created = 0
    for section_id, text in entries.items():
        text = (text or "").strip()
        if not text or (section_id, text) in existing:
            continue
        if section_id is not None and section_id not in sections:
            continue
        tor_feedback_create(
            version=fr.version,
            section=sections.get(section_id),
            stakeholder=fr.stakeholder,
            author_name=author,
            text=text,
            language=language,
            source=FeedbackSource.LINK,
        )
        created += 1
    if created:
        link_event_record(
            kind=EventKind.FEEDBACK,
            link=link,
            request=request,
            actor=f"contact:{fr.contact_id}",
            detail={"comments": created},
        )
        feedback_received.send(
            sender=TorVersion, version=fr.version, stakeholder=fr.stakeholder, count=created, recorded_by=None
        )
    return created


@transaction.atomic
def tor_feedback_reply(*, feedback: TorFeedback, status: str, reply: str = "", user=None) -> TorFeedback:
    """Say what became of a remark (accepted, partly accepted, not retained, noted) and why. A coordinator
    may change the answer later; the stakeholder sees the latest one in their personal space."""
    feedback = TorFeedback.objects.select_for_update().get(pk=feedback.pk)
    if status not in ReplyStatus.values:
        raise ValidationError({"reply_status": _("Choose a valid follow-up status.")})
    feedback.reply_status = status
    feedback.reply = (reply or "").strip()
    feedback.replied_at = timezone.now()
    feedback.replied_by = user
    feedback.full_clean()
    feedback.save(update_fields=["reply_status", "reply", "replied_at", "replied_by"])
    return feedback


@transaction.atomic
def tor_change_create(
    *,
    version: TorVersion,
    description_fr: str,
    description_ar: str = "",
    section: TorSection | None = None,
    feedback: list | tuple = (),
) -> TorChange:
    """A line of the draft's changes list, linked to feedback received on the earlier versions."""
    tor_version_check_draft(version)
    if section is not None and section.version_id != version.pk:
        raise ValidationError(_("This section belongs to another version."))
    earlier = set(
        TorFeedback.objects.filter(version__tor_id=version.tor_id, version__number__lt=version.number).values_list(
            "pk", flat=True
        )
    )
    if any(f.pk not in earlier for f in feedback):
        raise ValidationError(_("A change can only refer to feedback on earlier versions of these terms."))
    change = TorChange(version=version, section=section, description_fr=description_fr, description_ar=description_ar)
    change.full_clean()
    change.save()
    change.feedback.set(feedback)
    return change


@transaction.atomic
def tor_change_delete(*, change: TorChange) -> None:
    tor_version_check_draft(change.version)
    change.delete()
