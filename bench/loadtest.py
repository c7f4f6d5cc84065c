"""Load test: the app under gunicorn (2 workers) on PostgreSQL, driven from a second process on loopback.

    .venv/bin/python bench/loadtest.py [--requests 2000] [--seconds 30] [--concurrency 8] [--stakeholders 5000]
                                       [--driver auto|wrk|python]

Steps (see docs/load-test.md): create a database of its own next to DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432/test), migrate, build 5,000 stakeholders and a ToR version with
pending ratification requests, start gunicorn on 127.0.0.1, then drive it from a second process:
  registry_list     GET /fr/c/scale-1/stakeholders/ (pages 1 to 50) with a logged-in session cookie
  admin_changelist  the Django admin's changelist of the same rows, 25 a page, as the superuser
  healthz           GET /healthz: the floor (no session, no query)
  ratify_confirm    the emailed-link path: GET /fr/l/<token>/ -> GET the ratify page -> POST the decision
The GET scenarios run under wrk (Debian's `wrk`: `apt-get install wrk`) when it is installed, else under
a bounded Python client (threads, http.client), which spends about as much CPU per request as a fast page
and so narrows every ratio; the POST path always runs on the Python client. Each scenario stops at
--requests requests (Python client) or --seconds seconds. Figures are printed as JSON lines (requests per
second, latency p50/p95/p99, errors; "driver" says which client). Gunicorn is stopped and the
database dropped at the end, whatever happens. Nothing listens beyond 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import PYTHON, Workspace, bench_env, manage, settle_database  # noqa: E402

SETTINGS = "bench.settings_load"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
HOST = "127.0.0.1"


def emit(name, value, unit, **extra):
    print(json.dumps({"name": name, "value": value, "unit": unit, **extra}, ensure_ascii=False), flush=True)


def progress(message):
    print(f"[load] {message}", file=sys.stderr, flush=True)


def _env(database_url: str) -> dict:
    return bench_env(
        database_url,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL=f"http://{HOST}",
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
    )


# --- setup (runs in a subprocess with the load settings) -----------------------------------------------


def setup(stakeholders: int, links: int) -> None:
    """Data for the run; prints one JSON object: the session cookie, the tokens, the version hash."""
    import django

    django.setup()
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from bench import scenario as sc
    from links.services import link_issue
    from stakeholders.selectors import PAGE_SIZE
    from terms.models import RatificationRequest, RatificationStatus

    scenario = sc.build_registry(stakeholders)
    version = sc.build_terms(scenario)
    client = Client()
    client.force_login(scenario.coordinator)
    admin_client = Client()
    admin_client.force_login(scenario.superuser)
    pending = RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING).order_by("pk")
    expires = timezone.now() + timedelta(days=2)
    tokens = [
        link_issue(target=rr, purpose="ratification", expires_at=expires, language="fr").token for rr in pending[:links]
    ]
    # As autovacuum leaves a live database: without statistics the planner sorts every row of the city for
    # each page of the registry instead of reading its order index (3.4 ms against 0.7 ms a page at 5,000).
    settle_database()
    print(
        json.dumps(
            {
                "session": client.cookies["sessionid"].value,
                "admin_session": admin_client.cookies["sessionid"].value,
                "city": scenario.city.slug,
                "city_id": scenario.city.pk,
                "page_size": PAGE_SIZE,
                "sha256": version.sha256,
                "tokens": tokens,
                "rows": scenario.city.stakeholders.count(),
            }
        )
    )


# --- the client (a second process) ----------------------------------------------------------------------


class Http:
    """One keep-alive connection with its own cookie jar."""

    def __init__(self, port, cookies=None):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies = dict(cookies or {})

    def request(self, method, path, body=None):
        headers = {"Host": HOST, "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data, response.getheader("Location", "")


def _percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


THROUGHPUT: dict[str, float] = {}


def drive(name, work, *, port, total, seconds, concurrency, rows):
    """Run `work(http, i)` up to `total` times or for `seconds`, on `concurrency` threads."""
    lock = threading.Lock()
    latencies, errors, statuses = [], [], {}
    counter = iter(range(total))
    deadline = time.monotonic() + seconds

    def loop():
        http_ = None
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            http_ = http_ or Http(port)
            started = time.perf_counter()
            try:
                ok, status = work(http_, i)
            except (OSError, http.client.HTTPException) as exc:
                ok, status, http_ = False, type(exc).__name__, None
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                if not ok:
                    errors.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    THROUGHPUT[name] = len(latencies) / wall if wall else 0.0
    done = len(latencies)
    emit(f"load.{name}.requests", done, "requests", rows=rows, concurrency=concurrency, wall_s=round(wall, 2))
    emit(f"load.{name}.throughput", round(done / wall, 1), "per s", rows=rows)
    for p in (50, 95, 99):
        emit(f"load.{name}.p{p}", round(_percentile(latencies, p), 1), "ms", rows=rows)
    emit(f"load.{name}.errors", len(errors), "responses", rows=rows, statuses={str(k): v for k, v in statuses.items()})


# wrk (Debian's `wrk`, written in C) when it is installed: the Python client spends as much CPU per
# request as a fast page does, on the same two cores, which squeezes every ratio towards 1. The POST
# path with its CSRF token stays on the Python client.
WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {["Host"] = "%(host)s", ["Cookie"] = "%(cookie)s"}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"non_2xx\\": %%d, \\"socket_errors\\": %%d, "
    .. "\\"p50\\": %%d, \\"p95\\": %%d, \\"p99\\": %%d}\\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def drive_wrk(name, paths, *, port, seconds, concurrency, rows, cookie=""):
    """GET `paths` in turn for `seconds` on `concurrency` connections (2 wrk threads), as drive() reports."""
    script = Path(tempfile.mkdtemp(prefix="wrk-")) / "paths.lua"
    quoted = ", ".join('"' + p.replace('"', "") + '"' for p in paths)
    script.write_text(WRK_SCRIPT % {"paths": quoted, "host": HOST, "cookie": cookie})
    try:
        done = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                str(script),
                f"http://{HOST}:{port}/",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    finally:
        shutil.rmtree(script.parent, ignore_errors=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    wall = figures["duration_us"] / 1e6
    count = figures["requests"]
    THROUGHPUT[name] = count / wall if wall else 0.0
    emit(
        f"load.{name}.requests",
        count,
        "requests",
        rows=rows,
        concurrency=concurrency,
        wall_s=round(wall, 2),
        driver="wrk",
    )
    emit(f"load.{name}.throughput", round(THROUGHPUT[name], 1), "per s", rows=rows, driver="wrk")
    for p in (50, 95, 99):
        emit(f"load.{name}.p{p}", round(figures[f"p{p}"] / 1000, 1), "ms", rows=rows, driver="wrk")
    errors = figures["non_2xx"] + figures["socket_errors"]
    emit(
        f"load.{name}.errors",
        errors,
        "responses",
        rows=rows,
        driver="wrk",
        statuses={"non_2xx": figures["non_2xx"], "socket": figures["socket_errors"]},
    )


def _rotation(url: str, page_parameter: str) -> list[str]:
    """The first page three times in four, else pages 1 to 50, in a fixed order both clients follow."""
    joiner = "&" if "?" in url else "?"
    return [url if i % 4 else f"{url}{joiner}{page_parameter}={1 + i % 50}" for i in range(200)]


def client(port, plan_file, total, seconds, concurrency, driver="python"):
    plan = json.loads(Path(plan_file).read_text())
    rows = plan["rows"]
    registry = f"/fr/c/{plan['city']}/stakeholders/"
    session = plan["session"]

    def get_pages(name, url, page_parameter, session_id):
        """GET the first page three times in four, else pages 1 to 50, with that session, on the chosen client."""
        paths = _rotation(url, page_parameter)
        if driver == "wrk":
            drive_wrk(
                name,
                paths,
                port=port,
                seconds=seconds,
                concurrency=concurrency,
                rows=rows,
                cookie=f"sessionid={session_id}",
            )
            return

        def work(http_, i):
            http_.cookies["sessionid"] = session_id
            status, _, _ = http_.request("GET", paths[i % len(paths)])
            return status == 200, status

        drive(name, work, port=port, total=total, seconds=seconds, concurrency=concurrency, rows=rows)

    get_pages("registry_list", registry, "page", session)
    # The Django admin's changelist of the same rows (the city's active stakeholders, as many on a page:
    # bench/urls_load.py sets its list_per_page to the registry's page size), as the superuser.
    admin_url = f"/admin/stakeholders/stakeholder/?city__id__exact={plan['city_id']}&is_active__exact=1"
    get_pages("admin_changelist", admin_url, "p", plan["admin_session"])
    if THROUGHPUT.get("admin_changelist"):
        ratio = THROUGHPUT["registry_list"] / THROUGHPUT["admin_changelist"]
        emit(
            "load.ratio.registry_list_vs_admin",
            round(ratio, 2),
            "x throughput",
            rows=rows,
            page_size=plan["page_size"],
            driver=driver,
        )

    def healthz(http_, i):
        status, _, _ = http_.request("GET", "/healthz")
        return status == 200, status

    if driver == "wrk":
        drive_wrk("healthz", ["/healthz"], port=port, seconds=seconds, concurrency=concurrency, rows=rows)
    else:
        drive("healthz", healthz, port=port, total=total, seconds=seconds, concurrency=concurrency, rows=rows)

    tokens = plan["tokens"]
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

    def ratify(http_, i):
        """One contact's whole path, in a fresh session: landing, page, decision (3 requests)."""
        http_.cookies.clear()
        status, _, location = http_.request("GET", f"/fr/l/{tokens[i]}/")
        if status != 302:
            return False, f"landing {status}"
        status, body, _ = http_.request("GET", location)
        match = csrf.search(body)
        if status != 200 or not match:
            return False, f"page {status}"
        form = (
            f"csrfmiddlewaretoken={match.group(1).decode()}&action=ratify&confirm=on"
            f"&signed_name=Contact+{i}&sha256={plan['sha256']}"
        )
        status, _, _ = http_.request("POST", location, body=form)
        return status == 302, f"post {status}" if status != 302 else 302

    drive(
        "ratify_confirm_path",
        ratify,
        port=port,
        total=min(len(tokens), total),
        seconds=seconds,
        concurrency=concurrency,
        rows=rows,
    )


