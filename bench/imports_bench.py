"""Figures of the registry import at 5,000 rows (not a test): time and peak Python memory (tracemalloc) of
the upload and commit requests (which only queue the work), of the worker's reading and checking of the
file, of one preview page, and of the worker's commit (with --memory: tracemalloc, which
slows every step, so the times of that run are not the figures); first an XLSX of 5,000 new
stakeholders with their contacts into an empty registry, then the registry's own CSV export of those
5,000 read back in (every row matches: nothing changes).

    .venv/bin/python bench/imports_bench.py [--rows 5000] [--memory]

Prints JSON lines {"name", "value", "unit", "rows"}; the process's peak RSS comes last. SQLite database of
its own (bench/db.py), removed at the end.
"""

import argparse
import io
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import Workspace  # noqa: E402

CATEGORIES = (
    "Organisation internationale",
    "Société civile / ONG",
    "Association de migrants",
    "Secteur privé",
    "Médias",
)
DOMAINS = ("Santé", "Logement", "Éducation", "Aide juridique et droits")


def _emit(name, value, unit, rows):
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, "rows": rows}), flush=True)


TRACE = False  # --memory: measure each step's peak Python memory too (tracemalloc slows it several times)


def _measure(name, rows, function):
    if TRACE:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    _emit(f"{name}_time", elapsed, "s", rows)
    # On a shared machine the wall time counts the waits for a core; the CPU time is this step's own work.
    _emit(f"{name}_cpu_time", cpu, "s", rows)
    if TRACE:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        _emit(f"{name}_peak_memory", peak / 2**20, "MiB", rows)
    return result


def _workbook(rows: int) -> bytes:
    import openpyxl

    from imports.columns import headers

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers("fr"))
    for n in range(rows):
        sheet.append(
            [
                f"Organisation numéro {n} pour les migrations",
                f"المؤسسة رقم {n} للهجرة",
                f"ORG{n}",
                "",
                CATEGORIES[n % len(CATEGORIES)],
                "Local" if n % 2 else "International",
                ", ".join(DOMAINS[: 1 + n % len(DOMAINS)]),
                1 + n % 5,
                1 + (n * 3) % 5,
                "oui",
                "2023-11-07",
                f"Note {n}",
                f"Personne {n}",
                "Chargée de mission",
                f"personne{n}@example.org",
                "+216 71 000 000",
                "Arabe" if n % 3 else "Français",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(rows: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cities.models import City, Membership, Role
    from imports import selectors, services
    from imports.models import ImportBatch
    from stakeholders.models import Stakeholder

    city = City.objects.create(name_fr="Tunis", name_ar="تونس", slug="tunis", country_fr="Tunisie")
    user = get_user_model().objects.create_user("coordinator", password="bench-pass-123")
    Membership.objects.create(user=user, city=city, role=Role.COORDINATOR)

    client = Client()
    client.force_login(user)

    def upload(name: str, payload: bytes, extension: str):
        """The upload request (it only stores the file and queues the reading: bench.settings' dummy
        backend) then the worker's reading, each measured on its own."""
        _measure(
            f"{name}_upload_request",
            rows,
            lambda: client.post("/fr/c/tunis/imports/", {"file": SimpleUploadedFile(f"r.{extension}", payload)}),
        )
        batch = ImportBatch.objects.latest("pk")
        _measure(f"{name}_read_check", rows, lambda: services.import_batch_read(batch_id=batch.pk))
        batch.refresh_from_db()
        assert batch.status == "ready", batch.error
        return batch

    def commit(name: str, batch) -> dict:
        url = f"/fr/c/tunis/imports/{batch.pk}/commit/"
        _measure(f"{name}_commit_request", rows, lambda: client.post(url))
        _measure(f"{name}_commit", rows, lambda: services.import_batch_commit_run(batch_id=batch.pk))
        batch.refresh_from_db()
        return batch.summary

    data = _workbook(rows)
    _emit("imports_xlsx_file_size", len(data) / 2**20, "MiB", rows)
    batch = upload("imports_xlsx", data, "xlsx")
    with CaptureQueriesContext(connection) as queries:
        _measure("imports_preview_page", rows, lambda: selectors.preview_page(batch=batch, page_number=1))
    _emit("imports_preview_page_queries", len(queries), "queries", rows)
    counts = commit("imports_xlsx", batch)
    assert counts["created"] == rows == Stakeholder.objects.filter(city=city).count(), counts

    export = client.get("/fr/c/tunis/stakeholders/export.csv").content
    _emit("imports_csv_export_size", len(export) / 2**20, "MiB", rows)
    batch = upload("imports_csv_round_trip", export, "csv")
    counts = commit("imports_csv_round_trip", batch)
    assert counts["unchanged"] == rows, counts
    _emit("imports_process_peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MiB", rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--memory", action="store_true", help="peak memory of each step (tracemalloc; slower)")
    args = parser.parse_args()
    global TRACE
    TRACE = args.memory
    with Workspace(label="imports") as workspace:
        os.environ["DATABASE_URL"] = workspace.create("imports")
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        run(args.rows)


if __name__ == "__main__":
    main()
