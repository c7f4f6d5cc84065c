"""Reads for the consultations app. Each page's data comes from a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.models import City
from common.bidi import TranslationGap, translation_gaps
from common.collation import translated_name_order
from common.text import normalize_search_text
from stakeholders.models import Contact, Stakeholder
from terms.selectors import tor_adopted_version

from .models import (
    CYCLE_LENGTH,
    KIND_BY_NUMBER,
    AgendaItem,
    AgendaSubPoint,
    Answer,
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Gate,
    GateOverride,
    Invitation,
    Minutes,
)


def tor_is_adopted(*, city: City) -> bool:
    """Whether the city's terms of reference have an adopted version (terms app)."""
    return tor_adopted_version(city=city) is not None


@dataclass(frozen=True)
class GateCheck:
    gate: str
    message: str
    override: GateOverride | None

    @property
    def blocks(self) -> bool:
        return self.override is None


def consultation_gate_checks(
    *, consultation: Consultation, previous: Consultation | None, tor_adopted: bool | None, overrides=None
) -> list[GateCheck]:
    """The gates that hold this consultation back, each with its override if a coordinator gave one.

    - Consultation n cannot be held before consultation n-1 is closed.
    - Consultation 2 warns while the city's terms of reference are not adopted.
    `previous` and `tor_adopted` come from selectors so pages keep a constant number of queries.
    """
    if overrides is None:
        overrides = list(consultation.overrides.all())
    by_gate = {o.gate: o for o in overrides}
    checks = []
    if consultation.number > 1 and (previous is None or previous.status != ConsultationStatus.CLOSED):
        checks.append(
            GateCheck(
                gate=Gate.PREVIOUS_NOT_CLOSED,
                message=_("Consultation %(number)s is not closed yet.") % {"number": consultation.number - 1},
                override=by_gate.get(Gate.PREVIOUS_NOT_CLOSED),
            )
        )
    if consultation.number == 2 and tor_adopted is False:
        checks.append(
            GateCheck(
                gate=Gate.TOR_NOT_ADOPTED,
                message=_("The terms of reference are not adopted yet."),
                override=by_gate.get(Gate.TOR_NOT_ADOPTED),
            )
        )
    return checks


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery: counts of several relations without multiplying rows."""
    counted = queryset.order_by().values("consultation").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _with_counts(queryset: QuerySet) -> QuerySet:
    items = AgendaItem.objects.filter(consultation=OuterRef("pk"))
    invitations = Invitation.objects.filter(consultation=OuterRef("pk"))
    sent = invitations.filter(sent_at__isnull=False)
    return queryset.annotate(
        item_count=_count(items),
        items_without_arabic=_count(items.filter(Q(title_ar="") | Q(title_ar__isnull=True))),
        invited_count=_count(sent),
        answered_count=_count(sent.exclude(answer=Answer.PENDING)),
        # Answers count among the invitations sent, like "invited"; presence counts everyone who came,
        # and those who came without an invitation sent (walk-ins, unsent invitations) are counted apart.
        attending_count=_count(sent.filter(answer__in=[Answer.ATTENDING, Answer.DELEGATE])),
        declined_count=_count(sent.filter(answer=Answer.NOT_ATTENDING)),
        attended_count=_count(invitations.filter(attended=True)),
        attended_uninvited_count=_count(invitations.filter(attended=True, sent_at__isnull=True)),
        has_minutes=Exists(Minutes.objects.filter(consultation=OuterRef("pk"))),
    )


def consultation_previous(*, consultation: Consultation) -> Consultation | None:
    if consultation.number <= 1:
        return None
    return (
        Consultation.objects.filter(city_id=consultation.city_id, number=consultation.number - 1)
        .only("pk", "number", "status", "city_id")
        .first()
    )


def _overrides_prefetch() -> Prefetch:
    return Prefetch("overrides", queryset=GateOverride.objects.select_related("user").order_by("created_at", "pk"))


def consultation_get(*, city: City, number: int) -> Consultation:
    """One consultation of the city with its counts and overrides, or 404."""
    consultation = (
        _with_counts(Consultation.objects.filter(city=city, number=number))
        .select_related("minutes")
        .prefetch_related(_overrides_prefetch())
        .first()
    )
    if consultation is None:
        raise Http404
    consultation.city = city
    return consultation


def consultation_get_plain(*, city: City, number: int) -> Consultation:
    consultation = Consultation.objects.filter(city=city, number=number).first()
    if consultation is None:
        raise Http404
    consultation.city = city
    return consultation


def agenda_items(*, consultation: Consultation) -> list[AgendaItem]:
    """The agenda in order, with moderators, speakers and sub-points (three queries)."""
    return list(
        AgendaItem.objects.filter(consultation=consultation)
        .select_related("moderator_contact")
        .prefetch_related(
            Prefetch("sub_points", queryset=AgendaSubPoint.objects.order_by("position", "pk")),
            Prefetch("speakers", queryset=Stakeholder.objects.order_by(translated_name_order(), "pk")),
        )
        .order_by("start_time", "position", "pk")
    )


@dataclass
class CycleStep:
    number: int
    kind: str
    kind_label: str
    consultation: Consultation | None
    gates: list[GateCheck]
    lacks: list[str]
    is_current: bool = False

    @property
    def overrides(self):
        return list(self.consultation.overrides.all()) if self.consultation else []


def consultation_lacks(consultation: Consultation, gates: list[GateCheck]) -> list[str]:
    """What this step still lacks, in the order staff would do it. Needs `_with_counts` annotations."""
    lacks = []
    if consultation.status == ConsultationStatus.CLOSED:
        return lacks
    if not consultation.title_ar:
        lacks.append(_("Arabic title"))
    if not consultation.objectives_fr:
        lacks.append(_("Objectives"))
    elif not consultation.objectives_ar:
        lacks.append(_("Objectives in Arabic"))
    if not consultation.venue_fr:
        lacks.append(_("Venue"))
    if not consultation.item_count:
        lacks.append(_("Agenda"))
    elif consultation.items_without_arabic:
        count = consultation.items_without_arabic
        lacks.append(
            ngettext("Arabic title of %(count)s agenda item", "Arabic titles of %(count)s agenda items", count)
            % {"count": count}
        )
    for gate in gates:
        if gate.blocks:
            lacks.append(
                _("Closing of consultation %(number)s") % {"number": consultation.number - 1}
                if gate.gate == Gate.PREVIOUS_NOT_CLOSED
                else _("Adopted terms of reference")
            )
    if consultation.status == ConsultationStatus.PLANNED:
        lacks.append(_("Invitations"))
    elif consultation.status == ConsultationStatus.INVITATIONS_SENT:
        waiting = consultation.invited_count - consultation.answered_count
        if waiting:
            lacks.append(
                ngettext("%(count)s answer awaited", "%(count)s answers awaited", waiting) % {"count": waiting}
            )
        lacks.append(_("To be marked held"))
    elif consultation.status == ConsultationStatus.HELD:
        if not consultation.attended_count:
            lacks.append(_("Attendance"))
        if not consultation.has_minutes:
            lacks.append(_("Minutes"))
        lacks.append(_("To be closed by a coordinator"))
    return lacks


def cycle_for_city(*, city: City) -> list[CycleStep]:
    """The four steps of the city's cycle (queries: consultations with counts, their overrides, ToR adoption)."""
    consultations = {
        c.number: c
        for c in _with_counts(Consultation.objects.filter(city=city))
        .prefetch_related(_overrides_prefetch())
        .order_by("number")
    }
    tor_adopted = tor_is_adopted(city=city)
    labels = dict(ConsultationKind.choices)
    steps = []
    for number in range(1, CYCLE_LENGTH + 1):
        consultation = consultations.get(number)
        kind = KIND_BY_NUMBER[number]
        if consultation is None:
            steps.append(
                CycleStep(
                    number=number,
                    kind=kind,
                    kind_label=labels[kind],
                    consultation=None,
                    gates=[],
                    lacks=[_("Not planned yet")],
                )
            )
            continue
        consultation.city = city
        gates = consultation_gate_checks(
            consultation=consultation,
            previous=consultations.get(number - 1),
            tor_adopted=tor_adopted,
            overrides=list(consultation.overrides.all()),
        )
        steps.append(
            CycleStep(
                number=number,
                kind=kind,
                kind_label=labels[kind],
                consultation=consultation,
                gates=gates,
                lacks=consultation_lacks(consultation, gates),
            )
        )
    current = next((s for s in steps if s.consultation is None or not s.consultation.is_closed), None)
    if current is not None:
        current.is_current = True
    return steps


