from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from .models import EmailStatus, OutgoingEmail


@dataclass(frozen=True)
class BatchProgress:
    batch: str
    total: int
    queued: int
    sending: int
    sent: int
    failed: int

    @property
    def pending(self) -> bool:
        return self.queued + self.sending > 0

    @property
    def done(self) -> int:
        return self.sent + self.failed

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def batch_progress(*, batch: str) -> BatchProgress:
    """Counts of a mass send by status, in one query."""
    counts = OutgoingEmail.objects.filter(batch=batch).aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(status=EmailStatus.QUEUED)),
        sending=Count("pk", filter=Q(status=EmailStatus.SENDING)),
        sent=Count("pk", filter=Q(status=EmailStatus.SENT)),
        failed=Count("pk", filter=Q(status=EmailStatus.FAILED)),
    )
    return BatchProgress(batch=batch, **counts)


def emails_for_source(source):
    return OutgoingEmail.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    ).order_by("-created_at", "-pk")


def email_list_for_city(*, city, status: str = "", batch: str = ""):
    qs = OutgoingEmail.objects.filter(city=city).only(
        "pk",
        "to",
        "language",
        "subject",
        "purpose",
        "batch",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    )
    if status in EmailStatus.values:
        qs = qs.filter(status=status)
    if batch:
        qs = qs.filter(batch=batch)
    return qs.order_by("-created_at", "-pk")
