"""Scale out: two gunicorn instances and two db_worker processes on one PostgreSQL (and one Redis cache).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/scaleout.py [--stakeholders 1000]

What it proves, printing one JSON line per figure and exiting 1 when a check fails:
  emails    1,000 invitations queued by one send; two workers drain them; one worker is killed (SIGKILL)
            mid-run; `manage.py outbox_retry` (cron) queues what it left behind once stale (the run
            moves those rows' clocks back 11 minutes rather than waiting 10); every invitation reaches
            its stakeholder exactly once (counted in the files the mail server wrote), none is lost.
  sessions  a login session made on instance A is honoured by instance B (sessions in the database).
  rate      bad link tokens sent alternately to A and B share one counter: the 21st gets 429.
  pdfs      the roadmap PDF asked of A is printed once by a worker and served, byte for byte, by B.

The databases and folders it creates are removed at the end, whatever happens; nothing listens beyond
127.0.0.1. The cache is Redis (CACHE_URL, default redis://127.0.0.1:6379/9) when one answers there.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes
from email.utils import parseaddr
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import PYTHON, Workspace, bench_env, manage  # noqa: E402

SETTINGS = "bench.settings_scaleout"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_CACHE = "redis://127.0.0.1:6379/9"
HOST = "127.0.0.1"
FAILURES: list[str] = []


def emit(name, value, unit="", **extra):
    print(json.dumps({"name": name, "value": value, "unit": unit, **extra}, ensure_ascii=False), flush=True)


def progress(message):
    print(f"[scaleout] {message}", file=sys.stderr, flush=True)


def check(name: str, ok: bool, detail: str = "") -> None:
    emit(f"scaleout.check.{name}", "ok" if ok else "FAILED", detail=detail)
    if not ok:
        FAILURES.append(f"{name}: {detail}")


# --- data (run in a child process with Django set up) ----------------------------------------------------


def setup(stakeholders: int) -> None:
    """Registry, consultation 1 sent to everyone (the emails queued for the workers), a draft roadmap
    with its plan; prints the coordinator's session and what the checks need."""
    import django

    django.setup()
    from django.test import Client

    from bench import scenario as sc
    from consultations.services.invitations import invitation_send
    from planning.services.roadmap import roadmap_version_create

    scenario = sc.build_registry(stakeholders)
    scenario.city.stakeholders.update(is_active=True)
    sc.build_planning(scenario)
    version = roadmap_version_create(city=scenario.city)
    # A consultation with its agenda, no invitation yet: the send below queues one email per stakeholder.
    consultation = sc.build_consultations(scenario)
    consultation.invitations.all().delete()
    result = invitation_send(consultation=consultation)
    client = Client()
    client.force_login(scenario.coordinator)
    print(
        json.dumps(
            {
                "session": client.cookies["sessionid"].value,
                "city": scenario.city.slug,
                "emails": len(result.sent),
                "recipients": sorted(i.contact.email for i in result.sent if i.contact_id),
                "roadmap": version.number,
            }
        )
    )


# --- processes --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _get(port: int, path: str, cookie: str = "") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Host": HOST}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def _wait_healthy(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            if _get(port, "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not become healthy")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT status, count(*) FROM outbox_outgoingemail GROUP BY status").fetchall()
    return dict(rows)


