from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("", views.stakeholder_list, name="list"),
    path("export.csv", views.stakeholder_export, name="export"),
    path("export.xlsx", views.stakeholder_export_xlsx, name="export_xlsx"),
    path("map/", views.stakeholder_map, name="map"),
    path("new/", views.stakeholder_create, name="create"),
    path("<int:pk>/", views.stakeholder_detail, name="detail"),
    path("<int:pk>/edit/", views.stakeholder_edit, name="edit"),
    path("<int:pk>/deactivate/", views.stakeholder_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.stakeholder_reactivate, name="reactivate"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<int:pk>/contacts/<int:contact_pk>/primary/", views.contact_make_primary, name="contact_make_primary"),
    path("<int:pk>/contacts/<int:contact_pk>/erase/", views.contact_erase, name="contact_erase"),
]
