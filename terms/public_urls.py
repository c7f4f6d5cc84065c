"""Pages reached through emailed links (no login): see links.views.link_required."""

from django.urls import path

from ratification.urls import public_urls_for

from . import public_views
from .kind import TOR_RATIFICATION

app_name = "terms_public"

urlpatterns = [
    path("", public_urls_for(TOR_RATIFICATION)),  # ratify/ and ratify/pdf/<language>/
    path("feedback/", public_views.feedback_request_answer, name="feedback"),
    path("feedback/pdf/<str:language>/", public_views.feedback_request_pdf, name="feedback_pdf"),
]
