"""The ratification machinery shared by every ratified document (terms of reference, roadmap).

Guarantees, for every kind: one request per active stakeholder, addressed to its primary contact; the
personal link is issued only when the email goes out and stored as a hash (links, outbox); a GET never
decides; a decision is taken once, by POST, under a row lock, and only if the SHA-256 the contact saw is
the version's; every step is in the append-only audit trail (links.LinkEvent); staff can remind, resend,
change the contact, revoke, or record a decision received on paper; requests on an older version are
closed, their links revoked and their contacts told, when a newer version takes its place.

Each service takes the kind (ratification.kinds) first. What a decision means for the document (e.g. the
terms of reference adopted on quorum) is left to receivers of ratification.signals.decision_recorded.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.collation import translated_name_order
from links.models import EventKind
from links.services import link_event_record, link_revoke_for_target
from stakeholders.models import Contact, SendChannel, Stakeholder

from .emails import ratification_email_queue, superseded_email_queue
from .kinds import RatificationKind, ReadinessGap
from .models import DecisionChannel, RatificationStatus
from .signals import decision_recorded
from .tasks import ratification_emails_task


class DecisionOutcome:
    RATIFIED = "ratified"
    DECLINED = "declined"
    ALREADY_DECIDED = "already_decided"
    CLOSED = "closed"


def actor_of(user) -> str:
    return f"user:{user.pk}" if user is not None and user.pk else "system"


# --- Sending -------------------------------------------------------------------------------------------


def primary_contacts(city) -> dict[int, Contact]:
    """The primary contact with an email of each active stakeholder of the city (1 query)."""
    contacts = Contact.objects.reachable_primary().filter(stakeholder__city=city, stakeholder__is_active=True)
    return {c.stakeholder_id: c for c in contacts}


def stakeholders_without_contact(city, *, asked=None) -> list[Stakeholder]:
    """Active stakeholders that no email can reach (1 query, only the missing ones are loaded), less
    those `asked` (stakeholder ids, e.g. a subquery of requests already made by post or by phone)."""
    reachable = Contact.objects.reachable_primary()
    qs = Stakeholder.objects.filter(city=city, is_active=True).exclude(pk__in=reachable.values("stakeholder_id"))
    if asked is not None:
        qs = qs.exclude(pk__in=asked)
    return list(qs.order_by(translated_name_order(), "pk"))


@dataclass(frozen=True)
class Readiness:
    gaps: list[ReadinessGap]

    @property
    def missing(self) -> list[ReadinessGap]:
        """The gaps that still hold someone."""
        return [gap for gap in self.gaps if gap.stakeholders]

    @property
    def ready(self) -> bool:
        return not self.missing


def ratification_readiness(kind: RatificationKind, *, version) -> Readiness:
    """Active stakeholders that the kind's own rules find missing something, then those no email can reach
    (one query per rule; only the stakeholders missing something are loaded)."""
    # A stakeholder asked by post or by phone (ratification_record_offline) already has its request.
    asked = kind.request_model.objects.filter(version=version).values("stakeholder_id")
    contact_gap = ReadinessGap(
        label=_("Active stakeholders without a primary contact with an email:"),
        stakeholders=stakeholders_without_contact(kind.city_of(version), asked=asked),
    )
    return Readiness(gaps=[*kind.readiness(version), contact_gap])


@transaction.atomic
def ratification_send(kind: RatificationKind, *, version, user=None, days: int | None = None) -> int:
    """Ask every active stakeholder to ratify the version: one request each, to its primary contact.

    Refused for a version whose status the kind does not send, while the group has no active stakeholder,
    and while a readiness rule (a primary contact with an email, and the kind's own) leaves one out.
    Sending again reaches only active stakeholders with no request yet (e.g. newly added). The emails go
    out in the background once the transaction commits; returns how many requests were created.
    """
    locked = (
        kind.version_model.objects.select_for_update(of=("self",))
        .select_related(kind.version_city_path)
        .get(pk=version.pk)
    )
    if locked.status not in kind.sendable_statuses:
        raise ValidationError(kind.not_sendable_message)
    city = kind.city_of(locked)
    readiness = ratification_readiness(kind, version=locked)
    if not readiness.ready:
        problems = "; ".join(
            f"{gap.label} {', '.join(s.display_name for s in gap.stakeholders)}" for gap in readiness.missing
        )
        raise ValidationError(_("This version cannot be sent for ratification. %(problems)s.") % {"problems": problems})
    created = _requests_create(kind, version=locked, city=city, days=days)
    if locked.ratification_sent_at is None:
        locked.ratification_sent_at = timezone.now()
        locked.save(update_fields=["ratification_sent_at"])
    version.ratification_sent_at = locked.ratification_sent_at
    return created


def _requests_create(kind: RatificationKind, *, version, city, days: int | None) -> int:
    """One pending request per active stakeholder that has none yet, to its primary contact; the emails
    are queued by a background task once the transaction commits."""
    stakeholders = list(Stakeholder.objects.filter(city=city, is_active=True).order_by("name_fr", "pk"))
    if not stakeholders:
        raise ValidationError(_("The group has no active stakeholder to ask."))
    contacts = primary_contacts(city)
    existing = set(kind.request_model.objects.filter(version=version).values_list("stakeholder_id", flat=True))
    now = timezone.now()
    expires_at = now + dt.timedelta(days=days or kind.link_days)
    new_requests = []
    for stakeholder in stakeholders:
        if stakeholder.pk in existing:
            continue
        contact = contacts[stakeholder.pk]
        new_requests.append(
            kind.request_model(
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
    created = kind.request_model.objects.bulk_create(new_requests)
    # Rendering 200 emails takes a second or two: the page returns now, a task queues them.
    kind_name, version_id = kind.name, version.pk
    transaction.on_commit(lambda: ratification_emails_task.enqueue(kind_name, version_id))
    return len(created)


@transaction.atomic
def ratification_record_offline(kind: RatificationKind, *, version, stakeholder: Stakeholder, channel: str, user):
    """Ask an active stakeholder whose primary contact has no email by post or by phone: a pending request
    with no link and no email (nobody is left out of the ratification); staff enter the decision received
    on paper (ratification_record_paper). Reminders skip it and list it to call or to write."""
    locked = kind.version_model.objects.select_for_update(of=("self",)).get(pk=version.pk)
    if locked.status not in kind.sendable_statuses:
        raise ValidationError(kind.not_sendable_message)
    if channel not in (SendChannel.POST, SendChannel.PHONE):
        raise ValidationError(_("Choose post or phone."))
    if stakeholder.city_id != kind.city_of(locked).pk or not stakeholder.is_active:
        raise ValidationError(_("Choose an active stakeholder of this city's group."))
    if kind.request_model.objects.filter(version=locked, stakeholder=stakeholder).exists():
        raise ValidationError(_("This stakeholder already has a ratification request."))
    contact = Contact.objects.filter(stakeholder=stakeholder, is_primary=True, erased_at__isnull=True).first()
    now = timezone.now()
    rr = kind.request_model(
        version=locked,
        stakeholder=stakeholder,
        contact=contact,
        contact_name=contact.name if contact else stakeholder.name,
        language=contact.language if contact else "fr",
        send_channel=channel,
        sent_at=now,
        queued_at=now,  # nothing for the email task to queue
        expires_at=now + dt.timedelta(days=kind.link_days),
    )
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_event_record(kind=EventKind.SENT, target=rr, actor=actor_of(user), user=user, detail={"channel": channel})
    return rr


# --- Deadlines -----------------------------------------------------------------------------------------


def _lock_request(kind: RatificationKind, rr):
    return (
        kind.request_model.objects.select_for_update(of=("self",))
        .select_related(kind.city_path, "stakeholder")
        .get(pk=rr.pk)
    )


def _refresh_expiry(rr, *, user=None) -> None:
    """A pending request whose link deadline has passed becomes expired (recorded once)."""
    if rr.status == RatificationStatus.PENDING and rr.expires_at is not None and rr.expires_at <= timezone.now():
        rr.status = RatificationStatus.EXPIRED
        rr.closed_at = timezone.now()
        rr.save(update_fields=["status", "closed_at"])
        link_event_record(kind=EventKind.EXPIRED, target=rr, actor=actor_of(user) if user else "system", user=user)


@transaction.atomic
def ratification_expire_due(kind: RatificationKind) -> int:
    """Mark every pending request of this kind past its deadline expired."""
    count = 0
    for rr in kind.request_model.objects.select_for_update().filter(
        status=RatificationStatus.PENDING, expires_at__lte=timezone.now()
    ):
        _refresh_expiry(rr)
        count += 1
    return count


# --- Decisions -----------------------------------------------------------------------------------------


@transaction.atomic
def ratification_decide(
    kind: RatificationKind,
    *,
    ratification_request,
    link,
    decision: str,
    signed_name: str = "",
    posted_sha256: str = "",
    reason: str = "",
    request=None,
) -> str:
    """Decide through the emailed link, exactly once.

    Locks the request row, re-checks the link (usable, bound to this request), the request's status,
    the version's status and the posted SHA-256, then records the decision and the audit event.
    Returns a DecisionOutcome; a second POST gets ALREADY_DECIDED and changes nothing. Receivers of
    decision_recorded run inside the same transaction.
    """
    rr = _lock_request(kind, ratification_request)
    link.refresh_from_db(fields=["revoked_at", "expires_at"])
    if link.target_id != rr.pk or link.purpose != kind.purpose:
        return DecisionOutcome.CLOSED
    if rr.is_decided:
        return DecisionOutcome.ALREADY_DECIDED
    if not link.is_usable or rr.status != RatificationStatus.PENDING:
        return DecisionOutcome.CLOSED
    version = rr.version
    if version.status not in kind.open_statuses:
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
        event = EventKind.RATIFIED
    elif decision == DecisionOutcome.DECLINED:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Give a reason for declining."))
        rr.status, rr.decline_reason = RatificationStatus.DECLINED, reason
        rr.signed_name = (signed_name or "").strip()
        event = EventKind.DECLINED
    else:
        raise ValidationError(_("Choose to ratify or to decline."))
    rr.decided_at, rr.channel, rr.decided_sha256, rr.closed_at = now, DecisionChannel.LINK, version.sha256, now
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_event_record(
        kind=event,
        link=link,
        request=request,
        actor=actor,
        detail={"sha256": version.sha256, "name": rr.signed_name, "reason": rr.decline_reason[:500]},
    )
    decision_recorded.send(sender=kind, version=version, request=rr)
    return decision


def _require_open_for_staff(kind: RatificationKind, rr) -> None:
    if rr.is_decided:
        raise ValidationError(_("This stakeholder has already decided."))
    if rr.status == RatificationStatus.SUPERSEDED or rr.version.status not in kind.open_statuses:
        raise ValidationError(_("This version is no longer open for ratification."))


@transaction.atomic
def ratification_record_paper(
    kind: RatificationKind,
    *,
    ratification_request,
    user,
    decision: str,
    signed_name: str,
    reason: str = "",
    note: str = "",
    decided_on: dt.date | None = None,
):
    """Record a decision received on paper, with the staff member who recorded it; its link is revoked."""
    rr = _lock_request(kind, ratification_request)
    _require_open_for_staff(kind, rr)
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
    link_revoke_for_target(target=rr, purpose=kind.purpose, reason="decided on paper", actor=actor_of(user), user=user)
    link_event_record(
        kind=EventKind.PAPER_DECISION,
        target=rr,
        actor=actor_of(user),
        user=user,
        detail={
            "decision": decision,
            "name": signed_name,
            "reason": reason[:500],
            "note": note,
            "decided_on": str(decided_on or ""),
        },
    )
    decision_recorded.send(sender=kind, version=rr.version, request=rr)
    return rr


# --- Staff follow-up -----------------------------------------------------------------------------------


@transaction.atomic
def ratification_resend(kind: RatificationKind, *, ratification_request, user=None, days: int | None = None):
    """Send a new link (the old one is revoked at once; the new one is issued when the email goes out).

    Reopens an expired or revoked request with a new deadline. A declined request may be reopened too,
    when the organisation reconsiders: its decline no longer stands (the declined event, with its reason,
    stays in the audit trail) until the contact decides again. A ratified request cannot be reopened.
    """
    rr = _lock_request(kind, ratification_request)
    reopening = rr.status == RatificationStatus.DECLINED
    if not reopening:
        _require_open_for_staff(kind, rr)
    elif rr.version.status not in kind.open_statuses:
        raise ValidationError(_("This version is no longer open for ratification."))
    link_revoke_for_target(target=rr, purpose=kind.purpose, reason="resent", actor=actor_of(user), user=user)
    now = timezone.now()
    detail = {"to": rr.contact_email}
    if reopening:
        detail.update(
            reopened_after_decline=True, declined_at=rr.decided_at.isoformat(), reason=rr.decline_reason[:500]
        )
        rr.decided_at, rr.channel, rr.decline_reason, rr.signed_name = None, "", "", ""
        rr.decided_sha256, rr.recorded_by, rr.paper_note = "", None, ""
    rr.status = RatificationStatus.PENDING
    rr.sent_at, rr.expires_at, rr.closed_at = now, now + dt.timedelta(days=days or kind.link_days), None
    rr.full_clean(validate_constraints=False)
    rr.save()
    link_event_record(kind=EventKind.RESENT, target=rr, actor=actor_of(user), user=user, detail=detail)
    ratification_email_queue(kind, rr, template=kind.email_request)
    return rr


@transaction.atomic
def ratification_change_contact(kind: RatificationKind, *, ratification_request, contact: Contact, user=None):
    """Address the request to another contact of the same stakeholder: the old link dies, a new one goes out."""
    rr = _lock_request(kind, ratification_request)
    _require_open_for_staff(kind, rr)
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
        actor=actor_of(user),
        user=user,
        detail={"contact_changed": True, "from": previous, "to": contact.email},
    )
    return ratification_resend(kind, ratification_request=rr, user=user)


@transaction.atomic
def ratification_remind(kind: RatificationKind, *, ratification_request, user=None):
    """Remind a contact who has not answered: not after a decision, revocation or the deadline."""
    rr = _lock_request(kind, ratification_request)
    _require_open_for_staff(kind, rr)
    now = timezone.now()
    if rr.status != RatificationStatus.PENDING or (rr.expires_at is not None and rr.expires_at <= now):
        raise ValidationError(
            _("Only a pending request whose link has not expired can be reminded: resend it instead.")
        )
    rr.reminded_at, rr.reminder_count = now, rr.reminder_count + 1
    rr.save(update_fields=["reminded_at", "reminder_count"])
    link_event_record(
        kind=EventKind.REMINDED, target=rr, actor=actor_of(user), user=user, detail={"to": rr.contact_email}
    )
    ratification_email_queue(kind, rr, template=kind.email_reminder)
    return rr


@transaction.atomic
def ratification_revoke(kind: RatificationKind, *, ratification_request, user=None, reason: str = ""):
    """Close a pending request and kill its link (staff, e.g. the wrong organisation was asked)."""
    rr = _lock_request(kind, ratification_request)
    if rr.status != RatificationStatus.PENDING:
        raise ValidationError(_("Only a pending request can be revoked."))
    rr.status, rr.closed_at = RatificationStatus.REVOKED, timezone.now()
    rr.save(update_fields=["status", "closed_at"])
    revoked = link_revoke_for_target(
        target=rr, purpose=kind.purpose, reason=reason or "revoked by staff", actor=actor_of(user), user=user
    )
    if not revoked:
        link_event_record(kind=EventKind.REVOKED, target=rr, actor=actor_of(user), user=user, detail={"reason": reason})
    return rr


# --- A newer version takes the place of older ones -----------------------------------------------------


def ratification_supersede(kind: RatificationKind, *, versions, by_version) -> int:
    """Close the pending and expired requests of `versions` (links revoked, audit event); the contacts who
    had not answered are told by email that `by_version` replaced the version. Call inside a transaction."""
    model = kind.request_model
    now = timezone.now()
    count = 0
    for rr in (
        model.objects.select_for_update(of=("self",))
        .filter(version__in=versions, status__in=[RatificationStatus.PENDING, RatificationStatus.EXPIRED])
        .select_related("stakeholder", kind.city_path)
    ):
        was_pending = rr.status == RatificationStatus.PENDING
        rr.status, rr.closed_at = RatificationStatus.SUPERSEDED, now
        rr.save(update_fields=["status", "closed_at"])
        link_revoke_for_target(target=rr, purpose=kind.purpose, reason="superseded")
        link_event_record(
            kind=EventKind.SUPERSEDED, target=rr, actor="system", detail={"by_version": by_version.number}
        )
        if was_pending and rr.contact_email:
            superseded_email_queue(kind, rr, by_version=by_version)
        count += 1
    return count


# --- Tally ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
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


def ratification_tally(kind: RatificationKind, *, version) -> Tally:
    """Decisions of active stakeholders against the city's quorum (2 queries, counted by the database)."""
    city = kind.city_of(version)
    counts = kind.request_model.objects.filter(version=version, stakeholder__is_active=True).aggregate(
        ratified=Count("pk", filter=Q(status=RatificationStatus.RATIFIED)),
        declined=Count("pk", filter=Q(status=RatificationStatus.DECLINED)),
    )
    active = Stakeholder.objects.filter(city_id=city.pk, is_active=True).count()
    return Tally(active=active, quorum=city.ratification_quorum, **counts)
