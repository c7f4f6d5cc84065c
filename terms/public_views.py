"""Pages of the terms app reached through emailed links (no login): a stakeholder reads a circulated
version in their language, comments on any section, and downloads its PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.pdf import DocumentLanguage
from common.responses import pdf_response
from common.views import error_messages_add
from links.models import EventKind
from links.services import link_event_record
from links.views import invalid_link_response, link_required

from .documents import tor_version_pdf
from .forms import PublicFeedbackForm
from .models import FeedbackRequest, VersionStatus
from .services import feedback as services
from .views.base import form_data


def _link_target(request, model):
    target = request.email_link.target
    return target if isinstance(target, model) else None


@link_required(services.FEEDBACK_PURPOSE)
def feedback_request_answer(request):
    """A stakeholder reads a circulated version in their language and comments on any section."""
    fr = _link_target(request, FeedbackRequest)
    if fr is None:
        return invalid_link_response(request)
    fr = FeedbackRequest.objects.select_related("version__tor__city", "stakeholder", "contact").get(pk=fr.pk)
    version = fr.version
    if version.status not in (VersionStatus.CIRCULATED, VersionStatus.PRESENTED):
        return invalid_link_response(request)
    sections = list(version.sections.order_by("position", "pk"))
    form = PublicFeedbackForm(form_data(request), sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.tor_feedback_submit(
                feedback_request=fr,
                link=request.email_link,
                entries=form.entries(),
                language=translation.get_language(),
                request=request,
            )
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            if count:
                messages.success(
                    request,
                    ngettext("Thank you: %(count)s comment recorded.", "Thank you: %(count)s comments recorded.", count)
                    % {"count": count},
                )
            else:
                messages.info(request, _("These comments were already recorded."))
            return redirect("terms_public:feedback")
    elif request.method == "GET":
        link_event_record(
            kind=EventKind.VIEWED, link=request.email_link, request=request, actor=f"contact:{fr.contact_id}"
        )
    mine = list(version.feedback.filter(stakeholder=fr.stakeholder).select_related("section").order_by("created_at"))
    return render(
        request,
        "terms/public/feedback.html",
        {"fr": fr, "version": version, "tor": version.tor, "public_city": version.tor.city, "form": form, "mine": mine},
    )


@link_required(services.FEEDBACK_PURPOSE)
def feedback_request_pdf(request, language):
    fr = _link_target(request, FeedbackRequest)
    if fr is None or language not in DocumentLanguage.values:
        return invalid_link_response(request)
    pdf = tor_version_pdf(version=fr.version, language=language)
    return pdf_response(pdf, f"tor-v{fr.version.number}-{language}.pdf")
