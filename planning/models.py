"""What consultations 2 to 4 produce: the mapping, the action plan, the M&E matrix and the roadmap.

Text fields shown to stakeholders are translated (fr/ar) by modeltranslation (see translation.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import City
from common.dates import month_period_errors, validate_plausible_date
from common.hashing import canonical_json, canonical_text, sha256_hex
from common.locales import city_today, format_value, in_city_zone
from ratification.models import RatificationRequestBase, decision_constraints
from stakeholders.models import Domain, Stakeholder


class MappingKind(models.TextChoices):
    NEED = "need", _("Need")
    OPPORTUNITY = "opportunity", _("Opportunity")
    PRIORITY = "priority", _("Priority")


class MappingItem(models.Model):
    """A need, an opportunity or a priority raised at consultation 2, mapped to a domain.

    Priorities carry a rank (1 = most important), unique within the city; needs and opportunities have none.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="mapping_items", verbose_name=_("city"))
    kind = models.CharField(_("kind"), max_length=20, choices=MappingKind.choices)
    text = models.TextField(_("text"), max_length=1000)
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="mapping_items", verbose_name=_("domain of expertise")
    )
    stakeholders = models.ManyToManyField(
        Stakeholder,
        related_name="mapping_items",
        blank=True,
        verbose_name=_("stakeholders"),
        help_text=_("Stakeholders who raised it or can address it."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), null=True, blank=True, validators=[MinValueValidator(1)], help_text=_("Priorities only: 1 is first.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("need, opportunity or priority")
        verbose_name_plural = _("needs, opportunities and priorities")
        ordering = ["kind", "rank", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=MappingKind.values), name="mapping_kind_valid"),
            models.CheckConstraint(
                condition=(models.Q(kind=MappingKind.PRIORITY, rank__isnull=False, rank__gte=1))
                | (~models.Q(kind=MappingKind.PRIORITY) & models.Q(rank__isnull=True)),
                name="mapping_rank_only_and_always_for_priorities",
                violation_error_message=_("A priority needs a rank of 1 or more; needs and opportunities have none."),
            ),
            models.UniqueConstraint(
                fields=["city", "rank"],
                condition=models.Q(kind=MappingKind.PRIORITY),
                name="mapping_priority_rank_unique_per_city",
                violation_error_message=_("Another priority already has this rank."),
            ),
            models.UniqueConstraint(
                "city",
                "kind",
                Lower("text_fr"),
                name="mapping_text_unique_per_city_and_kind",
                violation_error_message=_("This entry already exists."),
            ),
        ]

    def __str__(self):
        if self.kind == MappingKind.PRIORITY:
            return f"{self.rank}. {self.short_text}"
        return self.short_text

    def clean(self):
        super().clean()
        if self.kind == MappingKind.PRIORITY and self.rank is None:
            raise ValidationError({"rank": _("A priority needs a rank.")})
        if self.kind != MappingKind.PRIORITY and self.rank is not None:
            raise ValidationError({"rank": _("Only priorities are ranked.")})

    @property
    def short_text(self) -> str:
        text = " ".join((self.text or "").split())
        return text if len(text) <= 90 else text[:89] + "…"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("action status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    DROPPED = "dropped", pgettext_lazy("action status", "Dropped")


class Currency(models.TextChoices):
    TND = "TND", _("Tunisian dinar (TND)")
    EUR = "EUR", _("Euro (EUR)")


class Action(models.Model):
    """An action of the plan. Start and end are months, stored as the first day of the month."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="actions", verbose_name=_("city"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="actions", verbose_name=_("domain of expertise")
    )
    priority = models.ForeignKey(
        MappingItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        limit_choices_to={"kind": MappingKind.PRIORITY},
        verbose_name=_("priority it answers"),
    )
    lead = models.ForeignKey(
        Stakeholder, on_delete=models.PROTECT, related_name="led_actions", verbose_name=_("lead stakeholder")
    )
    partners = models.ManyToManyField(
        Stakeholder, related_name="partner_actions", blank=True, verbose_name=_("partner stakeholders")
    )
    start_month = models.DateField(_("start (month)"), validators=[validate_plausible_date])
    end_month = models.DateField(_("end (month)"), validators=[validate_plausible_date])
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    funding_source = models.CharField(_("source of funding"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["start_month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__gte=models.F("start_month")),
                name="action_end_not_before_start",
                violation_error_message=_("The end cannot come before the start."),
            ),
            models.CheckConstraint(condition=models.Q(status__in=ActionStatus.values), name="action_status_valid"),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0), name="action_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True, currency="")
                | models.Q(budget__isnull=False, currency__in=Currency.values),
                name="action_currency_with_budget",
                violation_error_message=_("A budget needs a currency, and a currency needs a budget."),
            ),
            models.UniqueConstraint(
                "city",
                Lower("title_fr"),
                name="action_title_unique_per_city",
                violation_error_message=_("An action with this title already exists."),
            ),
        ]
        indexes = [models.Index(fields=["city", "domain", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:action_detail", kwargs={"city_slug": self.city.slug, "pk": self.pk})

    def clean(self):
        super().clean()
        errors = month_period_errors(start=self.start_month, end=self.end_month)
        if self.budget is not None and not self.currency:
            errors["currency"] = _("Give the budget's currency.")
        if self.budget is None and self.currency:
            errors["budget"] = _("Give the amount, or leave the currency empty.")
        if self.city_id and self.lead_id and self.lead.city_id != self.city_id:
            errors["lead"] = _("The lead must belong to this city's group.")
        if self.city_id and self.priority_id:
            if self.priority.city_id != self.city_id or self.priority.kind != MappingKind.PRIORITY:
                errors["priority"] = _("Choose one of this city's priorities.")
        if errors:
            raise ValidationError(errors)

    @property
    def month_count(self) -> int:
        return (self.end_month.year - self.start_month.year) * 12 + self.end_month.month - self.start_month.month + 1


class IndicatorType(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class Indicator(models.Model):
    """A line of the M&E matrix: how an action's result is measured, from a baseline to a target."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("action"))
    name = models.CharField(_("indicator"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=IndicatorType.choices, default=IndicatorType.OUTPUT)
    unit = models.CharField(_("unit"), max_length=60)
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"), validators=[validate_plausible_date])
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"), validators=[validate_plausible_date])
    means_of_verification = models.TextField(_("means of verification"), max_length=1000)
    frequency = models.CharField(
        _("frequency of collection"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    responsible = models.ForeignKey(
        Stakeholder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("responsible stakeholder"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=IndicatorType.values), name="indicator_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values), name="indicator_frequency_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="indicator_target_after_baseline",
                violation_error_message=_("The target date must come after the baseline date."),
            ),
            models.CheckConstraint(
                condition=~models.Q(target_value=models.F("baseline_value")),
                name="indicator_target_differs_from_baseline",
                violation_error_message=_("The target must differ from the baseline, or progress cannot be measured."),
            ),
            models.UniqueConstraint(
                "action",
                Lower("name_fr"),
                name="indicator_name_unique_per_action",
                violation_error_message=_("This action already has an indicator with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must come after the baseline date.")
        if self.baseline_value is not None and self.target_value is not None:
            if self.target_value == self.baseline_value:
                errors["target_value"] = _("The target must differ from the baseline, or progress cannot be measured.")
        if self.action_id and self.responsible_id and self.responsible.city_id != self.action.city_id:
            errors["responsible"] = _("The responsible stakeholder must belong to this city's group.")
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    """One value of an indicator at a date (one per date)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("date"), validators=[validate_plausible_date])
    source = models.CharField(_("source"), max_length=200)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"],
                name="measurement_one_per_indicator_and_date",
                violation_error_message=_("This indicator already has a measurement at this date."),
            ),
        ]

    def __str__(self):
        return f"{self.value} @ {self.measured_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.indicator_id and self.measured_on and self.measured_on < self.indicator.baseline_date:
            raise ValidationError({"measured_on": _("A measurement cannot come before the baseline date.")})
        # A value dated ahead would become the indicator's "latest value" before it is measured.
        if self.indicator_id and self.measured_on and self.measured_on > city_today(self.indicator.action.city):
            raise ValidationError({"measured_on": _("A measurement cannot be dated in the future.")})


class RoadmapStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("roadmap status", "Draft")
    FROZEN = "frozen", pgettext_lazy("roadmap status", "Frozen for approval")
    APPROVED = "approved", pgettext_lazy("roadmap status", "Approved")
    SUPERSEDED = "superseded", pgettext_lazy("roadmap status", "Superseded")


class RoadmapVersion(models.Model):
    """A version of the city's strategic-planning roadmap.

    While a draft, it shows the live action plan and matrix. Freezing stores a snapshot of them (JSON) and
    the SHA-256 of the canonical form of the whole version; from then on nothing in it changes.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="roadmap_versions", verbose_name=_("city"))
    number = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=20, choices=RoadmapStatus.choices, default=RoadmapStatus.DRAFT)
    introduction = models.TextField(_("introduction"), max_length=20000, blank=True)
    conclusions = models.TextField(_("conclusions"), max_length=20000, blank=True)
    snapshot = models.JSONField(_("snapshot"), null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    # Set the first time the version is sent to the stakeholders for ratification by emailed link.
    ratification_sent_at = models.DateTimeField(_("sent for ratification"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("roadmap version")
        verbose_name_plural = _("roadmap versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "number"],
                name="roadmap_version_number_unique_per_city",
                violation_error_message=_("This version number already exists."),
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=models.Q(status=RoadmapStatus.DRAFT),
                name="roadmap_one_draft_per_city",
                violation_error_message=_("There is already a draft version."),
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=models.Q(status=RoadmapStatus.APPROVED),
                name="roadmap_one_approved_per_city",
                violation_error_message=_("Another version is already approved."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RoadmapStatus.values), name="roadmap_version_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=RoadmapStatus.DRAFT, sha256="")
                | (~models.Q(status=RoadmapStatus.DRAFT) & models.Q(snapshot__isnull=False) & ~models.Q(sha256="")),
                name="roadmap_frozen_has_snapshot_and_hash",
            ),
        ]

    def __str__(self):
        return _("Roadmap version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("planning:roadmap_detail", kwargs={"city_slug": self.city.slug, "number": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.status != RoadmapStatus.DRAFT

    def canonical_content(self, snapshot=None) -> bytes:
        """The bytes the SHA-256 covers: JSON with sorted keys, no spaces, UTF-8, NFC text.

        {"format": 1, "number": N, "introduction_fr", "introduction_ar", "conclusions_fr", "conclusions_ar",
        "snapshot": {...}} where the snapshot is the action plan and M&E matrix as stored on freeze
        (see planning.selectors.roadmap_snapshot). No ids, no timestamps, no status.
        """
        payload = {
            "format": 1,
            "number": self.number,
            "introduction_fr": canonical_text(self.introduction_fr),
            "introduction_ar": canonical_text(self.introduction_ar),
            "conclusions_fr": canonical_text(self.conclusions_fr),
            "conclusions_ar": canonical_text(self.conclusions_ar),
            "snapshot": self.snapshot if snapshot is None else snapshot,
        }
        return canonical_json(payload)

    def compute_sha256(self, snapshot=None) -> str:
        return sha256_hex(self.canonical_content(snapshot))

    @property
    def hash_is_intact(self) -> bool:
        """The stored hash still matches the stored content (False if someone edited the row behind our back)."""
        return self.is_frozen and self.sha256 == self.compute_sha256()


class RoadmapApproval(models.Model):
    """The decision of the meeting (consultation 4) that approved a frozen roadmap version."""

    version = models.OneToOneField(
        RoadmapVersion, on_delete=models.PROTECT, related_name="approval", verbose_name=_("roadmap version")
    )
    decided_on = models.DateField(_("date of the meeting"), validators=[validate_plausible_date])
    decision = models.TextField(_("decision"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("roadmap approval")
        verbose_name_plural = _("roadmap approvals")

    def __str__(self):
        return f"{self.version} ({self.decided_on:%Y-%m-%d})"

    def clean(self):
        super().clean()
        if not self.decided_on or not self.version_id:
            return
        city = self.version.city
        if self.decided_on > city_today(city):
            raise ValidationError({"decided_on": _("The meeting's date cannot be in the future.")})
        frozen_on = in_city_zone(self.version.frozen_at, city).date() if self.version.frozen_at else None
        if frozen_on and self.decided_on < frozen_on:
            raise ValidationError(
                {
                    "decided_on": _("The meeting cannot have approved this version before it was frozen (%(date)s).")
                    % {"date": format_value(frozen_on, "DATE_FORMAT", city=city)}
                }
            )


class RoadmapRatificationRequest(RatificationRequestBase):
    """One stakeholder's ratification of a frozen roadmap version, asked of its primary contact by emailed
    link (where the city wants the meeting's approval confirmed): the shared machinery of the
    ratification app, as for the terms of reference."""

    version = models.ForeignKey(
        RoadmapVersion, on_delete=models.PROTECT, related_name="ratification_requests", verbose_name=_("version")
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.PROTECT,
        related_name="roadmap_ratification_requests",
        verbose_name=_("stakeholder"),
    )

    class Meta:
        verbose_name = _("roadmap ratification request")
        verbose_name_plural = _("roadmap ratification requests")
        ordering = ["version", "stakeholder__name_fr", "pk"]
        constraints = decision_constraints("roadmapratificationrequest")
        indexes = [models.Index(fields=["version", "status"])]
