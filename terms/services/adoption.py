"""Adoption: a final version is adopted when the city's quorum of ratifications is reached (terms.receivers);
the versions it replaces are superseded and the ratification record is generated in the background."""

from django.db import transaction
from django.utils import timezone

from ratification.services import ratification_supersede, ratification_tally
from ratification.signals import version_adopted

from ..kind import TOR_RATIFICATION
from ..models import TorVersion, VersionStatus
from ..tasks import ratification_records_task


@transaction.atomic
def tor_version_adopt_if_ready(*, version: TorVersion) -> bool:
    """Adopt the version when every active stakeholder has ratified, or the city's quorum is reached with
    no decline standing. Returns True when this call adopted it."""
    version = TorVersion.objects.select_for_update().select_related("tor__city").get(pk=version.pk)
    if version.status != VersionStatus.FINAL:
        return False
    if not ratification_tally(TOR_RATIFICATION, version=version).reached:
        return False
    tor_version_adopt(version=version)
    return True


@transaction.atomic
def tor_version_adopt(*, version: TorVersion) -> TorVersion:
    """Adopt now: the previously adopted version and earlier non-draft versions become superseded, their
    pending ratification requests are closed (links revoked) and their contacts told by email."""
    now = timezone.now()
    older = list(
        TorVersion.objects.select_for_update()
        .filter(tor_id=version.tor_id, number__lt=version.number)
        .exclude(status__in=[VersionStatus.DRAFT, VersionStatus.SUPERSEDED])
    )
    # The previous adopted version first: one adopted version per ToR at any time.
    for old in older:
        old.status, old.superseded_at = VersionStatus.SUPERSEDED, now
        old.save(update_fields=["status", "superseded_at"])
    version.status, version.adopted_at = VersionStatus.ADOPTED, now
    version.full_clean()
    version.save(update_fields=["status", "adopted_at"])
    ratification_supersede(TOR_RATIFICATION, versions=older, by_version=version)
    version_adopted.send(sender=TOR_RATIFICATION, version=version)
    transaction.on_commit(lambda: _enqueue_records(version.pk))
    return version


def _enqueue_records(version_id: int) -> None:
    ratification_records_task.enqueue(version_id)
