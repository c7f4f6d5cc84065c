"""The personal space: one page, behind the contact's emailed link, listing everything for their organisation.

Its actions are not new pages: each opens the existing page behind that item's own emailed link (the
invitation's answer, the feedback form, the ratification's decision), by putting the item's link in the
session, as opening that link from its email would. Documents are served in the page's language.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.responses import pdf_response
from consultations.documents import agenda_pdf, minutes_pdf
from consultations.models import Invitation, Minutes
from consultations.services.invitations import INVITATION_PURPOSE
from links.models import EventKind
from links.registry import purpose_url_name
from links.services import link_event_record
from links.views import SESSION_KEY, invalid_link_response, link_required
from planning.documents import roadmap_pdf
from terms.documents import tor_version_pdf
from terms.models import FeedbackRequest
from terms.services.feedback import FEEDBACK_PURPOSE

from . import selectors, services

RATIFICATION_ITEMS = {kind.name: (kind, label) for kind, label in selectors.RATIFICATION_KINDS}
# The space's two lists that grow with the years, each paginated with its own query parameter.
PAGE_SIZE = 20


def _space_contact(request):
    return services.space_contact_of(request.email_link)


@link_required(services.SPACE_PURPOSE)
@require_safe
def space(request):
    """Everything for the contact's organisation: what awaits an answer, what was decided, the documents."""
    contact = _space_contact(request)
    if contact is None:
        return invalid_link_response(request)
    timezone.activate(contact.stakeholder.city.tzinfo)
    if request.method == "GET":
        link_event_record(
            kind=EventKind.VIEWED, link=request.email_link, request=request, actor=f"contact:{contact.pk}"
        )
    space = selectors.space_for_contact(contact=contact)
    remarks = Paginator(selectors.space_remarks(stakeholder=contact.stakeholder), PAGE_SIZE)
    decisions = Paginator(space.ratifications_past, PAGE_SIZE)
    return render(
        request,
        "portal/space.html",
        {
            "space": space,
            "public_city": contact.stakeholder.city,
            "remarks": remarks.get_page(request.GET.get("remarks")),
            "decisions": decisions.get_page(request.GET.get("decisions")),
        },
    )


def _open_target(item: str, pk: int, stakeholder):
    """(target, link purpose, deadline) of one open item of the organisation, or None."""
    if item == "invitation":
        invitation = (
            Invitation.objects.select_related("consultation")
            .filter(pk=pk, stakeholder=stakeholder, sent_at__isnull=False)
            .first()
        )
        if invitation is not None and invitation.consultation.is_open_for_answers:
            return invitation, INVITATION_PURPOSE, None
    elif item == "feedback":
        fr = FeedbackRequest.objects.filter(
            pk=pk, stakeholder=stakeholder, version__status__in=selectors.FEEDBACK_OPEN_STATUSES
        ).first()
        if fr is not None:
            return fr, FEEDBACK_PURPOSE, None
    elif item in RATIFICATION_ITEMS:
        kind, label = RATIFICATION_ITEMS[item]
        rr = kind.request_model.objects.select_related("version").filter(pk=pk, stakeholder=stakeholder).first()
        if rr is not None and selectors.RatificationItem(kind=kind, label=label, request=rr).is_open:
            return rr, kind.purpose, rr.expires_at
    return None


@link_required(services.SPACE_PURPOSE)
@require_POST
def space_item_open(request, item, pk):
    """Open one item's own page (answer, feedback, decision), as its emailed link would."""
    contact = _space_contact(request)
    if contact is None:
        return invalid_link_response(request)
    found = _open_target(item, pk, contact.stakeholder)
    if found is None:
        messages.error(request, _("This item is no longer open."))
        return redirect("portal_public:space")
    target, purpose, deadline = found
    link = services.space_item_link(
        space_link=request.email_link, contact=contact, target=target, purpose=purpose, expires_at=deadline
    )
    links = request.session.get(SESSION_KEY, {})
    links[purpose] = link.pk
    request.session[SESSION_KEY] = links
    # The item's page offers the way back (portal.context_processors.space_back), only while it is opened
    # from here: the same page reached from its own email has no space to go back to.
    request.session[services.SPACE_OPENED_KEY] = sorted({*request.session.get(services.SPACE_OPENED_KEY, []), purpose})
    return redirect(reverse(purpose_url_name(purpose)))


@link_required(services.SPACE_PURPOSE)
@require_safe
def space_document(request, document, number):
    """A document that concerns the organisation, in the page's language."""
    contact = _space_contact(request)
    if contact is None:
        return invalid_link_response(request)
    stakeholder, city = contact.stakeholder, contact.stakeholder.city
    language = translation.get_language() if translation.get_language() in ("fr", "ar") else "fr"
    if document in ("agenda", "minutes"):
        invitation = (
            Invitation.objects.select_related("consultation__city")
            .filter(stakeholder=stakeholder, sent_at__isnull=False, consultation__number=number)
            .first()
        )
        if invitation is None:
            raise Http404
        consultation = invitation.consultation
        if document == "agenda":
            return pdf_response(agenda_pdf(consultation, language=language), f"agenda-{number}-{language}.pdf")
        if (
            consultation.status in selectors.MINUTES_STATUSES
            and Minutes.objects.filter(consultation=consultation).exists()
        ):
            return pdf_response(minutes_pdf(consultation, language=language), f"minutes-{number}-{language}.pdf")
    elif document == "tor":
        version = selectors.tor_adopted_version(city=city)
        if version is not None and version.number == number:
            return pdf_response(tor_version_pdf(version=version, language=language), f"tor-v{number}-{language}.pdf")
    elif document == "roadmap":
        version = selectors.roadmap_approved(city=city)
        if version is not None and version.number == number:
            return pdf_response(roadmap_pdf(version=version, language=language), f"roadmap-v{number}-{language}.pdf")
    raise Http404
