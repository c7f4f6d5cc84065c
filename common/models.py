"""The register of signed documents this site issued (other than ratification records, which keep their
own bytes in terms.RatificationRecord)."""

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
