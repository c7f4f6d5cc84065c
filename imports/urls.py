from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template-<str:language>.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/choices/", views.choices, name="choices"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
