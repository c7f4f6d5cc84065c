"""The benchmark: one command, figures as JSON lines on stdout (progress on stderr).

    .venv/bin/python bench/run.py            # pages at 10 and 5,000 stakeholders, PDFs, sending
    .venv/bin/python bench/run.py --small    # pages at 10 and 200 (CI)
    .venv/bin/python bench/run.py --check    # exit 1 when a page's query count grows with the rows

Each line: {"name": ..., "value": ..., "unit": ..., "rows": ...}; a page that does not exist yet:
{"name": ..., "skipped": "not built yet"}. Query counts are deterministic and checked; times are
printed, never asserted.

Every measurement runs in a fresh worker process (bench/run.py --worker ...) on a database of its own:
a copy of one migrated SQLite template in a temporary folder, or, when DATABASE_URL names a PostgreSQL
server, databases created next to the named one (all dropped at the end). Settings: bench/settings.py.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import PYTHON, Workspace, bench_env  # noqa: E402

LARGE, SMALL_LARGE, FEW = 5000, 200, 10
# Stakeholders the ratification is sent to, and the record lists (--small: fewer, to stay quick in CI).
DOC_STAKEHOLDERS, SMALL_DOC_STAKEHOLDERS = 200, 50
COLD_DOCS = ("agenda-fr", "agenda-ar", "agenda-bi", "record-fr")
SMALL_COLD_DOCS = ("agenda-fr", "record-fr")


def emit(name, value=None, unit=None, rows=None, **extra):
    line = {"name": name}
    if value is not None:
        line.update(value=value, unit=unit, rows=rows)
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- workers (run inside a fresh process with DJANGO_SETTINGS_MODULE=bench.settings) --------------------


def _setup_django():
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    django.setup()


def worker_pages(stakeholders: int, small: bool) -> None:
    """Query count and median time of each main page, and the admin's changelist of the same rows."""
    _setup_django()
    from django.test import Client

    from bench import scenario as sc
    from bench.pages import PAGES, measure, page_url

    started = time.perf_counter()
    scenario = sc.build_all(sc.build_registry(stakeholders))
    rows = scenario.city.stakeholders.count()
    progress(f"{rows} stakeholders and their consultation, ToR and plan built in {time.perf_counter() - started:.1f} s")
    for part, reason in scenario.skipped.items():
        emit(f"scenario.{part}", skipped=reason)
    warmup, runs = (1, 5) if small else (2, 9)
    client = Client()
    client.force_login(scenario.coordinator)
    times = {}
    for page in PAGES:
        url, why = page_url(page, scenario)
        if url is None:
            emit(f"page.{page.key}", skipped=why)
            continue
        m = measure(client, url, warmup=warmup, runs=runs)
        if m.status != 200:
            emit(f"page.{page.key}", skipped=f"status {m.status} at {url}")
            continue
        times[page.key] = m.median_ms
        emit(f"page.{page.key}.queries", m.queries, "queries", rows, url=url)
        emit(f"page.{page.key}.server_time", m.median_ms, "ms", rows, runs=runs)

    admin = Client()
    admin.force_login(scenario.superuser)
    url = f"/admin/stakeholders/stakeholder/?city__id__exact={scenario.city.pk}"
    m = measure(admin, url, warmup=warmup, runs=runs)
    if m.status != 200:
        emit("admin.registry_changelist", skipped=f"status {m.status} at {url}")
        return
    emit("admin.registry_changelist.queries", m.queries, "queries", rows, url=url)
    emit("admin.registry_changelist.server_time", m.median_ms, "ms", rows, runs=runs)
    if "registry_list" in times:
        emit("ratio.registry_list_vs_admin", round(times["registry_list"] / m.median_ms, 2), "x", rows)


def _demo_consultation():
    from django.core.management import call_command

    from consultations.models import Consultation

    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return Consultation.objects.select_related("city").get(city__slug="tunis", number=1)


def _time(fn, runs: int) -> tuple[float, float]:
    """(first call, median of the next `runs`) in seconds."""
    import statistics

    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times)


def worker_cold(doc: str) -> None:
    """The first render of one document in a fresh process (fonts and stylesheet not yet parsed)."""
    _setup_django()
    kind, language = doc.split("-")
    if kind == "agenda":
        from consultations.documents import agenda_pdf
        from consultations.models import Consultation

        consultation = Consultation.objects.select_related("city").get(city__slug="tunis", number=1)
        started = time.perf_counter()
        agenda_pdf(consultation, language=language)
        emit(f"pdf.agenda_{language}.cold", round(time.perf_counter() - started, 3), "s", None)
    else:
        from terms.documents import ratification_record_pdf
        from terms.models import TorVersion

        version = TorVersion.objects.filter(tor__city__slug="scale-1").order_by("-number").first()
        rows = version.ratification_requests.count()
        started = time.perf_counter()
        ratification_record_pdf(version=version, language=language)
        emit(f"pdf.record_{language}.cold", round(time.perf_counter() - started, 3), "s", rows)


