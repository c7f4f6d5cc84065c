"""Terms of reference (ToR): versions of ordered sections, feedback, coordination roles, ratification.

A version is editable only while it is a draft. Leaving draft freezes it: its content can no longer
change (services refuse, the admin shows it read-only, database triggers refuse section writes) and the
SHA-256 of its canonical content (see `TorVersion.compute_sha256`) is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cities.models import City
from common.dates import validate_plausible_date
from common.hashing import canonical_json, canonical_text, sha256_hex
from common.pdf import DocumentLanguage
from ratification.models import (  # noqa: F401 (re-exported)
    DecisionChannel,
    RatificationRequestBase,
    RatificationStatus,
    decision_constraints,
)
from stakeholders.models import Contact, Domain, Language, Stakeholder


class TermsOfReference(models.Model):
    """The one ToR document of a city's stakeholder group."""

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="terms", verbose_name=_("city"))
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")

    def __str__(self):
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    CIRCULATED = "circulated", pgettext_lazy("version status", "Circulated for feedback")
    PRESENTED = "presented", pgettext_lazy("version status", "Presented")
    FINAL = "final", pgettext_lazy("version status", "Final (for ratification)")
    ADOPTED = "adopted", pgettext_lazy("version status", "Adopted")
    SUPERSEDED = "superseded", pgettext_lazy("version status", "Superseded")


# Statuses a staff member may move a version to by hand; adopted and superseded come from ratification.
VERSION_MANUAL_TRANSITIONS = {
    VersionStatus.DRAFT: (VersionStatus.CIRCULATED, VersionStatus.PRESENTED, VersionStatus.FINAL),
    VersionStatus.CIRCULATED: (VersionStatus.PRESENTED, VersionStatus.FINAL),
    VersionStatus.PRESENTED: (VersionStatus.FINAL,),
    VersionStatus.FINAL: (),
    VersionStatus.ADOPTED: (),
    VersionStatus.SUPERSEDED: (),
}


class TorVersion(models.Model):
    """One numbered version of a city's ToR."""

    tor = models.ForeignKey(
        TermsOfReference, on_delete=models.CASCADE, related_name="versions", verbose_name=_("terms of reference")
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("previous version"),
    )
    summary = models.TextField(_("summary of changes"), blank=True, max_length=4000)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True, editable=False)
    presented_on = models.DateField(_("presented on"), null=True, blank=True, validators=[validate_plausible_date])
    ratification_sent_at = models.DateTimeField(_("sent for ratification"), null=True, blank=True, editable=False)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ToR version")
        verbose_name_plural = _("ToR versions")
        ordering = ["tor", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["tor", "number"], name="torversion_unique_number"),
            models.UniqueConstraint(
                fields=["tor"], condition=models.Q(status="draft"), name="torversion_one_draft_per_tor"
            ),
            models.UniqueConstraint(
                fields=["tor"], condition=models.Q(status="adopted"), name="torversion_one_adopted_per_tor"
            ),
            models.CheckConstraint(condition=models.Q(status__in=VersionStatus.values), name="torversion_status_valid"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="torversion_number_positive"),
            # A version out of draft is frozen and carries its hash; a draft carries neither.
            models.CheckConstraint(
                condition=(
                    models.Q(status="draft", frozen_at__isnull=True, sha256="")
                    | (~models.Q(status="draft") & models.Q(frozen_at__isnull=False) & ~models.Q(sha256=""))
                ),
                name="torversion_frozen_iff_not_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(adopted_at__isnull=True) | models.Q(status__in=["adopted", "superseded"]),
                name="torversion_adopted_at_only_when_adopted",
            ),
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("terms:version", kwargs={"city_slug": self.tor.city.slug, "number": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT

    @property
    def roles_locked(self) -> bool:
        """Role assignments are part of what is ratified: they stop changing once ratification starts."""
        return self.ratification_sent_at is not None or self.status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)

    def canonical_content(self, sections=None) -> bytes:
        """The bytes the SHA-256 covers: JSON with sorted keys, no spaces, UTF-8, NFC text.

        {"format": 1, "number": N, "sections": [{"heading_ar", "heading_fr", "position", "text_ar", "text_fr"}]}
        where position is the section's rank (1, 2, ...) in order. No ids, no timestamps, no status.
        """
        if sections is None:
            sections = list(self.sections.all())
        payload = {
            "format": 1,
            "number": self.number,
            "sections": [
                {
                    "position": rank,
                    "heading_fr": canonical_text(s.heading_fr),
                    "heading_ar": canonical_text(s.heading_ar),
                    "text_fr": canonical_text(s.text_fr),
                    "text_ar": canonical_text(s.text_ar),
                }
                for rank, s in enumerate(sorted(sections, key=lambda s: (s.position, s.pk or 0)), start=1)
            ],
        }
        return canonical_json(payload)

    def compute_sha256(self, sections=None) -> str:
        return sha256_hex(self.canonical_content(sections))


class TorSection(models.Model):
    """An ordered section of a version. Heading and text are translated (fr/ar)."""

    version = models.ForeignKey(
        TorVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), max_length=20000, blank=True)
    # The section of the previous version this one was copied from: pairs sections in the diff.
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="torsection_unique_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.heading}"

    def delete(self, *args, **kwargs):
        if self.version.is_frozen:
            raise ValidationError(_("This version is frozen: its sections cannot change."))
        return super().delete(*args, **kwargs)


class FeedbackRequest(models.Model):
    """A request to one stakeholder's contact to read a circulated version and comment: the emailed link's target."""

    version = models.ForeignKey(
        TorVersion, on_delete=models.CASCADE, related_name="feedback_requests", verbose_name=_("version")
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="tor_feedback_requests", verbose_name=_("stakeholder")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("contact")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FRENCH)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.UniqueConstraint(fields=["version", "stakeholder"], name="feedbackrequest_unique"),
        ]

    def __str__(self):
        return f"{self.version} – {self.stakeholder}"


