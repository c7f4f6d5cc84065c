"""Sections that higher apps add to a stakeholder's page in the registry.

The registry sits below the apps that know about a stakeholder's roles, invitations, ratifications and
actions, so it cannot import them. Each of those apps registers its section in its AppConfig.ready():
a template and a function that loads the section's data through that app's selectors. The page renders
every registered section; a missing template raises instead of being skipped (tests render each one).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class StakeholderSection:
    key: str
    template: str
    order: int
    # (*, stakeholder, city, access) -> the template's extra context; should run a constant number of queries.
    context: Callable[..., dict]


_SECTIONS: dict[str, StakeholderSection] = {}


def register_section(*, key: str, template: str, order: int, context: Callable[..., dict]) -> StakeholderSection:
    """Add (or replace, on a repeated ready()) a section of the stakeholder page."""
    section = StakeholderSection(key=key, template=template, order=order, context=context)
    _SECTIONS[key] = section
    return section


def registered_sections() -> list[StakeholderSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def sections_render(*, request, stakeholder, city, access) -> list[SafeString]:
    """Every registered section rendered for one stakeholder, in order."""
    base = {"stakeholder": stakeholder, "city": city, "access": access}
    return [
        render_to_string(
            section.template,
            {**base, **section.context(stakeholder=stakeholder, city=city, access=access)},
            request=request,
        )
        for section in registered_sections()
    ]
