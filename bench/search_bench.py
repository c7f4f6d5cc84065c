"""Search timings at 5,000 stakeholders (a script, not a test): the results page (server time through
Django's test client: session, user and city, then a count and a page a kind, the count alone for a kind
without results) and one kind paginated, for a few queries in both scripts.

    .venv/bin/python bench/search_bench.py                      # SQLite, a throwaway database in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/search_bench.py
                                                          # PostgreSQL: a database created next to it, dropped after

Prints JSON lines: {"name": "search", "db": ..., "query": ..., "page": "overview" or a kind, "median_ms": ...,
"min_ms": ..., "results": ..., "queries": ..., "rows": 5000}. Medians of 7 warm runs; nothing is asserted.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import Workspace  # noqa: E402

RUNS = 7
QUERIES = [
    ("sante", "stakeholders"),  # a French word without its accent: about a tenth of the registry
    ("الصحه", "stakeholders"),  # the same in Arabic, teh marbuta typed as heh
    ("إدارة المرسى", "stakeholders"),  # two Arabic words, hamza
    ("trabelsi", "contacts"),  # a contact's name: about a tenth of the contacts
    ("04217", "stakeholders"),  # one stakeholder
    ("zzzz", "stakeholders"),  # nothing
]


def _measure(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    return times, response, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stakeholders", type=int, default=5000)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    with Workspace(base_url, label="bench_search") as workspace:
        url = workspace.create("search")
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        os.environ["DATABASE_URL"] = url
        import warnings

        import django

        warnings.filterwarnings("ignore", message="No directory at")
        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from cities.models import City
        from cities.permissions import CityAccess
        from search import selectors

        call_command("generate_scale_data", cities=1, stakeholders=args.stakeholders, stdout=sys.stderr)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(get_user_model().objects.get(username="scale-coordinator"))
        city = City.objects.get(slug="scale-1")
        access = CityAccess(city=city, role="coordinator", is_superuser=False)
        page_url = reverse("search:search", kwargs={"city_slug": "scale-1"})
        for query, kind in QUERIES:
            for label, params in (("overview", {"q": query}), (kind, {"q": query, "kind": kind})):
                times, response, queries = _measure(client, page_url, params)
                words = selectors.search_words(query)
                kinds = selectors.KINDS if label == "overview" else [selectors.search_kind_get(access, kind)]
                results = sum(selectors.kind_results(k, city=city, words=words).count() for k in kinds)
                line = {
                    "name": "search",
                    "db": connection.vendor,
                    "query": query,
                    "page": label,
                    "median_ms": round(statistics.median(times), 1),
                    "min_ms": round(min(times), 1),
                    "results": results,
                    "queries": queries,
                    "rows": args.stakeholders,
                }
                print(json.dumps(line, ensure_ascii=False), flush=True)
        connection.close()


if __name__ == "__main__":
    main()
