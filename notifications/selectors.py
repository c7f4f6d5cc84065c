"""Reads of the notifications app."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from common.collation import translated_name_order

from .models import Notification, NotificationPreference


def notification_list(*, user):
    """The user's notifications, newest first, with their city (1 query per page)."""
    return Notification.objects.filter(user=user).select_related("city").order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_count_subquery(user_ref: str = "pk"):
    """The unread count of the user whose primary key is `user_ref`, as an expression to annotate a user
    query with (notifications.backends: the navbar's count comes with the user, at no extra query)."""
    counts = (
        Notification.objects.filter(user_id=OuterRef(user_ref), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def digest_notifications(*, user, since, until, language: str | None = None) -> list[Notification]:
    """Unread notifications created in (since, until], by city in the reader's language (`language`, the
    active one by default), oldest first, with their city (1 query)."""
    return list(
        Notification.objects.filter(user=user, read_at__isnull=True, created_at__gt=since, created_at__lte=until)
        .select_related("city")
        .order_by(translated_name_order(prefix="city__", language=language), "created_at", "pk")
    )


def preference_for(*, user):
    """The user's preferences, or the defaults (French, no digest) unsaved: a page that only reads writes nothing."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)
