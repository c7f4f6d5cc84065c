"""What every terms page shares: the city context, the form data of a request, a service's refusal shown
as messages, and a version's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse


def form_data(request):
    """The POST data to bind a form to (even when empty), or None on GET."""
    return request.POST if request.method == "POST" else None


def error_messages_add(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def version_url(version) -> str:
    return reverse("terms:version", kwargs={"city_slug": version.tor.city.slug, "number": version.number})


def city_context(access, **extra) -> dict:
    return {"city": access.city, "access": access, **extra}
