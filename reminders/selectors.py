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
from django.utils.translation import get_language

from cities.models import City
from common.collation import translated_name_order
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
    model: type  # Invitation, a ratification request model, FeedbackRequest
    target_id: int
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
    # The object itself, loaded only for those who get an email (targets_load): computing who is due reads
    # plain values, 15,000 model instances would cost seconds.
    target: object = None

    @property
    def by_email(self) -> bool:
        return self.channel == SendChannel.EMAIL and bool(self.to)

    @property
    def key(self) -> tuple[int, int]:
        return ContentType.objects.get_for_model(self.model).pk, self.target_id


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


def _name(row: dict, prefix: str) -> str:
    """A translated name read as values: the active language's, else the French one."""
    return row.get(f"{prefix}_{get_language()}") or row[f"{prefix}_fr"]


CONTACT_FIELDS = ("contact__name", "contact__email", "contact__phone", "contact__erased_at")


def _contact(row: dict) -> tuple[str, str, str]:
    """Name, email, phone of the row's contact, blank when it has none or it was erased."""
    if row["contact__name"] is None or row["contact__erased_at"] is not None:
        return "", "", ""
    return row["contact__name"], row["contact__email"], row["contact__phone"]


def _pending_to_contact(row: dict, *, kind: str, model, **rest) -> Pending:
    """The Pending of a row that reaches its stakeholder through a contact (CONTACT_FIELDS)."""
    name, email, phone = _contact(row)
    return Pending(
        kind=kind,
        model=model,
        target_id=row["pk"],
        stakeholder_name=_name(row, "stakeholder__name"),
        contact_name=name,
        to=email,
        phone=phone,
        **rest,
    )


