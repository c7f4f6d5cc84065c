"""Writes of the notifications app: notifications for a city's members, read/unread, preferences, digests."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cities.models import Membership
from outbox.services import email_queue

from .models import Notification, NotificationPreference
from .selectors import digest_notifications

DIGEST_PURPOSE = "notification_digest"


def notification_notify_city(
    *,
    city,
    kind: str,
    params: dict,
    event_key: str,
    url_name: str = "",
    url_kwargs: dict | None = None,
    exclude_user_id: int | None = None,
) -> int:
    """One notification for every member of the city (any role: each may see what it points to), except
    `exclude_user_id` (who did it). An event already notified to a user is not notified again. 2 queries."""
    user_ids = Membership.objects.filter(city=city).exclude(user_id=exclude_user_id).values_list("user_id", flat=True)
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                city=city,
                kind=kind,
                params=params,
                url_name=url_name,
                url_kwargs=url_kwargs or {},
                event_key=event_key[:200],
            )
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    return len(created)


def notification_mark_read(*, user, pk: int) -> bool:
    """Mark one of the user's notifications read; False if it is not the user's (or already read)."""
    return bool(Notification.objects.filter(user=user, pk=pk, read_at__isnull=True).update(read_at=timezone.now()))


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_get(*, user) -> NotificationPreference:
    """The user's preferences (French, no digest, until the user chooses)."""
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def preference_update(*, user, language: str, daily_digest: bool) -> NotificationPreference:
    preference = preference_get(user=user)
    preference.language, preference.daily_digest = language, daily_digest
    preference.full_clean()
    preference.save(update_fields=["language", "daily_digest"])
    return preference


def digest_send(*, preference: NotificationPreference, today: dt.date, now: dt.datetime) -> bool:
    """Email the user the unread notifications received since the last digest (the last day at first),
    in the user's language. At most one digest per user and day: the day is claimed by a conditional
    update, so a second run (or a second worker) sends nothing. Nothing new, no email. The next digest starts
    after the newest notification this one listed, so nothing created meanwhile is skipped."""
    user = preference.user
    if not user.email or not user.is_active:
        return False
    since = preference.digest_covered_until or now - dt.timedelta(days=1)
    notifications = digest_notifications(user=user, since=since, until=now, language=preference.language)
    if not notifications:
        return False
    with transaction.atomic():
        claimed = (
            NotificationPreference.objects.filter(pk=preference.pk, daily_digest=True)
            .exclude(digest_sent_on=today)
            .update(digest_sent_on=today, digest_covered_until=max(n.created_at for n in notifications))
        )
        if not claimed:
            return False
        email_queue(
            to=user.email,
            language=preference.language,
            template="notifications-digest",
            context={"user": user, "notifications": notifications, "today": today},
            purpose=DIGEST_PURPOSE,
        )
    return True


def digests_send(*, now: dt.datetime | None = None) -> int:
    """The daily digest of every user who asked for one (run daily from cron); returns how many went out."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    preferences = (
        NotificationPreference.objects.filter(daily_digest=True, user__is_active=True)
        .exclude(digest_sent_on=today)
        .select_related("user")
        .order_by("pk")
    )
    return sum(digest_send(preference=p, today=today, now=now) for p in preferences)
