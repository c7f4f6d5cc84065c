"""Links that higher apps add to a lower app's object pages (a consultation's, a ToR version's, an action's).

A lower app cannot name a higher app's URLs. The higher app registers, in its AppConfig.ready(), a
function that returns a (label, url) pair for the objects it knows, or None; the object's page renders
`{% object_links obj city %}` (common_tags). The functions must not query the database.
"""

from collections.abc import Callable

# (obj, city) -> (label, url) or None
_BUILDERS: dict[str, Callable] = {}


def register_object_link(*, key: str, build: Callable) -> None:
    """Add (or replace, on a repeated ready()) a link builder."""
    _BUILDERS[key] = build


def object_links(obj, city) -> list[tuple[str, str]]:
    links = []
    for key in sorted(_BUILDERS):
        link = _BUILDERS[key](obj, city)
        if link is not None:
            links.append(link)
    return links
