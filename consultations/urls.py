from django.urls import path

from .views import agenda, attendance, consultations, documents, invitations, minutes

app_name = "consultations"

urlpatterns = [
    path("", consultations.consultation_list, name="cycle"),
    path("calendar.ics", documents.consultation_list_ics, name="calendar"),
    path("new/<int:number>/", consultations.consultation_create, name="create"),
    path("<int:number>/", consultations.consultation_detail, name="detail"),
    path("<int:number>/edit/", consultations.consultation_edit, name="edit"),
    path("<int:number>/hold/", consultations.consultation_mark_held, name="hold"),
    path("<int:number>/close/", consultations.consultation_close, name="close"),
    path("<int:number>/consultation.ics", documents.consultation_ics, name="ics"),
    path("<int:number>/agenda/", agenda.agenda_detail, name="agenda"),
    path("<int:number>/agenda/add/", agenda.agenda_item_create, name="agenda_add"),
    path("<int:number>/agenda/arrange/", agenda.agenda_arrange, name="agenda_arrange"),
    path("<int:number>/agenda/<int:item_pk>/edit/", agenda.agenda_item_edit, name="agenda_edit"),
    path("<int:number>/agenda/<int:item_pk>/delete/", agenda.agenda_item_delete, name="agenda_delete"),
    path("<int:number>/agenda.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path("<int:number>/agenda/print/", documents.agenda_print, name="agenda_print"),
    path("<int:number>/invitations/", invitations.invitation_list, name="invitations"),
    path("<int:number>/invitations/send/", invitations.invitation_send, name="invitations_send"),
    path("<int:number>/invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
    path("<int:number>/attendance/", attendance.attendance_list, name="attendance"),
    path("<int:number>/attendance/check-in/", attendance.attendance_checkin, name="attendance_checkin"),
    path("<int:number>/attendance/walk-in/", attendance.attendance_walk_in_add, name="attendance_walk_in"),
    path("<int:number>/attendance/<int:pk>/", attendance.attendance_set, name="attendance_set"),
    path("<int:number>/minutes/", minutes.minutes_edit, name="minutes"),
    path("<int:number>/minutes/circulate/", minutes.minutes_circulate, name="minutes_circulate"),
    path("<int:number>/minutes/finalise/", minutes.minutes_finalise, name="minutes_finalise"),
    path("<int:number>/minutes.pdf", documents.minutes_pdf, name="minutes_pdf"),
]
