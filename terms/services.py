"""Writes for the terms app: versions and sections, freezing, feedback, roles, ratification, adoption.

Rules enforced here (and tested): a version's content changes only while it is a draft; leaving draft
freezes it and stores its SHA-256; role assignments stop changing once ratification starts; a final
version is sent for ratification only when every active stakeholder has a role and a primary contact
with an email; a ratification is decided once, by POST, under a row lock.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from links.models import EventKind
from links.services import link_event_record
from outbox.services import email_queue
from ratification import services as ratification
from ratification.services import Tally
from stakeholders.models import Contact, Domain, Stakeholder

from .kind import RATIFICATION_LINK_DAYS, RATIFICATION_PURPOSE, TOR_RATIFICATION  # noqa: F401 (re-exported)
from .meeting import first_meeting_date
from .models import (
    VERSION_MANUAL_TRANSITIONS,
    CoordinationRole,
    FeedbackRequest,
    FeedbackSource,
    RatificationRequest,
    RoleAssignment,
    TermsOfReference,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)
from .tasks import ratification_records_task

FEEDBACK_PURPOSE = "tor_feedback"
FEEDBACK_LINK_DAYS = 45
# The concept note: the ToR are sent to the city a week before consultation 1.
CIRCULATION_NOTICE_DAYS = 7


def ratification_batch(version: TorVersion) -> str:
    return TOR_RATIFICATION.batch(version)


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


def circulation_is_late(*, city: City, on: dt.date | None = None) -> tuple[bool, dt.date | None]:
    """Late when consultation 1 is less than 7 days after `on` (today in the city by default)."""
    meeting = first_meeting_date(city=city)
    if meeting is None:
        return False, None
    on = on or timezone.localdate(timezone=city.tzinfo)
    return (meeting - on).days < CIRCULATION_NOTICE_DAYS, meeting


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
    contacts = ratification.primary_contacts(city)
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
            context={
                "city": city,
                "version": version,
                "stakeholder": stakeholder,
                "contact": contact,
                "expires_at": expires_at,
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
    """Active stakeholders lacking a role in this version, or a primary contact with an email (2 queries;
    only the stakeholders missing something are loaded)."""
    without_role = (
        Stakeholder.objects.filter(city_id=version.tor.city_id, is_active=True)
        .exclude(pk__in=version.role_assignments.values("stakeholder_id"))
        .order_by("name_fr", "pk")
    )
    return Readiness(
        without_role=list(without_role),
        without_contact=ratification.stakeholders_without_contact(version.tor.city),
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
    created = ratification.requests_create(TOR_RATIFICATION, version=version, city=city, days=days)
    if version.ratification_sent_at is None:
        version.ratification_sent_at = timezone.now()
        version.save(update_fields=["ratification_sent_at"])
    return created


def ratification_emails_queue(*, version: TorVersion) -> int:
    return ratification.emails_queue(TOR_RATIFICATION, version=version)


def ratification_expire_due() -> int:
    return ratification.expire_due(TOR_RATIFICATION)


def ratification_decide(*, ratification_request: RatificationRequest, link, **decision) -> str:
    return ratification.decide(TOR_RATIFICATION, ratification_request=ratification_request, link=link, **decision)


def ratification_record_paper(*, ratification_request: RatificationRequest, **decision) -> RatificationRequest:
    return ratification.record_paper(TOR_RATIFICATION, ratification_request=ratification_request, **decision)


def ratification_resend(
    *, ratification_request: RatificationRequest, user=None, days: int = RATIFICATION_LINK_DAYS
) -> RatificationRequest:
    return ratification.resend(TOR_RATIFICATION, ratification_request=ratification_request, user=user, days=days)


def ratification_change_contact(
    *, ratification_request: RatificationRequest, contact: Contact, user=None
) -> RatificationRequest:
    return ratification.change_contact(
        TOR_RATIFICATION, ratification_request=ratification_request, contact=contact, user=user
    )


def ratification_remind(*, ratification_request: RatificationRequest, user=None) -> RatificationRequest:
    return ratification.remind(TOR_RATIFICATION, ratification_request=ratification_request, user=user)


def ratification_revoke(
    *, ratification_request: RatificationRequest, user=None, reason: str = ""
) -> RatificationRequest:
    return ratification.revoke(TOR_RATIFICATION, ratification_request=ratification_request, user=user, reason=reason)


# --- Adoption ----------------------------------------------------------------------------------------


def adoption_tally(*, version: TorVersion) -> Tally:
    return ratification.tally(TOR_RATIFICATION, version=version, city=version.tor.city)


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
    ratification.supersede_requests(TOR_RATIFICATION, versions=older, by_version=version)
    transaction.on_commit(lambda: _enqueue_records(version.pk))
    return version


def _enqueue_records(version_id: int) -> None:
    ratification_records_task.enqueue(version_id)
