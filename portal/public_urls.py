"""The personal space, reached through its emailed link (no login): see links.views.link_required."""

from django.urls import path

from . import public_views

app_name = "portal_public"

urlpatterns = [
    path("", public_views.space, name="space"),
    path("open/<str:item>/<int:pk>/", public_views.space_item_open, name="open"),
    path("documents/<str:document>/<int:number>.pdf", public_views.space_document, name="document"),
]
