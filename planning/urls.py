from django.urls import path

from ratification.urls import urls_for

from .kind import ROADMAP_RATIFICATION
from .views import actions, dashboard, indicators, mapping, roadmap

app_name = "planning"

urlpatterns = [
    path("", actions.plan_detail, name="plan"),
    path("dashboard/", dashboard.dashboard_detail, name="dashboard"),
    # Consultation 2: mapping and action plan
    path("mapping/", mapping.mapping_list, name="mapping"),
    path("mapping/new/", mapping.mapping_item_create, name="mapping_create"),
    path("mapping/<int:pk>/edit/", mapping.mapping_item_edit, name="mapping_edit"),
    path("mapping/<int:pk>/delete/", mapping.mapping_item_delete, name="mapping_delete"),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/new/", actions.action_create, name="action_create"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action_delete"),
    path("timeline/", actions.timeline_detail, name="timeline"),
    # Consultation 3: M&E matrix
    path("actions/<int:pk>/indicators/new/", indicators.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", indicators.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/measurements/", indicators.measurement_create, name="measurement_create"),
    path("measurements/<int:pk>/delete/", indicators.measurement_delete, name="measurement_delete"),
    path("matrix/", indicators.matrix_detail, name="matrix"),
    path("matrix.csv", indicators.matrix_csv, name="matrix_csv"),
    path("matrix.xlsx", indicators.matrix_xlsx, name="matrix_xlsx"),
    # Consultation 4: roadmap
    path("roadmap/", roadmap.roadmap_list, name="roadmap_list"),
    path("roadmap/new/", roadmap.roadmap_create, name="roadmap_create"),
    path("roadmap/compare/", roadmap.roadmap_compare, name="roadmap_compare"),
    path("roadmap/<int:number>/", roadmap.roadmap_detail, name="roadmap_detail"),
    path("roadmap/<int:number>/edit/", roadmap.roadmap_edit, name="roadmap_edit"),
    path("roadmap/<int:number>/freeze/", roadmap.roadmap_freeze, name="roadmap_freeze"),
    path("roadmap/<int:number>/approve/", roadmap.roadmap_approve, name="roadmap_approve"),
    path("roadmap/<int:number>/pdf/<str:language>/", roadmap.roadmap_pdf, name="roadmap_pdf"),
    # Its ratification by the stakeholders: roadmap/<number>/ratification/ (and send/), roadmap/ratification/<pk>/...
    path("roadmap/", urls_for(ROADMAP_RATIFICATION)),
]
