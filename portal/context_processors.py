"""On an item's page opened from the personal space (the invitation's answer, the feedback form, the
ratification's decision: pages of lower apps), the way back to the space, as `space_back` (url, label).

The portal's own view records which purposes it opened (services.SPACE_OPENED_KEY), so the lower apps know
nothing of the portal: base.html renders the link when the context holds it. No query: the session is
already loaded by every page that draws the navigation bar.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from links.registry import purpose_url_name
from links.views import SESSION_KEY

from .services import SPACE_OPENED_KEY, SPACE_PURPOSE


def space_back(request) -> dict:
    session = getattr(request, "session", None)
    match = getattr(request, "resolver_match", None)
    if session is None or match is None:
        return {}
    opened = session.get(SPACE_OPENED_KEY)
    if not opened or SPACE_PURPOSE not in session.get(SESSION_KEY, {}):
        return {}
    if match.view_name not in {purpose_url_name(purpose) for purpose in opened}:
        return {}
    return {"space_back": {"url": reverse("portal_public:space"), "label": _("Back to my space")}}
