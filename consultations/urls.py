from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.cycle, name="cycle"),
    path("calendar.ics", views.city_calendar, name="calendar"),
    path("new/<int:number>/", views.create, name="create"),
    path("<int:number>/", views.detail, name="detail"),
    path("<int:number>/edit/", views.edit, name="edit"),
    path("<int:number>/hold/", views.hold, name="hold"),
    path("<int:number>/close/", views.close, name="close"),
    path("<int:number>/consultation.ics", views.consultation_calendar, name="ics"),
    path("<int:number>/agenda/", views.agenda, name="agenda"),
    path("<int:number>/agenda/add/", views.agenda_item_add, name="agenda_add"),
    path("<int:number>/agenda/arrange/", views.agenda_arrange, name="agenda_arrange"),
    path("<int:number>/agenda/<int:item_pk>/edit/", views.agenda_item_edit, name="agenda_edit"),
    path("<int:number>/agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda_delete"),
    path("<int:number>/agenda.pdf", views.agenda_document, name="agenda_pdf"),
    path("<int:number>/agenda/print/", views.agenda_print, name="agenda_print"),
    path("<int:number>/invitations/", views.invitations, name="invitations"),
    path("<int:number>/invitations/send/", views.invitations_send, name="invitations_send"),
    path("<int:number>/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("<int:number>/attendance/", views.attendance, name="attendance"),
    path("<int:number>/attendance/walk-in/", views.attendance_walk_in, name="attendance_walk_in"),
    path("<int:number>/attendance/<int:pk>/", views.attendance_set, name="attendance_set"),
    path("<int:number>/minutes/", views.minutes_edit, name="minutes"),
    path("<int:number>/minutes.pdf", views.minutes_document, name="minutes_pdf"),
]
