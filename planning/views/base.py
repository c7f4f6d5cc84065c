"""What every planning page shares: the page size, the city context, a service's refusal shown on the form,
and the action of the URL."""

from django.core.exceptions import ValidationError
from django.http import Http404

from .. import selectors
from ..models import Action

PER_PAGE = 25


def city_context(access, **extra) -> dict:
    """The template context of a city page: the city, the user's access to it, and the page's own values."""
    return {"city": access.city, "access": access, **extra}


def form_add_errors(form, exc: ValidationError) -> None:
    """A rule the service enforces (after the form's own checks) shows on the form, never as a 500:
    on its field when the form has it, else on the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def action_get_or_404(access, pk) -> Action:
    """The action of the URL, in the user's city."""
    action = selectors.action_get(city=access.city, pk=pk)
    if action is None:
        raise Http404
    return action
