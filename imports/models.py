from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import City


class Choice(models.TextChoices):
    CREATE = "create", _("Create a new stakeholder")
    UPDATE = "update", _("Update the matching stakeholder")
    SKIP = "skip", _("Skip this row")


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its commit, kept on the server: the browser
    only ever sends a choice per row, checked against what is stored here. One user's, in one city,
    until it expires or is imported.

    Each row of `rows` is {"line": file line, "values": {column key: text}, "valid": bool,
    "matches": [[stakeholder pk, similarity, exact], ...], "choice": "create" | "update" | "skip",
    "target": pk of the stakeholder to update or null}.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.JSONField(default=list)
    ignored_columns = models.JSONField(default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        indexes = [models.Index(fields=["city", "user", "expires_at"])]

    def __str__(self):
        return self.filename
