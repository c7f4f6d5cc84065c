"""Every page of a ratification, for every kind of document (ratification.urls binds them per kind).

Staff: a version's status page and its send button, one request's page and a coordinator's follow-up
actions on it. The contact, through the emailed link: the decision page and the version's PDF. Each view
gets the kind's name from its URL pattern; the kind names the templates and what they show besides.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from links.models import EventKind
from links.selectors import link_events_for_target
from links.services import link_event_record
from links.views import invalid_link_response, link_required
from outbox.selectors import batch_progress, emails_for_source

from . import selectors, services
from .forms import ChangeContactForm, PaperDecisionForm, RatifyForm, RevokeForm
from .kinds import RatificationKind, get_kind
from .models import RatificationStatus

PAGE_SIZE = 50


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Staff: a version ------------------------------------------------------------------------------------


@login_required
@require_safe
def status(request, city_slug, number, kind_name):
    """Counts, send progress, one page of requests filtered by status; for a coordinator, whether the
    version can be sent and to whom not yet."""
    kind = get_kind(kind_name)
    access = get_city_for(request, city_slug)
    version = selectors.ratification_version_get(kind, city=access.city, number=number)
    sendable = version.status in kind.sendable_statuses
    status_filter = request.GET.get("status", "")
    page = Paginator(selectors.ratification_requests(kind, version=version, status=status_filter), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    sent = version.ratification_sent_at is not None
    context = {
        "city": access.city,
        "access": access,
        "kind": kind,
        "version": version,
        "sendable": sendable,
        "readiness": services.ratification_readiness(kind, version=version)
        if sendable and access.can_coordinate
        else None,
        "tally": services.ratification_tally(kind, version=version) if sent else None,
        "page": page,
        "rows": [(rr, selectors.effective_status(rr)) for rr in page.object_list],
        "progress": batch_progress(batch=kind.batch(version)),
        "counts": selectors.ratification_counts(kind, version=version),
        "status": status_filter,
        "statuses": RatificationStatus.choices,
    }
    return render(request, kind.status_template, context)


@login_required
@require_POST
def send(request, city_slug, number, kind_name):
    kind = get_kind(kind_name)
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = selectors.ratification_version_get(kind, city=access.city, number=number)
    try:
        count = services.ratification_send(kind, version=version, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)s ratification request created: the email is going out in the background.",
                    "%(count)s ratification requests created: the emails are going out in the background.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Every active stakeholder already has a ratification request."))
    return redirect(kind.url("status", city_slug=access.city.slug, number=version.number))


# --- Staff: one request ----------------------------------------------------------------------------------


@login_required
@require_safe
def request_detail(request, city_slug, pk, kind_name):
    """One request: its audit trail, its emails, and the forms of the follow-up actions."""
    kind = get_kind(kind_name)
    access = get_city_for(request, city_slug)
    rr = selectors.ratification_request_get(kind, city=access.city, pk=pk)
    emails = emails_for_source(rr).only("pk", "to", "subject", "status", "created_at", "sent_at", "last_error")
    context = {
        "city": access.city,
        "access": access,
        "kind": kind,
        "rr": rr,
        "version": rr.version,
        "effective": selectors.effective_status(rr),
        "events": list(link_events_for_target(rr)),
        "emails": list(emails),
        "paper_form": PaperDecisionForm(),
        "contact_form": ChangeContactForm(stakeholder=rr.stakeholder),
        "revoke_form": RevokeForm(),
        "action_urls": {action: kind.url(action, city_slug=access.city.slug, pk=rr.pk) for action in ACTIONS},
        **kind.request_page_context(rr),
    }
    return render(request, kind.request_template, context)


def _resend(request, kind: RatificationKind, rr) -> None:
    services.ratification_resend(kind, ratification_request=rr, user=request.user)
    messages.success(
        request, _("A new link is on its way to %(email)s; the old one no longer works.") % {"email": rr.contact_email}
    )


def _remind(request, kind: RatificationKind, rr) -> None:
    services.ratification_remind(kind, ratification_request=rr, user=request.user)
    messages.success(request, _("Reminder queued for %(email)s.") % {"email": rr.contact_email})


def _revoke(request, kind: RatificationKind, rr) -> None:
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.ratification_revoke(kind, ratification_request=rr, user=request.user, reason=reason)
    messages.success(request, _("Request revoked: its link no longer works."))


def _change_contact(request, kind: RatificationKind, rr) -> None:
    form = ChangeContactForm(request.POST, stakeholder=rr.stakeholder)
    if not form.is_valid():
        messages.error(request, _("Choose a contact of this stakeholder who has an email address."))
        return
    contact = form.cleaned_data["contact"]
    services.ratification_change_contact(kind, ratification_request=rr, contact=contact, user=request.user)
    messages.success(request, _("Contact changed: a new link is on its way to %(email)s.") % {"email": contact.email})


def _paper(request, kind: RatificationKind, rr) -> None:
    form = PaperDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    services.ratification_record_paper(kind, ratification_request=rr, user=request.user, **form.cleaned_data)
    messages.success(request, _("Paper decision recorded."))


# A coordinator's follow-up actions on one request, by the name ratification.urls gives their URLs.
ACTIONS = {"resend": _resend, "remind": _remind, "revoke": _revoke, "contact": _change_contact, "paper": _paper}


@login_required
@require_POST
def request_act(request, city_slug, pk, kind_name, action):
    """A coordinator's POST on one request of the city (resend, remind, revoke, change contact, paper);
    a refusal comes back as a message on the request's page."""
    kind = get_kind(kind_name)
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    rr = selectors.ratification_request_get(kind, city=access.city, pk=pk)
    try:
        ACTIONS[action](request, kind, rr)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(kind.url("request", city_slug=access.city.slug, pk=rr.pk))


