from django.urls import path

from ratification.urls import urls_for

from . import views
from .kind import TOR_RATIFICATION

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
    # The ratification's pages: v/<number>/ratification/ (and send/), ratification/<pk>/ and its actions.
    path("", urls_for(TOR_RATIFICATION, version_path="v/<int:number>/")),
    path("v/<int:number>/record/generate/", views.record_generate, name="record_generate"),
    path("v/<int:number>/record/<str:language>/", views.record_download, name="record"),
]
