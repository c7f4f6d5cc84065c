"""The invitee's page, reached through the personal link of the invitation email (no login).

A GET (or HEAD) shows the consultation, its agenda and the answer form and changes nothing;
only a POST records the answer, which may be changed until the consultation is held."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from common.responses import pdf_response
from links.models import EventKind
from links.services import link_event_record
from links.views import invalid_link_response, link_required

from . import selectors
from .agenda import agenda_slots
from .documents import agenda_pdf, minutes_pdf
from .forms import AnswerForm, MinutesRemarkForm
from .models import Answer, Invitation, Minutes, MinutesStatus
from .services import invitations as services
from .services import minutes_review


def _invitation_for_link(request) -> Invitation | None:
    return (
        Invitation.objects.select_related("consultation__city", "stakeholder", "contact")
        .filter(pk=request.email_link.target_id)
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
@link_required(services.INVITATION_PURPOSE)
def invitation_answer(request):
    link = request.email_link
    invitation = _invitation_for_link(request)
    if invitation is None:
        return invalid_link_response(request)
    consultation = invitation.consultation
    timezone.activate(consultation.city.tzinfo)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                outcome = services.invitation_answer(
                    invitation=invitation,
                    link=link,
                    answer=form.cleaned_data["answer"],
                    delegate_name=form.cleaned_data["delegate_name"],
                    request=request,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                if outcome == services.AnswerOutcome.UNCHANGED:
                    messages.info(request, _("This answer was already recorded: nothing changed."))
                elif outcome == services.AnswerOutcome.CHANGED:
                    messages.success(request, _("Your answer is changed. Thank you."))
                else:
                    messages.success(request, _("Your answer is recorded. Thank you."))
                return redirect("consultations_public:answer")
    else:
        initial = {}
        if invitation.answer != Answer.PENDING:
            initial = {"answer": invitation.answer, "delegate_name": invitation.delegate_name}
        form = AnswerForm(initial=initial)
        if request.method == "GET":
            link_event_record(kind=EventKind.VIEWED, link=link, request=request)
    items = selectors.agenda_items(consultation=consultation)
    return render(
        request,
        "consultations/public/answer.html",
        {
            "invitation": invitation,
            "consultation": consultation,
            "public_city": consultation.city,
            "slots": agenda_slots(items),
            "form": form,
            "is_open": consultation.is_open_for_answers,
        },
    )


@require_safe
@link_required(services.INVITATION_PURPOSE)
def invitation_agenda_pdf(request):
    invitation = _invitation_for_link(request)
    if invitation is None:
        return invalid_link_response(request)
    language = translation.get_language()
    data = agenda_pdf(invitation.consultation, language=language)
    return pdf_response(data, f"agenda-consultation-{invitation.consultation.number}-{language}.pdf")


def _minutes_for_link(request) -> tuple[Invitation | None, Minutes | None]:
    invitation = _invitation_for_link(request)
    if invitation is None:
        return None, None
    return invitation, Minutes.objects.filter(consultation=invitation.consultation).first()


@require_http_methods(["GET", "HEAD", "POST"])
@link_required(minutes_review.MINUTES_REVIEW_PURPOSE)
def minutes_review_page(request):
    """The draft minutes for an attendee, and a form for remarks while the review is open. The page
    names the organisation the link was sent to; the remark is recorded without it."""
    link = request.email_link
    invitation, minutes = _minutes_for_link(request)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return invalid_link_response(request)
    consultation = invitation.consultation
    timezone.activate(consultation.city.tzinfo)
    form = MinutesRemarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_review.minutes_remark_add(
                minutes=minutes, link=link, text=form.cleaned_data["text"], request=request
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Your remark is recorded, without your name. Thank you."))
            return redirect("consultations_public:minutes_review")
    elif request.method == "GET":
        link_event_record(kind=EventKind.VIEWED, link=link, request=request)
    return render(
        request,
        "consultations/public/minutes_review.html",
        {
            "invitation": invitation,
            "consultation": consultation,
            "public_city": consultation.city,
            "minutes": minutes,
            "form": form,
            "is_open": minutes_review.minutes_review_is_open(minutes),
        },
    )


@require_safe
@link_required(minutes_review.MINUTES_REVIEW_PURPOSE)
def minutes_review_pdf(request):
    invitation, minutes = _minutes_for_link(request)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return invalid_link_response(request)
    language = translation.get_language()
    data = minutes_pdf(invitation.consultation, language=language)
    return pdf_response(data, f"minutes-consultation-{invitation.consultation.number}-{language}.pdf")
