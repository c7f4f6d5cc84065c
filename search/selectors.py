"""Search across one city: stakeholders, contacts, consultations, agenda items, ToR sections, actions, indicators.

What matches, on every database: the query is normalised as common.text normalises names (French accents and
case, Arabic hamza and alef forms, teh marbuta, diacritics, tatweel) and split into words; a row matches when
every word is a substring of one of its searched fields, normalised alike by the SQL function search_norm()
(PostgreSQL: this app's migration, unaccent and translate(); SQLite: common.text registered on the connection).
Substrings, not whole words: an Arabic word carries its article and prefixes ("منظمة" finds "المنظمة").

On PostgreSQL the trigram indexes serve that match, and full-text search (a "simple" tsvector of the same
normalised fields against a prefix tsquery) ranks whole-word matches first. SQLite orders by name alone.
The set of results is the same on both; only the order within a group may differ.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Collate, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.collation import collation_for, translated_name_order
from common.text import normalize_search_text
from consultations.models import AgendaItem, Consultation
from planning.models import Action, Indicator
from stakeholders.models import Contact, Stakeholder
from terms.models import TorSection

MAX_QUERY_LENGTH = 200
# Words beyond these are ignored: a pasted paragraph must not build a query with hundreds of clauses.
MAX_WORDS = 8
PREVIEW_SIZE = 5
PER_PAGE = 25
_WORD = re.compile(r"\w+")


class SearchNorm(Func):
    """search_norm(field): the field normalised as common.text normalises, in SQL."""

    function = "search_norm"
    output_field = TextField()


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""
    badge: str = ""


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    # The city's rows of this kind, with what the hit needs joined in.
    rows: Callable[[object], QuerySet]
    # Fields compared with the query: a column already holding normalised text (Stakeholder.search_text),
    # or translated/plain fields normalised by search_norm().
    normalised_fields: tuple[str, ...]
    fields: tuple[str, ...]
    # The order within the kind: field names, or callables giving an expression when the query runs (an order
    # in the reader's language must be built under the request's language, not at import).
    order: tuple[str | Callable[[], object], ...]
    hit: Callable[[object, str], Hit]
    personal_data: bool = False


def _stakeholder_hit(s, city_slug):
    return Hit(
        title=s.display_name,
        url=reverse("stakeholders:detail", args=[city_slug, s.pk]),
        detail=s.get_category_display(),
        badge="" if s.is_active else str(_("inactive")),
    )


def _contact_hit(c, city_slug):
    url = reverse("stakeholders:detail", args=[city_slug, c.stakeholder_id]) + "#contacts-heading"
    parts = [p for p in (c.function, c.stakeholder.name, c.email) if p]
    return Hit(title=c.name, url=url, detail=" · ".join(parts))


def _consultation_hit(c, city_slug):
    return Hit(
        title=c.title,
        url=reverse("consultations:detail", args=[city_slug, c.number]),
        detail=str(_("Consultation %(number)s") % {"number": c.number}),
    )


def _agenda_item_hit(item, city_slug):
    number = item.consultation.number
    return Hit(
        title=item.title,
        url=reverse("consultations:agenda", args=[city_slug, number]) + f"#item-{item.pk}",
        detail=str(_("Agenda of consultation %(number)s") % {"number": number}),
    )


def _section_hit(section, city_slug):
    number = section.version.number
    return Hit(
        title=section.heading,
        url=reverse("terms:version", args=[city_slug, number]) + f"#section-{section.pk}",
        detail=str(_("Terms of reference, version %(number)s") % {"number": number}),
    )


def _action_hit(action, city_slug):
    return Hit(
        title=action.title,
        url=reverse("planning:action_detail", args=[city_slug, action.pk]),
        detail=action.get_status_display(),
    )


def _indicator_hit(indicator, city_slug):
    return Hit(
        title=indicator.name,
        url=reverse("planning:indicator_detail", args=[city_slug, indicator.pk]),
        detail=str(_("Action: %(title)s") % {"title": indicator.action.title}),
    )


def _both(*names):
    return tuple(f"{name}_{lang}" for name in names for lang in ("fr", "ar"))


def _translated_kind(key, label, model, city_path, related, fields, order, hit) -> SearchKind:
    """A kind of _TRANSLATED_KINDS: its rows are the model's at `city_path`, with `related` joined in."""

    def rows(city):
        qs = model.objects.filter(**{city_path: city})
        return qs.select_related(related) if related else qs

    return SearchKind(
        key=key, label=label, rows=rows, normalised_fields=(), fields=_both(*fields), order=order, hit=hit
    )


