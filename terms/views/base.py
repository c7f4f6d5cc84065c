"""What every terms page shares: the form data of a request and a version's page (the city context and a
service's refusal shown as messages are common.views')."""

from django.urls import reverse


def form_data(request):
    """The POST data to bind a form to (even when empty), or None on GET."""
    return request.POST if request.method == "POST" else None


def version_url(version) -> str:
    return reverse("terms:version", kwargs={"city_slug": version.tor.city.slug, "number": version.number})