def _age_stale_sending(url: str) -> int:
    """Move the clock of rows left "sending" by the killed worker back past outbox.sending.STALE_SENDING."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(
            "UPDATE outbox_outgoingemail SET last_attempt_at = now() - interval '11 minutes' WHERE status = 'sending'"
        )
        return cursor.rowcount


def _redis_answers(cache_url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(cache_url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 -- any failure means no usable Redis: run on the database alone
        return False


# --- the run ----------------------------------------------------------------------------------------------


def _drain(url: str, total: int, workers: list, *, kill_at: int, timeout: float) -> tuple[float, int]:
    """Poll until every email is sent or nothing moves; SIGKILL the first worker once `kill_at` are sent."""
    started = time.monotonic()
    killed_at = -1
    last, still = -1, time.monotonic()
    while time.monotonic() - started < timeout:
        sent = _counts(url).get("sent", 0)
        if killed_at < 0 and sent >= kill_at:
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            killed_at = sent
            progress(f"killed worker 1 (pid {workers[0].pid}) with {sent} of {total} sent")
        if sent >= total:
            break
        if sent != last:
            last, still = sent, time.monotonic()
        elif time.monotonic() - still > 15:  # nothing moves: the rest waits for outbox_retry
            break
        time.sleep(0.2)
    return time.monotonic() - started, killed_at


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stakeholders", type=int, default=1000)
    parser.add_argument("--setup", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.setup:
        setup(int(args.setup[0]))
        return 0

    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base.startswith(("postgres://", "postgresql://")):
        parser.error("the scale-out run uses PostgreSQL: set DATABASE_URL=postgresql://...")
    cache_url = os.environ.get("CACHE_URL", DEFAULT_CACHE)
    if not _redis_answers(cache_url):
        progress(f"no Redis at {cache_url}: the instances share the database only")
        cache_url = ""
    mail_dir = Path(tempfile.mkdtemp(prefix="scaleout-mail-"))
    processes: list[subprocess.Popen] = []
    with Workspace(base, label="bench_scaleout") as ws:
        try:
            progress("creating and migrating the database")
            url = ws.create("db", migrate=False)
            env = bench_env(
                url,
                DJANGO_SETTINGS_MODULE=SETTINGS,
                SECRET_KEY=secrets.token_urlsafe(64),
                SITE_URL=f"http://{HOST}",
                EMAIL_FILE_PATH=str(mail_dir),
                CACHE_URL=cache_url,
                LOG_LEVEL="ERROR",
            )
            if cache_url:
                import redis

                redis.Redis.from_url(cache_url).flushdb()
            keys = {k: env[k] for k in ("SECRET_KEY", "EMAIL_FILE_PATH", "CACHE_URL")}
            manage(url, "migrate", "--no-input", "-v", "0", settings=SETTINGS, **keys)
            manage(url, "createcachetable", settings=SETTINGS, **keys)
            progress(f"building {args.stakeholders} stakeholders and sending consultation 1 to all of them")
            done = subprocess.run(
                [PYTHON, __file__, "--setup", str(args.stakeholders)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            plan = json.loads(done.stdout.strip().splitlines()[-1])
            total = plan["emails"]
            emit("scaleout.queued", total, "emails", database="postgresql", cache="redis" if cache_url else "db")

            ports = [_free_port(), _free_port()]
            for port in ports:
                processes.append(
                    subprocess.Popen(
                        [
                            str(Path(PYTHON).parent / "gunicorn"),
                            "config.wsgi",
                            "--workers",
                            "1",
                            "--bind",
                            f"{HOST}:{port}",
                            "--log-level",
                            "warning",
                            "--timeout",
                            "120",
                        ],
                        env=env,
                        cwd=ROOT,
                    )
                )
            workers = [
                subprocess.Popen(
                    [
                        PYTHON,
                        str(ROOT / "manage.py"),
                        "db_worker",
                        "--interval",
                        "0.1",
                        "--no-startup-delay",
                        "--no-reload",
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(2)
            ]
            processes += workers
            for port, process in zip(ports, processes[:2], strict=True):
                _wait_healthy(port, process)
            progress(f"two instances on {ports}, two workers; draining {total} emails")

            seconds, killed_at = _drain(url, total, workers, kill_at=total // 4, timeout=600)
            left = _counts(url)
            aged = _age_stale_sending(url)
            manage(url, "outbox_retry", settings=SETTINGS, **keys)
            more, _ = _drain(url, total, workers[1:], kill_at=total + 1, timeout=120)
            final = _counts(url)
            emit("scaleout.drain", round(seconds + more, 1), "s", killed_worker_at=killed_at, left_sending=aged)
            emit("scaleout.throughput", round(total / (seconds + more), 1), "emails/s")

            files = sorted(mail_dir.glob("*.eml"))
            to = [parseaddr(message_from_bytes(f.read_bytes())["To"])[1] for f in files]
            expected = set(plan["recipients"])
            duplicates = len(to) - len(set(to))
            lost = sorted(expected - set(to))
            emit("scaleout.emails", len(to), "messages written", statuses=final, before_retry=left)
            check("every_email_sent", final.get("sent", 0) == total, json.dumps(final))
            check("none_lost", not lost, f"{len(lost)} recipients got nothing")
            check("none_twice", duplicates == 0, f"{duplicates} recipients got two")
            check("worker_was_killed_mid_run", 0 < killed_at < total, f"killed at {killed_at} of {total}")

            # Sessions: the coordinator's session (made by the setup) opens the registry on both instances.
            registry = f"/fr/c/{plan['city']}/stakeholders/"
            statuses = [_get(port, registry, plan["session"]).status for port in ports]
            check("session_on_both_instances", statuses == [200, 200], f"registry: {statuses}")

            # Rate limit: one counter for both instances (links.views.BAD_TOKEN_LIMIT = 20 per address).
            answers = [_get(ports[i % 2], f"/fr/l/{secrets.token_urlsafe(32)}/").status for i in range(21)]
            check("rate_limit_shared", answers[:20].count(429) == 0 and answers[20] == 429, f"{answers}")

            # PDFs: asked of A, printed once by a worker, served by B byte for byte.
            pdf = f"/fr/c/{plan['city']}/planning/roadmap/{plan['roadmap']}/pdf/fr/"
            first = _get(ports[0], pdf, plan["session"])
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if _get(ports[1], pdf + "?progress=1", plan["session"]).status == 200:
                    break
                time.sleep(0.5)
            from_b = _get(ports[1], pdf, plan["session"])
            from_a = _get(ports[0], pdf, plan["session"])
            same = from_b.body == from_a.body and from_b.body.startswith(b"%PDF")
            check("pdf_printed_once_served_by_both", first.status == 302 and same, f"first {first.status}")
        finally:
            for process in processes:
                _stop(process)
            shutil.rmtree(mail_dir, ignore_errors=True)
            progress("stopped; dropping the database")
    if FAILURES:
        progress("FAILED: " + "; ".join(FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
