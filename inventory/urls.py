from django.urls import path

from . import views

app_name = "inventory"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/delete/", views.programme_delete, name="programme_delete"),
    path("<int:pk>/assessment/", views.assessment_edit, name="assessment_edit"),
    path("<int:pk>/assessment/delete/", views.assessment_delete, name="assessment_delete"),
    path("criteria/", views.criterion_list, name="criterion_list"),
    path("criteria/new/", views.criterion_create, name="criterion_create"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    # The coordinator's questions: who does what, what nobody covers, who does the same, when.
    path("matrix/", views.matrix, name="matrix"),
    path("gaps/", views.gaps, name="gaps"),
    path("overlaps/", views.overlaps, name="overlaps"),
    path("timeline/", views.timeline, name="timeline"),
    path("needs/", views.needs, name="needs"),
    # The baseline report ("état des lieux")
    path("report/", views.report, name="report"),
    path("report/pdf/<str:language>/", views.report_pdf, name="report_pdf"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
]
