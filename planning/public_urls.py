"""Pages reached through emailed links (no login): see links.views.link_required."""

from django.urls import path

from ratification.urls import public_urls_for

from .kind import ROADMAP_RATIFICATION

app_name = "planning_public"

urlpatterns = [
    path("", public_urls_for(ROADMAP_RATIFICATION)),  # ratify/ and ratify/pdf/<language>/
]
