"""The benchmark: one command, figures as JSON lines on stdout (progress on stderr).

    .venv/bin/python bench/run.py            # pages at 10 and 5,000 stakeholders, the registry at 20,000, PDFs, sending
    .venv/bin/python bench/run.py --small    # pages at 10 and 200 (CI)
    .venv/bin/python bench/run.py --check    # exit 1 when a page's query count grows with the rows
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_x .venv/bin/python bench/run.py   # on PostgreSQL

Each line: {"name": ..., "db": "sqlite" or "postgresql", "value": ..., "unit": ..., "rows": ...}; a page
that does not exist yet: {"name": ..., "db": ..., "skipped": "not built yet"}. Query counts are
deterministic and checked; times are printed, never asserted.

The run fails (exit 1) when a measurement did nothing: a pages or documents worker that crashed, or
ratification emails that were queued but not all sent through the task queue, the db_worker and the
email backend.

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
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import PYTHON, Workspace, bench_env, settle_database  # noqa: E402

LARGE, SMALL_LARGE, FEW = 5000, 200, 10
# The registry alone (list, search, map) at this size: the map must stay bounded where one mark each is not.
REGISTRY_SCALE = 20000
# Stakeholders the ratification is sent to, and the record lists (--small: fewer, to stay quick in CI).
DOC_STAKEHOLDERS, SMALL_DOC_STAKEHOLDERS = 200, 50
COLD_DOCS = ("agenda-fr", "agenda-ar", "agenda-bi", "record-fr")
SMALL_COLD_DOCS = ("agenda-fr", "record-fr")


def _database() -> str:
    """The database every figure was measured on (the workers get DATABASE_URL from bench.db)."""
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://", "pgsql://")) else "sqlite"


DATABASE = _database()


def emit(name, value=None, unit=None, rows=None, **extra):
    line = {"name": name, "db": DATABASE}
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


def _rows_shown(html: str) -> int:
    """Rows of the page's first table body (the registry list's and the admin changelist's results)."""
    start = html.find("<tbody")
    return html.count("<tr", start, html.find("</tbody>", start)) if start >= 0 else 0


def _measure_page(client, key: str, url: str, rows: int, warmup: int, runs: int):
    """Emit the page's query count, median time and HTML size; return its Measure (None when not 200)."""
    from bench.pages import measure

    m = measure(client, url, warmup=warmup, runs=runs)
    if m.status != 200:
        emit(key, skipped=f"status {m.status} at {url}")
        return None
    emit(f"{key}.queries", m.queries, "queries", rows, url=url)
    emit(f"{key}.server_time", m.median_ms, "ms", rows, runs=runs)
    emit(f"{key}.html_size", len(m.content), "bytes", rows)
    return m


def _admin_changelist(scenario, rows: int, warmup: int, runs: int, list_time: float | None) -> None:
    """The admin's changelist of the same rows as the registry list: the city's active stakeholders, as
    many on a page as the list shows (the admin's default is 100), so both pages do the same work."""
    from django.contrib import admin
    from django.test import Client

    from stakeholders.models import Stakeholder
    from stakeholders.selectors import PAGE_SIZE

    admin.site.get_model_admin(Stakeholder).list_per_page = PAGE_SIZE
    client = Client()
    client.force_login(scenario.superuser)
    url = f"/admin/stakeholders/stakeholder/?city__id__exact={scenario.city.pk}&is_active__exact=1"
    m = _measure_page(client, "admin.registry_changelist", url, rows, warmup, runs)
    if m is None:
        return
    shown = _rows_shown(m.content.decode())
    emit("admin.registry_changelist.rows_shown", shown, "rows", rows)
    if list_time is not None:
        emit("ratio.registry_list_vs_admin", round(list_time / m.median_ms, 2), "x", rows, rows_shown=shown)


def _map_uncached(client, url: str, rows: int, warmup: int, runs: int) -> None:
    """The map as the first visit after a change to the registry sees it: its data is cached under the
    registry's stamp (count and last change), so each measured request here starts with an empty cache.
    Its query count is printed as a figure, not checked (unit "queries, uncached")."""
    from django.core.cache import cache

    from bench.pages import measure

    m = measure(client, url, warmup=0, runs=runs, before=cache.clear)
    emit("page.registry_map.uncached_queries", m.queries, "queries, uncached", rows)
    emit("page.registry_map.uncached_server_time", m.median_ms, "ms", rows, runs=runs)


