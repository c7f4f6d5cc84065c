"""Writes for the consultations app: the cycle's transitions and gates, agendas, invitations
answered through emailed links, attendance and minutes."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from links.models import EmailLink, EventKind
from links.services import link_event_record, link_revoke_for_target
from outbox.services import email_queue
from stakeholders.models import Contact, Stakeholder

from .calendar import consultation_ics
from .documents import agenda_pdf
from .models import (
    AgendaItem,
    AgendaSubPoint,
    Answer,
    Consultation,
    ConsultationStatus,
    GateOverride,
    Invitation,
    Minutes,
)
from .selectors import consultation_gate_checks, consultation_previous, tor_is_adopted

# ---------------------------------------------------------------------------
# Consultations
# ---------------------------------------------------------------------------

CONSULTATION_FIELDS = (
    "title_fr",
    "title_ar",
    "objectives_fr",
    "objectives_ar",
    "expected_outcome_fr",
    "expected_outcome_ar",
    "venue_fr",
    "venue_ar",
    "date",
    "start_time",
    "end_time",
    "languages",
    "chatham_house",
)


@transaction.atomic
def consultation_create(*, city: City, number: int, title_fr: str, **fields) -> Consultation:
    """Plan step `number` of the city's cycle (its kind follows from the number)."""
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation(city=city, number=number, title_fr=title_fr, **fields)
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, **fields) -> Consultation:
    """Edit a consultation that is not closed; its agenda must still fit new hours."""
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    if consultation.is_closed:
        raise ValidationError(_("A closed consultation can no longer be changed."))
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    problems = agenda_problems(consultation=consultation, items=list(consultation.agenda_items.all()))
    if problems:
        raise ValidationError(problems)
    consultation.save()
    return consultation


@transaction.atomic
def consultation_mark_held(
    *, consultation: Consultation, user, can_override: bool = False, override_reason: str = ""
) -> Consultation:
    """Mark a planned consultation held. Gates that still block need a coordinator's override
    with a reason; each override is recorded in its own row (who, when, why)."""
    consultation = Consultation.objects.select_for_update().select_related("city").get(pk=consultation.pk)
    if consultation.status not in (ConsultationStatus.PLANNED, ConsultationStatus.INVITATIONS_SENT):
        raise ValidationError(_("This consultation is already marked held."))
    if consultation.starts_at > timezone.now():
        raise ValidationError(_("A consultation cannot be marked held before it starts."))
    checks = consultation_gate_checks(
        consultation=consultation,
        previous=consultation_previous(consultation=consultation),
        tor_adopted=tor_is_adopted(city=consultation.city) if consultation.number == 2 else None,
    )
    blocking = [c for c in checks if c.blocks]
    if blocking:
        reason = (override_reason or "").strip()
        if not can_override:
            raise ValidationError(
                [c.message for c in blocking] + [_("Only a coordinator can go ahead anyway, giving a reason.")]
            )
        if not reason:
            raise ValidationError(
                [c.message for c in blocking] + [_("Give the reason for going ahead anyway: it is recorded.")]
            )
        if len(reason) > 2000:
            raise ValidationError(_("The reason is too long (2,000 characters at most)."))
        for check in blocking:
            override = GateOverride(consultation=consultation, gate=check.gate, reason=reason, user=user)
            override.full_clean()
            override.save()
    consultation.status = ConsultationStatus.HELD
    consultation.held_at = timezone.now()
    consultation.full_clean()
    consultation.save(update_fields=["status", "held_at", "updated_at"])
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, user) -> Consultation:
    """Close a held consultation (a coordinator's act): the next step of the cycle may then be held."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.HELD:
        raise ValidationError(_("Only a consultation that was held can be closed."))
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at", "updated_at"])
    return consultation


# ---------------------------------------------------------------------------
# Agenda
# ---------------------------------------------------------------------------


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _span(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def agenda_order(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (i.start_time, i.position, i.pk or 0))


def agenda_problems(*, consultation: Consultation, items: Sequence[AgendaItem]) -> list[str]:
    """Why this set of items cannot be the agenda: items outside the consultation's hours, and
    every pair of items that overlap, each named with its times. Empty when all is well.

    Items overlap when one starts before the other ends; two items with exactly the same times
    form one slot only when the later one says it shares the previous item's slot."""
    problems = []
    ordered = agenda_order(items)
    hours = _span(consultation.start_time, consultation.end_time)
    for item in ordered:
        if item.start_time >= item.end_time:
            problems.append(
                _("“%(item)s” (%(time)s) must end after it starts.")
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time)}
            )
        elif item.start_time < consultation.start_time or item.end_time > consultation.end_time:
            problems.append(
                _("“%(item)s” (%(time)s) is outside the consultation's hours (%(hours)s).")
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time), "hours": hours}
            )
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.start_time >= first.end_time:
                break
            same_slot = (first.start_time, first.end_time) == (second.start_time, second.end_time)
            if same_slot and second.shares_slot:
                continue
            problems.append(
                _("“%(first)s” (%(first_time)s) and “%(second)s” (%(second_time)s) overlap.")
                % {
                    "first": first.title_fr or first.title,
                    "first_time": _span(first.start_time, first.end_time),
                    "second": second.title_fr or second.title,
                    "second_time": _span(second.start_time, second.end_time),
                }
            )
    for index, item in enumerate(ordered):
        if not item.shares_slot:
            continue
        before = ordered[index - 1] if index > 0 else None
        if before is None or (before.start_time, before.end_time) != (item.start_time, item.end_time):
            problems.append(
                _(
                    "“%(item)s” (%(time)s) shares the time slot of the previous item, but the previous item has other times."
                )
                % {"item": item.title_fr or item.title, "time": _span(item.start_time, item.end_time)}
            )
    return problems


