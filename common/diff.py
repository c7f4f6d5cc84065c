"""Side-by-side diff of two versions of a document, item by item (sections, actions), in each language.

A document kind turns each version into a list of `DiffItem`s: a key that pairs an item with its
counterpart in the other version, its heading and text per language, and the object it came from.
`items_diff` pairs them in the new version's order, removed items where they stood, and marks added,
removed, changed, unchanged and moved items. Either version may be the older: A against B or B against A.

Words are compared with difflib; the output is escaped HTML with classes only (no inline styles):
`<del class="diff-del">` on the old side, `<ins class="diff-ins">` on the new side.
"""

import difflib
import re
from collections.abc import Hashable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LANGUAGES = ("fr", "ar")

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
class DiffItem:
    key: Hashable
    heading: dict  # language -> text
    text: dict  # language -> text
    source: object = field(default=None, compare=False)


@dataclass(frozen=True)
class ItemDiff:
    old: object | None  # the old item's source (or the item when it has none)
    new: object | None
    state: str
    moved: bool
    heading: dict  # language -> SideBySide
    text: dict  # language -> SideBySide
    titles: dict = field(default_factory=dict, compare=False)  # language -> the new (else old) heading

    @property
    def title(self) -> str:
        """The heading in the active language (French when the Arabic is empty)."""
        lang = (translation.get_language() or "fr")[:2]
        return self.titles.get(lang) or self.titles.get("fr", "")


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


def _source(item: DiffItem | None):
    if item is None:
        return None
    return item.source if item.source is not None else item


def items_diff(old: list[DiffItem], new: list[DiffItem]) -> list[ItemDiff]:
    """Pairs of items (same key) in the new version's order, removed items where they stood."""
    old_by_key = {item.key: item for item in old}
    paired = {item.key for item in new if item.key in old_by_key}
    old_rank = {item.key: rank for rank, item in enumerate(old)}
    pairs: list[tuple[DiffItem | None, DiffItem | None]] = []
    pending_removed = [item for item in old if item.key not in paired]
    for item in new:
        before = old_by_key.get(item.key)
        if before is not None:
            # Removed items that stood before this one's counterpart are shown first.
            while pending_removed and old_rank[pending_removed[0].key] < old_rank[before.key]:
                pairs.append((pending_removed.pop(0), None))
        pairs.append((before, item))
    pairs.extend((item, None) for item in pending_removed)

    new_rank = {key: rank for rank, key in enumerate(item.key for item in new if item.key in paired)}
    old_paired_rank = {key: rank for rank, key in enumerate(item.key for item in old if item.key in paired)}
    result = []
    for before, after in pairs:
        heading = {
            lang: diff_text(
                before.heading.get(lang, "") if before else "", after.heading.get(lang, "") if after else ""
            )
            for lang in LANGUAGES
        }
        text = {
            lang: diff_text(before.text.get(lang, "") if before else "", after.text.get(lang, "") if after else "")
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
        moved = before is not None and after is not None and old_paired_rank[before.key] != new_rank[after.key]
        shown = after if after is not None else before
        result.append(
            ItemDiff(
                old=_source(before),
                new=_source(after),
                state=state,
                moved=moved,
                heading=heading,
                text=text,
                titles=dict(shown.heading),
            )
        )
    return result
