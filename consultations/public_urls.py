"""Pages reached through emailed links (no login): see links.views.link_required."""

from django.urls import path

from . import public_views

app_name = "consultations_public"

urlpatterns = [
    path("invitation/", public_views.invitation_answer, name="answer"),
    path("invitation/agenda.pdf", public_views.invitation_agenda_pdf, name="answer_agenda_pdf"),
    path("minutes/", public_views.minutes_review_page, name="minutes_review"),
    path("minutes/minutes.pdf", public_views.minutes_review_pdf, name="minutes_review_pdf"),
]
