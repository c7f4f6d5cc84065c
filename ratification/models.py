"""The shared part of a ratification: one stakeholder's decision on one frozen document version, asked of
its primary contact through an emailed link.

The terms of reference (terms.RatificationRequest) and the roadmap (planning.RoadmapRatificationRequest)
each subclass RatificationRequestBase, adding the `version` and `stakeholder` foreign keys, and describe
themselves to the services with a ratification.kinds.RatificationKind.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stakeholders.models import Contact, Language, SendChannel


class RatificationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("ratification status", "Pending")
    RATIFIED = "ratified", pgettext_lazy("ratification status", "Ratified")
    DECLINED = "declined", pgettext_lazy("ratification status", "Declined")
    EXPIRED = "expired", pgettext_lazy("ratification status", "Expired")
    REVOKED = "revoked", pgettext_lazy("ratification status", "Revoked")
    SUPERSEDED = "superseded", pgettext_lazy("ratification status", "Superseded")


class DecisionChannel(models.TextChoices):
    LINK = "link", _("Emailed link")
    PAPER = "paper", _("On paper")


class RatificationRequestBase(models.Model):
    """The contact's name and email are copied when the request is (re)sent, so the record stays true
    even if the contact is later edited or erased."""

    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("contact")
    )
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact email"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FRENCH)
    status = models.CharField(
        _("status"), max_length=20, choices=RatificationStatus.choices, default=RatificationStatus.PENDING
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    send_channel = models.CharField(_("sent by"), max_length=10, choices=SendChannel.choices, default=SendChannel.EMAIL)
    # Set when the request's email is put in the outbox (in the background for a mass send).
    queued_at = models.DateTimeField(_("email queued"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    channel = models.CharField(_("received by"), max_length=10, choices=DecisionChannel.choices, blank=True)
    signed_name = models.CharField(_("typed name"), max_length=150, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=4000)
    # The SHA-256 the contact saw and posted: equal to the version's by construction, kept as evidence.
    decided_sha256 = models.CharField(_("SHA-256 confirmed"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    paper_note = models.CharField(_("paper note"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.version} – {self.stakeholder}"

    @property
    def is_decided(self) -> bool:
        return self.status in (RatificationStatus.RATIFIED, RatificationStatus.DECLINED)

    @property
    def is_open(self) -> bool:
        return self.status == RatificationStatus.PENDING


def decision_constraints(prefix: str) -> list:
    """The invariants of a decision, named after the concrete model (for its Meta.constraints)."""
    return [
        models.UniqueConstraint(fields=["version", "stakeholder"], name=f"{prefix}_unique"),
        models.CheckConstraint(condition=models.Q(status__in=RatificationStatus.values), name=f"{prefix}_status_valid"),
        models.CheckConstraint(
            condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
            name=f"{prefix}_decline_needs_reason",
        ),
        models.CheckConstraint(
            condition=~models.Q(status__in=["ratified", "declined"])
            | (models.Q(decided_at__isnull=False) & ~models.Q(channel="")),
            name=f"{prefix}_decision_has_time_and_channel",
        ),
        models.CheckConstraint(
            condition=~models.Q(status="ratified") | ~models.Q(signed_name=""),
            name=f"{prefix}_ratified_has_name",
        ),
    ]
