"""The inventory of what already exists: programmes and projects run in the city, and their assessment.

The third aim of consultation 1: measure the implementation of the programmes that promote migration
governance in the city and identify what works and what does not, before the city plans (consultation 2).
Who does what, where, when and for whom (the 3W/4W matrix), and how well.

Text fields shown to stakeholders are translated (fr/ar) by modeltranslation (see translation.py).
Assessments follow the Chatham House rule: nothing in them names or points to a person.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import City
from common.dates import month_period_errors, validate_plausible_date
from consultations.models import Consultation
from planning.models import MappingItem, MappingKind
from stakeholders.models import Domain, Stakeholder

# Needs and opportunities of the mapping a programme can relate to (priorities are the plan's, not the inventory's).
LINKABLE_MAPPING_KINDS = (MappingKind.NEED, MappingKind.OPPORTUNITY)


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("programme status", "Planned")
    RUNNING = "running", pgettext_lazy("programme status", "Running")
    ENDED = "ended", pgettext_lazy("programme status", "Ended")


class TargetGroup(models.TextChoices):
    """Who a programme serves. A fixed catalogue, so that "nobody serves this group" means the same everywhere."""

    MIGRANTS_IN_TRANSIT = "in_transit", _("Migrants in transit")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    STUDENTS = "students", _("Students")
    WORKERS = "workers", _("Migrant workers")
    RETURNEES = "returnees", _("Returnees")
    CHILDREN = "children", _("Unaccompanied and separated children")
    WOMEN = "women", _("Migrant women")
    TRAFFICKING = "trafficking", _("Victims of trafficking")
    HOST_COMMUNITY = "host_community", _("Host community")


class Coverage(models.TextChoices):
    WHOLE_CITY = "city", _("The whole city")
    DISTRICTS = "districts", _("Some districts")


class Currency(models.TextChoices):
    TND = "TND", _("Tunisian dinar (TND)")
    EUR = "EUR", _("Euro (EUR)")
    USD = "USD", _("US dollar (USD)")


class Programme(models.Model):
    """A programme or project run in the city by a stakeholder (the lead), with partners.

    Periods are months, stored as their first day; a programme with no end date is open-ended (a
    permanent service). An ended programme has an end.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("city"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    lead = models.ForeignKey(
        Stakeholder, on_delete=models.PROTECT, related_name="led_programmes", verbose_name=_("lead stakeholder")
    )
    partners = models.ManyToManyField(
        Stakeholder, related_name="partner_programmes", blank=True, verbose_name=_("partner stakeholders")
    )
    domains = models.ManyToManyField(Domain, related_name="programmes", verbose_name=_("domains"))
    coverage = models.CharField(_("area"), max_length=20, choices=Coverage.choices, default=Coverage.WHOLE_CITY)
    districts = models.CharField(
        _("districts"), max_length=300, blank=True, help_text=_("When only some districts are covered: which ones.")
    )
    start_month = models.DateField(_("start (month)"), validators=[validate_plausible_date])
    end_month = models.DateField(
        _("end (month)"),
        null=True,
        blank=True,
        help_text=_("Empty: no end date."),
        validators=[validate_plausible_date],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.RUNNING
    )
    funding_source = models.CharField(_("source of funding"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    source = models.CharField(
        _("source of the information"),
        max_length=300,
        help_text=_("Where this comes from: a presentation at consultation 1, a report, a website..."),
    )
    mapping_items = models.ManyToManyField(
        MappingItem,
        related_name="programmes",
        blank=True,
        limit_choices_to={"kind__in": LINKABLE_MAPPING_KINDS},
        verbose_name=_("needs and opportunities it relates to"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title_fr", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProgrammeStatus.values), name="programme_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(coverage__in=Coverage.values), name="programme_coverage_valid"),
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True) | models.Q(end_month__gte=models.F("start_month")),
                name="programme_end_not_before_start",
                violation_error_message=_("The end cannot come before the start."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProgrammeStatus.ENDED) | models.Q(end_month__isnull=False),
                name="programme_ended_has_end",
                violation_error_message=_("An ended programme needs its end month."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0), name="programme_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True, currency="")
                | models.Q(amount__isnull=False, currency__in=Currency.values),
                name="programme_currency_with_amount",
                violation_error_message=_("An amount needs a currency, and a currency needs an amount."),
            ),
            models.UniqueConstraint(
                "city",
                Lower("title_fr"),
                name="programme_title_unique_per_city",
                violation_error_message=_("A programme with this title already exists."),
            ),
        ]
        indexes = [models.Index(fields=["city", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inventory:programme_detail", kwargs={"city_slug": self.city.slug, "pk": self.pk})

    def clean(self):
        super().clean()
        errors = month_period_errors(start=self.start_month, end=self.end_month)
        if self.status == ProgrammeStatus.ENDED and self.end_month is None:
            errors["end_month"] = _("An ended programme needs its end month.")
        if self.amount is not None and not self.currency:
            errors["currency"] = _("Give the amount's currency.")
        if self.amount is None and self.currency:
            errors["amount"] = _("Give the amount, or leave the currency empty.")
        if self.coverage == Coverage.DISTRICTS and not (self.districts_fr or "").strip():
            errors["districts_fr"] = _("Name the districts covered.")
        if self.city_id and self.lead_id and self.lead.city_id != self.city_id:
            errors["lead"] = _("The lead must belong to this city's group.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open_ended(self) -> bool:
        return self.end_month is None


class ProgrammeTargetGroup(models.Model):
    """One group a programme serves (a programme serves one or more)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="target_groups", verbose_name=_("programme")
    )
    group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["programme", "group"]
        constraints = [
            models.CheckConstraint(condition=models.Q(group__in=TargetGroup.values), name="programme_target_valid"),
            models.UniqueConstraint(fields=["programme", "group"], name="programme_target_once"),
        ]

    def __str__(self):
        return self.get_group_display()


class Criterion(models.Model):
    """A criterion the city chose to rate programmes on (reach, coordination, sustainability, ...)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="assessment_criteria", verbose_name=_("city"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                "city",
                Lower("name_fr"),
                name="criterion_name_unique_per_city",
                violation_error_message=_("A criterion with this name already exists."),
            ),
        ]

    def __str__(self):
        return self.name


class Assessment(models.Model):
    """What works and what does not in a programme, recorded at or after consultation 1.

    Chatham House rule: the assessment says what was said, never who said it. There is no field for a
    person, a speaker or an author, on purpose; do not add one.
    """

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("programme")
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_assessments",
        verbose_name=_("consultation"),
        help_text=_("The consultation where the programme was discussed."),
    )
    assessed_on = models.DateField(_("date of the assessment"), validators=[validate_plausible_date])
    positives = models.TextField(_("what works (positive aspects)"), max_length=5000, blank=True)
    negatives = models.TextField(_("what does not work (negative aspects)"), max_length=5000, blank=True)
    gaps = models.TextField(_("gaps"), max_length=5000, blank=True)
    lessons = models.TextField(_("lessons"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["programme"]

    def __str__(self):
        return _("Assessment of %(programme)s") % {"programme": self.programme}

    def clean(self):
        super().clean()
        errors = {}
        city_id = self.programme.city_id if self.programme_id else None
        if self.assessed_on and self.assessed_on > timezone.localdate():
            errors["assessed_on"] = _("The assessment's date cannot be in the future.")
        if city_id and self.assessed_on and "assessed_on" not in errors:
            first = Consultation.objects.filter(city_id=city_id, number=1).values_list("date", flat=True).first()
            if first is None:
                errors["assessed_on"] = _("Plan consultation 1 first: programmes are assessed at or after it.")
            elif self.assessed_on < first:
                errors["assessed_on"] = _("Programmes are assessed at or after consultation 1 (%(date)s).") % {
                    "date": first.isoformat()
                }
        if self.consultation_id and city_id:
            if self.consultation.city_id != city_id:
                errors["consultation"] = _("Choose one of this city's consultations.")
            elif self.assessed_on and self.assessed_on < self.consultation.date:
                errors["assessed_on"] = _("The assessment cannot come before the consultation it was recorded at.")
        texts = (self.positives_fr, self.negatives_fr, self.gaps_fr, self.lessons_fr)
        if not any((text or "").strip() for text in texts):
            errors["positives_fr"] = _("Write at least one of the four texts in French.")
        if errors:
            raise ValidationError(errors)


class Score(models.IntegerChoices):
    VERY_WEAK = 1, _("1 – very weak")
    WEAK = 2, _("2 – weak")
    FAIR = 3, _("3 – fair")
    GOOD = 4, _("4 – good")
    VERY_GOOD = 5, _("5 – very good")


class Rating(models.Model):
    """A simple score (1 to 5) of one programme's assessment on one of the city's criteria."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(
        _("score"), choices=Score.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_5"),
            models.UniqueConstraint(
                fields=["assessment", "criterion"],
                name="rating_once_per_criterion",
                violation_error_message=_("This criterion is already rated."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"

    def clean(self):
        super().clean()
        if self.assessment_id and self.criterion_id:
            if self.criterion.city_id != self.assessment.programme.city_id:
                raise ValidationError({"criterion": _("Choose one of this city's criteria.")})
