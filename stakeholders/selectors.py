"""Reads of the registry: the filtered list, the duplicate guard, the detail, the export rows and the map's counts."""

import datetime
import difflib
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, QuerySet, Value, When
from django.utils.translation import get_language

from cities.models import City
from common.collation import translated_name_order
from common.text import comparison_key, normalize_search_text

from .models import Category, Contact, Domain, Stakeholder

PAGE_SIZE = 25
SIMILARITY_THRESHOLD = 0.85

STATUS_ACTIVE = "active"
STATUS_INACTIVE = "inactive"
STATUS_ALL = "all"

# Sort keys offered on the list, each in its natural direction.
SORT_NAME = "name"
SORT_CATEGORY = "category"
SORT_INFLUENCE = "influence"
SORT_INTEREST = "interest"
SORT_JOINED = "joined"
SORTS = (SORT_NAME, SORT_CATEGORY, SORT_INFLUENCE, SORT_INTEREST, SORT_JOINED)

# Columns the list, the map and the export read; the notes and timestamps stay in the database.
LIST_FIELDS = (
    "pk",
    "city_id",
    "name_fr",
    "name_ar",
    "acronym_fr",
    "acronym_ar",
    "category",
    "level",
    "influence",
    "interest",
    "is_active",
    "joined_on",
)


@dataclass(frozen=True)
class RegistryFilters:
    """What the list, the map and the export are filtered and sorted by (already validated)."""

    query: str = ""
    category: str = ""
    level: str = ""
    domain: str = ""  # a Domain code
    status: str = STATUS_ACTIVE
    sort: str = SORT_NAME
    influence: int | None = None  # 1 to 5: one cell of the map
    interest: int | None = None


def domain_list() -> list[Domain]:
    return list(Domain.objects.order_by("position", "code"))


def _name_order(language: str):
    # The name in the reader's language (French when the Arabic one is missing), with its collation.
    return translated_name_order(language=language)


def _order(qs: QuerySet, sort: str, language: str) -> QuerySet:
    name = _name_order(language)
    if sort == SORT_CATEGORY:
        rank = Case(
            *[When(category=value, then=Value(i)) for i, value in enumerate(Category.values)],
            output_field=IntegerField(),
        )
        return qs.order_by(rank, name, "pk")
    if sort == SORT_INFLUENCE:
        return qs.order_by("-influence", "-interest", name, "pk")
    if sort == SORT_INTEREST:
        return qs.order_by("-interest", "-influence", name, "pk")
    if sort == SORT_JOINED:
        return qs.order_by(F("joined_on").desc(nulls_last=True), name, "pk")
    return qs.order_by(name, "pk")


def stakeholder_filter(*, city: City, filters: RegistryFilters, language: str | None = None) -> QuerySet:
    """The city's stakeholders matching the filters, sorted; no related rows fetched yet.

    The search matches every word of the query, normalised like the stored search text, in
    the French and Arabic names and acronyms.
    """
    qs = Stakeholder.objects.filter(city=city)
    for term in normalize_search_text(filters.query).split():
        qs = qs.filter(search_text__contains=term)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.domain:
        qs = qs.filter(domains__code=filters.domain)
    if filters.influence is not None:
        qs = qs.filter(influence=filters.influence)
    if filters.interest is not None:
        qs = qs.filter(interest=filters.interest)
    if filters.status == STATUS_ACTIVE:
        qs = qs.filter(is_active=True)
    elif filters.status == STATUS_INACTIVE:
        qs = qs.filter(is_active=False)
    return _order(qs, filters.sort, language or get_language() or "fr")


def stakeholder_list(*, city: City, filters: RegistryFilters, language: str | None = None) -> QuerySet:
    """The list page's rows: only the columns shown. Attach their domains with
    stakeholder_attach_domains() once the page is cut."""
    return stakeholder_filter(city=city, filters=filters, language=language).only(*LIST_FIELDS)


