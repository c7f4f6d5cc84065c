"""The diff of two roadmap versions, any two of a city's (A against B, B against A, not only neighbours).

A version reads as items: its introduction, the priorities, each action of the plan (with its indicators) and
its conclusions; frozen versions from their stored snapshot, a draft from the live plan. Actions are paired by
their French title (unique in a city): a renamed action shows as one removed and one added. The word diff
and the pairing are common.diff's.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from common.diff import LANGUAGES, DiffItem, ItemDiff, items_diff

from . import selectors
from .models import ActionStatus, Frequency, RoadmapVersion


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _stakeholder_name(data: dict | None, lang: str) -> str:
    if not data:
        return ""
    name = data.get(f"name_{lang}") or data.get("name_fr") or ""
    acronym = data.get(f"acronym_{lang}") or data.get("acronym_fr") or ""
    return f"{name} ({acronym})" if acronym else name


def _text(data: dict, name: str, lang: str) -> str:
    return data.get(f"{name}_{lang}") or data.get(f"{name}_fr") or ""


def _in_each_language(render) -> dict:
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = render(lang)
    return out


def _action_text(action: dict, lang: str) -> str:
    lines = [_text(action, "description", lang)]
    lines.append(_("Lead: %(name)s") % {"name": _stakeholder_name(action.get("lead"), lang)})
    partners = ", ".join(_stakeholder_name(p, lang) for p in action.get("partners") or [])
    if partners:
        lines.append(_("Partners: %(names)s") % {"names": partners})
    lines.append(_("Period: %(start)s – %(end)s") % {"start": action.get("start"), "end": action.get("end")})
    lines.append(_("Status: %(status)s") % {"status": _choice_label(ActionStatus, action.get("status"))})
    if action.get("budget"):
        lines.append(
            _("Budget: %(amount)s %(currency)s") % {"amount": action["budget"], "currency": action["currency"]}
        )
    for indicator in action.get("indicators") or []:
        lines.append(
            _("Indicator: %(name)s, from %(baseline)s to %(target)s %(unit)s by %(date)s, %(frequency)s")
            % {
                "name": _text(indicator, "name", lang),
                "baseline": indicator.get("baseline"),
                "target": indicator.get("target"),
                "unit": _text(indicator, "unit", lang),
                "date": indicator.get("target_date"),
                "frequency": _choice_label(Frequency, indicator.get("frequency")).lower(),
            }
        )
    return "\n".join(line for line in lines if line)


def roadmap_items(*, version: RoadmapVersion, snapshot: dict) -> list[DiffItem]:
    """A version as items to compare: introduction, priorities, actions in the plan's order, conclusions."""
    items = [
        DiffItem(
            key="introduction",
            heading=_in_each_language(lambda lang: _("Introduction")),
            text={lang: getattr(version, f"introduction_{lang}") or "" for lang in LANGUAGES},
        )
    ]
    priorities = snapshot.get("priorities") or []
    if priorities:
        items.append(
            DiffItem(
                key="priorities",
                heading=_in_each_language(lambda lang: _("Priorities")),
                text={
                    lang: "\n".join(
                        f"{p.get('rank')}. {_text(p, 'text', lang)} ({_text(p.get('domain') or {}, 'name', lang)})"
                        for p in priorities
                    )
                    for lang in LANGUAGES
                },
            )
        )
    for domain in snapshot.get("domains") or []:
        for action in domain.get("actions") or []:
            items.append(
                DiffItem(
                    key=("action", action.get("title_fr") or ""),
                    heading={lang: _text(action, "title", lang) for lang in LANGUAGES},
                    text=_in_each_language(lambda lang, action=action: _action_text(action, lang)),
                )
            )
    items.append(
        DiffItem(
            key="conclusions",
            heading=_in_each_language(lambda lang: _("Conclusions")),
            text={lang: getattr(version, f"conclusions_{lang}") or "" for lang in LANGUAGES},
        )
    )
    return items


def roadmap_diff(*, old: RoadmapVersion, new: RoadmapVersion) -> list[ItemDiff]:
    """Two versions compared item by item. A draft reads the live plan (its queries, once even if both are)."""
    live = None

    def snapshot_of(version):
        nonlocal live
        if version.is_frozen:
            return version.snapshot or {}
        if live is None:
            live = selectors.roadmap_snapshot(city=version.city)
        return live

    return items_diff(
        roadmap_items(version=old, snapshot=snapshot_of(old)), roadmap_items(version=new, snapshot=snapshot_of(new))
    )
