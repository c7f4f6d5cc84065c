"""The plumbing's models: the register of signed documents this site issued (other than ratification
records, which keep their own bytes in terms.RatificationRecord), and rate counters (common/ratelimit.py)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pdf import DocumentLanguage


class IssuedDocument(models.Model):
    """A PDF of a frozen document (a ToR or roadmap version) as issued, kept byte for byte.

    A signature carries its time, so a new rendering never reproduces an issued file: the bytes are kept,
    and the verify page finds a file by their SHA-256. One row per target, language and `state`: a digest
    of everything the PDF prints besides the target's frozen content (its status, an approval, the
    signing certificate), so a change there issues a new copy and the earlier ones stay verifiable.
    """

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("document type"))
    target_id = models.PositiveBigIntegerField(_("document id"))
    target = GenericForeignKey("target_type", "target_id")
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    state = models.CharField(_("printed state"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    signed = models.BooleanField(_("signed"), default=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "language", "state"], name="issueddocument_one_per_state"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=DocumentLanguage.values), name="issueddocument_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.target_type.model} #{self.target_id} ({self.language}) {self.sha256[:12]}"


class RateCounter(models.Model):
    """A fixed-window counter of events by key (bad link tokens by address, failed logins by account).

    Written only by common.ratelimit.rate_count, one atomic statement per event: see there.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self):
        return f"{self.key}: {self.count}"


class PdfJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Being printed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class PdfJob(models.Model):
    """A PDF printed in the background (common/background.py), kept by the SHA-256 of what it prints.

    The row holds the final HTML, so the worker prints exactly what the request saw; a second request for
    the same content finds the row (queued, printing or ready) instead of printing again. `finish` names
    an optional step registered by an app (e.g. issuing and signing a frozen version's copy).
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    html = models.TextField(_("HTML"))
    pdf_variant = models.CharField(_("PDF variant"), max_length=20, blank=True)
    finish = models.CharField(_("finishing step"), max_length=80, blank=True)
    finish_params = models.JSONField(_("finishing parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PdfJobStatus.choices, default=PdfJobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF job")
        verbose_name_plural = _("PDF jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="pdfjob_progress_at_most_100"),
            models.CheckConstraint(condition=models.Q(status__in=PdfJobStatus.values), name="pdfjob_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=PdfJobStatus.DONE) | models.Q(size__gt=0), name="pdfjob_done_has_pdf"
            ),
        ]

    def __str__(self):
        return f"{self.key[:12]} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in (PdfJobStatus.QUEUED, PdfJobStatus.RENDERING)