def worker_pages(stakeholders: int, small: bool, registry_only: bool = False) -> None:
    """Query count, median time and size of each main page, and the admin's changelist of the same rows.
    registry_only: the registry's pages alone (no consultation, ToR or plan built)."""
    _setup_django()
    from django.test import Client

    from bench import scenario as sc
    from bench.pages import PAGES, REGISTRY_PAGES, page_url

    started = time.perf_counter()
    scenario = sc.build_registry(stakeholders)
    if not registry_only:
        sc.build_all(scenario)
    settle_database()
    rows = scenario.city.stakeholders.count()
    progress(f"{rows} stakeholders and their data built in {time.perf_counter() - started:.1f} s")
    for part, reason in scenario.skipped.items():
        emit(f"scenario.{part}", skipped=reason)
    warmup, runs = (1, 5) if small else (2, 9)
    client = Client()
    client.force_login(scenario.coordinator)
    times = {}
    for page in REGISTRY_PAGES if registry_only else PAGES:
        url, why = page_url(page, scenario)
        if url is None:
            emit(f"page.{page.key}", skipped=why)
            continue
        m = _measure_page(client, f"page.{page.key}", url, rows, warmup, runs)
        if m is None:
            continue
        times[page.key] = m.median_ms
        if page.key == "registry_list":
            emit("page.registry_list.rows_shown", _rows_shown(m.content.decode()), "rows", rows)
        if page.key == "registry_map":
            _map_uncached(client, url, rows, warmup, runs)
    if "registry_map" in times and "registry_list" in times:
        emit("ratio.registry_map_vs_list", round(times["registry_map"] / times["registry_list"], 2), "x", rows)
    _admin_changelist(scenario, rows, warmup, runs, times.get("registry_list"))


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


def worker_docs(small: bool) -> bool:
    """Build the documents' data (left in the database for the cold workers) and time warm renders,
    WeasyPrint alone, headless Chromium printing the same HTML, sending a version for ratification,
    the emails through the task queue and a db_worker, the emailed-link path. False when the emails
    were not all sent."""
    _setup_django()
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    runs = 3 if small else 5
    peers = {}  # document -> (final HTML, PDF variant) printed by WeasyPrint and by Chromium
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
            lambda: weasyprint.HTML(string=html, base_url=str(settings.PROJECT_DIR) + "/").write_pdf(
                stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS))]
            ),
            runs,
        )
        emit("pdf.agenda_fr.html_to_pdf", round(ours, 3), "s", None, runs=runs)
        emit("pdf.agenda_fr.weasyprint_alone", round(alone, 3), "s", None, runs=runs)
        emit("ratio.agenda_fr_vs_weasyprint_alone", round(ours / alone, 2), "x", None)
        with translation.override("ar"):
            html = render_to_string("consultations/pdf/agenda.html", agenda_context(consultation, language="ar"))
        peers["agenda_ar"] = (html, None, None)
    sent_all = _sending(small, runs, peers)
    _chromium_peer(peers, runs)
    return sent_all


def _chromium_peer(documents: dict, runs: int) -> None:
    """What a user would reach for instead of WeasyPrint: headless Chromium (Playwright, Debian's
    `chromium`, the browser tests' flags) printing the same final HTML with the same print stylesheet
    inlined, timed warm (browser and page open; each run loads the HTML and prints it) beside our
    WeasyPrint path (html_to_pdf: shared fonts and stylesheet, the document's PDF variant). Chromium
    prints no running header, no "page N of M" in words and no PDF/A: it does less for its time."""
    if not documents:
        return
    import shutil

    from common.pdf import PRINT_CSS, html_to_pdf

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM_ARGS
    except ImportError as exc:
        emit("pdf.chromium", skipped=f"playwright not installed: {exc}")
        return
    if not Path(chromium).exists():
        emit("pdf.chromium", skipped="no chromium")
        return
    ours = {}
    for name, (html, variant, _rows) in documents.items():
        _, ours[name] = _time(lambda h=html, v=variant: html_to_pdf(h, pdf_variant=v), runs)
    style = f"<style>{PRINT_CSS.read_text()}</style>"
    # No ORM call while Playwright's loop runs in this thread (Django would refuse it): HTML is ready above.
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, (html, variant, rows) in documents.items():
            printable = html.replace("</head>", style + "</head>", 1)

            def print_pdf(printable=printable):
                page.set_content(printable, wait_until="load")
                return page.pdf(prefer_css_page_size=True, print_background=True)

            first, warm = _time(print_pdf, runs)
            emit(f"pdf.{name}.weasyprint", round(ours[name], 3), "s", rows, runs=runs, pdf_variant=variant or "")
            emit(f"pdf.{name}.chromium", round(warm, 3), "s", rows, runs=runs, first=round(first, 3))
            emit(f"ratio.{name}_weasyprint_vs_chromium", round(ours[name] / warm, 2), "x", rows)
        browser.close()


