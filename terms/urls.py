from django.urls import path

from ratification.urls import urls_for

from .kind import TOR_RATIFICATION
from .views import feedback, records, roles, sections, versions

app_name = "terms"

urlpatterns = [
    path("", versions.version_list, name="home"),
    path("new/", versions.version_create, name="version_create"),
    path("compare/", versions.version_compare, name="compare"),
    path("v/<int:number>/", versions.version_detail, name="version"),
    path("v/<int:number>/edit/", versions.version_edit, name="version_edit"),
    path("v/<int:number>/status/", versions.version_status_set, name="version_status"),
    path("v/<int:number>/circulate/", versions.version_circulate, name="version_circulate"),
    path("v/<int:number>/diff/", versions.version_diff, name="diff"),
    path("v/<int:number>/pdf/<str:language>/", versions.version_pdf, name="version_pdf"),
    path("v/<int:number>/sections/add/", sections.section_create, name="section_create"),
    path("v/<int:number>/sections/<int:pk>/", sections.section_edit, name="section_edit"),
    path("v/<int:number>/sections/<int:pk>/delete/", sections.section_delete, name="section_delete"),
    path("v/<int:number>/sections/<int:pk>/move/", sections.section_move, name="section_move"),
    path("v/<int:number>/feedback/", feedback.feedback_list, name="feedback"),
    path("v/<int:number>/feedback/<int:pk>/reply/", feedback.feedback_reply, name="feedback_reply"),
    path("v/<int:number>/changes/add/", feedback.change_create, name="change_create"),
    path("v/<int:number>/changes/<int:pk>/delete/", feedback.change_delete, name="change_delete"),
    path("v/<int:number>/roles/", roles.role_assignment_list, name="roles"),
    path("v/<int:number>/roles/<int:pk>/delete/", roles.role_assignment_remove, name="role_remove"),
    # The ratification's pages: v/<number>/ratification/ (and send/), ratification/<pk>/ and its actions.
    path("", urls_for(TOR_RATIFICATION, version_path="v/<int:number>/")),
    path("v/<int:number>/record/generate/", records.record_generate, name="record_generate"),
    path("v/<int:number>/record/<str:language>/", records.record_download, name="record"),
]