def _domain_links(stakeholders) -> dict[int, list[int]]:
    """Domain ids per stakeholder id, from the link table alone (one query). `stakeholders` is a
    list of ids or a queryset (then a subquery: no long parameter list)."""
    links = defaultdict(list)
    through = Stakeholder.domains.through.objects
    source = stakeholders.values("pk") if isinstance(stakeholders, QuerySet) else list(stakeholders)
    if isinstance(source, list) and not source:
        return links
    for stakeholder_id, domain_id in through.filter(stakeholder_id__in=source).values_list(
        "stakeholder_id", "domain_id"
    ):
        links[stakeholder_id].append(domain_id)
    return links


def stakeholder_attach_domains(stakeholders: list, domains: list[Domain], source=None) -> list:
    """Give each stakeholder `domain_list`, its domains in catalogue order, with one query on the
    link table. The catalogue is already fetched (for the filters); a prefetch would build one
    Domain object per link, several times slower on a full page."""
    order = {d.pk: (i, d) for i, d in enumerate(domains)}
    links = _domain_links(source if source is not None else [s.pk for s in stakeholders])
    for s in stakeholders:
        s.domain_list = [order[d][1] for d in sorted(links.get(s.pk, ()), key=lambda pk: order[pk][0])]
    return stakeholders


@dataclass
class RegistryRow:
    """A stakeholder as the map and the export read it: plain values, no model instance (5,000
    rows build in milliseconds), its domains and, for members, its primary contact."""

    pk: int
    name_fr: str
    name_ar: str
    acronym_fr: str
    acronym_ar: str
    category: str
    level: str
    influence: int
    interest: int
    is_active: bool
    joined_on: object
    notes: str = ""
    domain_list: list = None
    contact: dict | None = None

    @property
    def name(self) -> str:
        return (self.name_ar or self.name_fr) if get_language() == "ar" else self.name_fr

    @property
    def acronym(self) -> str:
        return (self.acronym_ar or self.acronym_fr) if get_language() == "ar" else self.acronym_fr

    @property
    def category_label(self) -> str:
        return Category(self.category).label


ROW_FIELDS = (
    "pk",
    "name_fr",
    "name_ar",
    "acronym_fr",
    "acronym_ar",
    "category",
    "level",
    "influence",
    "interest",
    "is_active",
    "joined_on",
)
CONTACT_FIELDS = ("stakeholder_id", "name", "function", "email", "phone", "language")


def stakeholder_rows(
    *,
    city: City,
    filters: RegistryFilters,
    domains: list[Domain] | None,
    with_notes: bool = False,
    with_contacts: bool = False,
) -> list[RegistryRow]:
    """Every stakeholder matching the filters as RegistryRow, sorted: two queries (rows, domain
    links), three with the primary contacts; one fewer without `domains` (rows get no domain_list)."""
    qs = stakeholder_filter(city=city, filters=filters)
    fields = ROW_FIELDS + (("notes",) if with_notes else ())
    rows = []
    for values in qs.values(*fields):
        for optional in ("name_ar", "acronym_fr", "acronym_ar"):
            values[optional] = values[optional] or ""  # modeltranslation leaves NULL when never set
        rows.append(RegistryRow(**values))
    if domains is not None:
        stakeholder_attach_domains(rows, domains, source=qs)
    if with_contacts:
        contacts = {
            c["stakeholder_id"]: c
            for c in Contact.objects.filter(stakeholder__in=qs.values("pk"), is_primary=True).values(*CONTACT_FIELDS)
        }
        for row in rows:
            row.contact = contacts.get(row.pk)
    return rows


@dataclass(frozen=True)
class RegistryStamp:
    """How many stakeholders match some filters and when the last of them changed: counts cached
    under a stamp are the counts of that registry (every change goes through save(), which moves
    updated_at; a stakeholder gone or added changes the count)."""

    count: int
    changed: datetime.datetime | None


