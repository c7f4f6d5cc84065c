from django.urls import path

from ratification.urls import urls_for

from . import views
from .kind import ROADMAP_RATIFICATION

app_name = "planning"

urlpatterns = [
    path("", views.plan_by_domain, name="plan"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # Consultation 2: mapping and action plan
    path("mapping/", views.mapping, name="mapping"),
    path("mapping/new/", views.mapping_item_create_view, name="mapping_create"),
    path("mapping/<int:pk>/edit/", views.mapping_item_edit, name="mapping_edit"),
    path("mapping/<int:pk>/delete/", views.mapping_item_delete_view, name="mapping_delete"),
    path("actions/", views.action_list_view, name="action_list"),
    path("actions/new/", views.action_create_view, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", views.action_delete_view, name="action_delete"),
    path("timeline/", views.timeline, name="timeline"),
    # Consultation 3: M&E matrix
    path("actions/<int:pk>/indicators/new/", views.indicator_create_view, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete_view, name="indicator_delete"),
    path("indicators/<int:pk>/measurements/", views.measurement_create_view, name="measurement_create"),
    path("measurements/<int:pk>/delete/", views.measurement_delete_view, name="measurement_delete"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix.csv", views.matrix_csv, name="matrix_csv"),
    path("matrix.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    # Consultation 4: roadmap
    path("roadmap/", views.roadmap_list, name="roadmap_list"),
    path("roadmap/new/", views.roadmap_version_create_view, name="roadmap_create"),
    path("roadmap/<int:number>/", views.roadmap_detail, name="roadmap_detail"),
    path("roadmap/<int:number>/edit/", views.roadmap_edit, name="roadmap_edit"),
    path("roadmap/<int:number>/freeze/", views.roadmap_freeze, name="roadmap_freeze"),
    path("roadmap/<int:number>/approve/", views.roadmap_approve, name="roadmap_approve"),
    path("roadmap/<int:number>/pdf/<str:language>/", views.roadmap_pdf_view, name="roadmap_pdf"),
    # Its ratification by the stakeholders: roadmap/<number>/ratification/ (and send/), roadmap/ratification/<pk>/...
    path("roadmap/", urls_for(ROADMAP_RATIFICATION)),
]
