"""Buttons that higher apps add to a lower app's page (e.g. "Remind the non-responders" on a status page).

A lower app's template names its page and renders whatever is registered for it:

    {% load page_actions %}{% page_actions "consultations.invitations" %}

A higher app registers a template for that page in its AppConfig.ready(); the template gets the page's
context (city, access, and the page's objects). Nothing registered: nothing rendered. A registered template
that is missing raises (tests render every entry).
"""

_ACTIONS: dict[str, dict[str, str]] = {}


def register_page_action(*, page: str, key: str, template: str) -> None:
    """Add (or replace, on a repeated ready()) the template `key` rendered on `page`."""
    _ACTIONS.setdefault(page, {})[key] = template


def page_action_templates(page: str) -> list[str]:
    return [template for _, template in sorted(_ACTIONS.get(page, {}).items())]