def _agenda_items_locked(consultation: Consultation) -> list[AgendaItem]:
    return agenda_order(AgendaItem.objects.select_for_update().filter(consultation=consultation))


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


def _check_editable(consultation: Consultation) -> None:
    if consultation.is_closed:
        raise ValidationError(_("A closed consultation can no longer be changed."))


AGENDA_ITEM_FIELDS = (
    "start_time",
    "end_time",
    "shares_slot",
    "kind",
    "title_fr",
    "title_ar",
    "description_fr",
    "description_ar",
    "moderator_contact",
    "moderator_name",
    "moderator_function_fr",
    "moderator_function_ar",
)


def _save_agenda(consultation: Consultation, items: list[AgendaItem], *, changed: AgendaItem | None = None) -> None:
    problems = agenda_problems(consultation=consultation, items=items)
    if problems:
        raise ValidationError(problems)
    ordered = agenda_order(items)
    _renumber(ordered)
    for item in ordered:
        if item is changed:
            continue
        item.save(update_fields=["start_time", "end_time", "position", "shares_slot"])


def _set_sub_points(item: AgendaItem, sub_points: Sequence[tuple[str, str]]) -> None:
    item.sub_points.all().delete()
    rows = []
    for position, (title_fr, title_ar) in enumerate(sub_points, start=1):
        sub_point = AgendaSubPoint(item=item, position=position, title_fr=title_fr, title_ar=title_ar)
        sub_point.full_clean(exclude=["item"])
        rows.append(sub_point)
    AgendaSubPoint.objects.bulk_create(rows)


def _check_people(consultation: Consultation, fields: dict, speakers: Sequence[Stakeholder]) -> None:
    contact = fields.get("moderator_contact")
    if contact is not None and contact.stakeholder.city_id != consultation.city_id:
        raise ValidationError({"moderator_contact": _("This contact does not belong to this city's group.")})
    if any(s.city_id != consultation.city_id for s in speakers):
        raise ValidationError({"speakers": _("A speaker does not belong to this city's group.")})


