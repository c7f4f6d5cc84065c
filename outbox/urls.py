from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.email_list, name="list"),
    path("retry-failed/", views.email_retry_all_view, name="retry_all"),
    path("<int:pk>/retry/", views.email_retry_view, name="retry"),
]
