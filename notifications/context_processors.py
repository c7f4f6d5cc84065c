from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def _count(user) -> int:
    value = getattr(user, "notifications_unread", None)  # annotated by notifications.backends (no query)
    return value if value is not None else unread_count(user=user)


def notifications(request):
    """`notifications_unread` for the navbar: 0 queries with notifications.backends, 1 otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": SimpleLazyObject(lambda: _count(user))}
