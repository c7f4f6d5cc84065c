from .selectors import unread_count


def notifications(request):
    """`notifications_unread` for the navbar: no query when the user came through notifications.backends
    (the count is annotated on the user's own query), one COUNT otherwise."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    value = getattr(user, "notifications_unread", None)
    return {"notifications_unread": value if value is not None else unread_count(user=user)}