def _drain_with_worker() -> tuple[float, int]:
    """Run a db_worker (the production worker, `--batch`: until the queue is empty) in a process of its own
    on this database, with the file email backend: (wall seconds, messages the backend wrote)."""
    import tempfile

    from django.conf import settings

    from bench.db import bench_env

    with tempfile.TemporaryDirectory(prefix="bench-mail-") as mail_dir:
        env = bench_env(
            os.environ["DATABASE_URL"],
            BENCH_TASKS_BACKEND=settings.TASKS["default"]["BACKEND"],
            BENCH_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            BENCH_EMAIL_FILE_PATH=mail_dir,
        )
        command = [PYTHON, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-startup-delay", "-v", "0"]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            progress(f"db_worker exited with {done.returncode}")
        # The file backend writes each message followed by a line of 79 dashes (files may hold several).
        separator = "-" * 79
        delivered = sum(
            sum(1 for line in path.read_text(errors="replace").splitlines() if line == separator)
            for path in Path(mail_dir).iterdir()
        )
    return wall, delivered


def _sending(small: bool, runs: int, peers: dict) -> bool:
    """Send a version for ratification as a coordinator does, then let the real machinery deliver it: the
    request queues one task, a db_worker runs it (it queues one email each, one task each) and every email
    task, and the email backend writes the messages. False when not every queued email was sent."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench import scenario as sc

    scenario = sc.build_registry(SMALL_DOC_STAKEHOLDERS if small else DOC_STAKEHOLDERS)
    scenario.city.stakeholders.update(is_active=True)  # every one of them receives a request
    try:
        version = sc.build_terms(scenario, send=True)
    except Exception as exc:  # noqa: BLE001
        emit("send.ratification", skipped=f"terms not ready: {exc!r}"[:200])
        return False
    rows = scenario.city.stakeholders.filter(is_active=True).count()
    client = Client()
    client.force_login(scenario.coordinator)
    url = f"/fr/c/{scenario.city.slug}/terms/v/{version.number}/ratification/send/"
    posted_at = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.post(url)
        elapsed = time.perf_counter() - started
    if response.status_code != 302:
        emit("send.ratification", skipped=f"status {response.status_code} at {url}")
        return False
    emit("send.ratification.request", round(elapsed * 1000, 1), "ms", rows)
    emit("send.ratification.queries", len(captured), "queries", rows)

    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    from outbox.models import EmailStatus, OutgoingEmail

    wall, delivered = _drain_with_worker()
    emails = OutgoingEmail.objects.filter(city=scenario.city)
    queued, sent = emails.count(), emails.filter(status=EmailStatus.SENT).count()
    # The tasks this send made (one to queue the emails, one per email), timed by the worker's own clock.
    tasks = DBTaskResult.objects.filter(enqueued_at__gte=posted_at)
    span = tasks.aggregate(first=Min("started_at"), last=Max("finished_at"))
    drained = (span["last"] - span["first"]).total_seconds() if span["first"] and span["last"] else 0.0
    emit(
        "outbox.drain",
        round(drained, 2),
        "s",
        rows,
        queued=queued,
        sent=sent,
        delivered=delivered,
        tasks=tasks.filter(finished_at__isnull=False).count(),
        failed_tasks=tasks.filter(status="FAILED").count(),
        worker_wall=round(wall, 2),
    )
    if drained:
        emit("outbox.drain_rate", round(sent / drained, 1), "emails/s", rows)
    # The backend also delivers what the decisions and the send set off beside the requests themselves
    # (receipts, notices: outbox rows of their own): every row sent, and only those, reaches it once.
    sent_anywhere = OutgoingEmail.objects.filter(status=EmailStatus.SENT).count()
    sent_all = queued > 0 and sent == queued and delivered == sent_anywhere
    if not sent_all:
        emit(
            "outbox.drain",
            failed=f"{queued} emails queued, {sent} sent ({sent_anywhere} in all), {delivered} delivered by the backend",
        )
    _confirm_path(scenario, version)
    _record(scenario, version, runs, small, peers)
    return sent_all


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


def _record(scenario, version, runs: int, small: bool, peers: dict) -> None:
    from django.utils import timezone

    from terms.documents import ratification_record_html, ratification_record_pdf
    from terms.models import RatificationRequest, RatificationStatus

    # Everyone has decided: the record lists a decision, a name and two times on each of its rows.
    RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING).update(
        status=RatificationStatus.RATIFIED, decided_at=timezone.now(), signed_name="Bench Contact", channel="link"
    )
    rows = RatificationRequest.objects.filter(version=version).count()
    record_runs = 1 if small else runs
    for language in ("fr", "ar"):
        first, warm = _time(lambda lang=language: ratification_record_pdf(version=version, language=lang), record_runs)
        emit(f"pdf.record_{language}.warm", round(warm, 3), "s", rows, runs=record_runs)
    peers["record_fr"] = (ratification_record_html(version=version, language="fr"), "pdf/a-3b", rows)


# --- orchestration -----------------------------------------------------------------------------------


def _run_worker(database_url: str, *args: str, env: dict | None = None) -> tuple[list[dict], bool]:
    env = bench_env(database_url, **(env or {}))
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
        elif kind == "registry":
            worker_pages(int(rest[0]), small=rest[1] == "small", registry_only=True)
        elif kind == "docs":
            return 0 if worker_docs(small=rest[0] == "small") else 1
        elif kind == "cold":
            worker_cold(rest[0])
        return 0

    started = time.perf_counter()
    sizes = (FEW, SMALL_LARGE if args.small else LARGE)
    mode = "small" if args.small else "full"
    results, failed = {}, []
    base_url = os.environ.get("DATABASE_URL")
    # PostgreSQL: the databases made for the run are named after the one in DATABASE_URL (never created).
    label = (urlsplit(base_url).path.strip("/") if base_url else "") or "bench"
    with Workspace(base_url, label=label) as ws:
        progress(f"migrating a template database ({DATABASE})")
        template = ws.create("template")
        for size in sizes:
            progress(f"pages at {size} stakeholders")
            results[size], ok = _run_worker(ws.copy(template, f"pages{size}"), "pages", str(size), mode)
            if not ok:
                failed.append(f"the pages worker at {size} stakeholders failed")
        if not args.small:
            progress(f"the registry's pages at {REGISTRY_SCALE} stakeholders")
            _, ok = _run_worker(ws.copy(template, "registry"), "registry", str(REGISTRY_SCALE), mode)
            if not ok:
                failed.append(f"the registry worker at {REGISTRY_SCALE} stakeholders failed")
        if not args.pages_only:
            progress("documents and sending")
            docs = ws.copy(template, "docs")
            _, ok = _run_worker(docs, "docs", mode, env={"BENCH_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"})
            if not ok:
                failed.append("the documents worker failed or the ratification emails were not all sent")
            for doc in SMALL_COLD_DOCS if args.small else COLD_DOCS:
                _run_worker(docs, "cold", doc)  # times only: a failure here is printed, not checked
    progress(f"done in {time.perf_counter() - started:.0f} s")
    # A failed worker measured nothing to compare: say that alone.
    problems = failed or (check_query_counts(results) if args.check else [])
    for problem in problems:
        progress(f"FAILED: {problem}")
    if problems:
        return 1
    if args.check:
        progress(f"query counts are the same at {sizes[0]} and {sizes[1]} stakeholders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
