from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/export.xlsx", views.dashboard_xlsx, name="xlsx"),
    path("<slug:slug>/summary/<str:language>.pdf", views.dashboard_pdf, name="pdf"),
]
