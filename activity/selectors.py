"""Reads of the change history: the city's activity log, one object's history, a stakeholder's timeline.

The log is one UNION ALL over the tracked models' historical tables, ordered and paginated in the
database; a page then loads its rows (and the rows before them, to compute what changed) with two
queries per kind present on the page, and the related objects named in the changes with one query
per related model: a bounded number whatever the number of events.
"""

import datetime
import decimal
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, CharField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Substr
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from consultations.models import Answer, Invitation
from outbox.models import EmailStatus, OutgoingEmail
from planning.models import Action, ActionStatus, RoadmapRatificationRequest
from ratification.models import RatificationStatus
from stakeholders.models import Stakeholder
from terms.models import FeedbackRequest, RatificationRequest, RoleAssignment, TorChange, TorFeedback

from .registry import TRACKED, Tracked

# Bookkeeping columns a reader does not need to see change.
HIDDEN_FIELDS = {"id", "city", "created_at", "updated_at", "search_text"}
VALUE_MAX_LENGTH = 300


@dataclass(frozen=True)
class ActivityFilters:
    kind: str = ""
    user_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass
class Change:
    field: str
    old: str
    new: str
    # A many-to-many field's change: the items taken out and put in (old and new stay empty).
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@dataclass
class Event:
    kind: str
    kind_label: object
    history_id: int
    object_id: int
    at: datetime.datetime
    history_type: str  # "+" created, "~" changed, "-" deleted
    user: object
    label: str = ""
    changes: list[Change] = field(default_factory=list)


