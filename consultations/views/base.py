"""What every consultations page shares: the cycle number in the URL, and a service's refusal
shown on the form or as messages."""

from django.core.exceptions import ValidationError
from django.http import Http404

from ..models import CYCLE_LENGTH


def cycle_number(number: int) -> int:
    """The consultation number of the URL, 1 to CYCLE_LENGTH; anything else is not found."""
    if not 1 <= number <= CYCLE_LENGTH:
        raise Http404
    return number


def error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def form_add_errors(form, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has it, else on the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
