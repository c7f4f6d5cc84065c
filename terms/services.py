"""Writes for the terms app: versions and sections, freezing, feedback, roles, ratification, adoption.

Rules enforced here (and tested): a version's content changes only while it is a draft; leaving draft
freezes it and stores its SHA-256; role assignments stop changing once ratification starts; a final
version is sent for ratification only when every active stakeholder has a role and a primary contact
with an email; a ratification is decided once, by POST, under a row lock.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from links.models import EventKind
from links.services import link_event_record, link_revoke_for_target
from outbox.services import email_queue
from stakeholders.models import Contact, Domain, Stakeholder

from .models import (
    VERSION_MANUAL_TRANSITIONS,
    CoordinationRole,
    DecisionChannel,
    FeedbackRequest,
    FeedbackSource,
    RatificationRecord,
    RatificationRequest,
    RatificationStatus,
    RoleAssignment,
    TermsOfReference,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)

logger = logging.getLogger(__name__)

RATIFICATION_PURPOSE = "ratification"
FEEDBACK_PURPOSE = "tor_feedback"
RATIFICATION_LINK_DAYS = 30
FEEDBACK_LINK_DAYS = 45
# The concept note: the ToR are sent to the city a week before consultation 1.
CIRCULATION_NOTICE_DAYS = 7


def ratification_batch(version: TorVersion) -> str:
    return f"ratification:version:{version.pk}"


def feedback_batch(version: TorVersion) -> str:
    return f"tor_feedback:version:{version.pk}"


def _actor(user) -> str:
    return f"user:{user.pk}" if user is not None else "system"


def _require_draft(version: TorVersion) -> None:
    if version.is_frozen:
        raise ValidationError(
            _("Version %(number)s is frozen (%(status)s): its content can no longer change.")
            % {"number": version.number, "status": version.get_status_display()}
        )


# --- Terms of reference and versions ---------------------------------------------------------------


@transaction.atomic
def tor_get_or_create(*, city: City, title_fr: str = "", title_ar: str = "") -> TermsOfReference:
    tor = TermsOfReference.objects.filter(city=city).first()
    if tor is not None:
        return tor
    tor = TermsOfReference(
        city=city,
        title_fr=title_fr or "Termes de référence du groupe des parties prenantes",
        title_ar=title_ar or "الاختصاصات المرجعية لمجموعة الأطراف المعنية",
    )
    tor.full_clean()
    tor.save()
    return tor


@transaction.atomic
def tor_version_create(*, city: City, user=None) -> TorVersion:
    """Start a new draft: empty for a city's first version, otherwise copied from the latest version."""
    tor = tor_get_or_create(city=city)
    latest = tor.versions.order_by("-number").first()
    if latest is not None:
        return tor_version_create_from(previous=latest, user=user)
    version = TorVersion(tor=tor, number=1, created_by=user)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def tor_version_create_from(*, previous: TorVersion, user=None) -> TorVersion:
    """A new draft numbered after the latest, with the previous version's sections and role assignments.

    Each copied section remembers its origin, which pairs sections in the diff.
    """
    tor = TermsOfReference.objects.select_for_update().get(pk=previous.tor_id)
    if tor.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("A draft version already exists: finish it before starting another."))
    latest_number = tor.versions.aggregate(n=Max("number"))["n"] or 0
    if previous.number != latest_number:
        raise ValidationError(_("A new version can only start from the latest version."))
    version = TorVersion(tor=tor, number=latest_number + 1, previous=previous, created_by=user)
    version.full_clean()
    version.save()
    TorSection.objects.bulk_create(
        TorSection(
            version=version,
            position=s.position,
            heading_fr=s.heading_fr,
            heading_ar=s.heading_ar,
            text_fr=s.text_fr,
            text_ar=s.text_ar,
            origin=s,
        )
        for s in previous.sections.all()
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(version=version, stakeholder_id=a.stakeholder_id, role_id=a.role_id, domain_id=a.domain_id)
        for a in previous.role_assignments.all()
    )
    return version


