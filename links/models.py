"""Emailed links: tokens stored only as hashes, and an append-only audit trail of every event."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City


class EmailLink(models.Model):
    """A personal link sent by email, bound to one target object and one purpose, with an expiry."""

    purpose = models.CharField(_("purpose"), max_length=40)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("target type"))
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, null=True, blank=True, related_name="email_links", verbose_name=_("city")
    )
    # SHA-256 of the token: the token itself exists only in the email.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, default="fr")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("revocation reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("emailed link")
        verbose_name_plural = _("emailed links")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="link_expires_after_creation"
            ),
        ]

    def __str__(self):
        return f"{self.purpose} #{self.pk}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired


class EventKind(models.TextChoices):
    SENT = "sent", _("Sent")
    RESENT = "resent", _("Sent again")
    OPENED = "opened", _("Link opened (unverified)")
    VIEWED = "viewed", _("Page viewed")
    ANSWERED = "answered", _("Answered")
    RATIFIED = "ratified", _("Ratified")
    DECLINED = "declined", _("Declined")
    FEEDBACK = "feedback", _("Feedback given")
    REMINDED = "reminded", _("Reminder sent")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")
    PAPER_DECISION = "paper_decision", _("Decision recorded on paper")
    INVALID = "invalid", _("Invalid link used")


class AppendOnlyError(Exception):
    pass


class LinkEvent(models.Model):
    """One row per event on an emailed link or its target. Never updated, never deleted."""

    link = models.ForeignKey(
        EmailLink, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("link")
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    actor = models.CharField(_("actor"), max_length=80, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("staff user")
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=400, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("link event")
        verbose_name_plural = _("link events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} @ {self.at:%Y-%m-%d %H:%M:%S}Z"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Link events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Link events are append-only.")
