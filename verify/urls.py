from django.urls import path

from . import views

app_name = "verify"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("root.pem", views.trust_root, name="root"),
]
