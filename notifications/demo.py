"""Demo notifications for the Tunis coordinator: some read, some unread (illustrative events on the demo's
own stakeholders, ToR and consultation). Idempotent: each has a fixed event key."""

import datetime as dt

from django.utils import timezone

from consultations.models import Consultation
from stakeholders.models import Stakeholder
from terms.models import TorVersion

from .models import Notification, NotificationKind
from .texts import bilingual


def load(city, users, other_city=None):
    user = users.get("coordinator")
    stakeholders = list(Stakeholder.objects.filter(city=city).order_by("name_fr", "pk")[:3])
    if user is None or len(stakeholders) < 3:
        return
    version = TorVersion.objects.filter(tor__city=city).order_by("-number").first()
    consultation = Consultation.objects.filter(city=city, number=1).first()
    number = version.number if version else 1
    terms_page = {"city_slug": city.slug, "number": number}
    specs = [
        # (key, kind, params, url_name, url_kwargs, hours ago, read)
        (
            "feedback",
            NotificationKind.FEEDBACK,
            {"document": "tor", "version": number, "stakeholder": bilingual(stakeholders[0]), "count": 3},
            "terms:feedback",
            terms_page,
            2,
            False,
        ),
        (
            "declined",
            NotificationKind.DECLINED,
            {
                "document": "tor",
                "version": number,
                "stakeholder": bilingual(stakeholders[1]),
                "reason": "L'article 4 doit préciser le rôle des associations de migrants (illustratif).",
            },
            "terms:home",
            {"city_slug": city.slug},
            5,
            False,
        ),
        (
            "email_failed",
            NotificationKind.EMAIL_FAILED,
            {"to": "contact@example.org", "subject": "Invitation à la consultation 1 – Tunis"},
            "outbox:list",
            {"city_slug": city.slug},
            30,
            True,
        ),
    ]
    if consultation is not None:
        specs.append(
            (
                "not_attending",
                NotificationKind.NOT_ATTENDING,
                {
                    "number": consultation.number,
                    "title": bilingual(consultation, "title"),
                    "stakeholder": bilingual(stakeholders[2]),
                },
                "consultations:invitations",
                {"city_slug": city.slug, "number": consultation.number},
                50,
                True,
            )
        )
    now = timezone.now()
    for key, kind, params, url_name, url_kwargs, hours, read in specs:
        notification, _created = Notification.objects.update_or_create(
            user=user,
            event_key=f"demo:{city.slug}:{key}",
            defaults={
                "city": city,
                "kind": kind,
                "params": params,
                "url_name": url_name,
                "url_kwargs": url_kwargs,
                "read_at": now - dt.timedelta(hours=hours - 1) if read else None,
            },
        )
        # created_at is set once (auto_now_add): place the demo's events in the past.
        Notification.objects.filter(pk=notification.pk).update(created_at=now - dt.timedelta(hours=hours))
