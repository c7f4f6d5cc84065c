"""The development mailbox (DEBUG only; every view answers 404 otherwise)."""

from django.urls import path

from . import views

app_name = "mailbox"

urlpatterns = [
    path("", views.mailbox_list, name="list"),
    path("<str:message_id>/", views.mailbox_detail, name="detail"),
    path("<str:message_id>/html/", views.mailbox_html, name="html"),
    path("<str:message_id>/attachments/<int:index>/", views.mailbox_attachment, name="attachment"),
]