# The kinds whose searched fields are translated: key, label, model, the city's path from it, the row the hit
# names (joined in), the fields (both languages searched), the order.
# fmt: off
_TRANSLATED_KINDS = (
    ("consultations", _("Consultations"), Consultation, "city", None,
     ("title", "objectives"), ("number", "pk"), _consultation_hit),
    ("agenda", _("Agenda items"), AgendaItem, "consultation__city", "consultation",
     ("title", "description"), ("consultation__number", "position", "start_time", "pk"), _agenda_item_hit),
    ("terms", _("Sections of the terms of reference"), TorSection, "version__tor__city", "version",
     ("heading", "text"), ("-version__number", "position", "pk"), _section_hit),
    ("actions", _("Actions"), Action, "city", None,
     ("title", "description"), (lambda: translated_name_order("title"), "pk"), _action_hit),
    ("indicators", _("Indicators"), Indicator, "action__city", "action",
     ("name", "means_of_verification"), (translated_name_order, "pk"), _indicator_hit),
)
# fmt: on


KINDS: tuple[SearchKind, ...] = (
    SearchKind(
        key="stakeholders",
        label=_("Stakeholders"),
        rows=lambda city: Stakeholder.objects.filter(city=city),
        normalised_fields=("search_text",),
        fields=(),
        order=(translated_name_order, "pk"),
        hit=_stakeholder_hit,
    ),
    SearchKind(
        key="contacts",
        label=_("Contacts"),
        rows=lambda city: Contact.objects.filter(stakeholder__city=city, erased_at__isnull=True).select_related(
            "stakeholder"
        ),
        normalised_fields=(),
        fields=("name", "function", "email"),
        order=(lambda: Collate("name", collation_for()), "pk"),
        hit=_contact_hit,
        personal_data=True,
    ),
    *(_translated_kind(*row) for row in _TRANSLATED_KINDS),
)
KIND_KEYS = tuple(k.key for k in KINDS)


def search_words(query: str) -> list[str]:
    """The words to look for: runs of letters and digits of the normalised query, distinct, at most MAX_WORDS.
    Punctuation separates words ("croissant-rouge", "l'équipe"): databases spell some of it differently
    (PostgreSQL's unaccent writes « as <<), letters and digits they fold alike."""
    words: list[str] = []
    for word in _WORD.findall(normalize_search_text(query[:MAX_QUERY_LENGTH])):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def kinds_for(access) -> list[SearchKind]:
    """Contacts are personal data: only for those the product already shows them to."""
    return [k for k in KINDS if not k.personal_data or access.can_see_personal_data]


def _expressions(kind: SearchKind) -> list:
    return [F(f) for f in kind.normalised_fields] + [SearchNorm(F(f)) for f in kind.fields]


def _tsquery(words: list[str]) -> str:
    """A prefix tsquery of the words (raw syntax: words are letters and digits, never an operator)."""
    return " & ".join(f"{word}:*" for word in words)


def kind_results(kind: SearchKind, *, city, words: list[str]) -> QuerySet:
    """The city's rows of this kind that hold every word (see the module's docstring)."""
    qs = kind.rows(city)
    if connection.vendor == "postgresql":
        # One expression a field, as the trigram indexes are built: each word in one of the fields.
        expressions = _expressions(kind)
    else:
        # SQLite calls Python once a row: the fields joined by a space (a word never holds one).
        joined = [F(f) for f in kind.normalised_fields]
        if kind.fields:
            parts = [Coalesce(F(f), Value("")) for f in kind.fields]
            joined.append(SearchNorm(Concat(*_interleave(parts, Value(" ")), output_field=TextField())))
        expressions = joined
    names = [f"_search_{i}" for i in range(len(expressions))]
    qs = qs.alias(**dict(zip(names, expressions, strict=True)))
    matches = Q()
    for word in words:
        matches &= Q.create([(f"{name}__contains", word) for name in names], connector=Q.OR)
    qs = qs.filter(matches)
    if connection.vendor == "postgresql" and words:
        # Ranked on the matching rows only: whole-word (prefix) matches first.
        vector = SearchVector(*expressions, config="simple")
        query = SearchQuery(_tsquery(words), config="simple", search_type="raw")
        return qs.annotate(search_rank=SearchRank(vector, query)).order_by("-search_rank", *_order(kind))
    return qs.order_by(*_order(kind))


def _order(kind: SearchKind) -> list:
    return [item() if callable(item) else item for item in kind.order]


def _interleave(items, separator):
    out = []
    for item in items:
        if out:
            out.append(separator)
        out.append(item)
    return out


@dataclass
class Group:
    kind: SearchKind
    count: int
    hits: list[Hit]


def search_overview(*, access, words: list[str]) -> list[Group]:
    """Each kind with its number of results and its first few (two queries a kind)."""
    groups = []
    slug = access.city.slug
    for kind in kinds_for(access):
        qs = kind_results(kind, city=access.city, words=words)
        count = qs.count()
        hits = [kind.hit(row, slug) for row in qs[:PREVIEW_SIZE]] if count else []
        groups.append(Group(kind=kind, count=count, hits=hits))
    return groups


def search_kind_get(access, key: str) -> SearchKind | None:
    return next((k for k in kinds_for(access) if k.key == key), None)


def hits_for(kind: SearchKind, rows, city_slug: str) -> list[Hit]:
    return [kind.hit(row, city_slug) for row in rows]
