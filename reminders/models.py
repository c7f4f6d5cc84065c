"""Reminders: each city's policy, and the log of every reminder sent (the guarantee that none goes twice)."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City


class ReminderPolicy(models.Model):
    """When a city's stakeholders are reminded of what waits for their answer: so many days before the
    deadline, then every so many days, never inside the quiet hours (the city's own clock)."""

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="reminder_policy", verbose_name=_("city"))
    enabled = models.BooleanField(_("send reminders automatically"), default=False)
    days_before = models.PositiveSmallIntegerField(
        _("first reminder, days before the deadline"),
        default=7,
        help_text=_("Between 1 and 60 days."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("then every (days)"),
        default=3,
        help_text=_("0: a single reminder (and a last one the day before a ratification link expires)."),
    )
    quiet_start = models.TimeField(_("quiet hours from"), default=dt.time(20, 0))
    quiet_end = models.TimeField(_("quiet hours until"), default=dt.time(8, 0))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_before__gte=1, days_before__lte=60),
                name="reminderpolicy_days_before_range",
                violation_error_message=_("The first reminder goes between 1 and 60 days before the deadline."),
            ),
            models.CheckConstraint(
                condition=models.Q(repeat_days__lte=30),
                name="reminderpolicy_repeat_range",
                violation_error_message=_("Repeat at most every 30 days."),
            ),
        ]

    def __str__(self):
        return str(self.city)

    def is_quiet_at(self, moment: dt.datetime) -> bool:
        """Inside the quiet hours, read on the city's clock (a span may run past midnight)."""
        local = moment.astimezone(self.city.tzinfo).time()
        start, end = self.quiet_start, self.quiet_end
        if start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end


class ReminderKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation not answered")
    RATIFICATION = "ratification", _("Ratification pending")
    FEEDBACK = "feedback", _("Feedback window closing")


class ReminderLog(models.Model):
    """One reminder sent (or, for a contact reached by post or phone, listed to call or write).

    `slot` names the occasion: "auto:0", "auto:1", ... for the scheduled ones (their rank since the first
    reminder date), "last" for the last one before a link expires, "manual:2026-12-07" for staff's button
    (one a day). The unique constraint makes every occasion happen once, whoever runs it and how often.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("target type"))
    target_id = models.PositiveBigIntegerField(_("target id"))
    slot = models.CharField(_("occasion"), max_length=40)
    to = models.CharField(_("recipient"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fr")
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "slot"], name="reminderlog_once_per_occasion"),
            models.CheckConstraint(condition=models.Q(kind__in=ReminderKind.values), name="reminderlog_kind_valid"),
        ]
        indexes = [models.Index(fields=["city", "-sent_at"])]

    def __str__(self):
        return f"{self.kind} {self.target_id} {self.slot}"
