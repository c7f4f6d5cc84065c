"""The main pages the benchmark measures, found by URL name, and how one page is measured.

To measure a new page: add a Page with the URL names it may have (the first that exists is used) and
the scenario object its URL needs ("stakeholder", "version", "consultation", ...).
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation


@dataclass(frozen=True)
class Page:
    key: str
    url_names: tuple[str, ...]
    needs: str | None = None  # scenario object whose pk/number fills the URL
    query: str = ""


PAGES = [
    Page("registry_list", ("stakeholders:list",)),
    Page("registry_detail", ("stakeholders:detail",), needs="stakeholder"),
    Page("registry_map", ("stakeholders:map",)),
    # Digits of the synthetic names ("... 00042"): the search finds rows at every size.
    Page("registry_search", ("stakeholders:list",), query="?q=000"),
    Page("cycle", ("consultations:cycle", "consultations:list"), needs="consultation"),
    Page("consultation", ("consultations:detail",), needs="consultation"),
    Page("invitations", ("consultations:invitations",), needs="consultation"),
    Page("role_matrix", ("terms:roles", "terms:role_matrix"), needs="version"),
    Page("ratification_status", ("terms:tor:status",), needs="version"),
    Page("dashboard", ("planning:dashboard",), needs="roadmap"),
    Page("action_plan", ("planning:action_list",), needs="action"),
    Page("me_matrix", ("planning:matrix",), needs="indicator"),
    Page("roadmap_ratification", ("planning:roadmap:status",), needs="roadmap"),
    Page("outbox", ("outbox:list",)),
]
REGISTRY_PAGES = [page for page in PAGES if page.key in ("registry_list", "registry_search", "registry_map")]


def page_url(page: Page, scenario) -> tuple[str | None, str]:
    """(url, "") or (None, why it is skipped)."""
    if page.needs and page.needs not in scenario.objects:
        return None, "not built yet"
    obj = scenario.objects.get(page.needs) if page.needs else None
    with translation.override("fr"):
        for name in page.url_names:
            kwargs_list = [{"city_slug": scenario.city.slug}]
            if obj is not None:
                kwargs_list = [
                    {"city_slug": scenario.city.slug, "pk": obj.pk},
                    {"city_slug": scenario.city.slug, "number": getattr(obj, "number", obj.pk)},
                    {"city_slug": scenario.city.slug},
                ]
            for kwargs in kwargs_list:
                try:
                    return reverse(name, kwargs=kwargs) + page.query, ""
                except NoReverseMatch:
                    continue
    return None, "not built yet"


@dataclass
class Measure:
    status: int
    queries: int
    median_ms: float
    runs: int
    content: bytes = b""


def measure(client: Client, url: str, *, warmup: int, runs: int, before=None) -> Measure:
    """Query count of one request, then the median wall time of `runs` requests after `warmup`.
    `before`, when given, runs before each measured request, untimed (e.g. emptying the cache)."""
    for _ in range(warmup):
        client.get(url)
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Count now: the next request's request_started signal empties the connection's query log.
    queries = len(captured)
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return Measure(
        status=response.status_code,
        queries=queries,
        median_ms=round(statistics.median(times), 2),
        runs=runs,
        content=response.content,
    )