# --- The contact's pages (reached through the emailed link) --------------------------------------------


def _link_request(request, kind: RatificationKind):
    """The request the session's link is bound to, with its version and city; None if it is not one of
    this kind."""
    target = request.email_link.target
    if not isinstance(target, kind.request_model):
        return None
    return kind.request_model.objects.select_related(kind.city_path, "stakeholder").get(pk=target.pk)


def decide(request, kind_name):
    """The contact's page: the version as frozen, its SHA-256 and PDF; ratify or decline, by POST only."""
    kind = get_kind(kind_name)
    return link_required(kind.purpose)(_decide)(request, kind)


def _decide(request, kind: RatificationKind):
    """A decided request shows its decision; a request no longer open gets the generic invalid-link page.
    A POST decides through services.ratification_decide (once, under a lock); a GET records a view."""
    rr = _link_request(request, kind)
    if rr is None:
        return invalid_link_response(request)
    version = rr.version
    decided = rr.is_decided
    open_ = rr.status == RatificationStatus.PENDING and version.status in kind.open_statuses
    if not decided and not open_:
        return invalid_link_response(request)
    form = RatifyForm(request.POST if request.method == "POST" else None, version_sha256=version.sha256)
    if request.method == "POST":
        if decided:
            messages.info(request, _("Your organisation has already decided on this version. Nothing was changed."))
            return redirect(kind.public_url("decide"))
        if form.is_valid():
            try:
                outcome = services.ratification_decide(
                    kind,
                    ratification_request=rr,
                    link=request.email_link,
                    decision=services.DecisionOutcome.RATIFIED
                    if form.cleaned_data["action"] == RatifyForm.RATIFY
                    else services.DecisionOutcome.DECLINED,
                    signed_name=form.cleaned_data["signed_name"],
                    posted_sha256=form.cleaned_data["sha256"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                if outcome == services.DecisionOutcome.CLOSED:
                    return invalid_link_response(request)
                if outcome == services.DecisionOutcome.ALREADY_DECIDED:
                    messages.info(
                        request, _("Your organisation has already decided on this version. Nothing was changed.")
                    )
                elif outcome == services.DecisionOutcome.RATIFIED:
                    messages.success(request, _("Thank you: your ratification is recorded."))
                else:
                    messages.success(request, _("Your decision to decline is recorded with your reason."))
                return redirect(kind.public_url("decide"))
    elif request.method == "GET":
        link_event_record(
            kind=EventKind.VIEWED, link=request.email_link, request=request, actor=f"contact:{rr.contact_id}"
        )
    context = {
        "kind": kind,
        "rr": rr,
        "version": version,
        "public_city": kind.city_of(rr),
        "form": form,
        "decided": decided,
        "pdf_links": [(label, kind.public_url("pdf", language=code)) for code, label in kind.pdf_languages],
        **kind.decide_page_context(rr),
    }
    return render(request, kind.decide_template, context)


def document_pdf(request, language, kind_name):
    """The version's PDF, for the holder of a link to an open or decided request."""
    kind = get_kind(kind_name)
    return link_required(kind.purpose)(_document_pdf)(request, kind, language)


def _document_pdf(request, kind: RatificationKind, language: str):
    rr = _link_request(request, kind)
    readable = (RatificationStatus.PENDING, RatificationStatus.RATIFIED, RatificationStatus.DECLINED)
    if rr is None or rr.status not in readable or language not in dict(kind.pdf_languages):
        return invalid_link_response(request)
    response = HttpResponse(kind.document_pdf(version=rr.version, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind.name}-v{rr.version.number}-{language}.pdf"'
    return response