def pending_invitations(
    *, city: City, consultation: Consultation | None = None, until: dt.datetime | None = None
) -> list[Pending]:
    """Invitations sent and not answered, of consultations still taking answers (held by `until` when
    given) (1 query)."""
    qs = (
        Invitation.objects.filter(
            consultation__city=city,
            consultation__status__in=[ConsultationStatus.PLANNED, ConsultationStatus.INVITATIONS_SENT],
            sent_at__isnull=False,
            answer=Answer.PENDING,
        )
        .annotate(link_expiry=_current_link_expiry(Invitation, INVITATION_PURPOSE))
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    if until is not None:
        qs = qs.filter(consultation__date__lte=timezone.localdate(until, timezone=city.tzinfo))
    rows = qs.values(
        "pk",
        "language",
        "send_channel",
        "link_expiry",
        "consultation__date",
        "consultation__start_time",
        "stakeholder__name_fr",
        "stakeholder__name_ar",
        *CONTACT_FIELDS,
    )
    tz = city.tzinfo
    return [
        _pending_to_contact(
            row,
            kind=ReminderKind.INVITATION,
            model=Invitation,
            language=row["language"] if row["language"] in ("fr", "ar") else "fr",
            channel=row["send_channel"],
            deadline=dt.datetime.combine(row["consultation__date"], row["consultation__start_time"], tzinfo=tz),
            link_expires_at=row["link_expiry"],
        )
        for row in rows
    ]


def pending_ratifications(
    kind: RatificationKind, *, city: City, version=None, now=None, until: dt.datetime | None = None
) -> list[Pending]:
    """Pending requests whose link has not expired (and expires by `until` when given), of versions still
    open (1 query)."""
    now = now or timezone.now()
    qs = kind.request_model.objects.filter(
        **{kind.city_path: city},
        status=RatificationStatus.PENDING,
        expires_at__gt=now,
        version__status__in=kind.open_statuses,
    ).order_by(translated_name_order(prefix="stakeholder__"), "pk")
    if version is not None:
        qs = qs.filter(version=version)
    if until is not None:
        qs = qs.filter(expires_at__lte=until)
    rows = qs.values(
        "pk",
        "language",
        "send_channel",
        "expires_at",
        "contact_name",
        "contact_email",
        "stakeholder__name_fr",
        "stakeholder__name_ar",
        "contact__phone",
        "contact__erased_at",
    )
    return [
        Pending(
            kind=ReminderKind.RATIFICATION,
            model=kind.request_model,
            target_id=row["pk"],
            stakeholder_name=_name(row, "stakeholder__name"),
            contact_name=row["contact_name"],
            to=row["contact_email"],
            phone=(row["contact__phone"] or "") if row["contact__erased_at"] is None else "",
            language=row["language"],
            channel=row["send_channel"],
            deadline=row["expires_at"],
            link_expires_at=row["expires_at"],
            ratification_kind=kind,
        )
        for row in rows
    ]


def pending_feedback(*, city: City, version=None, until: dt.datetime | None = None) -> list[Pending]:
    """Stakeholders asked for feedback on a version still circulated (this one when given), who left none,
    and whose link still runs (closing by `until` when given) (1 query)."""
    qs = (
        FeedbackRequest.objects.filter(version__tor__city=city, version__status=VersionStatus.CIRCULATED)
        .annotate(
            link_expiry=_current_link_expiry(FeedbackRequest, FEEDBACK_PURPOSE),
            answered=Exists(
                TorFeedback.objects.filter(version=OuterRef("version"), stakeholder=OuterRef("stakeholder"))
            ),
        )
        .filter(answered=False, link_expiry__isnull=False)
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    if version is not None:
        qs = qs.filter(version=version)
    if until is not None:
        qs = qs.filter(link_expiry__lte=until)
    rows = qs.values("pk", "language", "link_expiry", "stakeholder__name_fr", "stakeholder__name_ar", *CONTACT_FIELDS)
    return [
        _pending_to_contact(
            row,
            kind=ReminderKind.FEEDBACK,
            model=FeedbackRequest,
            language=row["language"],
            channel=SendChannel.EMAIL,
            deadline=row["link_expiry"],
            link_expires_at=row["link_expiry"],
        )
        for row in rows
    ]


def pending_all(*, city: City, now=None, until: dt.datetime | None = None) -> list[Pending]:
    """Everything the city's stakeholders have not answered, with a deadline by `until` when given
    (2 queries + 1 per ratification kind)."""
    out = pending_invitations(city=city, until=until) + pending_feedback(city=city, until=until)
    for kind in all_kinds():
        out += pending_ratifications(kind, city=city, now=now, until=until)
    return out


def targets_load(pendings: list[Pending]) -> list[Pending]:
    """Load the objects behind these pendings, with what their emails show (1 query per kind of object)."""
    by_model: dict[type, list[Pending]] = {}
    for pending in pendings:
        by_model.setdefault(pending.model, []).append(pending)
    for model, group in by_model.items():
        if model is Invitation:
            related = ("consultation__city", "stakeholder", "contact")
        elif model is FeedbackRequest:
            related = ("version__tor__city", "stakeholder", "contact")
        else:
            related = (group[0].ratification_kind.city_path, "stakeholder")
        objects = model.objects.select_related(*related).in_bulk([p.target_id for p in group])
        for pending in group:
            pending.target = objects.get(pending.target_id)
    return [p for p in pendings if p.target is not None]


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
    type_ids = {p.key[0] for p in pendings}
    ids = {p.target_id for p in pendings}
    out: dict[tuple[int, int], tuple[set[str], dt.datetime | None]] = {}
    for type_id, target_id, slot, sent_at in ReminderLog.objects.filter(
        target_type_id__in=type_ids, target_id__in=ids
    ).values_list("target_type_id", "target_id", "slot", "sent_at"):
        slots, latest = out.get((type_id, target_id), (set(), None))
        slots.add(slot)
        out[(type_id, target_id)] = (slots, sent_at if latest is None or sent_at > latest else latest)
    return out


def reminders_due(*, city: City, policy: ReminderPolicy, now=None) -> list[Pending]:
    """The scheduled reminders the city's policy calls for now and that the log does not hold yet, each
    with its `slot` (4 queries + 1 per ratification kind). Contacts reached by post or phone are included:
    the caller lists them, it does not email them."""
    now = now or timezone.now()
    candidates = []
    # Only deadlines inside the window can be due: the database leaves the others out.
    until = now + max(dt.timedelta(days=policy.days_before), LAST_REMINDER_BEFORE)
    for pending in pending_all(city=city, now=now, until=until):
        pending.slot = scheduled_slot(pending=pending, policy=policy, now=now)
        if pending.slot:
            candidates.append(pending)
    log = _log_by_target(candidates)
    due = []
    for pending in candidates:
        slots, latest = log.get(pending.key, (set(), None))
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
