"""Reads of the reminders app: who has not answered (invitations, ratification requests, feedback), which
reminder each of them is due, and the log.

A `Pending` is one stakeholder that has not answered one thing: with its deadline, the expiry of the link
it already holds (a reminder reuses that expiry, so links.services.link_issue keeps the earlier link alive),
and the channel it was reached by (a contact reached by post or phone is listed "to call / to write",
never emailed). Each list costs one query per kind of thing, whatever the number of stakeholders.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from cities.models import City
from consultations.models import Answer, Consultation, ConsultationStatus, Invitation
from consultations.services.invitations import INVITATION_PURPOSE
from links.models import EmailLink
from ratification.kinds import RatificationKind, all_kinds
from ratification.models import RatificationStatus
from stakeholders.models import SendChannel
from terms.models import FeedbackRequest, TorFeedback, VersionStatus
from terms.services.feedback import FEEDBACK_PURPOSE

from .models import ReminderKind, ReminderLog, ReminderPolicy

# The last reminder of a ratification request goes out in the last day before its link expires.
LAST_REMINDER_BEFORE = dt.timedelta(days=1)
# Whatever the slots say, a stakeholder gets at most one reminder of one thing in this span.
MIN_GAP = dt.timedelta(hours=20)


@dataclass
class Pending:
    kind: str  # ReminderKind
    target: object  # the Invitation, ratification request or FeedbackRequest
    stakeholder_name: str
    contact_name: str
    to: str  # email address ("" when reached by post or phone)
    phone: str
    language: str
    channel: str  # SendChannel
    deadline: dt.datetime
    link_expires_at: dt.datetime | None
    ratification_kind: RatificationKind | None = None
    slot: str = ""

    @property
    def by_email(self) -> bool:
        return self.channel == SendChannel.EMAIL and bool(self.to)


def policy_get(city: City) -> ReminderPolicy:
    """The city's policy, or an unsaved default one (off)."""
    policy = ReminderPolicy.objects.filter(city=city).first()
    return policy or ReminderPolicy(city=city)


def _current_link_expiry(model, purpose: str):
    """The expiry of the target's newest unrevoked link of this purpose (a subquery)."""
    return Subquery(
        EmailLink.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id=OuterRef("pk"),
            purpose=purpose,
            revoked_at__isnull=True,
        )
        .order_by("-created_at", "-pk")
        .values("expires_at")[:1]
    )


def pending_invitations(*, city: City, consultation: Consultation | None = None) -> list[Pending]:
    """Invitations sent and not answered, of consultations still taking answers (1 query)."""
    qs = (
        Invitation.objects.filter(
            consultation__city=city,
            consultation__status__in=[ConsultationStatus.PLANNED, ConsultationStatus.INVITATIONS_SENT],
            sent_at__isnull=False,
            answer=Answer.PENDING,
        )
        .select_related("consultation", "stakeholder", "contact")
        .annotate(link_expiry=_current_link_expiry(Invitation, INVITATION_PURPOSE))
        .order_by("stakeholder__name_fr", "pk")
    )
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    out = []
    for invitation in qs:
        invitation.consultation.city = city
        contact = invitation.contact
        reachable = contact is not None and contact.erased_at is None
        out.append(
            Pending(
                kind=ReminderKind.INVITATION,
                target=invitation,
                stakeholder_name=invitation.stakeholder.name,
                contact_name=contact.name if reachable else "",
                to=contact.email if reachable else "",
                phone=contact.phone if reachable else "",
                language=invitation.language if invitation.language in ("fr", "ar") else "fr",
                channel=invitation.send_channel,
                deadline=invitation.consultation.starts_at,
                link_expires_at=invitation.link_expiry,
            )
        )
    return out


def pending_ratifications(kind: RatificationKind, *, city: City, version=None, now=None) -> list[Pending]:
    """Pending requests whose link has not expired, of versions still open (1 query)."""
    now = now or timezone.now()
    qs = (
        kind.request_model.objects.filter(
            **{kind.city_path: city},
            status=RatificationStatus.PENDING,
            expires_at__gt=now,
            version__status__in=kind.open_statuses,
        )
        .select_related("stakeholder", "version", "contact")
        .order_by("stakeholder__name_fr", "pk")
    )
    if version is not None:
        qs = qs.filter(version=version)
    out = []
    for rr in qs:
        contact = rr.contact
        out.append(
            Pending(
                kind=ReminderKind.RATIFICATION,
                target=rr,
                stakeholder_name=rr.stakeholder.name,
                contact_name=rr.contact_name,
                to=rr.contact_email,
                phone=contact.phone if contact is not None and contact.erased_at is None else "",
                language=rr.language,
                channel=rr.send_channel,
                deadline=rr.expires_at,
                link_expires_at=rr.expires_at,
                ratification_kind=kind,
            )
        )
    return out