def stakeholder_stamp(*, city: City, filters: RegistryFilters) -> RegistryStamp:
    """The stamp of the stakeholders matching the filters (one query, from the index
    stakeholder_map_cells alone when unfiltered: COUNT(*), as COUNT(id) would read the rows on PostgreSQL)."""
    stamp = (
        stakeholder_filter(city=city, filters=filters).order_by().aggregate(count=Count("*"), changed=Max("updated_at"))
    )
    return RegistryStamp(count=stamp["count"], changed=stamp["changed"])


def stakeholder_cells(*, city: City, filters: RegistryFilters) -> dict[tuple[int, int], dict[str, int]]:
    """Stakeholders matching the filters per map cell (interest, influence) and category: one grouped
    query of at most 250 rows whatever the registry, read from the index stakeholder_map_cells."""
    qs = stakeholder_filter(city=city, filters=filters).order_by()
    cells = defaultdict(dict)
    for influence, interest, category, n in qs.values_list("influence", "interest", "category").annotate(n=Count("*")):
        cells[(interest, influence)][category] = n
    return dict(cells)


def stakeholder_domain_counts(*, city: City, filters: RegistryFilters) -> dict[int, int]:
    """Stakeholders matching the filters per domain (Domain pk -> count; a stakeholder counts in each
    of its domains): one grouped query, over every link of the matches."""
    qs = stakeholder_filter(city=city, filters=filters).order_by()
    if filters.domain:
        # The domain filter's join would count that domain alone: count every domain of the matches.
        by_domain = (
            Stakeholder.domains.through.objects.filter(stakeholder_id__in=qs.values("pk"))
            .values_list("domain_id")
            .annotate(n=Count("stakeholder_id"))
            .order_by()
        )
    else:
        # A join from the matching stakeholders to their domains (SQLite runs it faster than an IN).
        by_domain = qs.values_list("domains").annotate(n=Count("pk"))
    return {domain_id: n for domain_id, n in by_domain if domain_id is not None}


MAP_CACHE_TIMEOUT = 600  # seconds: bounds what a write that bypasses save() could leave stale


@dataclass
class MapData:
    """What the map draws: the rows (one mark each) when they are few, else the counts per cell and
    category; and the counts per domain."""

    by_domain: dict[int, int]
    rows: list[RegistryRow] | None = None
    cells: dict[tuple[int, int], dict[str, int]] | None = None


@dataclass(frozen=True)
class MapKey:
    """Where the map's data for some filters is cached (it holds the registry's stamp, so it moves with
    every change), and whether there are more stakeholders than marks (the map then counts them)."""

    key: str
    counted: bool


def stakeholder_map_key(*, city: City, filters: RegistryFilters, max_marks: int) -> MapKey:
    """The cache key of the map's data for these filters, in the page's language (one query, the stamp)."""
    stamp = stakeholder_stamp(city=city, filters=filters)
    # The rows' order follows the sort and the page's language (names sort by language).
    shown = (filters.query, filters.category, filters.level, filters.domain, filters.status, filters.sort)
    shown += (filters.influence, filters.interest, get_language(), max_marks)
    changed = stamp.changed.isoformat() if stamp.changed else "-"
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return MapKey(key=f"stakeholders:map:{city.pk}:{stamp.count}:{changed}:{digest}", counted=stamp.count > max_marks)


def stakeholder_map_data(*, city: City, filters: RegistryFilters, max_marks: int, key: MapKey | None = None) -> MapData:
    """The map's data for the stakeholders matching the filters: their rows when at most `max_marks`,
    else their counts per cell, and their counts per domain. Kept in the cache under the registry's
    stamp (stakeholder_map_key, or `key` when the caller has it): the counts read every row and every
    domain link (40,000 links at 20,000 stakeholders) and change only when the stamp does. One query
    (the stamp) when cached, three otherwise."""
    key = key or stakeholder_map_key(city=city, filters=filters, max_marks=max_marks)
    data = cache.get(key.key)
    if data is None:
        data = MapData(by_domain=stakeholder_domain_counts(city=city, filters=filters))
        if key.counted:
            data.cells = stakeholder_cells(city=city, filters=filters)
        else:
            data.rows = stakeholder_rows(city=city, filters=filters, domains=None)
        cache.set(key.key, data, MAP_CACHE_TIMEOUT)
    return data