def worker_docs(small: bool) -> None:
    """Build the documents' data (left in the database for the cold workers) and time warm renders,
    WeasyPrint alone, sending a version for ratification, draining the outbox, the emailed-link path."""
    _setup_django()
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    runs = 3 if small else 5
    try:
        consultation = _demo_consultation()
    except Exception as exc:  # noqa: BLE001
        emit("pdf.agenda", skipped=f"no demo consultation: {exc!r}"[:200])
        consultation = None
    if consultation is not None:
        from common.pdf import DocumentLanguage
        from consultations.documents import agenda_context, agenda_pdf

        for language in DocumentLanguage.values:
            first, warm = _time(lambda lang=language: agenda_pdf(consultation, language=lang), runs)
            emit(f"pdf.agenda_{language}.warm", round(warm, 3), "s", None, runs=runs)
        # The same final HTML through WeasyPrint alone: a fresh parse of the stylesheet and fonts each time.
        import weasyprint

        from common.pdf import PRINT_CSS, html_to_pdf

        with translation.override("fr"):
            html = render_to_string("consultations/pdf/agenda.html", agenda_context(consultation, language="fr"))
        _, ours = _time(lambda: html_to_pdf(html), runs)
        _, alone = _time(
            lambda: weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
                stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS))]
            ),
            runs,
        )
        emit("pdf.agenda_fr.html_to_pdf", round(ours, 3), "s", None, runs=runs)
        emit("pdf.agenda_fr.weasyprint_alone", round(alone, 3), "s", None, runs=runs)
        emit("ratio.agenda_fr_vs_weasyprint_alone", round(ours / alone, 2), "x", None)
    _sending(small, runs)


def _sending(small: bool, runs: int) -> None:
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import scenario as sc

    scenario = sc.build_registry(SMALL_DOC_STAKEHOLDERS if small else DOC_STAKEHOLDERS)
    scenario.city.stakeholders.update(is_active=True)  # every one of them receives a request
    try:
        version = sc.build_terms(scenario, send=True)
    except Exception as exc:  # noqa: BLE001
        emit("send.ratification", skipped=f"terms not ready: {exc!r}"[:200])
        return
    rows = scenario.city.stakeholders.filter(is_active=True).count()
    client = Client()
    client.force_login(scenario.coordinator)
    url = f"/fr/c/{scenario.city.slug}/terms/v/{version.number}/ratification/send/"
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.post(url)
        elapsed = time.perf_counter() - started
    if response.status_code != 302:
        emit("send.ratification", skipped=f"status {response.status_code} at {url}")
        return
    emit("send.ratification.request", round(elapsed * 1000, 1), "ms", rows)
    emit("send.ratification.queries", len(captured), "queries", rows)

    from outbox.models import EmailStatus, OutgoingEmail
    from outbox.sending import email_send

    ids = list(OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).order_by("pk").values_list("pk", flat=True))
    mail.outbox = []
    started = time.perf_counter()
    for pk in ids:  # what the db_worker does, one task per email
        email_send(email_id=pk)
    drained = time.perf_counter() - started
    sent = OutgoingEmail.objects.filter(status=EmailStatus.SENT).count()
    emit("outbox.drain", round(drained, 2), "s", len(ids), sent=sent, delivered=len(mail.outbox))
    emit("outbox.drain_rate", round(len(ids) / drained, 1), "emails/s", len(ids))
    _confirm_path(scenario, version)
    _record(scenario, version, runs, small)


RATIFY_PAGE = "/fr/p/terms/ratify/"


