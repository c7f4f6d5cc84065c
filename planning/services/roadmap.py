"""Consultation 4's roadmap: draft versions, freezing (snapshot and SHA-256) and the meeting's approval."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from ratification.services import ratification_supersede
from ratification.signals import version_adopted

from ..kind import ROADMAP_RATIFICATION
from ..models import RoadmapApproval, RoadmapStatus, RoadmapVersion
from ..selectors import roadmap_snapshot


@transaction.atomic
def roadmap_version_create(*, city: City) -> RoadmapVersion:
    """A new draft, numbered after the last version, starting from its introduction and conclusions.

    One draft at a time per city.
    """
    versions = RoadmapVersion.objects.select_for_update().filter(city=city).order_by("-number")
    if versions.filter(status=RoadmapStatus.DRAFT).exists():
        raise ValidationError(_("There is already a draft version."))
    previous = versions.first()
    version = RoadmapVersion(city=city, number=(previous.number + 1) if previous else 1)
    if previous is not None:
        for name in ("introduction_fr", "introduction_ar", "conclusions_fr", "conclusions_ar"):
            setattr(version, name, getattr(previous, name))
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def roadmap_version_update(
    *,
    version: RoadmapVersion,
    introduction_fr: str,
    introduction_ar: str,
    conclusions_fr: str,
    conclusions_ar: str,
) -> RoadmapVersion:
    """Only a draft changes."""
    locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    if locked.is_frozen:
        raise ValidationError(_("This version is frozen: it can no longer change."))
    version.introduction_fr = introduction_fr
    version.introduction_ar = introduction_ar
    version.conclusions_fr = conclusions_fr
    version.conclusions_ar = conclusions_ar
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def roadmap_version_freeze(*, version: RoadmapVersion, user, today: datetime.date | None = None) -> RoadmapVersion:
    """Store the action plan and matrix snapshot and the SHA-256 of the version's canonical form. Once only.

    `today` (tests, back-filled versions) is the day it is frozen as: the snapshot's date and `frozen_at`."""
    locked = RoadmapVersion.objects.select_for_update().select_related("city").get(pk=version.pk)
    if locked.is_frozen:
        raise ValidationError(_("This version is already frozen."))
    if not locked.introduction_fr.strip():
        raise ValidationError(_("Write the French introduction before freezing."))
    locked.snapshot = roadmap_snapshot(city=locked.city, today=today)
    locked.sha256 = locked.compute_sha256()
    locked.status = RoadmapStatus.FROZEN
    locked.frozen_at = (
        timezone.now() if today is None else datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)
    )
    locked.frozen_by = user
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def roadmap_version_approve(
    *,
    version: RoadmapVersion,
    decided_on: datetime.date,
    decision_fr: str,
    decision_ar: str = "",
    user,
) -> RoadmapApproval:
    """Record the meeting's decision approving a frozen version; an earlier approved version is superseded."""
    locked = RoadmapVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status == RoadmapStatus.DRAFT:
        raise ValidationError(_("Freeze the version before it is approved."))
    if locked.status != RoadmapStatus.FROZEN:
        raise ValidationError(_("This version has already been decided."))
    older = list(
        RoadmapVersion.objects.select_for_update()
        .filter(city_id=locked.city_id, status__in=[RoadmapStatus.APPROVED, RoadmapStatus.FROZEN])
        .exclude(pk=locked.pk)
    )
    RoadmapVersion.objects.filter(pk__in=[v.pk for v in older]).update(status=RoadmapStatus.SUPERSEDED)
    # Open ratification requests of the versions it replaces close; their contacts are told.
    ratification_supersede(ROADMAP_RATIFICATION, versions=older, by_version=locked)
    approval = RoadmapApproval(
        version=locked, decided_on=decided_on, decision_fr=decision_fr, decision_ar=decision_ar, recorded_by=user
    )
    approval.full_clean()
    approval.save()
    locked.status = RoadmapStatus.APPROVED
    locked.save(update_fields=["status", "updated_at"])
    version.status = locked.status
    version_adopted.send(sender=ROADMAP_RATIFICATION, version=locked)
    return approval