# --- orchestration --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_healthy(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not become healthy")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="per scenario (default 2000)")
    parser.add_argument("--seconds", type=float, default=30, help="per scenario (default 30)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--stakeholders", type=int, default=5000)
    parser.add_argument("--links", type=int, default=600, help="ratification links issued for the confirm path")
    parser.add_argument("--setup", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--driver",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="the GET scenarios' client: wrk when installed (auto), or the Python one",
    )
    parser.add_argument("--client", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.setup:
        setup(int(args.setup[0]), int(args.setup[1]))
        return 0
    if args.client:
        port, plan, total, seconds, concurrency, driver = args.client
        client(int(port), plan, int(total), float(seconds), int(concurrency), driver)
        return 0

    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base.startswith(("postgres://", "postgresql://")):
        parser.error("the load test runs on PostgreSQL: set DATABASE_URL=postgresql://...")
    driver = args.driver
    if driver == "auto":
        driver = "wrk" if shutil.which("wrk") else "python"
    elif driver == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed: apt-get install wrk, or --driver python")
    gunicorn = plan_file = None
    with Workspace(base, label="bench_load") as ws:
        try:
            progress("creating and migrating the database")
            url = ws.create("db", migrate=False)
            env = _env(url)
            manage(url, "migrate", "--no-input", "-v", "0", settings=SETTINGS, **{k: env[k] for k in ("SECRET_KEY",)})
            manage(url, "createcachetable", settings=SETTINGS, SECRET_KEY=env["SECRET_KEY"])
            progress(f"building {args.stakeholders} stakeholders and {args.links} ratification links")
            done = subprocess.run(
                [PYTHON, __file__, "--setup", str(args.stakeholders), str(args.links)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            plan_file = Path(tempfile.mkdtemp(prefix="load-")) / "plan.json"
            plan_file.write_text(done.stdout.strip().splitlines()[-1])
            port = _free_port()
            progress(f"gunicorn with {args.workers} workers on {HOST}:{port}")
            gunicorn = subprocess.Popen(
                [
                    str(Path(PYTHON).parent / "gunicorn"),
                    "config.wsgi",
                    "--workers",
                    str(args.workers),
                    "--bind",
                    f"{HOST}:{port}",
                    "--log-level",
                    "warning",
                    "--timeout",
                    "60",
                ],
                env=env,
                cwd=ROOT,
            )
            _wait_healthy(port, gunicorn)
            emit("load.setup", args.workers, "gunicorn workers", database="postgresql", host=HOST, driver=driver)
            progress("driving the load from a second process")
            subprocess.run(
                [
                    PYTHON,
                    __file__,
                    "--client",
                    str(port),
                    str(plan_file),
                    str(args.requests),
                    str(args.seconds),
                    str(args.concurrency),
                    driver,
                ],
                cwd=ROOT,
                check=True,
                timeout=args.seconds * 2 + 120,
            )
        finally:
            if plan_file is not None:  # it holds live tokens
                shutil.rmtree(plan_file.parent, ignore_errors=True)
            if gunicorn is not None and gunicorn.poll() is None:
                gunicorn.send_signal(signal.SIGTERM)
                try:
                    gunicorn.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    gunicorn.kill()
                    gunicorn.wait()
            progress("gunicorn stopped; dropping the database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