def _confirm_step(step: str, landing: str, sha256: str):
    """A fresh contact's client brought to `step`, then that one request timed: (ms, queries, status)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if step != "landing":
        client.get(landing)
    if step == "post":
        client.get(RATIFY_PAGE)
    data = {"action": "ratify", "confirm": "on", "signed_name": "Bench Contact", "sha256": sha256}
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        if step == "landing":
            response = client.get(landing)
        elif step == "page":
            response = client.get(RATIFY_PAGE)
        else:
            response = client.post(RATIFY_PAGE, data)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(captured), response.status_code


def _confirm_path(scenario, version) -> None:
    """The emailed link: landing (token -> session, redirect), the page, the POST that ratifies."""
    import statistics
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from links.services import link_issue
    from terms.models import RatificationRequest, RatificationStatus

    rows = RatificationRequest.objects.filter(version=version).count()
    expires = timezone.now() + timedelta(days=5)
    for step in ("landing", "page", "post"):
        pending = RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING)
        samples = []
        for rr in pending.order_by("pk")[:5]:
            issued = link_issue(target=rr, purpose="ratification", expires_at=expires, language="fr")
            samples.append(_confirm_step(step, issued.url.removeprefix(settings.SITE_URL), version.sha256))
        bad = [status for _, _, status in samples if status not in (200, 302)]
        if bad or not samples:
            emit(f"link.confirm.{step}", skipped=f"status {bad}")
            continue
        emit(f"link.confirm.{step}.server_time", round(statistics.median(t for t, _, _ in samples), 2), "ms", rows)
        emit(f"link.confirm.{step}.queries", samples[-1][1], "queries", rows)


def _record(scenario, version, runs: int, small: bool) -> None:
    from django.utils import timezone

    from terms.documents import ratification_record_pdf
    from terms.models import RatificationRequest, RatificationStatus

    # Everyone has decided: the record lists a decision, a name and two times on each of its rows.
    RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING).update(
        status=RatificationStatus.RATIFIED, decided_at=timezone.now(), signed_name="Bench Contact", channel="link"
    )
    rows = RatificationRequest.objects.filter(version=version).count()
    first, warm = _time(lambda: ratification_record_pdf(version=version, language="fr"), 1 if small else runs)
    emit("pdf.record_fr.warm", round(warm, 3), "s", rows, runs=1 if small else runs)


# --- orchestration -----------------------------------------------------------------------------------


def _run_worker(database_url: str, *args: str) -> tuple[list[dict], bool]:
    env = bench_env(database_url)
    done = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--worker", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = []
    for raw in done.stdout.splitlines():
        print(raw, flush=True)
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError:
            pass
    if done.returncode != 0:
        emit(f"worker.{'-'.join(args)}", skipped=f"worker failed with exit code {done.returncode}")
    return lines, done.returncode == 0


def check_query_counts(results: dict[int, list[dict]]) -> list[str]:
    """Pages whose query count differs between the two row counts, or that answer at one size only."""
    few, many = sorted(results)
    counts = {n: {d["name"]: d["value"] for d in lines if d.get("unit") == "queries"} for n, lines in results.items()}
    problems = []
    for name in sorted(counts[few].keys() | counts[many].keys()):
        a, b = counts[few].get(name), counts[many].get(name)
        if a is None or b is None:
            problems.append(f"{name}: measured at {many if a is None else few} stakeholders only")
        elif a != b:
            problems.append(f"{name}: {a} queries at {few} stakeholders, {b} at {many} (grows with the rows)")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="10 and 200 stakeholders (CI)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page's query count grows with rows")
    parser.add_argument("--pages-only", action="store_true", help="skip PDFs and sending")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, *rest = args.worker
        if kind == "pages":
            worker_pages(int(rest[0]), small=rest[1] == "small")
        elif kind == "docs":
            worker_docs(small=rest[0] == "small")
        elif kind == "cold":
            worker_cold(rest[0])
        return 0

    started = time.perf_counter()
    sizes = (FEW, SMALL_LARGE if args.small else LARGE)
    mode = "small" if args.small else "full"
    results, failed = {}, []
    with Workspace(os.environ.get("DATABASE_URL"), label="bench") as ws:
        progress("migrating a template database")
        template = ws.create("template")
        for size in sizes:
            progress(f"pages at {size} stakeholders")
            results[size], ok = _run_worker(ws.copy(template, f"pages{size}"), "pages", str(size), mode)
            if not ok:
                failed.append(f"the pages worker at {size} stakeholders failed")
        if not args.pages_only:
            progress("documents and sending")
            docs = ws.copy(template, "docs")
            _run_worker(docs, "docs", mode)
            for doc in SMALL_COLD_DOCS if args.small else COLD_DOCS:
                _run_worker(docs, "cold", doc)  # times only: a failure here is printed, not checked
    progress(f"done in {time.perf_counter() - started:.0f} s")
    if args.check:
        # A failed worker measured nothing to compare: say that alone.
        problems = failed or check_query_counts(results)
        for problem in problems:
            progress(f"CHECK FAILED: {problem}")
        if problems:
            return 1
        progress(f"query counts are the same at {sizes[0]} and {sizes[1]} stakeholders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