class FeedbackSource(models.TextChoices):
    LINK = "link", _("Emailed link")
    PAPER = "paper", _("Entered by staff")


class ReplyStatus(models.TextChoices):
    """What became of a remark: set by a coordinator with a reply, shown to the stakeholder in their space."""

    ACCEPTED = "accepted", pgettext_lazy("feedback status", "Accepted")
    PARTLY_ACCEPTED = "partly", pgettext_lazy("feedback status", "Partly accepted")
    NOT_RETAINED = "not_retained", pgettext_lazy("feedback status", "Not retained")
    NOTED = "noted", pgettext_lazy("feedback status", "Noted")


class TorFeedback(models.Model):
    """A comment on a version, on one section or on the whole document, and the secretariat's answer to it
    (a status and a reply; both empty until a coordinator answers)."""

    version = models.ForeignKey(
        TorVersion, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("version")
    )
    section = models.ForeignKey(
        TorSection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("section"),
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tor_feedback",
        verbose_name=_("stakeholder"),
    )
    author_name = models.CharField(_("author"), max_length=150, blank=True)
    text = models.TextField(_("feedback"), max_length=5000)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FRENCH)
    source = models.CharField(_("received by"), max_length=10, choices=FeedbackSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    reply_status = models.CharField(_("follow-up"), max_length=20, choices=ReplyStatus.choices, blank=True)
    reply = models.TextField(_("reply"), max_length=4000, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replied by"),
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["version", "section__position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=FeedbackSource.values), name="torfeedback_source_valid"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="torfeedback_text_not_empty"),
            models.CheckConstraint(
                condition=models.Q(reply_status="") | models.Q(reply_status__in=ReplyStatus.values),
                name="torfeedback_reply_status_valid",
                violation_error_message=_("Choose a valid follow-up status."),
            ),
            # A reply says what became of the remark: no reply text or time without a status.
            models.CheckConstraint(
                condition=~models.Q(reply_status="") | (models.Q(reply="") & models.Q(replied_at__isnull=True)),
                name="torfeedback_reply_needs_status",
                violation_error_message=_("A reply needs a follow-up status."),
            ),
        ]

    def __str__(self):
        return self.text[:60]


class TorChange(models.Model):
    """One entry of a version's list of changes, linked to the feedback that prompted it where staff say so."""

    version = models.ForeignKey(TorVersion, on_delete=models.CASCADE, related_name="changes", verbose_name=_("version"))
    section = models.ForeignKey(
        TorSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes", verbose_name=_("section")
    )
    description = models.TextField(_("description"), max_length=2000)
    feedback = models.ManyToManyField(TorFeedback, blank=True, related_name="changes", verbose_name=_("prompted by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["version", "pk"]

    def __str__(self):
        return self.description[:60]


class CoordinationRole(models.Model):
    """A coordination role in the catalogue (lead coordinator, secretariat, focal points, member). Translated."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    leads_domain = models.BooleanField(
        _("leads a domain"),
        default=False,
        help_text=_("Holding this role for a domain makes the stakeholder that domain's lead in the role matrix."),
    )

    class Meta:
        verbose_name = _("coordination role")
        verbose_name_plural = _("coordination roles")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class RoleAssignment(models.Model):
    """Stakeholder x version x role x (optional) domain of expertise."""

    version = models.ForeignKey(
        TorVersion, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("version")
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("stakeholder")
    )
    role = models.ForeignKey(
        CoordinationRole, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("role")
    )
    domain = models.ForeignKey(
        Domain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("domain of expertise"),
    )

    # Who gave or withdrew a role, and when (the activity log and the stakeholder's timeline).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["version", "stakeholder__name_fr", "role__position", "domain__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "stakeholder", "role", "domain"],
                condition=models.Q(domain__isnull=False),
                name="roleassignment_unique_with_domain",
            ),
            models.UniqueConstraint(
                fields=["version", "stakeholder", "role"],
                condition=models.Q(domain__isnull=True),
                name="roleassignment_unique_without_domain",
            ),
        ]

    def __str__(self):
        if self.domain_id:
            return f"{self.stakeholder} – {self.role} ({self.domain})"
        return f"{self.stakeholder} – {self.role}"


class RatificationRequest(RatificationRequestBase):
    """One stakeholder's ratification of one final version, asked of its primary contact: the link's target."""

    version = models.ForeignKey(
        TorVersion, on_delete=models.PROTECT, related_name="ratification_requests", verbose_name=_("version")
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.PROTECT, related_name="ratification_requests", verbose_name=_("stakeholder")
    )

    class Meta:
        verbose_name = _("ratification request")
        verbose_name_plural = _("ratification requests")
        ordering = ["version", "stakeholder__name_fr", "pk"]
        constraints = decision_constraints("ratificationrequest")
        indexes = [models.Index(fields=["version", "status"])]


class RatificationRecord(models.Model):
    """A generated ratification record PDF (PDF/A-3b), kept byte for byte with its own SHA-256.

    The bytes are stored rather than regenerated: a PDF carries its creation time and identifiers,
    so a new rendering would not reproduce the hash.
    """

    version = models.ForeignKey(
        TorVersion, on_delete=models.CASCADE, related_name="ratification_records", verbose_name=_("version")
    )
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    generated_at = models.DateTimeField(_("generated"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generated by"),
    )

    class Meta:
        verbose_name = _("ratification record")
        verbose_name_plural = _("ratification records")
        ordering = ["version", "-generated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=DocumentLanguage.values), name="ratificationrecord_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.version} ({self.language}) {self.sha256[:12]}"
