from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.policy, name="policy"),
    path("due/", views.pending_list, name="due"),
    path("consultations/<int:number>/remind/", views.invitations_remind, name="invitations"),
    path("consultations/<int:number>/offline/", views.invitations_offline, name="invitations_offline"),
    path("feedback/<int:number>/remind/", views.feedback_remind, name="feedback"),
    path("ratification/<slug:kind_name>/<int:number>/remind/", views.ratification_remind, name="ratification"),
    path(
        "ratification/<slug:kind_name>/<int:number>/offline/",
        views.ratification_offline,
        name="ratification_offline",
    ),
]
