"""The sections of a draft version: add, edit, delete, move (positions stay 1..n)."""

from django.db import transaction
from django.db.models import Max

from ..models import TorSection, TorVersion
from .versions import tor_version_check_draft


@transaction.atomic
def tor_section_create(
    *, version: TorVersion, heading_fr: str, heading_ar: str = "", text_fr: str = "", text_ar: str = ""
) -> TorSection:
    version = TorVersion.objects.select_for_update().get(pk=version.pk)
    tor_version_check_draft(version)
    position = (version.sections.aggregate(p=Max("position"))["p"] or 0) + 1
    section = TorSection(
        version=version,
        position=position,
        heading_fr=heading_fr,
        heading_ar=heading_ar,
        text_fr=text_fr,
        text_ar=text_ar,
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def tor_section_update(
    *, section: TorSection, heading_fr: str, heading_ar: str = "", text_fr: str = "", text_ar: str = ""
) -> TorSection:
    TorVersion.objects.select_for_update().filter(pk=section.version_id).exists()
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    tor_version_check_draft(section.version)
    section.heading_fr, section.heading_ar = heading_fr, heading_ar
    section.text_fr, section.text_ar = text_fr, text_ar
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def tor_section_delete(*, section: TorSection) -> None:
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    tor_version_check_draft(section.version)
    version = section.version
    section.delete()
    _renumber(version)


@transaction.atomic
def tor_section_move(*, section: TorSection, offset: int) -> None:
    """Move a section up (offset -1) or down (+1) by swapping it with its neighbour."""
    section = TorSection.objects.select_related("version").get(pk=section.pk)
    tor_version_check_draft(section.version)
    ordered = list(section.version.sections.order_by("position", "pk"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(section.version, ordered)


def _renumber(version: TorVersion, ordered=None) -> None:
    ordered = ordered if ordered is not None else list(version.sections.order_by("position", "pk"))
    # Two passes keep the (version, position) unique constraint true at every step.
    offset = 10000
    for s in ordered:
        TorSection.objects.filter(pk=s.pk).update(position=s.position + offset)
    for rank, s in enumerate(ordered, start=1):
        TorSection.objects.filter(pk=s.pk).update(position=rank)
