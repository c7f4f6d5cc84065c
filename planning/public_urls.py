"""Pages reached through emailed links (no login): see links.views.link_required."""

from django.urls import path

from . import views

app_name = "planning_public"

urlpatterns = [
    path("ratify/", views.ratify, name="ratify"),
    path("ratify/pdf/<str:language>/", views.ratify_pdf, name="ratify_pdf"),
]
