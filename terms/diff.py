"""Side-by-side diff of two versions, section by section, in each language.

Sections are paired through `TorSection.origin` (set when a version is copied from the previous one).
Words are compared with difflib; the output is escaped HTML with classes only (no inline styles):
`<del class="diff-del">` on the old side, `<ins class="diff-ins">` on the new side.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import TorSection, TorVersion

# Words (any script), runs of spaces, and single punctuation marks: whitespace changes stay visible.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class PairState:
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SideBySide:
    old: SafeString
    new: SafeString
    changed: bool


@dataclass(frozen=True)
class SectionDiff:
    old: TorSection | None
    new: TorSection | None
    state: str
    moved: bool
    heading: dict  # language -> SideBySide
    text: dict  # language -> SideBySide


def diff_text(old: str, new: str) -> SideBySide:
    """Word diff of two texts as two escaped HTML fragments."""
    old, new = old or "", new or ""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    left, right = [], []
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    # A lone space between two changed words belongs to the change: one mark for "deux fois" -> "trois".
    merged: list[list] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1 and merged and merged[-1][0] != "equal"
        if op == "equal" and between_changes and not "".join(a[i1:i2]).strip() and opcodes[index + 1][0] != "equal":
            op = "replace"
        if merged and op != "equal" and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = i2, j2
            merged[-1][0] = "replace"
        else:
            merged.append([op, i1, i2, j1, j2])
    for op, i1, i2, j1, j2 in merged:
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f'<del class="diff-del">{removed}</del>')
        if added:
            right.append(f'<ins class="diff-ins">{added}</ins>')
    return SideBySide(old=mark_safe("".join(left)), new=mark_safe("".join(right)), changed=old != new)  # noqa: S308 - escaped above


LANGUAGES = ("fr", "ar")


def version_diff(*, old: TorVersion | None, new: TorVersion) -> list[SectionDiff]:
    """Pairs of sections in the new version's order, removed sections where they stood (two queries)."""
    old_sections = list(old.sections.order_by("position", "pk")) if old is not None else []
    new_sections = list(new.sections.order_by("position", "pk"))
    old_by_pk = {s.pk: s for s in old_sections}
    paired_old = {s.origin_id for s in new_sections if s.origin_id in old_by_pk}
    old_rank = {s.pk: rank for rank, s in enumerate(old_sections)}
    pairs: list[tuple[TorSection | None, TorSection | None]] = []
    pending_removed = [s for s in old_sections if s.pk not in paired_old]
    for section in new_sections:
        origin = old_by_pk.get(section.origin_id)
        if origin is not None:
            # Removed sections that stood before this one's origin are shown first.
            while pending_removed and old_rank[pending_removed[0].pk] < old_rank[origin.pk]:
                pairs.append((pending_removed.pop(0), None))
        pairs.append((origin, section))
    pairs.extend((s, None) for s in pending_removed)

    result = []
    new_rank = {s.pk: rank for rank, s in enumerate(s for s in new_sections if s.origin_id in old_by_pk)}
    old_paired_rank = {pk: rank for rank, pk in enumerate(s.pk for s in old_sections if s.pk in paired_old)}
    for before, after in pairs:
        heading = {
            lang: diff_text(getattr(before, f"heading_{lang}", "") or "", getattr(after, f"heading_{lang}", "") or "")
            for lang in LANGUAGES
        }
        text = {
            lang: diff_text(getattr(before, f"text_{lang}", "") or "", getattr(after, f"text_{lang}", "") or "")
            for lang in LANGUAGES
        }
        if before is None:
            state = PairState.ADDED
        elif after is None:
            state = PairState.REMOVED
        elif any(d.changed for d in [*heading.values(), *text.values()]):
            state = PairState.CHANGED
        else:
            state = PairState.UNCHANGED
        moved = before is not None and after is not None and old_paired_rank.get(before.pk) != new_rank.get(after.pk)
        result.append(SectionDiff(old=before, new=after, state=state, moved=moved, heading=heading, text=text))
    return result
