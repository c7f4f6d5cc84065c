from django.urls import path

from . import views

app_name = "terms"

urlpatterns = [
    path("", views.tor_home, name="home"),
    path("new/", views.version_create, name="version_create"),
    path("v/<int:number>/", views.version_detail, name="version"),
    path("v/<int:number>/edit/", views.version_edit, name="version_edit"),
    path("v/<int:number>/status/", views.version_status, name="version_status"),
    path("v/<int:number>/circulate/", views.version_circulate, name="version_circulate"),
    path("v/<int:number>/diff/", views.version_diff_view, name="diff"),
    path("v/<int:number>/pdf/<str:language>/", views.version_pdf, name="version_pdf"),
    path("v/<int:number>/sections/add/", views.section_create, name="section_create"),
    path("v/<int:number>/sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("v/<int:number>/sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("v/<int:number>/sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("v/<int:number>/feedback/", views.feedback_list, name="feedback"),
    path("v/<int:number>/changes/add/", views.change_create, name="change_create"),
    path("v/<int:number>/changes/<int:pk>/delete/", views.change_delete, name="change_delete"),
    path("v/<int:number>/roles/", views.role_matrix, name="roles"),
    path("v/<int:number>/roles/<int:pk>/delete/", views.role_remove, name="role_remove"),
    path("v/<int:number>/ratification/", views.ratification_status, name="ratification"),
    path("v/<int:number>/ratification/send/", views.ratification_send, name="ratification_send"),
    path("v/<int:number>/record/generate/", views.record_generate, name="record_generate"),
    path("v/<int:number>/record/<str:language>/", views.record_download, name="record"),
    path("ratification/<int:pk>/", views.ratification_request_detail, name="request"),
    path("ratification/<int:pk>/resend/", views.ratification_resend, name="request_resend"),
    path("ratification/<int:pk>/remind/", views.ratification_remind, name="request_remind"),
    path("ratification/<int:pk>/revoke/", views.ratification_revoke, name="request_revoke"),
    path("ratification/<int:pk>/contact/", views.ratification_contact, name="request_contact"),
    path("ratification/<int:pk>/paper/", views.ratification_paper, name="request_paper"),
]