def _union_part(tracked: Tracked, *, city, filters: ActivityFilters, object_q: Q | None) -> models.QuerySet:
    qs = tracked.history_model.objects.filter(**{tracked.city_lookup: city.pk})
    if object_q is not None:
        qs = qs.filter(object_q)
    if filters.user_id:
        qs = qs.filter(history_user_id=filters.user_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(history_date__gte=datetime.datetime.combine(filters.date_from, datetime.time.min, tzinfo=tz))
    if filters.date_to:
        end = filters.date_to + datetime.timedelta(days=1)
        qs = qs.filter(history_date__lt=datetime.datetime.combine(end, datetime.time.min, tzinfo=tz))
    return (
        qs.order_by()
        .annotate(
            e_kind=Value(tracked.key, output_field=CharField()),
            e_at=F("history_date"),
            e_hid=F("history_id"),
        )
        .values("e_kind", "e_at", "e_hid")
    )


def activity_queryset(*, city, filters: ActivityFilters, objects: dict[str, Q] | None = None):
    """Every recorded change in the city (newest first), as rows {e_kind, e_at, e_hid}; `objects`
    narrows each kind to some objects (kind -> Q on its historical rows); absent kinds are left out."""
    kinds = [t for t in TRACKED.values() if (not filters.kind or t.key == filters.kind)]
    if objects is not None:
        kinds = [t for t in kinds if t.key in objects]
    parts = [_union_part(t, city=city, filters=filters, object_q=(objects or {}).get(t.key)) for t in kinds]
    if not parts:
        return TRACKED["stakeholder"].history_model.objects.none().values("history_id")
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-e_at", "-e_hid")


def object_history_scope(*, kind: str, object_id: int) -> dict[str, Q]:
    """The object's own rows and its children's (a consultation's agenda items)."""
    tracked = TRACKED[kind]
    scope = {kind: Q(id=object_id)}
    for child, lookup in tracked.children.items():
        scope[child] = Q(**{lookup: object_id})
    return scope


def object_history_exists(*, city, kind: str, object_id: int) -> bool:
    tracked = TRACKED[kind]
    return tracked.history_model.objects.filter(id=object_id, **{tracked.city_lookup: city.pk}).exists()


def _translated_bases(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def _visible_fields(tracked: Tracked) -> list:
    bases = _translated_bases(tracked.model)
    return [f for f in tracked.history_model.tracked_fields if f.name not in HIDDEN_FIELDS and f.name not in bases]


def _tr(row, name: str) -> str:
    """A translated column of a historical row in the page's language, French when empty."""
    language = (get_language() or "fr")[:2]
    return getattr(row, f"{name}_{language}", "") or getattr(row, f"{name}_fr", "") or ""


def _display(field, value, related: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.ForeignKey):
        obj = related.get(field.related_model, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | float):
        return formats.localize(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= VALUE_MAX_LENGTH else text[: VALUE_MAX_LENGTH - 1] + "…"


def _label(kind: str, row, related: dict) -> str:
    def rel(model_field: str):
        fk = row._meta.get_field(model_field)
        return related.get(fk.related_model, {}).get(getattr(row, fk.attname))

    if kind == "stakeholder":
        return _tr(row, "name")
    if kind == "contact":
        return row.name or _("Erased contact")
    if kind == "consultation":
        return _("Consultation %(number)s: %(title)s") % {"number": row.number, "title": _tr(row, "title")}
    if kind == "agendaitem":
        return _tr(row, "title")
    if kind == "torversion":
        return _("Version %(number)s") % {"number": row.number}
    if kind == "torsection":
        return _tr(row, "heading")
    if kind == "roleassignment":
        return " – ".join(str(x) for x in (rel("stakeholder"), rel("role"), rel("domain")) if x is not None)
    if kind == "action":
        return _tr(row, "title")
    if kind == "indicator":
        return _tr(row, "name")
    if kind == "membership":
        return str(rel("user") or "")
    return ""


def _m2m_links(history_model, history_ids: list[int]) -> list[tuple]:
    """The many-to-many links kept with these historical rows (simple-history's m2m_fields): for each such
    field, (field, target model, {history id: set of target ids}). One query per field."""
    found = []
    for m2m_field in history_model._history_m2m_fields:
        links_model = HistoricalRecords.m2m_models[m2m_field]
        target = m2m_field.remote_field.through._meta.get_field(get_m2m_reverse_field_name(m2m_field))
        by_history: dict[int, set] = {}
        rows = links_model.objects.filter(history_id__in=history_ids).values_list("history_id", target.attname)
        for history_id, target_id in rows:
            by_history.setdefault(history_id, set()).add(target_id)
        found.append((m2m_field, m2m_field.related_model, by_history))
    return found


# Foreign keys a kind's label names (resolved even when they did not change).
LABEL_FOREIGN_KEYS = {"roleassignment": ("stakeholder", "role", "domain"), "membership": ("user",)}


def activity_events(*, rows: list[dict], access) -> list[Event]:
    """The page's events, each with its author, label and field-by-field changes (old → new)."""
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row["e_kind"], []).append(row["e_hid"])
    loaded: dict[tuple[str, int], tuple] = {}
    wanted: dict[type, set] = {}
    for kind, ids in by_kind.items():
        tracked = TRACKED[kind]
        hist = tracked.history_model
        before = (
            hist.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        current = list(
            hist.objects.filter(history_id__in=ids).select_related("history_user").annotate(prev_hid=Subquery(before))
        )
        previous = hist.objects.in_bulk([r.prev_hid for r in current if r.prev_hid])
        fields = _visible_fields(tracked)
        links = _m2m_links(hist, [*ids, *(r.prev_hid for r in current if r.prev_hid)])
        for r in current:
            prev = previous.get(r.prev_hid) if r.history_type != "-" else None
            changed = [
                f
                for f in fields
                if r.history_type != "-"
                and (
                    getattr(r, f.attname) != getattr(prev, f.attname)
                    if prev is not None
                    else getattr(r, f.attname) not in (None, "", [], False)
                )
            ]
            m2m = []
            if r.history_type != "-":
                for m2m_field, target_model, by_history in links:
                    before_ids = by_history.get(prev.history_id, set()) if prev is not None else set()
                    after_ids = by_history.get(r.history_id, set())
                    if before_ids != after_ids:
                        m2m.append(
                            (m2m_field, target_model, sorted(before_ids - after_ids), sorted(after_ids - before_ids))
                        )
                        wanted.setdefault(target_model, set()).update(before_ids ^ after_ids)
            loaded[(kind, r.history_id)] = (tracked, r, prev, changed, m2m)
            label_fks = [r._meta.get_field(name) for name in LABEL_FOREIGN_KEYS.get(kind, ())]
            for f in [*changed, *label_fks]:
                if isinstance(f, models.ForeignKey):
                    for source in (r, prev):
                        if source is not None and getattr(source, f.attname) is not None:
                            wanted.setdefault(f.related_model, set()).add(getattr(source, f.attname))
    related = {model: model._base_manager.in_bulk(ids) for model, ids in wanted.items()}
    events = []
    for row in rows:
        item = loaded.get((row["e_kind"], row["e_hid"]))
        if item is None:
            continue
        tracked, r, prev, changed, m2m = item
        hide = not access.can_see_personal_data
        changes = []
        for f in changed:
            if hide and f.name in tracked.personal_fields:
                old = new = "•••"
            else:
                old = _display(f, getattr(prev, f.attname), related) if prev is not None else ""
                new = _display(f, getattr(r, f.attname), related)
            changes.append(Change(field=str(f.verbose_name), old=old, new=new))
        for m2m_field, target_model, removed, added in m2m:
            names = related.get(target_model, {})
            changes.append(
                Change(
                    field=str(m2m_field.verbose_name),
                    old="",
                    new="",
                    removed=[str(names[pk]) if pk in names else f"#{pk}" for pk in removed],
                    added=[str(names[pk]) if pk in names else f"#{pk}" for pk in added],
                )
            )
        label = (
            "•••" if hide and tracked.personal_fields and tracked.key == "contact" else _label(tracked.key, r, related)
        )
        events.append(
            Event(
                kind=tracked.key,
                kind_label=tracked.label,
                history_id=r.history_id,
                object_id=r.id,
                at=r.history_date,
                history_type=r.history_type,
                user=r.history_user,
                label=label,
                changes=changes,
            )
        )
    return events


def city_member_users(*, city) -> list:
    """The users who may appear as authors in the city's log: its members."""
    return list(get_user_model().objects.filter(memberships__city=city).order_by("username"))


# --- A stakeholder's engagement timeline --------------------------------------------------------------

TIMELINE_COLUMNS = ("e_kind", "e_at", "e_ref", "e_status", "e_number", "e_a_fr", "e_a_ar", "e_b_fr", "e_b_ar")


def _timeline_part(qs, *, kind: str, at, ref="pk", status=None, number=None, a=(None, None), b=(None, None)):
    def text(expr):
        return (
            Value("", output_field=CharField()) if expr is None else Coalesce(expr, Value(""), output_field=CharField())
        )

    return (
        qs.order_by()
        .annotate(
            e_kind=Value(kind, output_field=CharField()),
            e_at=F(at),
            e_ref=F(ref),
            e_status=text(F(status) if isinstance(status, str) else status),
            e_number=Value(None, output_field=IntegerField()) if number is None else F(number),
            e_a_fr=text(a[0]),
            e_a_ar=text(a[1]),
            e_b_fr=text(b[0]),
            e_b_ar=text(b[1]),
        )
        .values(*TIMELINE_COLUMNS)
    )


def _email_sources(stakeholder: Stakeholder) -> Q:
    """Emails whose source (an invitation, a feedback or ratification request) concerns the stakeholder."""
    sources = [
        ("consultations", "invitation", Invitation.objects.filter(stakeholder=stakeholder)),
        ("terms", "feedbackrequest", FeedbackRequest.objects.filter(stakeholder=stakeholder)),
        ("terms", "ratificationrequest", RatificationRequest.objects.filter(stakeholder=stakeholder)),
        ("planning", "roadmapratificationrequest", RoadmapRatificationRequest.objects.filter(stakeholder=stakeholder)),
    ]
    q = Q(pk__in=[])
    for app_label, model, qs in sources:
        q |= Q(source_type__app_label=app_label, source_type__model=model, source_id__in=qs.values("pk"))
    return q


def stakeholder_timeline_queryset(*, stakeholder: Stakeholder):
    """Everything that happened between the group and one stakeholder, newest first, as uniform rows."""
    invitations = Invitation.objects.filter(stakeholder=stakeholder)
    title = (F("consultation__title_fr"), F("consultation__title_ar"))
    # Plain querysets for the translated models: modeltranslation's rewrites values(), which would shift
    # the UNION's columns.
    replies = QuerySet(model=TorChange).filter(
        pk__in=TorChange.feedback.through.objects.filter(torfeedback__stakeholder=stakeholder).values("torchange_id")
    )
    attended = Case(When(attended=True, then=Value("yes")), default=Value("no"), output_field=CharField())
    # An invitation's three moments (kind, when, status), each a row about its consultation.
    invitation_moments = [
        ("invited", "sent_at", None),
        ("answered", "answered_at", "answer"),
        ("attendance", "attendance_recorded_at", attended),
    ]
    parts = [
        *(
            _timeline_part(
                invitations.filter(**{f"{at}__isnull": False}),
                kind=kind,
                at=at,
                ref="consultation_id",
                status=status,
                number="consultation__number",
                a=title,
            )
            for kind, at, status in invitation_moments
        ),
        _timeline_part(
            TorFeedback.objects.filter(stakeholder=stakeholder),
            kind="feedback",
            at="created_at",
            number="version__number",
            a=(Substr("text", 1, 200), Substr("text", 1, 200)),
            b=(F("section__heading_fr"), F("section__heading_ar")),
        ),
        _timeline_part(
            replies,
            kind="reply",
            at="created_at",
            number="version__number",
            a=(Substr("description_fr", 1, 200), Substr("description_ar", 1, 200)),
        ),
        *(
            _timeline_part(
                model.objects.filter(stakeholder=stakeholder, decided_at__isnull=False),
                kind=kind,
                at="decided_at",
                status="status",
                number="version__number",
            )
            for kind, model in (
                ("ratification", RatificationRequest),
                ("roadmap_ratification", RoadmapRatificationRequest),
            )
        ),
        _timeline_part(
            RoleAssignment.objects.filter(stakeholder=stakeholder),
            kind="role",
            at="version__created_at",
            number="version__number",
            a=(F("role__name_fr"), F("role__name_ar")),
            b=(F("domain__name_fr"), F("domain__name_ar")),
        ),
        _timeline_part(
            QuerySet(model=Action).filter(lead=stakeholder),
            kind="action",
            at="created_at",
            status="status",
            a=(F("title_fr"), F("title_ar")),
        ),
        _timeline_part(
            OutgoingEmail.objects.filter(_email_sources(stakeholder)),
            kind="email",
            at="created_at",
            status="status",
            a=(F("subject"), F("subject")),
        ),
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-e_at", "e_kind", "-e_ref")


@dataclass
class TimelineItem:
    kind: str
    at: datetime.datetime
    text: str
    status: str = ""


def _status_label(choices, value: str) -> str:
    return str(dict(choices).get(value, value))


def timeline_items(rows: list[dict]) -> list[TimelineItem]:
    """Uniform timeline rows put into words, in the page's language."""
    from_choices = {
        "answered": Answer.choices,
        "ratification": RatificationStatus.choices,
        "roadmap_ratification": RatificationStatus.choices,
        "action": ActionStatus.choices,
        "email": EmailStatus.choices,
    }
    arabic = (get_language() or "fr")[:2] == "ar"
    items = []
    for row in rows:
        kind = row["e_kind"]
        a = (row["e_a_ar"] if arabic else "") or row["e_a_fr"]
        b = (row["e_b_ar"] if arabic else "") or row["e_b_fr"]
        params = {"number": row["e_number"], "a": a, "b": b}
        status = _status_label(from_choices.get(kind, ()), row["e_status"]) if kind in from_choices else ""
        if kind == "invited":
            text = _("Invited to consultation %(number)s: %(a)s") % params
        elif kind == "answered":
            text = _("Answered the invitation to consultation %(number)s") % params
        elif kind == "attendance":
            if row["e_status"] == "yes":
                text = _("Attended consultation %(number)s") % params
            else:
                text = _("Did not attend consultation %(number)s") % params
        elif kind == "feedback":
            if b:
                text = _("Feedback on version %(number)s, section “%(b)s”: %(a)s") % params
            else:
                text = _("Feedback on version %(number)s: %(a)s") % params
        elif kind == "reply":
            text = _("Change made in version %(number)s in answer to its feedback: %(a)s") % params
        elif kind == "ratification":
            text = _("Decision on the ratification of ToR version %(number)s") % params
        elif kind == "roadmap_ratification":
            text = _("Decision on the approval of roadmap version %(number)s") % params
        elif kind == "role":
            if b:
                text = _("Role in ToR version %(number)s: %(a)s (%(b)s)") % params
            else:
                text = _("Role in ToR version %(number)s: %(a)s") % params
        elif kind == "action":
            text = _("Leads the action: %(a)s") % params
        else:
            text = _("Email: %(a)s") % params
        items.append(TimelineItem(kind=kind, at=row["e_at"], text=text, status=status))
    return items
