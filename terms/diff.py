"""The diff of two ToR versions, any two of a city's (A against B, B against A, not only neighbours).

Sections are paired through `TorSection.origin` (set when a version is copied from the previous one),
followed back through the versions in between. The word diff and the pairing are common.diff's.
"""

from common.diff import DiffItem, ItemDiff, PairState, SideBySide, diff_text, items_diff

from .models import TorSection, TorVersion

__all__ = ["PairState", "SideBySide", "diff_text", "version_diff"]


def _item(section: TorSection, key) -> DiffItem:
    return DiffItem(
        key=key,
        heading={"fr": section.heading_fr or "", "ar": section.heading_ar or ""},
        text={"fr": section.text_fr or "", "ar": section.text_ar or ""},
        source=section,
    )


def _ancestor_in(section_pk: int, parents: dict, targets: set):
    """The section of the other version this one descends from, through the versions in between."""
    seen = set()
    current = parents.get(section_pk)
    while current is not None and current not in seen:
        if current in targets:
            return current
        seen.add(current)
        current = parents.get(current)
    return None


def version_diff(*, old: TorVersion | None, new: TorVersion) -> list[ItemDiff]:
    """Pairs of sections in the new version's order, removed sections where they stood (three queries)."""
    old_sections = list(old.sections.order_by("position", "pk")) if old is not None else []
    new_sections = list(new.sections.order_by("position", "pk"))
    if old is None:
        return items_diff([], [_item(s, s.pk) for s in new_sections])
    earlier, later = (old_sections, new_sections) if old.number <= new.number else (new_sections, old_sections)
    low, high = sorted((old.number, new.number))
    parents = dict(
        TorSection.objects.filter(version__tor_id=new.tor_id, version__number__range=(low, high)).values_list(
            "pk", "origin_id"
        )
    )
    earlier_pks = {s.pk for s in earlier}
    keys = {s.pk: s.pk for s in earlier}
    for section in later:
        ancestor = _ancestor_in(section.pk, parents, earlier_pks)
        keys[section.pk] = ancestor if ancestor is not None else ("own", section.pk)
    return items_diff([_item(s, keys[s.pk]) for s in old_sections], [_item(s, keys[s.pk]) for s in new_sections])
