import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


class City(models.Model):
    """A city that runs a stakeholder group. Name is translated (fr/ar) by modeltranslation."""

    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=80)
    # The city's locale is the page's language and this country: Arabic in Tunisia (ar_TN) names the
    # months جانفي، فيفري…, in Morocco (ar_MA) يناير، فبراير… (config/formats/<locale>/, common.locales).
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166 code of the country (TN, MA…): dates follow its conventions, e.g. Tunisian month names."),
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=60, default="Africa/Tunis", validators=[validate_time_zone])
    programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_("Programme shown in document headers, e.g. Migration ville-à-ville en Méditerranée."),
    )
    reply_to_email = models.EmailField(
        _("reply-to address"),
        blank=True,
        help_text=_(
            "The city's coordinator, whom stakeholders reach by replying to an email (emails are sent from a "
            "no-reply address). Leave empty for none."
        ),
    )
    ratification_quorum = models.PositiveSmallIntegerField(
        _("ratification quorum (%)"),
        default=100,
        help_text=_("Share of active stakeholders whose ratification adopts a version, when no decline stands."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ratification_quorum__gte=1, ratification_quorum__lte=100),
                name="city_quorum_between_1_and_100",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stakeholders:list", kwargs={"city_slug": self.slug})

    def clean(self):
        super().clean()
        self.country_code = (self.country_code or "").strip().upper()

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class Role(models.TextChoices):
    """Membership roles, weakest first: each role can do everything the previous can."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    COORDINATOR = "coordinator", _("Coordinator")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.COORDINATOR: 3}


class Membership(models.Model):
    """A staff user's role in one city."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("city"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Who granted or changed a role, and when (shown in the city's activity log).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="membership_unique_user_city"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.city} ({self.get_role_display()})"
