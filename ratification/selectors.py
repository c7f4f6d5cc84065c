"""Reads of the ratification app: a version or a request of a city, counts, the status page's rows."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from common.collation import translated_name_order

from .kinds import RatificationKind
from .models import RatificationStatus


@dataclass(frozen=True)
class RatificationCounts:
    total: int
    pending: int
    ratified: int
    declined: int
    expired: int
    revoked: int
    superseded: int
    preparing: int  # pending requests whose email the background task has not queued yet


def ratification_counts(kind: RatificationKind, *, version) -> RatificationCounts:
    """Requests by status (one query); pending ones past their deadline count as expired."""
    now = timezone.now()
    overdue = Q(status=RatificationStatus.PENDING, expires_at__lte=now)
    c = kind.request_model.objects.filter(version=version).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=RatificationStatus.PENDING) & ~overdue),
        ratified=Count("pk", filter=Q(status=RatificationStatus.RATIFIED)),
        declined=Count("pk", filter=Q(status=RatificationStatus.DECLINED)),
        expired=Count("pk", filter=Q(status=RatificationStatus.EXPIRED) | overdue),
        revoked=Count("pk", filter=Q(status=RatificationStatus.REVOKED)),
        superseded=Count("pk", filter=Q(status=RatificationStatus.SUPERSEDED)),
        preparing=Count("pk", filter=Q(status=RatificationStatus.PENDING, queued_at__isnull=True)),
    )
    return RatificationCounts(**c)


def ratification_requests(kind: RatificationKind, *, version, status: str = ""):
    """The status page's rows: stakeholder, contact snapshot, who recorded a paper decision (one query)."""
    qs = kind.request_model.objects.filter(version=version).select_related("stakeholder", "recorded_by")
    now = timezone.now()
    if status == RatificationStatus.EXPIRED:
        qs = qs.filter(Q(status=RatificationStatus.EXPIRED) | Q(status=RatificationStatus.PENDING, expires_at__lte=now))
    elif status == RatificationStatus.PENDING:
        qs = qs.filter(status=RatificationStatus.PENDING, expires_at__gt=now)
    elif status in RatificationStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by(translated_name_order(prefix="stakeholder__"), "pk")


def effective_status(rr) -> str:
    """Pending past the deadline reads as expired, before `ratification_expire` records it."""
    if rr.status == RatificationStatus.PENDING and rr.expires_at is not None and rr.expires_at <= timezone.now():
        return RatificationStatus.EXPIRED
    return rr.status


def ratification_request_get(kind: RatificationKind, *, city, pk: int):
    """One request of this city (404 otherwise), with what its staff page shows."""
    rr = (
        kind.request_model.objects.filter(pk=pk, **{kind.city_path: city})
        .select_related(kind.city_path, "stakeholder", "contact")
        .first()
    )
    if rr is None:
        raise Http404
    return rr


def ratification_version_get(kind: RatificationKind, *, city, number: int):
    """The version of this city with this number (404 otherwise), with its city."""
    version = (
        kind.version_model.objects.filter(number=number, **{kind.version_city_path: city})
        .select_related(kind.version_city_path)
        .first()
    )
    if version is None:
        raise Http404
    return version
