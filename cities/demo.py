"""The demo's parts, registered by each app in its AppConfig.ready() and loaded in app order by load_demo."""

from collections.abc import Callable

# app label -> load(city, users, other_city=None); insertion order is INSTALLED_APPS order (ready() order).
_LOADERS: dict[str, Callable] = {}


def register_demo(*, app: str, load: Callable) -> None:
    _LOADERS[app] = load


def demo_loaders() -> list[tuple[str, Callable]]:
    return list(_LOADERS.items())
