"""Buttons that higher apps add to the registry list page (an import, for instance).

The registry cannot import the apps above it: each registers its button in its AppConfig.ready() with
the URL name to reverse (city_slug is its one argument) and the least role that may use it.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class RegistryAction:
    key: str
    label: str  # a lazy translation
    url_name: str
    role: str


_ACTIONS: dict[str, RegistryAction] = {}


def register_registry_action(*, key: str, label, url_name: str, role: str) -> None:
    """Add (or replace, on a repeated ready()) a button of the registry list page."""
    _ACTIONS[key] = RegistryAction(key=key, label=label, url_name=url_name, role=role)


def registry_actions(*, access) -> list[tuple[str, str]]:
    """(label, url) of each registered button the user's role allows, in key order. No query."""
    return [
        (str(action.label), reverse(action.url_name, kwargs={"city_slug": access.city.slug}))
        for action in sorted(_ACTIONS.values(), key=lambda a: a.key)
        if access.can(action.role)
    ]
