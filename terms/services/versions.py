"""Terms of reference and their versions: a new draft (copied from the latest), its summary, and moving a
version forward by hand. A version's content changes only while it is a draft; leaving draft freezes it and
stores its SHA-256."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from ratification.services import ratification_supersede

from ..kind import TOR_RATIFICATION
from ..models import VERSION_MANUAL_TRANSITIONS, RoleAssignment, TermsOfReference, TorSection, TorVersion, VersionStatus


def tor_version_check_draft(version: TorVersion) -> None:
    """Refuse a change to a frozen version's content (sections, summary, changes list)."""
    if version.is_frozen:
        raise ValidationError(
            _("Version %(number)s is frozen (%(status)s): its content can no longer change.")
            % {"number": version.number, "status": version.get_status_display()}
        )


@transaction.atomic
def tor_get_or_create(*, city: City, title_fr: str = "", title_ar: str = "") -> TermsOfReference:
    tor = TermsOfReference.objects.filter(city=city).first()
    if tor is not None:
        return tor
    tor = TermsOfReference(
        city=city,
        title_fr=title_fr or "Termes de référence du groupe des parties prenantes",
        title_ar=title_ar or "الاختصاصات المرجعية لمجموعة الأطراف المعنية",
    )
    tor.full_clean()
    tor.save()
    return tor


@transaction.atomic
def tor_version_create(*, city: City, user=None) -> TorVersion:
    """Start a new draft: empty for a city's first version, otherwise copied from the latest version."""
    tor = tor_get_or_create(city=city)
    latest = tor.versions.order_by("-number").first()
    if latest is not None:
        return tor_version_create_from(previous=latest, user=user)
    version = TorVersion(tor=tor, number=1, created_by=user)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def tor_version_create_from(*, previous: TorVersion, user=None) -> TorVersion:
    """A new draft numbered after the latest, with the previous version's sections and role assignments.

    Each copied section remembers its origin, which pairs sections in the diff.
    """
    tor = TermsOfReference.objects.select_for_update().get(pk=previous.tor_id)
    if tor.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("A draft version already exists: finish it before starting another."))
    latest_number = tor.versions.aggregate(n=Max("number"))["n"] or 0
    if previous.number != latest_number:
        raise ValidationError(_("A new version can only start from the latest version."))
    version = TorVersion(tor=tor, number=latest_number + 1, previous=previous, created_by=user)
    version.full_clean()
    version.save()
    TorSection.objects.bulk_create(
        TorSection(
            version=version,
            position=s.position,
            heading_fr=s.heading_fr,
            heading_ar=s.heading_ar,
            text_fr=s.text_fr,
            text_ar=s.text_ar,
            origin=s,
        )
        for s in previous.sections.all()
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(version=version, stakeholder_id=a.stakeholder_id, role_id=a.role_id, domain_id=a.domain_id)
        for a in previous.role_assignments.all()
    )
    return version


@transaction.atomic
def tor_version_update(*, version: TorVersion, summary_fr: str = "", summary_ar: str = "") -> TorVersion:
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    tor_version_check_draft(version)
    version.summary_fr = summary_fr
    version.summary_ar = summary_ar
    version.full_clean()
    version.save(update_fields=["summary", "summary_fr", "summary_ar"])
    return version


def tor_version_freeze(version: TorVersion, status: str) -> None:
    """Freeze a draft leaving for `status`: its SHA-256 and freezing time. The caller holds the lock and saves."""
    now = timezone.now()
    sections = list(version.sections.all())
    if not sections:
        raise ValidationError(_("A version needs at least one section before it leaves draft."))
    version.sha256 = version.compute_sha256(sections)
    version.frozen_at = now
    version.status = status


@transaction.atomic
def tor_version_status_set(*, version: TorVersion, status: str, user=None, presented_on=None) -> TorVersion:
    """Move a version forward by hand (draft -> circulated/presented/final, ...). Leaving draft freezes it.

    Adopted is reached through ratification only; superseded through adoption, or when a newer version
    becomes final (the numbers it superseded are in the returned version's `superseded_numbers`).
    """
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    if status not in VERSION_MANUAL_TRANSITIONS.get(version.status, ()):
        raise ValidationError(
            _("A version cannot go from %(current)s to %(new)s.")
            % {
                "current": version.get_status_display(),
                "new": dict(VersionStatus.choices).get(status, status),
            }
        )
    if version.status == VersionStatus.DRAFT:
        tor_version_freeze(version, status)
    else:
        version.status = status
    superseded = _tor_version_final_take_over(version) if status == VersionStatus.FINAL else []
    if status == VersionStatus.CIRCULATED:
        version.circulated_at = timezone.now()
    if status == VersionStatus.PRESENTED:
        version.presented_on = presented_on or timezone.localdate()
    version.full_clean()
    version.save()
    version.superseded_numbers = superseded
    return version


def _tor_version_final_take_over(version: TorVersion) -> list[int]:
    """Only one version at a time is final (for ratification): a newer version becoming final supersedes
    the older final one (its ratification stops); an older one is refused. Returns the superseded numbers."""
    others = list(
        TorVersion.objects.select_for_update()
        .filter(tor_id=version.tor_id, status=VersionStatus.FINAL)
        .exclude(pk=version.pk)
        .order_by("number")
    )
    newer = [v for v in others if v.number > version.number]
    if newer:
        raise ValidationError(
            _("Version %(other)s is already final (for ratification) and is newer: version %(number)s cannot be.")
            % {"other": newer[0].number, "number": version.number}
        )
    now = timezone.now()
    for old in others:
        old.status, old.superseded_at = VersionStatus.SUPERSEDED, now
        old.save(update_fields=["status", "superseded_at"])
    if others:
        # Their open requests close, links revoked, and the contacts who had not answered are told.
        ratification_supersede(TOR_RATIFICATION, versions=others, by_version=version)
    return [old.number for old in others]
