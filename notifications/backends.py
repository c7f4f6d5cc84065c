"""The navbar's unread count comes with the user, at no extra query.

Every page loads the logged-in user (AuthenticationMiddleware, one query). This backend is the project's
login backend (cities.login_throttle) with that same query annotated with the user's unread count, so the
count in the navbar costs no query of its own; the context processor falls back to one COUNT query for a
user loaded otherwise."""

from django.contrib.auth import get_user_model

from cities.login_throttle import AccountThrottleBackend

from .selectors import unread_count_subquery


class UnreadCountBackend(AccountThrottleBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        user = (
            user_model._default_manager.annotate(notifications_unread=unread_count_subquery())
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
