"""How long computing the reminders due takes for a city of 5,000 stakeholders (a figure, not a test).

    .venv/bin/python bench/reminders_bench.py                 # 5,000 stakeholders
    .venv/bin/python bench/reminders_bench.py --stakeholders 200

On a database of its own (bench/db.py: a temporary SQLite file, or next to DATABASE_URL's PostgreSQL), it
makes the stakeholders with their contacts (generate_scale_data), then for each of them an unanswered
invitation to a consultation in three days, a pending ratification request of a final ToR version whose
link expires in five days, and a feedback request on a circulated version whose link closes in four days,
each with its emailed link; 10% have already had today's reminder (the log). It then times
reminders.selectors.reminders_due (cold, then the best of 5 warm runs; every deadline inside the policy's
window, the worst case), then again with a window no deadline falls in, and prints JSON lines:
{"name": ..., "db": ..., "value": ..., "unit": ..., "rows": ...}.
"""

import argparse
import datetime as dt
import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.db import Workspace, manage  # noqa: E402


def _build(size: int):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from cities.models import City
    from consultations.models import Consultation, Invitation
    from links.models import EmailLink
    from links.services import token_hash
    from reminders.models import ReminderLog, ReminderPolicy
    from stakeholders.models import Contact, Stakeholder
    from terms.models import FeedbackRequest, RatificationRequest, TermsOfReference, TorVersion

    city = City.objects.get(slug="scale-1")
    policy = ReminderPolicy.objects.create(city=city, enabled=True, days_before=7, repeat_days=3)
    now = timezone.now()
    stakeholders = list(Stakeholder.objects.filter(city=city).order_by("pk"))
    contacts = {c.stakeholder_id: c for c in Contact.objects.filter(stakeholder__city=city, is_primary=True)}
    soon = timezone.localdate(now, timezone=city.tzinfo) + dt.timedelta(days=3)
    consultation = Consultation.objects.create(
        city=city,
        number=1,
        title_fr="Consultation",
        title_ar="استشارة",
        date=soon,
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        status="invitations_sent",
    )
    tor = TermsOfReference.objects.create(city=city, title_fr="TdR", title_ar="الاختصاصات المرجعية")
    circulated = TorVersion.objects.create(tor=tor, number=1, status="circulated", sha256="a" * 64, frozen_at=now)
    final = TorVersion.objects.create(tor=tor, number=2, status="final", sha256="b" * 64, frozen_at=now)

    def contact_fields(s):
        c = contacts.get(s.pk)
        return {"contact": c, "language": c.language if c else "fr"}

    invitations = Invitation.objects.bulk_create(
        [Invitation(consultation=consultation, stakeholder=s, sent_at=now, **contact_fields(s)) for s in stakeholders],
        batch_size=1000,
    )
    requests = RatificationRequest.objects.bulk_create(
        [
            RatificationRequest(
                version=final,
                stakeholder=s,
                contact_name=contacts[s.pk].name if s.pk in contacts else "",
                contact_email=contacts[s.pk].email if s.pk in contacts else "",
                sent_at=now,
                queued_at=now,
                expires_at=now + dt.timedelta(days=5),
                **contact_fields(s),
            )
            for s in stakeholders
        ],
        batch_size=1000,
    )
    feedback = FeedbackRequest.objects.bulk_create(
        [FeedbackRequest(version=circulated, stakeholder=s, **contact_fields(s)) for s in stakeholders],
        batch_size=1000,
    )
    links = []
    for objects, purpose, expires in (
        (invitations, "invitation", consultation.ends_at),
        (requests, "tor_ratification", now + dt.timedelta(days=5)),
        (feedback, "tor_feedback", now + dt.timedelta(days=4)),
    ):
        ct = ContentType.objects.get_for_model(objects[0])
        links += [
            EmailLink(
                purpose=purpose,
                target_type=ct,
                target_id=o.pk,
                city=city,
                token_hash=token_hash(secrets.token_urlsafe(32)),
                expires_at=expires,
            )
            for o in objects
        ]
    EmailLink.objects.bulk_create(links, batch_size=1000)
    ct = ContentType.objects.get_for_model(Invitation)
    ReminderLog.objects.bulk_create(
        [
            ReminderLog(city=city, kind="invitation", target_type=ct, target_id=i.pk, slot="auto:0", sent_at=now)
            for i in invitations[: size // 10]
        ],
        batch_size=1000,
    )
    return city, policy


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stakeholders", type=int, default=5000)
    args = parser.parse_args()
    with Workspace(os.environ.get("DATABASE_URL"), label="bench_reminders") as workspace:
        url = workspace.create("reminders")
        manage(url, "generate_scale_data", "--cities", "1", "--stakeholders", str(args.stakeholders))
        os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings")
        import django

        django.setup()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from reminders.selectors import reminders_due

        city, policy = _build(args.stakeholders)
        db = "postgresql" if workspace.is_postgres else "sqlite"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            due = reminders_due(city=city, policy=policy)
            cold = time.perf_counter() - started
        warm = []
        for _ in range(5):
            started = time.perf_counter()
            reminders_due(city=city, policy=policy)
            warm.append(time.perf_counter() - started)
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("reminders_due(city=city, policy=policy)", globals(), locals(), sort="cumtime")
        # The same city with a first reminder a day before: no deadline falls in the window, the database
        # leaves every row out.
        policy.days_before = 1
        narrow = []
        for _ in range(5):
            started = time.perf_counter()
            reminders_due(city=city, policy=policy)
            narrow.append(time.perf_counter() - started)
        for name, value, unit in (
            ("reminders_due_cold", round(cold * 1000, 1), "ms"),
            ("reminders_due_warm", round(min(warm) * 1000, 1), "ms"),
            ("reminders_due_queries", len(queries.captured_queries), "queries"),
            ("reminders_due_count", len(due), "reminders"),
            ("reminders_due_none_in_window_warm", round(min(narrow) * 1000, 1), "ms"),
        ):
            print(json.dumps({"name": name, "db": db, "value": value, "unit": unit, "rows": args.stakeholders}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