def pending_feedback(*, city: City) -> list[Pending]:
    """Stakeholders asked for feedback on a version still circulated, who left none, and whose link
    still runs (1 query)."""
    qs = (
        FeedbackRequest.objects.filter(version__tor__city=city, version__status=VersionStatus.CIRCULATED)
        .annotate(
            link_expiry=_current_link_expiry(FeedbackRequest, FEEDBACK_PURPOSE),
            answered=Exists(
                TorFeedback.objects.filter(version=OuterRef("version"), stakeholder=OuterRef("stakeholder"))
            ),
        )
        .filter(answered=False, link_expiry__isnull=False)
        .select_related("version", "stakeholder", "contact")
        .order_by("stakeholder__name_fr", "pk")
    )
    out = []
    for fr in qs:
        contact = fr.contact
        reachable = contact is not None and contact.erased_at is None
        out.append(
            Pending(
                kind=ReminderKind.FEEDBACK,
                target=fr,
                stakeholder_name=fr.stakeholder.name,
                contact_name=contact.name if reachable else "",
                to=contact.email if reachable else "",
                phone=contact.phone if reachable else "",
                language=fr.language,
                channel=SendChannel.EMAIL,
                deadline=fr.link_expiry,
                link_expires_at=fr.link_expiry,
            )
        )
    return out


def pending_all(*, city: City, now=None) -> list[Pending]:
    """Everything the city's stakeholders have not answered (3 queries + 1 per ratification kind)."""
    out = pending_invitations(city=city) + pending_feedback(city=city)
    for kind in all_kinds():
        out += pending_ratifications(kind, city=city, now=now)
    return out


def scheduled_slot(*, pending: Pending, policy: ReminderPolicy, now: dt.datetime) -> str:
    """The occasion a scheduled reminder is due for now, or "".

    From `days_before` days before the deadline, "auto:0", then "auto:1" `repeat_days` later, and so on
    until the deadline; a ratification request gets "last" in the last day before its link expires.
    """
    deadline = pending.deadline
    if deadline is None or now >= deadline:
        return ""
    if pending.kind == ReminderKind.RATIFICATION and deadline - now <= LAST_REMINDER_BEFORE:
        return "last"
    start = deadline - dt.timedelta(days=policy.days_before)
    if now < start:
        return ""
    rank = 0 if not policy.repeat_days else (now - start) // dt.timedelta(days=policy.repeat_days)
    return f"auto:{rank}"


def _log_by_target(pendings: list[Pending]) -> dict[tuple[int, int], tuple[set[str], dt.datetime | None]]:
    """What the log holds for these targets: their occasions and their latest reminder (1 query)."""
    if not pendings:
        return {}
    type_ids = {ContentType.objects.get_for_model(type(p.target)).pk for p in pendings}
    ids = {p.target.pk for p in pendings}
    out: dict[tuple[int, int], tuple[set[str], dt.datetime | None]] = {}
    for type_id, target_id, slot, sent_at in ReminderLog.objects.filter(
        target_type_id__in=type_ids, target_id__in=ids
    ).values_list("target_type_id", "target_id", "slot", "sent_at"):
        slots, latest = out.get((type_id, target_id), (set(), None))
        slots.add(slot)
        out[(type_id, target_id)] = (slots, sent_at if latest is None or sent_at > latest else latest)
    return out


def target_key(target) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(target)).pk, target.pk


def reminders_due(*, city: City, policy: ReminderPolicy, now=None) -> list[Pending]:
    """The scheduled reminders the city's policy calls for now and that the log does not hold yet, each
    with its `slot` (4 queries + 1 per ratification kind). Contacts reached by post or phone are included:
    the caller lists them, it does not email them."""
    now = now or timezone.now()
    candidates = []
    for pending in pending_all(city=city, now=now):
        pending.slot = scheduled_slot(pending=pending, policy=policy, now=now)
        if pending.slot:
            candidates.append(pending)
    log = _log_by_target(candidates)
    due = []
    for pending in candidates:
        slots, latest = log.get(target_key(pending.target), (set(), None))
        if pending.slot in slots or (latest is not None and now - latest < MIN_GAP):
            continue
        due.append(pending)
    return due


def reminded_today(pendings: list[Pending], *, city: City, now=None) -> set[tuple[int, int]]:
    """The targets staff already reminded by hand today (the city's day) (1 query)."""
    slot = manual_slot(city=city, now=now)
    return {key for key, (slots, _latest) in _log_by_target(pendings).items() if slot in slots}


def manual_slot(*, city: City, now=None) -> str:
    """Staff's button reminds a stakeholder of one thing at most once a day (the city's day)."""
    today = timezone.localdate(now or timezone.now(), timezone=city.tzinfo)
    return f"manual:{today.isoformat()}"


def reminder_log(*, city: City):
    """The city's reminders, newest first."""
    return ReminderLog.objects.filter(city=city).select_related("target_type", "sent_by").order_by("-sent_at", "-pk")
