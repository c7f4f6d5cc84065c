"""The one model of the plumbing app: rate counters (see common/ratelimit.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """A fixed-window counter of events by key (bad link tokens by address, failed logins by account).

    Written only by common.ratelimit.rate_count, one atomic statement per event: see there.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
