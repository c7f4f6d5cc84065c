"""Each city's place in the four-consultation cycle, for the home page.

The cities app sits below the app that runs the consultations, so it cannot ask it directly: that app
registers the function that computes the marks in its AppConfig.ready(). Without one the home page
fails loudly rather than showing cities without their cycle.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

# (*, city_ids: list[int]) -> {city_id: [mark, ...]}; one query for any number of cities.
_PROVIDER: list[Callable[..., dict]] = []


def register_cycle_provider(provider: Callable[..., dict]) -> None:
    _PROVIDER[:] = [provider]


def cycle_marks_for_cities(*, city_ids: list[int]) -> dict:
    if not _PROVIDER:
        raise ImproperlyConfigured("No app registered the consultation cycle (cities.cycle.register_cycle_provider).")
    return _PROVIDER[0](city_ids=city_ids)