@transaction.atomic
def tor_version_update(*, version: TorVersion, summary_fr: str = "", summary_ar: str = "") -> TorVersion:
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    version.summary_fr = summary_fr
    version.summary_ar = summary_ar
    version.full_clean()
    version.save(update_fields=["summary", "summary_fr", "summary_ar"])
    return version


def _freeze(version: TorVersion, status: str) -> None:
    now = timezone.now()
    sections = list(version.sections.all())
    if not sections:
        raise ValidationError(_("A version needs at least one section before it leaves draft."))
    version.sha256 = version.compute_sha256(sections)
    version.frozen_at = now
    version.status = status


@transaction.atomic
def tor_version_status_set(*, version: TorVersion, status: str, user=None, presented_on=None) -> TorVersion:
    """Move a version forward by hand (draft -> circulated/presented/final, ...). Leaving draft freezes it.

    Adopted and superseded are reached through ratification only.
    """
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    if status not in VERSION_MANUAL_TRANSITIONS.get(version.status, ()):
        raise ValidationError(
            _("A version cannot go from %(current)s to %(new)s.")
            % {
                "current": version.get_status_display(),
                "new": dict(VersionStatus.choices).get(status, status),
            }
        )
    if version.status == VersionStatus.DRAFT:
        _freeze(version, status)
    else:
        version.status = status
    if status == VersionStatus.CIRCULATED:
        version.circulated_at = timezone.now()
    if status == VersionStatus.PRESENTED:
        version.presented_on = presented_on or timezone.localdate()
    version.full_clean()
    version.save()
    return version


# --- Sections ----------------------------------------------------------------------------------------


