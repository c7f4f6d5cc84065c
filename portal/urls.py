from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("contacts/<int:contact_pk>/send/", views.space_link_send, name="send"),
]
