from django.urls import path

from . import views

app_name = "links"

urlpatterns = [
    path("<str:token>/", views.link_open, name="open"),
]
