from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("", views.stakeholder_list, name="list"),
    path("map/", views.stakeholder_map, name="map"),
    path("<int:pk>/", views.stakeholder_detail, name="detail"),
]
