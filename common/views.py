"""What every app's views share: the context of a city page, a service's refusal shown as messages, and the
"compare two versions" form of a versioned document."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from .forms import VersionPairForm


def city_context(access, **extra) -> dict:
    """The template context of a city page: the city, the user's access to it (cities.permissions.CityAccess),
    and the page's own values."""
    return {"city": access.city, "access": access, **extra}


def error_messages_add(request, exc: ValidationError) -> None:
    """A service's refusal, each of its messages as an error message of the next page."""
    for message in exc.messages:
        messages.error(request, message)


def service_call_with_messages(request, service, /, *, success: str, **kwargs) -> bool:
    """Call `service(**kwargs)`: its refusal (a ValidationError) shown as error messages, else `success`
    as a success message. True when the service went through."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        error_messages_add(request, exc)
        return False
    messages.success(request, success)
    return True


def version_pair_compare(request, *, numbers: list[int], version_get, versions_diff) -> dict:
    """The context of a page that compares any two versions of a document (?a=1&b=3, either order): the
    form (the two latest proposed), and once it is valid the two versions (`version_get(number)`) and
    their pairs (`versions_diff(old=, new=)`). A bad choice is said on the form."""
    bound = "a" in request.GET or "b" in request.GET
    initial = {"a": numbers[1], "b": numbers[0]} if len(numbers) > 1 else {}
    form = VersionPairForm(request.GET if bound else None, numbers=numbers, initial=initial)
    context = {"form": form, "numbers": numbers}
    if bound and form.is_valid():
        old = version_get(form.cleaned_data["a"])
        new = version_get(form.cleaned_data["b"])
        context.update(old=old, new=new, pairs=versions_diff(old=old, new=new))
    return context
