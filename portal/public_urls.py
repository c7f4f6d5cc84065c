"""The personal space, reached through its emailed link (no login): see links.views.link_required."""

from django.urls import path

from . import public_views

app_name = "portal_public"

# Each item opens the existing page behind its own emailed link; each document is served in the page's language.
ITEMS = ("invitation", "feedback", "tor", "roadmap")
DOCUMENTS = ("agenda", "minutes", "tor", "roadmap")

urlpatterns = [
    path("", public_views.space, name="space"),
    *(
        path(f"open/{item}/<int:pk>/", public_views.space_item_open, {"item": item}, name=f"open_{item}")
        for item in ITEMS
    ),
    *(
        path(f"documents/{doc}/<int:number>.pdf", public_views.space_document, {"document": doc}, name=f"doc_{doc}")
        for doc in DOCUMENTS
    ),
]
