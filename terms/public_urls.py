"""Pages reached through emailed links (no login): see links.views.link_required."""

from django.urls import path  # noqa: F401

app_name = "terms_public"

urlpatterns = []