def consultation_list_for_city(*, city: City) -> QuerySet:
    return Consultation.objects.filter(city=city).order_by("number")


def invitation_list(*, consultation: Consultation, query: str = "") -> QuerySet:
    """Invitations with their stakeholder, contact and last email (one query per page)."""
    qs = (
        Invitation.objects.filter(consultation=consultation)
        .select_related("stakeholder", "contact", "email")
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    if query:
        qs = qs.filter(stakeholder__search_text__contains=normalize_search_text(query))
    return qs


def attendance_list(*, consultation: Consultation, query: str = "") -> QuerySet:
    qs = (
        Invitation.objects.filter(consultation=consultation)
        .select_related("stakeholder")
        .only(
            "pk",
            "answer",
            "delegate_name",
            "attended",
            "walk_in",
            "stakeholder__name_fr",
            "stakeholder__name_ar",
            "stakeholder__acronym_fr",
            "stakeholder__acronym_ar",
        )
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    if query:
        qs = qs.filter(stakeholder__search_text__contains=normalize_search_text(query))
    return qs


def stakeholders_not_invited(*, consultation: Consultation) -> QuerySet:
    return (
        Stakeholder.objects.filter(city_id=consultation.city_id, is_active=True)
        .exclude(invitations__consultation=consultation)
        .only("pk", "name_fr", "name_ar", "acronym_fr", "acronym_ar")
        .order_by(translated_name_order(), "pk")
    )


def active_stakeholders_with_primary(*, city: City) -> QuerySet:
    """Active stakeholders with their primary contact's email (for the invitation form)."""
    primary = Contact.objects.reachable_primary().filter(stakeholder=OuterRef("pk"))
    return (
        Stakeholder.objects.filter(city=city, is_active=True)
        .annotate(primary_email=Subquery(primary.values("email")[:1]))
        .only("pk", "name_fr", "name_ar", "acronym_fr", "acronym_ar")
        .order_by(translated_name_order(), "pk")
    )


def attendance_for_minutes(*, consultation: Consultation) -> list[Invitation]:
    """Who attended, by organisation (the minutes never list people under the Chatham House rule)."""
    return list(
        Invitation.objects.filter(consultation=consultation, attended=True)
        .select_related("stakeholder", "contact")
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )


def invitation_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Invitation)


@dataclass(frozen=True)
class CycleMark:
    number: int
    kind_label: str
    status: str | None
    status_label: str
    date: date | None


def cycle_marks_for_cities(*, city_ids: list[int]) -> dict[int, list[CycleMark]]:
    """Each city's four steps at a glance, for the home page: one query for any number of cities."""
    rows = Consultation.objects.filter(city_id__in=city_ids).values_list("city_id", "number", "status", "date")
    by_city: dict[int, dict[int, tuple[str, date]]] = {}
    for city_id, number, status, day in rows:
        by_city.setdefault(city_id, {})[number] = (status, day)
    labels = dict(ConsultationKind.choices)
    statuses = dict(ConsultationStatus.choices)
    marks = {}
    for city_id in city_ids:
        steps = by_city.get(city_id, {})
        marks[city_id] = [
            CycleMark(
                number=number,
                kind_label=labels[KIND_BY_NUMBER[number]],
                status=steps[number][0] if number in steps else None,
                status_label=statuses[steps[number][0]] if number in steps else _("Not planned yet"),
                date=steps[number][1] if number in steps else None,
            )
            for number in range(1, CYCLE_LENGTH + 1)
        ]
    return marks


def invitations_for_stakeholder(*, stakeholder: Stakeholder, limit: int = 20) -> list[Invitation]:
    """The stakeholder's invitations, newest consultation first (one query), for its detail page."""
    return list(
        Invitation.objects.filter(stakeholder=stakeholder)
        .select_related("consultation", "contact")
        .order_by("-consultation__number", "-pk")[:limit]
    )


def consultation_one_date(*, city) -> date | None:
    """The date of the city's consultation 1, or None while it is not planned (ToR circulation is timed on it)."""
    return Consultation.objects.filter(city=city, number=1).values_list("date", flat=True).first()


def agenda_translation_gaps(*, consultation: Consultation, items, minutes=None) -> list[TranslationGap]:
    """What the agenda and minutes say in one language only: an Arabic document would show the French
    (marked as French). Works on loaded objects (no query): the items come from agenda_items()."""
    gaps = translation_gaps(consultation, ["title", "objectives", "expected_outcome", "venue"], where=_("Consultation"))
    for item in items:
        where = _("Agenda item %(time)s “%(title)s”") % {"time": f"{item.start_time:%H:%M}", "title": item.title}
        gaps += translation_gaps(item, ["title", "description", "moderator_function"], where=where)
        if item.moderator_contact_id and item.moderator_contact.function and not item.moderator_function_ar:
            gaps.append(TranslationGap(where=where, field=_("moderator's function (from the contact)"), missing="ar"))
        for point in item.sub_points.all():
            gaps += translation_gaps(point, ["title"], where=where)
    if minutes is not None:
        gaps += translation_gaps(
            minutes, ["summary", "decisions", "next_steps", "attributed_statements"], where=_("Minutes")
        )
    return gaps