def stakeholder_detail(*, city: City, pk: int) -> Stakeholder | None:
    """One stakeholder of the city with its domains and contacts (primary first), or None."""
    return (
        Stakeholder.objects.filter(city=city, pk=pk)
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.order_by("position", "code")),
            Prefetch("contacts", queryset=Contact.objects.order_by("erased_at", "-is_primary", "name", "pk")),
        )
        .first()
    )


def stakeholder_name_clashes(
    *, city: City, name_fr: str = "", name_ar: str = "", exclude_pk: int | None = None
) -> dict[str, Stakeholder]:
    """Stakeholders of the city whose French or Arabic name equals the given one once normalised.

    Returns {"name_fr": stakeholder, "name_ar": stakeholder} for the names that clash. One query.
    """
    wanted = {"name_fr": normalize_search_text(name_fr), "name_ar": normalize_search_text(name_ar)}
    wanted = {field: key for field, key in wanted.items() if key}
    if not wanted:
        return {}
    qs = Stakeholder.objects.filter(city=city).only("pk", "city_id", "name_fr", "name_ar", "is_active")
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    clashes: dict[str, Stakeholder] = {}
    for other in qs:
        for field, key in wanted.items():
            if field not in clashes and normalize_search_text(getattr(other, field) or "") == key:
                clashes[field] = other
    return clashes


SIMILAR_FIELDS = ("pk", "city_id", "name_fr", "name_ar", "acronym_fr", "acronym_ar", "category", "is_active")


def stakeholder_find_similar(
    *,
    city: City,
    name_fr: str = "",
    name_ar: str = "",
    acronym: str | Iterable[str] = "",
    exclude_pk: int | None = None,
    threshold: float = SIMILARITY_THRESHOLD,
    candidates: Iterable[Stakeholder] | None = None,
) -> list[Stakeholder]:
    """The duplicate guard: stakeholders of the same city whose name reads close to the given names
    (difflib ratio of the normalised names, in either language, at least `threshold`) or whose
    acronym equals one given, in either language. Inactive ones count: bring them back instead.

    One query, none when `candidates` (the city's stakeholders, already fetched with the columns
    below) are given: an import compares thousands of rows with one fetch. Each match carries
    `similarity` (0..1, 1.0 for an equal acronym), best first.
    """
    acronyms = [acronym] if isinstance(acronym, str) else list(acronym)
    acronym_keys = {comparison_key(a).replace(" ", "") for a in acronyms if a and a.strip()}
    acronym_keys.discard("")
    name_keys = [key for key in (comparison_key(name_fr), comparison_key(name_ar)) if key]
    if not name_keys and not acronym_keys:
        return []
    if candidates is None:
        candidates = Stakeholder.objects.filter(city=city).only(*SIMILAR_FIELDS)
    qs = [other for other in candidates if other.pk != exclude_pk]
    matchers = []
    for key in name_keys:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(key)
        matchers.append(matcher)
    matches = []
    for other in qs:
        best = 0.0
        other_acronyms = {comparison_key(a or "").replace(" ", "") for a in (other.acronym_fr, other.acronym_ar)}
        if acronym_keys & (other_acronyms - {""}):
            best = 1.0
        for other_name in (other.name_fr, other.name_ar):
            other_key = comparison_key(other_name or "")
            if not other_key or best >= 1.0:
                continue
            for matcher in matchers:
                matcher.set_seq1(other_key)
                # The cheap upper bounds rule most names out before the real ratio.
                if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                    best = max(best, matcher.ratio())
        if best >= threshold:
            other.similarity = best
            matches.append(other)
    matches.sort(key=lambda s: (-s.similarity, s.name_fr))
    return matches
