"""What every consultations page shares: the cycle number in the URL, and a service's refusal as text
(a JSON answer says it). The city context and a refusal shown on the form or as messages are common.views'
and common.forms'."""

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