@transaction.atomic
def agenda_item_create(
    *,
    consultation: Consultation,
    title_fr: str,
    start_time: dt.time,
    end_time: dt.time,
    kind: str,
    sub_points: Sequence[tuple[str, str]] = (),
    speakers: Sequence[Stakeholder] = (),
    **fields,
) -> AgendaItem:
    """Add an item; the agenda must stay inside the consultation's hours without overlaps."""
    unknown = set(fields) - set(AGENDA_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _check_editable(consultation)
    _check_people(consultation, fields, speakers)
    items = _agenda_items_locked(consultation)
    item = AgendaItem(
        consultation=consultation,
        title_fr=title_fr,
        start_time=start_time,
        end_time=end_time,
        kind=kind,
        position=max((i.position for i in items), default=0) + 1,
        **fields,
    )
    item.full_clean(exclude=["position"])
    items.append(item)
    _save_agenda(consultation, items, changed=item)
    item.save()
    item.speakers.set(speakers)
    _set_sub_points(item, sub_points)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    sub_points: Sequence[tuple[str, str]] | None = None,
    speakers: Sequence[Stakeholder] | None = None,
    **fields,
) -> AgendaItem:
    unknown = set(fields) - set(AGENDA_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    _check_editable(consultation)
    _check_people(consultation, fields, speakers or ())
    items = _agenda_items_locked(consultation)
    locked = next(i for i in items if i.pk == item.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.moderator_contact_id:
        locked.moderator_name = ""
    locked.full_clean()
    _save_agenda(consultation, items, changed=locked)
    locked.save()
    if speakers is not None:
        locked.speakers.set(speakers)
    if sub_points is not None:
        _set_sub_points(locked, sub_points)
    return locked


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    _check_editable(consultation)
    items = [i for i in _agenda_items_locked(consultation) if i.pk != item.pk]
    AgendaItem.objects.filter(pk=item.pk).delete()
    # The item after a deleted slot leader leads the slot now.
    for index, other in enumerate(items):
        if other.shares_slot and (
            index == 0 or (items[index - 1].start_time, items[index - 1].end_time) != (other.start_time, other.end_time)
        ):
            other.shares_slot = False
    _save_agenda(consultation, items)


def _slots(items: list[AgendaItem]) -> list[list[AgendaItem]]:
    """Consecutive items with the same times form one slot."""
    slots: list[list[AgendaItem]] = []
    for item in items:
        if slots and (slots[-1][0].start_time, slots[-1][0].end_time) == (item.start_time, item.end_time):
            slots[-1].append(item)
        else:
            slots.append([item])
    return slots


def _move_slot_times(slot: list[AgendaItem], start: int) -> None:
    duration = _minutes(slot[0].end_time) - _minutes(slot[0].start_time)
    for item in slot:
        item.start_time, item.end_time = _time(start), _time(start + duration)


class AgendaAction:
    UP = "up"
    DOWN = "down"
    SHIFT = "shift"


MAX_SHIFT = 240


@transaction.atomic
def agenda_arrange(*, item: AgendaItem, action: str, minutes: int = 0) -> list[AgendaItem]:
    """Reorder or shift in one action, all or nothing.

    - up/down: the item swaps with its neighbour; within a shared slot only the order changes,
      otherwise the two slots swap times (the first starts where the earlier one started, the
      gap between them is kept, and the pair ends where it ended).
    - shift: this item's slot and every later item move by `minutes` (negative moves earlier);
      refused, naming the clashing items, if the agenda would overlap or leave the hours.
    """
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    _check_editable(consultation)
    items = _agenda_items_locked(consultation)
    slots = _slots(items)
    slot_index = next(n for n, slot in enumerate(slots) if any(i.pk == item.pk for i in slot))
    slot = slots[slot_index]
    in_slot = next(n for n, i in enumerate(slot) if i.pk == item.pk)

    if action == AgendaAction.SHIFT:
        if not minutes or abs(minutes) > MAX_SHIFT:
            raise ValidationError(
                _("Shift by a number of minutes between -%(max)s and %(max)s, not zero.") % {"max": MAX_SHIFT}
            )
        for later in slots[slot_index:]:
            start = _minutes(later[0].start_time) + minutes
            end = _minutes(later[0].end_time) + minutes
            if start < 0 or end >= 24 * 60:
                raise ValidationError(_("The shift would move items past midnight."))
            _move_slot_times(later, start)
        _save_agenda(consultation, items)
        return agenda_order(items)

    if action not in (AgendaAction.UP, AgendaAction.DOWN):
        raise ValidationError(_("Unknown action."))
    step = -1 if action == AgendaAction.UP else 1
    if 0 <= in_slot + step < len(slot):
        # Two topics of one slot: only their order changes.
        slot[in_slot], slot[in_slot + step] = slot[in_slot + step], slot[in_slot]
    else:
        other_index = slot_index + step
        if not 0 <= other_index < len(slots):
            raise ValidationError(
                _("This item is already first.") if action == AgendaAction.UP else _("This item is already last.")
            )
        first, second = sorted([slot_index, other_index])
        early, late = slots[first], slots[second]
        start = _minutes(early[0].start_time)
        gap = _minutes(late[0].start_time) - _minutes(early[0].end_time)
        late_duration = _minutes(late[0].end_time) - _minutes(late[0].start_time)
        _move_slot_times(late, start)
        _move_slot_times(early, start + late_duration + gap)
        slots[first], slots[second] = late, early
    ordered = [i for s in slots for i in s]
    for s in slots:
        for n, i in enumerate(s):
            i.shares_slot = n > 0
    for position, i in enumerate(ordered, start=1):
        i.position = position
    problems = agenda_problems(consultation=consultation, items=ordered)
    if problems:
        raise ValidationError(problems)
    for i in ordered:
        i.save(update_fields=["start_time", "end_time", "position", "shares_slot"])
    return ordered


# ---------------------------------------------------------------------------
# Invitations, answers, attendance
# ---------------------------------------------------------------------------

INVITATION_PURPOSE = "invitation"


def invitation_batch(consultation: Consultation) -> str:
    return f"invitation:consultation:{consultation.pk}"


def _invitation_link_expiry(consultation: Consultation) -> dt.datetime:
    """Answers are taken until the consultation is held; the link lives until its end (at least a day)."""
    return max(consultation.ends_at, timezone.now() + dt.timedelta(days=1))


@dataclass
class InvitationSendResult:
    sent: list[Invitation]
    already_invited: list[Stakeholder]
    without_email: list[Stakeholder]


def _invitation_email(*, invitation: Invitation, contact, attachments_cache: dict):
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
def invitations_send(
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
        _invitation_email(invitation=invitation, contact=contact, attachments_cache=attachments)
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
    _invitation_email(invitation=invitation, contact=contact, attachments_cache={})
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
    return AnswerOutcome.RECORDED if previous == Answer.PENDING else AnswerOutcome.CHANGED


@transaction.atomic
def invitation_attendance_set(*, invitation: Invitation, attended: bool) -> Invitation:
    """Tick (or untick) a stakeholder at the door."""
    invitation = Invitation.objects.select_for_update().select_related("consultation").get(pk=invitation.pk)
    if invitation.consultation.is_closed:
        raise ValidationError(_("A closed consultation can no longer be changed."))
    invitation.attended = attended
    invitation.attendance_recorded_at = timezone.now()
    invitation.save(update_fields=["attended", "attendance_recorded_at"])
    return invitation


@transaction.atomic
def invitation_walk_in_add(*, consultation: Consultation, stakeholder: Stakeholder) -> Invitation:
    """A stakeholder of the group who came without an invitation: recorded as present."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_closed:
        raise ValidationError(_("A closed consultation can no longer be changed."))
    if stakeholder.city_id != consultation.city_id:
        raise ValidationError(_("This stakeholder does not belong to this city's group."))
    invitation, created = Invitation.objects.get_or_create(
        consultation=consultation,
        stakeholder=stakeholder,
        defaults={"walk_in": True, "attended": True, "attendance_recorded_at": timezone.now()},
    )
    if not created and not invitation.attended:
        invitation.attended = True
        invitation.attendance_recorded_at = timezone.now()
        invitation.save(update_fields=["attended", "attendance_recorded_at"])
    return invitation


# ---------------------------------------------------------------------------
# Minutes
# ---------------------------------------------------------------------------

MINUTES_FIELDS = (
    "summary_fr",
    "summary_ar",
    "decisions_fr",
    "decisions_ar",
    "next_steps_fr",
    "next_steps_ar",
    "attributed_statements_fr",
    "attributed_statements_ar",
)


@transaction.atomic
def minutes_save(*, consultation: Consultation, user, **fields) -> Minutes:
    """Write the minutes of a held consultation. Under the Chatham House rule nothing may be
    attributed: the attribution field is refused (and the form does not show it)."""
    unknown = set(fields) - set(MINUTES_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.HELD:
        raise ValidationError(_("Minutes are written once the consultation is held, and until it is closed."))
    minutes = Minutes.objects.filter(consultation=consultation).first() or Minutes(consultation=consultation)
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes.updated_by = user
    minutes.full_clean()
    minutes.save()
    return minutes
