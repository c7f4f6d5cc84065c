from django.urls import path

from . import views

app_name = "activity"

urlpatterns = [
    path("", views.activity_log, name="log"),
    path("history/<slug:kind>/<int:pk>/", views.object_history, name="object_history"),
    path("stakeholders/<int:pk>/timeline/", views.stakeholder_timeline, name="stakeholder_timeline"),
]
