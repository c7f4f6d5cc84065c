"""Every email the app sends: recorded before sending, sent in the background, retried on failure."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cities.models import City


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, null=True, blank=True, related_name="emails", verbose_name=_("city")
    )
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="fr")
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=40)
    batch = models.CharField(_("batch"), max_length=80, blank=True, db_index=True)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source type")
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # When set, a personal link (links app) for `source` is issued at send time and put where the
    # body says LINK_PLACEHOLDER: the token never sits in this table, only in the email sent.
    link_purpose = models.CharField(_("link purpose"), max_length=40, blank=True)
    link_expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["city", "status"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values), name="outgoing_email_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(link_purpose="") | models.Q(link_expires_at__isnull=False, source_id__isnull=False),
                name="outgoing_email_link_needs_source_and_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    def get_absolute_url(self):
        return reverse("outbox:list", kwargs={"city_slug": self.city.slug}) + "?" + urlencode({"batch": self.batch})


class StoredFile(models.Model):
    """An attachment's bytes, stored once by their SHA-256 however many emails carry them: a send to
    5,000 stakeholders keeps one agenda PDF per language, not 5,000 copies."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("stored"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self):
        return f"{self.sha256[:12]} ({self.size} B)"


class OutgoingAttachment(models.Model):
    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("file"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename

    @property
    def content(self) -> bytes:
        return bytes(self.file.content)
