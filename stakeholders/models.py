from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator, RegexValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.models import City
from common.collation import translated_name_order
from common.dates import validate_plausible_date
from common.text import normalize_search_text

# PostgreSQL refuses NUL characters in text: refuse them in validation, not with a database error.
no_nul = ProhibitNullCharactersValidator()


class Category(models.TextChoices):
    MUNICIPAL_SERVICE = "municipal", _("Municipal service")
    NATIONAL_AUTHORITY = "national", _("National authority")
    DECENTRALISED_SERVICE = "decentralised", _("Decentralised state service")
    DONOR = "donor", _("EU delegation / donor")
    INTERNATIONAL_ORGANISATION = "international_org", _("International organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
    MIGRANT_ASSOCIATION = "migrant_association", _("Migrant association")
    ACADEMIA = "academia", _("Academia / research")
    PRIVATE_SECTOR = "private", _("Private sector")
    MEDIA = "media", _("Media")


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")


class SendChannel(models.TextChoices):
    """How an invitation or a request reached the stakeholder: by email with a personal link, or, for a
    contact without an email address, by post or by phone (staff record the answer given on paper)."""

    EMAIL = "email", _("Email")
    POST = "post", _("By post")
    PHONE = "phone", _("By phone")


class Domain(models.Model):
    """A domain of expertise (health, housing, ...): a shared catalogue, translated."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("domain of expertise")
        verbose_name_plural = _("domains of expertise")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class StakeholderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Stakeholder(models.Model):
    """An organisation in one city's stakeholder group. Name and acronym are translated (fr/ar)."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="stakeholders", verbose_name=_("city"))
    name = models.CharField(_("name"), max_length=200, validators=[no_nul])
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, validators=[no_nul])
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    domains = models.ManyToManyField(
        Domain, related_name="stakeholders", blank=True, verbose_name=_("domains of expertise")
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Kept when a stakeholder leaves the group: its history (roles, ratifications) stays readable.
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True, editable=False)
    joined_on = models.DateField(_("joined the group on"), null=True, blank=True, validators=[validate_plausible_date])
    notes = models.TextField(_("notes"), blank=True, max_length=5000, validators=[no_nul])
    # Normalised names and acronyms in both languages, kept by save(): see common.text.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name_fr", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5), name="stakeholder_influence_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=5), name="stakeholder_interest_1_5"
            ),
            models.CheckConstraint(condition=models.Q(category__in=Category.values), name="stakeholder_category_valid"),
            models.CheckConstraint(condition=models.Q(level__in=Level.values), name="stakeholder_level_valid"),
            models.UniqueConstraint(
                Lower("name_fr"),
                "city",
                name="stakeholder_unique_name_fr_per_city",
                violation_error_message=_("A stakeholder with this French name already exists in this city."),
            ),
            models.UniqueConstraint(
                Lower("name_ar"),
                "city",
                condition=models.Q(name_ar__gt=""),
                name="stakeholder_unique_name_ar_per_city",
                violation_error_message=_("A stakeholder with this Arabic name already exists in this city."),
            ),
        ]
        indexes = [
            models.Index(fields=["city", "is_active", "category"]),
            # The list's default order, per language: the very expression the list sorts by
            # (common.collation.translated_name_order), so a page is read from the index in order
            # instead of sorting every stakeholder of the city with the collation on each request.
            models.Index(F("city"), translated_name_order(language="fr"), F("id"), name="stakeholder_order_fr"),
            models.Index(F("city"), translated_name_order(language="ar"), F("id"), name="stakeholder_order_ar"),
            # The map's counts by cell and category, and its stamp (count, last change), read from the
            # index alone and in its order.
            models.Index(
                fields=["city", "influence", "interest", "category", "is_active", "updated_at"],
                name="stakeholder_map_cells",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stakeholders:detail", kwargs={"city_slug": self.city.slug, "pk": self.pk})

    def clean(self):
        if self.joined_on and self.joined_on > timezone.localdate():
            raise ValidationError({"joined_on": _("The date joined cannot be in the future.")})

    def refresh_search_fields(self) -> None:
        """Fill the derived search column (save() does; bulk_create callers must)."""
        self.search_text = self.build_search_text()

    def build_search_text(self) -> str:
        parts = [self.name_fr, self.name_ar, self.acronym_fr, self.acronym_ar]
        return " | ".join(normalize_search_text(p) for p in parts if p)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


phone_validator = RegexValidator(
    regex=r"^\+?[0-9][0-9 .\-()]{5,24}$",
    message=_("Enter a valid phone number: digits, spaces, dots, dashes, an optional leading +."),
)


class ContactQuerySet(models.QuerySet):
    def reachable(self):
        """Contacts an email can reach: not erased, with an address."""
        return self.filter(erased_at__isnull=True).exclude(email="")

    def reachable_primary(self):
        """Who receives a stakeholder's invitations and ratification requests: its primary contact,
        not erased, with an email address. At most one per stakeholder (a database constraint)."""
        return self.reachable().filter(is_primary=True)


class Contact(models.Model):
    """A person who represents a stakeholder. Personal data: shown only to the city's members."""

    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("stakeholder")
    )
    # Blank only once erased (see the check constraints); the form requires it.
    name = models.CharField(_("name"), max_length=150, blank=True, validators=[no_nul])
    function = models.CharField(_("function"), max_length=150, blank=True, validators=[no_nul])
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)
    # Erasure keeps the row (history refers to it) but blanks the personal data.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()
    # Change history. Erasure scrubs it too (services.contact_erase and the contact_erased signal).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stakeholder"],
                condition=models.Q(is_primary=True),
                name="contact_one_primary_per_stakeholder",
                violation_error_message=_("A stakeholder has at most one primary contact."),
            ),
            models.CheckConstraint(condition=models.Q(language__in=Language.values), name="contact_language_valid"),
            models.CheckConstraint(
                condition=models.Q(erased_at__isnull=False) | ~models.Q(name=""),
                name="contact_name_unless_erased",
                violation_error_message=_("Enter the contact's name."),
            ),
            models.CheckConstraint(
                condition=models.Q(erased_at__isnull=True) | models.Q(is_primary=False),
                name="contact_erased_is_not_primary",
                violation_error_message=_("An erased contact cannot be the primary contact."),
            ),
        ]

    def __str__(self):
        return self.name if not self.erased_at else str(_("Erased contact"))

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None