@transaction.atomic
def tor_section_create(
    *, version: TorVersion, heading_fr: str, heading_ar: str = "", text_fr: str = "", text_ar: str = ""
) -> TorSection:
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    position = (version.sections.aggregate(p=Max("position"))["p"] or 0) + 1
    section = TorSection(
        version=version,
        position=position,
        heading_fr=heading_fr,
        heading_ar=heading_ar,
        text_fr=text_fr,
        text_ar=text_ar,
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def tor_section_update(
    *, section: TorSection, heading_fr: str, heading_ar: str = "", text_fr: str = "", text_ar: str = ""
) -> TorSection:
    TorVersion.objects.select_for_update().filter(pk=section.version_id).exists()
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    _require_draft(section.version)
    section.heading_fr, section.heading_ar = heading_fr, heading_ar
    section.text_fr, section.text_ar = text_fr, text_ar
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def tor_section_delete(*, section: TorSection) -> None:
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    _require_draft(section.version)
    version = section.version
    section.delete()
    _renumber(version)


@transaction.atomic
def tor_section_move(*, section: TorSection, offset: int) -> None:
    """Move a section up (offset -1) or down (+1) by swapping it with its neighbour."""
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    _require_draft(section.version)
    ordered = list(section.version.sections.order_by("position", "pk"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(section.version, ordered)


def _renumber(version: TorVersion, ordered=None) -> None:
    ordered = ordered if ordered is not None else list(version.sections.order_by("position", "pk"))
    # Two passes keep the (version, position) unique constraint true at every step.
    offset = 10000
    for s in ordered:
        TorSection.objects.filter(pk=s.pk).update(position=s.position + offset)
    for rank, s in enumerate(ordered, start=1):
        TorSection.objects.filter(pk=s.pk).update(position=rank)


# --- Feedback and changes -------------------------------------------------------------------------


@dataclass(frozen=True)
class CirculationResult:
    sent: int
    skipped: list
    consultation_date: dt.date | None
    late: bool


def consultation_one_date(city: City) -> dt.date | None:
    """The date of the city's consultation 1, or None while unknown (or the consultations app is absent)."""
    try:
        from consultations.models import Consultation
    except ImportError:
        return None
    try:
        return Consultation.objects.filter(city=city, number=1).values_list("date", flat=True).first()
    except Exception:  # noqa: BLE001 - the consultations schema is another app's; never break circulation on it
        logger.warning("Could not read consultation 1 of %s", city.slug, exc_info=True)
        return None


def circulation_is_late(*, city: City, on: dt.date | None = None) -> tuple[bool, dt.date | None]:
    """Late when consultation 1 is less than 7 days after `on` (today in the city by default)."""
    meeting = consultation_one_date(city)
    if meeting is None:
        return False, None
    on = on or timezone.localdate(timezone=city.tzinfo)
    return (meeting - on).days < CIRCULATION_NOTICE_DAYS, meeting


def _primary_contacts(city: City) -> dict[int, Contact]:
    contacts = Contact.objects.filter(
        stakeholder__city=city, stakeholder__is_active=True, is_primary=True, erased_at__isnull=True
    ).exclude(email="")
    return {c.stakeholder_id: c for c in contacts}


@transaction.atomic
def tor_version_circulate(*, version: TorVersion, user=None) -> CirculationResult:
    """Freeze the version as circulated (from draft) and email every active stakeholder's primary
    contact a link to read it in their language and comment by section."""
    version = TorVersion.objects.select_for_update().select_related("tor__city").get(pk=version.pk)
    city = version.tor.city
    if version.status == VersionStatus.DRAFT:
        _freeze(version, VersionStatus.CIRCULATED)
    elif version.status != VersionStatus.CIRCULATED:
        raise ValidationError(_("Only a draft or circulated version can be circulated for feedback."))
    version.circulated_at = timezone.now()
    version.full_clean()
    version.save()
    contacts = _primary_contacts(city)
    stakeholders = list(Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"))
    already = set(version.feedback_requests.values_list("stakeholder_id", flat=True))
    sent, skipped = 0, []
    expires_at = timezone.now() + dt.timedelta(days=FEEDBACK_LINK_DAYS)
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
            context={"city": city, "version": version, "stakeholder": stakeholder, "contact": contact},
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
    return created


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
    _require_draft(version)
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
    _require_draft(change.version)
    change.delete()


# --- Coordination roles ------------------------------------------------------------------------------


def _require_roles_open(version: TorVersion) -> None:
    if version.roles_locked:
        raise ValidationError(_("Roles of this version are locked: ratification has started."))


@transaction.atomic
def role_assignment_add(
    *, version: TorVersion, stakeholder: Stakeholder, role: CoordinationRole, domain: Domain | None = None
) -> RoleAssignment:
    version = TorVersion.objects.select_for_update().select_related("tor").get(pk=version.pk)
    _require_roles_open(version)
    if stakeholder.city_id != version.tor.city_id:
        raise ValidationError(_("This stakeholder belongs to another city."))
    if RoleAssignment.objects.filter(version=version, stakeholder=stakeholder, role=role, domain=domain).exists():
        raise ValidationError(_("This stakeholder already holds this role for this domain."))
    assignment = RoleAssignment(version=version, stakeholder=stakeholder, role=role, domain=domain)
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    return assignment


@transaction.atomic
def role_assignment_remove(*, assignment: RoleAssignment) -> None:
    _require_roles_open(assignment.version)
    assignment.delete()


# --- Ratification ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    without_role: list
    without_contact: list

    @property
    def ready(self) -> bool:
        return not self.without_role and not self.without_contact


def ratification_readiness(*, version: TorVersion) -> Readiness:
    """Active stakeholders lacking a role in this version, or a primary contact with an email (3 queries)."""
    city_id = version.tor.city_id
    stakeholders = list(Stakeholder.objects.filter(city_id=city_id, is_active=True).order_by("name_fr", "pk"))
    with_role = set(version.role_assignments.values_list("stakeholder_id", flat=True))
    with_contact = set(
        Contact.objects.filter(
            stakeholder__city_id=city_id, stakeholder__is_active=True, is_primary=True, erased_at__isnull=True
        )
        .exclude(email="")
        .values_list("stakeholder_id", flat=True)
    )
    return Readiness(
        without_role=[s for s in stakeholders if s.pk not in with_role],
        without_contact=[s for s in stakeholders if s.pk not in with_contact],
    )


def _queue_ratification_email(rr: RatificationRequest, *, template: str, city: City, version: TorVersion) -> None:
    rr.queued_at = timezone.now()
    RatificationRequest.objects.filter(pk=rr.pk).update(queued_at=rr.queued_at)
    email_queue(
        to=rr.contact_email,
        language=rr.language,
        template=template,
        context={
            "city": city,
            "version": version,
            "stakeholder": rr.stakeholder,
            "contact_name": rr.contact_name,
            "expires_at": rr.expires_at,
        },
        purpose=RATIFICATION_PURPOSE,
        city=city,
        source=rr,
        batch=ratification_batch(version),
        link_purpose=RATIFICATION_PURPOSE,
        link_expires_at=rr.expires_at,
    )


@transaction.atomic
def ratification_send(*, version: TorVersion, user=None, days: int = RATIFICATION_LINK_DAYS) -> int:
    """Send a final version for ratification: one request per active stakeholder, to its primary contact.

    Refused while an active stakeholder has no role or no primary contact with an email. Sending again
    only reaches active stakeholders that have no request yet (e.g. newly added). Emails go out in the
    background; returns how many requests were created.
    """
    version = TorVersion.objects.select_for_update().select_related("tor__city").get(pk=version.pk)
    city = version.tor.city
    if version.status != VersionStatus.FINAL:
        raise ValidationError(_("Only a final version can be sent for ratification."))
    readiness = ratification_readiness(version=version)
    if not readiness.ready:
        parts = []
        if readiness.without_role:
            parts.append(
                _("without a coordination role: %(names)s")
                % {"names": ", ".join(s.display_name for s in readiness.without_role)}
            )
        if readiness.without_contact:
            parts.append(
                _("without a primary contact with an email: %(names)s")
                % {"names": ", ".join(s.display_name for s in readiness.without_contact)}
            )
        raise ValidationError(
            _("This version cannot be sent for ratification. Active stakeholders %(problems)s.")
            % {"problems": "; ".join(parts)}
        )
    contacts = _primary_contacts(city)
    existing = set(version.ratification_requests.values_list("stakeholder_id", flat=True))
    now = timezone.now()
    expires_at = now + dt.timedelta(days=days)
    new_requests = []
    for stakeholder in Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"):
        if stakeholder.pk in existing:
            continue
        contact = contacts[stakeholder.pk]
        new_requests.append(
            RatificationRequest(
                version=version,
                stakeholder=stakeholder,
                contact=contact,
                contact_name=contact.name,
                contact_email=contact.email,
                language=contact.language,
                sent_at=now,
                expires_at=expires_at,
            )
        )
    created = RatificationRequest.objects.bulk_create(new_requests)
    if version.ratification_sent_at is None:
        version.ratification_sent_at = now
        version.save(update_fields=["ratification_sent_at"])
    # Rendering 200 emails takes a second or two: the page returns now, a task queues them.
    version_id = version.pk
    transaction.on_commit(lambda: _enqueue_ratification_emails(version_id))
    return len(created)


def _enqueue_ratification_emails(version_id: int) -> None:
    from .tasks import ratification_emails_task

    ratification_emails_task.enqueue(version_id)


def ratification_emails_queue(*, version: TorVersion) -> int:
    """Put in the outbox the email of every pending request not yet queued (the background half of a send).

    Each request is locked and marked in its own transaction, so a task run twice (or two workers)
    never queues the same email twice. Returns how many were queued.
    """
    city = version.tor.city
    count = 0
    ids = list(
        version.ratification_requests.filter(status=RatificationStatus.PENDING, queued_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            rr = (
                RatificationRequest.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("stakeholder")
                .filter(pk=pk, status=RatificationStatus.PENDING, queued_at__isnull=True)
                .first()
            )
            if rr is None:
                continue
            _queue_ratification_email(rr, template="tor-ratification-request", city=city, version=version)
            count += 1
    return count


def _lock_request(rr: RatificationRequest) -> RatificationRequest:
    return (
        RatificationRequest.objects.select_for_update(of=("self",))
        .select_related("version__tor__city", "stakeholder")
        .get(pk=rr.pk)
    )


def _refresh_expiry(rr: RatificationRequest, *, user=None) -> None:
    """A pending request whose link deadline has passed becomes expired (recorded once)."""
    if rr.status == RatificationStatus.PENDING and rr.expires_at is not None and rr.expires_at <= timezone.now():
        rr.status = RatificationStatus.EXPIRED
        rr.closed_at = timezone.now()
        rr.save(update_fields=["status", "closed_at"])
        link_event_record(kind=EventKind.EXPIRED, target=rr, actor=_actor(user) if user else "system", user=user)


@transaction.atomic
def ratification_expire_due() -> int:
    """Mark every pending request past its deadline expired (run by `manage.py terms_expire` and staff actions)."""
    count = 0
    for rr in RatificationRequest.objects.select_for_update().filter(
        status=RatificationStatus.PENDING, expires_at__lte=timezone.now()
    ):
        _refresh_expiry(rr)
        count += 1
    return count


class DecisionOutcome:
    RATIFIED = "ratified"
    DECLINED = "declined"
    ALREADY_DECIDED = "already_decided"
    CLOSED = "closed"


@transaction.atomic
def ratification_decide(
    *,
    ratification_request: RatificationRequest,
    link,
    decision: str,
    signed_name: str = "",
    posted_sha256: str = "",
    reason: str = "",
    request=None,
) -> str:
    """Decide a ratification through its emailed link, exactly once.

    Locks the request row, re-checks the link (usable, bound to this request), the request's status,
    the version's status and the posted SHA-256, then records the decision and the audit event.
    Returns a DecisionOutcome; a second POST gets ALREADY_DECIDED and changes nothing.
    """
    rr = _lock_request(ratification_request)
    link.refresh_from_db(fields=["revoked_at", "expires_at"])
    if link.target_id != rr.pk or link.purpose != RATIFICATION_PURPOSE:
        return DecisionOutcome.CLOSED
    if rr.is_decided:
        return DecisionOutcome.ALREADY_DECIDED
    if not link.is_usable or rr.status != RatificationStatus.PENDING:
        return DecisionOutcome.CLOSED
    version = rr.version
    if version.status not in (VersionStatus.FINAL, VersionStatus.ADOPTED):
        return DecisionOutcome.CLOSED
    if (posted_sha256 or "").strip().lower() != version.sha256:
        raise ValidationError(_("The document changed since you opened this page. Reload it and check it again."))
    actor = f"contact:{rr.contact_id}" if rr.contact_id else "link-holder"
    now = timezone.now()
    if decision == DecisionOutcome.RATIFIED:
        signed_name = (signed_name or "").strip()
        if not signed_name:
            raise ValidationError(_("Type your full name to ratify."))
        rr.status, rr.signed_name = RatificationStatus.RATIFIED, signed_name
        kind = EventKind.RATIFIED
    elif decision == DecisionOutcome.DECLINED:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Give a reason for declining."))
        rr.status, rr.decline_reason = RatificationStatus.DECLINED, reason
        rr.signed_name = (signed_name or "").strip()
        kind = EventKind.DECLINED
    else:
        raise ValidationError(_("Choose to ratify or to decline."))
    rr.decided_at, rr.channel, rr.decided_sha256, rr.closed_at = now, DecisionChannel.LINK, version.sha256, now
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_event_record(
        kind=kind,
        link=link,
        request=request,
        actor=actor,
        detail={"sha256": version.sha256, "name": rr.signed_name, "reason": rr.decline_reason[:500]},
    )
    tor_version_adopt_if_ready(version=version)
    return decision


@transaction.atomic
def ratification_record_paper(
    *,
    ratification_request: RatificationRequest,
    user,
    decision: str,
    signed_name: str,
    reason: str = "",
    note: str = "",
    decided_on: dt.date | None = None,
) -> RatificationRequest:
    """Record a decision received on paper, with the staff member who recorded it."""
    rr = _lock_request(ratification_request)
    if rr.is_decided:
        raise ValidationError(_("This stakeholder has already decided."))
    if rr.status == RatificationStatus.SUPERSEDED or rr.version.status not in (
        VersionStatus.FINAL,
        VersionStatus.ADOPTED,
    ):
        raise ValidationError(_("This version is no longer open for ratification."))
    signed_name = (signed_name or "").strip()
    reason = (reason or "").strip()
    if decision == RatificationStatus.RATIFIED and not signed_name:
        raise ValidationError(_("Enter the name of the person who signed."))
    if decision == RatificationStatus.DECLINED and not reason:
        raise ValidationError(_("Give the reason for declining."))
    if decision not in (RatificationStatus.RATIFIED, RatificationStatus.DECLINED):
        raise ValidationError(_("Choose to ratify or to decline."))
    now = timezone.now()
    rr.status = decision
    rr.signed_name, rr.decline_reason, rr.paper_note = signed_name, reason if decision == "declined" else "", note
    rr.decided_at = now
    rr.channel = DecisionChannel.PAPER
    rr.recorded_by = user
    rr.decided_sha256 = rr.version.sha256
    rr.closed_at = now
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_revoke_for_target(
        target=rr, purpose=RATIFICATION_PURPOSE, reason="decided on paper", actor=_actor(user), user=user
    )
    link_event_record(
        kind=EventKind.PAPER_DECISION,
        target=rr,
        actor=_actor(user),
        user=user,
        detail={
            "decision": decision,
            "name": signed_name,
            "reason": reason[:500],
            "note": note,
            "decided_on": str(decided_on or ""),
        },
    )
    tor_version_adopt_if_ready(version=rr.version)
    return rr


def _require_open_for_staff(rr: RatificationRequest) -> None:
    if rr.is_decided:
        raise ValidationError(_("This stakeholder has already decided."))
    if rr.status == RatificationStatus.SUPERSEDED or rr.version.status not in (
        VersionStatus.FINAL,
        VersionStatus.ADOPTED,
    ):
        raise ValidationError(_("This version is no longer open for ratification."))


@transaction.atomic
def ratification_resend(
    *, ratification_request: RatificationRequest, user=None, days: int = RATIFICATION_LINK_DAYS
) -> RatificationRequest:
    """Send a new link (the old one is revoked at once; the new one is issued when the email goes out).

    Reopens an expired or revoked request with a new deadline. A declined request may be reopened too,
    when the organisation reconsiders: its decline no longer stands (the declined event, with its reason,
    stays in the audit trail) until the contact decides again. A ratified request cannot be reopened.
    """
    rr = _lock_request(ratification_request)
    reopening = rr.status == RatificationStatus.DECLINED
    if not reopening:
        _require_open_for_staff(rr)
    elif rr.version.status not in (VersionStatus.FINAL, VersionStatus.ADOPTED):
        raise ValidationError(_("This version is no longer open for ratification."))
    link_revoke_for_target(target=rr, purpose=RATIFICATION_PURPOSE, reason="resent", actor=_actor(user), user=user)
    now = timezone.now()
    detail = {"to": rr.contact_email}
    if reopening:
        detail.update(
            reopened_after_decline=True, declined_at=rr.decided_at.isoformat(), reason=rr.decline_reason[:500]
        )
        rr.decided_at, rr.channel, rr.decline_reason, rr.signed_name = None, "", "", ""
        rr.decided_sha256, rr.recorded_by, rr.paper_note = "", None, ""
    rr.status = RatificationStatus.PENDING
    rr.sent_at, rr.expires_at, rr.closed_at = now, now + dt.timedelta(days=days), None
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_event_record(kind=EventKind.RESENT, target=rr, actor=_actor(user), user=user, detail=detail)
    _queue_ratification_email(rr, template="tor-ratification-request", city=rr.version.tor.city, version=rr.version)
    return rr


@transaction.atomic
def ratification_change_contact(
    *, ratification_request: RatificationRequest, contact: Contact, user=None
) -> RatificationRequest:
    """Address the request to another contact of the same stakeholder: the old link dies, a new one goes out."""
    rr = _lock_request(ratification_request)
    _require_open_for_staff(rr)
    if contact.stakeholder_id != rr.stakeholder_id:
        raise ValidationError(_("This contact does not represent this stakeholder."))
    if not contact.email or contact.erased_at is not None:
        raise ValidationError(_("This contact has no email address."))
    previous = rr.contact_email
    rr.contact, rr.contact_name, rr.contact_email, rr.language = contact, contact.name, contact.email, contact.language
    rr.save(update_fields=["contact", "contact_name", "contact_email", "language"])
    link_event_record(
        kind=EventKind.RESENT,
        target=rr,
        actor=_actor(user),
        user=user,
        detail={"contact_changed": True, "from": previous, "to": contact.email},
    )
    return ratification_resend(ratification_request=rr, user=user)


@transaction.atomic
def ratification_remind(*, ratification_request: RatificationRequest, user=None) -> RatificationRequest:
    """Remind a contact who has not answered: not after a decision, revocation or the deadline."""
    rr = _lock_request(ratification_request)
    _require_open_for_staff(rr)
    now = timezone.now()
    if rr.status != RatificationStatus.PENDING or (rr.expires_at is not None and rr.expires_at <= now):
        raise ValidationError(
            _("Only a pending request whose link has not expired can be reminded: resend it instead.")
        )
    rr.reminded_at, rr.reminder_count = now, rr.reminder_count + 1
    rr.save(update_fields=["reminded_at", "reminder_count"])
    link_event_record(
        kind=EventKind.REMINDED, target=rr, actor=_actor(user), user=user, detail={"to": rr.contact_email}
    )
    _queue_ratification_email(rr, template="tor-ratification-reminder", city=rr.version.tor.city, version=rr.version)
    return rr


@transaction.atomic
def ratification_revoke(
    *, ratification_request: RatificationRequest, user=None, reason: str = ""
) -> RatificationRequest:
    rr = _lock_request(ratification_request)
    if rr.status != RatificationStatus.PENDING:
        raise ValidationError(_("Only a pending request can be revoked."))
    rr.status, rr.closed_at = RatificationStatus.REVOKED, timezone.now()
    rr.save(update_fields=["status", "closed_at"])
    revoked = link_revoke_for_target(
        target=rr, purpose=RATIFICATION_PURPOSE, reason=reason or "revoked by staff", actor=_actor(user), user=user
    )
    if not revoked:
        link_event_record(kind=EventKind.REVOKED, target=rr, actor=_actor(user), user=user, detail={"reason": reason})
    return rr


# --- Adoption ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdoptionTally:
    active: int
    ratified: int
    declined: int
    quorum: int

    @property
    def needed(self) -> int:
        """Ratifications the quorum asks for (rounded up)."""
        return -(-self.active * self.quorum // 100)

    @property
    def reached(self) -> bool:
        if self.active == 0:
            return False
        if self.ratified >= self.active:
            return True
        return self.declined == 0 and self.ratified >= self.needed


def adoption_tally(*, version: TorVersion) -> AdoptionTally:
    city = version.tor.city
    counts = RatificationRequest.objects.filter(version=version, stakeholder__is_active=True).values_list("status")
    ratified = sum(1 for (s,) in counts if s == RatificationStatus.RATIFIED)
    declined = sum(1 for (s,) in counts if s == RatificationStatus.DECLINED)
    active = Stakeholder.objects.filter(city_id=city.pk, is_active=True).count()
    return AdoptionTally(active=active, ratified=ratified, declined=declined, quorum=city.ratification_quorum)


@transaction.atomic
def tor_version_adopt_if_ready(*, version: TorVersion) -> bool:
    """Adopt the version when every active stakeholder has ratified, or the city's quorum is reached with
    no decline standing. Returns True when this call adopted it."""
    version = TorVersion.objects.select_for_update().select_related("tor__city").get(pk=version.pk)
    if version.status != VersionStatus.FINAL:
        return False
    if not adoption_tally(version=version).reached:
        return False
    tor_version_adopt(version=version)
    return True


@transaction.atomic
def tor_version_adopt(*, version: TorVersion) -> TorVersion:
    """Adopt now: the previously adopted version and earlier non-draft versions become superseded, their
    pending ratification requests are closed (links revoked) and their contacts told by email."""
    now = timezone.now()
    city = version.tor.city
    older = list(
        TorVersion.objects.select_for_update()
        .filter(tor_id=version.tor_id, number__lt=version.number)
        .exclude(status__in=[VersionStatus.DRAFT, VersionStatus.SUPERSEDED])
    )
    # The previous adopted version first: one adopted version per ToR at any time.
    for old in older:
        old.status, old.superseded_at = VersionStatus.SUPERSEDED, now
        old.save(update_fields=["status", "superseded_at"])
    version.status, version.adopted_at = VersionStatus.ADOPTED, now
    version.full_clean()
    version.save(update_fields=["status", "adopted_at"])
    for rr in (
        RatificationRequest.objects.select_for_update(of=("self",))
        .filter(version__in=older, status__in=[RatificationStatus.PENDING, RatificationStatus.EXPIRED])
        .select_related("stakeholder", "version")
    ):
        was_pending = rr.status == RatificationStatus.PENDING
        rr.status, rr.closed_at = RatificationStatus.SUPERSEDED, now
        rr.save(update_fields=["status", "closed_at"])
        link_revoke_for_target(target=rr, purpose=RATIFICATION_PURPOSE, reason="superseded")
        link_event_record(kind=EventKind.SUPERSEDED, target=rr, actor="system", detail={"by_version": version.number})
        if was_pending and rr.contact_email:
            email_queue(
                to=rr.contact_email,
                language=rr.language,
                template="tor-ratification-superseded",
                context={"city": city, "old_version": rr.version, "version": version, "contact_name": rr.contact_name},
                purpose="ratification_superseded",
                city=city,
                source=rr,
            )
    transaction.on_commit(lambda: _enqueue_records(version.pk))
    return version


def _enqueue_records(version_id: int) -> None:
    from .tasks import ratification_records_task

    ratification_records_task.enqueue(version_id)


# --- Ratification record -------------------------------------------------------------------------


@transaction.atomic
def ratification_record_generate(*, version: TorVersion, language: str, user=None) -> RatificationRecord:
    """Render the record PDF (PDF/A-3b) now and keep its bytes and SHA-256."""
    from cities.pdf import sha256_hex

    from .documents import ratification_record_pdf

    pdf = ratification_record_pdf(version=version, language=language)
    record = RatificationRecord(
        version=version, language=language, pdf=pdf, sha256=sha256_hex(pdf), size=len(pdf), generated_by=user
    )
    record.full_clean()
    record.save()
    return record
