"""What every planning page shares: the page size and the action of the URL (the city context and a
service's refusal shown on the form are common.views' and common.forms')."""

from django.http import Http404

from .. import selectors
from ..models import Action

PER_PAGE = 25


def action_get_or_404(access, pk) -> Action:
    """The action of the URL, in the user's city."""
    action = selectors.action_get(city=access.city, pk=pk)
    if action is None:
        raise Http404
    return action
