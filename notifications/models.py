"""Notifications to staff: what happened in a city that its members should know, each with read/unread;
and each user's preferences (a daily digest by email, in the user's language)."""

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City


class NotificationKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback received")
    DECLINED = "declined", _("Ratification declined")
    QUORUM = "quorum", _("Quorum reached")
    ADOPTED = "adopted", _("Version adopted")
    NOT_ATTENDING = "not_attending", _("Not attending")
    EMAIL_FAILED = "email_failed", _("Email failed")


class Notification(models.Model):
    """One event for one member of the city. What it says is rendered when read, in the reader's language,
    from `params` (names kept in French and Arabic); `url_name` and `url_kwargs` lead to the page concerned."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("city"))
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    params = models.JSONField(_("details"), default=dict, blank=True)
    url_name = models.CharField(_("page"), max_length=100, blank=True)
    url_kwargs = models.JSONField(_("page arguments"), default=dict, blank=True)
    # One notification per user and event, however often the event is reported (a retried email, a replay).
    event_key = models.CharField(_("event"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="notification_unique_user_event"),
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user}"

    def get_absolute_url(self) -> str:
        """The page concerned, in the active language ("" if it no longer resolves)."""
        if not self.url_name:
            return ""
        try:
            return reverse(self.url_name, kwargs=self.url_kwargs)
        except NoReverseMatch:
            return ""

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class UserLanguage(models.TextChoices):
    FRENCH = "fr", "Français"
    ARABIC = "ar", "العربية"


class NotificationPreference(models.Model):
    """A user's choices: the daily digest, and the language of the emails the app sends the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=2, choices=UserLanguage.choices, default=UserLanguage.FRENCH)
    daily_digest = models.BooleanField(_("daily digest by email"), default=False)
    # The day (settings.TIME_ZONE) of the last digest, and the moment it covered up to: one digest a day.
    digest_sent_on = models.DateField(_("last digest"), null=True, blank=True)
    digest_covered_until = models.DateTimeField(_("digest covers until"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=UserLanguage.values), name="notification_preference_language_valid"
            ),
        ]

    def __str__(self):
        return str(self.user)
