import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City


class Choice(models.TextChoices):
    CREATE = "create", _("Create a new stakeholder")
    UPDATE = "update", _("Update the matching stakeholder")
    SKIP = "skip", _("Skip this row")


# A step left running this long was lost with its worker (killed, restarted): the page says so.
STALE_STEP = datetime.timedelta(minutes=15)


class Status(models.TextChoices):
    READING = "reading", _("Reading the file")
    READY = "ready", _("Ready to check")
    COMMIT_QUEUED = "commit_queued", _("Waiting to import")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its commit, kept on the server: the browser
    only ever sends a choice per row, checked against what is stored here. One user's, in one city,
    until it expires or is imported.

    Each row of `rows` is {"line": file line, "values": {column key: text}, "valid": bool,
    "matches": [[stakeholder pk, similarity, exact], ...], "choice": "create" | "update" | "skip",
    "target": pk of the stakeholder to update or null}.

    Reading the file and committing it run in the background (imports/tasks.py): `status` says which step
    the batch is in, `progress_done` / `progress_total` how far the worker got, `error` why it stopped
    (a commit refused by a check sends the batch back to READY with the reason; a crash marks it FAILED).
    `upload` holds the file's bytes between the upload and the worker reading them, then is emptied.
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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.READY)
    language = models.CharField(_("language"), max_length=10, default="fr")
    upload = models.BinaryField(default=bytes, editable=False)
    progress_done = models.PositiveIntegerField(_("rows done"), default=0)
    progress_total = models.PositiveIntegerField(_("rows in all"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        indexes = [models.Index(fields=["city", "user", "expires_at"])]

    def __str__(self):
        return self.filename

    @property
    def is_stalled(self) -> bool:
        """A worker took a step and never finished it (its transaction rolled back: nothing was imported)."""
        running = self.status in (Status.READING, Status.COMMITTING) and self.started_at is not None
        return running and self.started_at < timezone.now() - STALE_STEP

    @property
    def is_pending(self) -> bool:
        """The worker has yet to finish a step: the waiting page refreshes itself."""
        return self.status in (Status.READING, Status.COMMIT_QUEUED, Status.COMMITTING) and not self.is_stalled

    @property
    def progress_percent(self) -> int:
        return min(100, self.progress_done * 100 // self.progress_total) if self.progress_total else 0
