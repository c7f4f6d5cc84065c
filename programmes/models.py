from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City


class Programme(models.Model):
    """A programme that groups cities (e.g. MC2CM RUCP): its members see aggregates across the cities,
    read-only, without any contact's personal data. Name and description are translated (fr/ar)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    cities = models.ManyToManyField(City, blank=True, related_name="city_programmes", verbose_name=_("cities"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:dashboard", kwargs={"slug": self.slug})


class ProgrammeMember(models.Model):
    """A user who follows a programme (managed in the Django admin). Membership of a programme gives no
    right on its cities' own pages: those stay behind the cities' memberships."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="members", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_memberships",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="programme_member_unique_user"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.programme}"
