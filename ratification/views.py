"""The pages of the shared ratification machinery, called by each document's own thin views.

The owning app checks the city permission and finds the version or request; these functions do the rest:
the status page's context, the staff actions on one request, and the contact's decision page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from links.models import EventKind
from links.selectors import link_events_for_target
from links.services import link_event_record
from links.views import invalid_link_response
from outbox.selectors import batch_progress, emails_for_source

from . import selectors, services
from .forms import ChangeContactForm, PaperDecisionForm, RatifyForm, RevokeForm
from .kinds import RatificationKind
from .models import RatificationStatus

PAGE_SIZE = 50


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Staff -----------------------------------------------------------------------------------------------


def status_context(kind: RatificationKind, *, request, version) -> dict:
    """Counts, send progress, and one page of requests filtered by status (5 queries)."""
    status = request.GET.get("status", "")
    page = Paginator(selectors.requests(kind, version=version, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "page": page,
        "rows": [(rr, selectors.effective_status(rr)) for rr in page.object_list],
        "progress": batch_progress(batch=kind.batch(version)),
        "counts": selectors.counts(kind, version=version),
        "status": status,
        "statuses": RatificationStatus.choices,
        "request_url_name": kind.request_url_name,
    }


def send_message(request, count: int) -> None:
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


def request_context(kind: RatificationKind, rr) -> dict:
    """One request's staff page: its audit trail, its emails, and the forms of the follow-up actions."""
    emails = emails_for_source(rr).only("pk", "to", "subject", "status", "created_at", "sent_at", "last_error")
    return {
        "rr": rr,
        "version": rr.version,
        "effective": selectors.effective_status(rr),
        "events": list(link_events_for_target(rr)),
        "emails": list(emails),
        "paper_form": PaperDecisionForm(),
        "contact_form": ChangeContactForm(stakeholder=rr.stakeholder),
        "revoke_form": RevokeForm(),
        "action_urls": {
            action: kind.request_url(rr, action=action) for action in ("resend", "remind", "revoke", "contact", "paper")
        },
    }


def resend(request, kind: RatificationKind, rr):
    try:
        services.resend(kind, ratification_request=rr, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("A new link is on its way to %(email)s; the old one no longer works.") % {"email": rr.contact_email},
        )
    return redirect(kind.request_url(rr))


def remind(request, kind: RatificationKind, rr):
    try:
        services.remind(kind, ratification_request=rr, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Reminder queued for %(email)s.") % {"email": rr.contact_email})
    return redirect(kind.request_url(rr))


def revoke(request, kind: RatificationKind, rr):
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.revoke(kind, ratification_request=rr, user=request.user, reason=reason)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Request revoked: its link no longer works."))
    return redirect(kind.request_url(rr))


def change_contact(request, kind: RatificationKind, rr):
    form = ChangeContactForm(request.POST, stakeholder=rr.stakeholder)
    if not form.is_valid():
        messages.error(request, _("Choose a contact of this stakeholder who has an email address."))
        return redirect(kind.request_url(rr))
    try:
        services.change_contact(kind, ratification_request=rr, contact=form.cleaned_data["contact"], user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Contact changed: a new link is on its way to %(email)s.")
            % {"email": form.cleaned_data["contact"].email},
        )
    return redirect(kind.request_url(rr))


def paper(request, kind: RatificationKind, rr):
    form = PaperDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(kind.request_url(rr))
    try:
        services.record_paper(kind, ratification_request=rr, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Paper decision recorded."))
    return redirect(kind.request_url(rr))


def coordinator_action(kind: RatificationKind, action, *, name: str, module: str):
    """A coordinator's POST on one request of the city (resend, remind, revoke, change contact, paper),
    as a view of the owning app: `name` and `module` are the view's own, for URL walkers and tracebacks."""

    @login_required
    @require_POST
    def view(request, city_slug, pk):
        access = get_city_for(request, city_slug, Role.COORDINATOR)
        return action(request, kind, selectors.request_for_city(kind, city=access.city, pk=pk))

    view.__name__ = view.__qualname__ = name
    view.__module__ = module
    return view


# --- The contact's page (reached through the emailed link) ---------------------------------------------


def link_request(request, kind: RatificationKind):
    """The request the session's link is bound to, with its version and city; None if it is not one."""
    target = request.email_link.target
    if not isinstance(target, kind.request_model):
        return None
    return kind.request_model.objects.select_related(kind.city_path, "stakeholder").get(pk=target.pk)


def decide_page(request, kind: RatificationKind, rr, *, page_url_name: str):
    """Handle the contact's page: returns (response, None) when done, or (None, context) to render it.

    A decided request shows its decision; a request no longer open gets the generic invalid-link page.
    A POST decides through services.decide (once, under a lock); a GET records that the page was viewed.
    """
    version = rr.version
    decided = rr.is_decided
    open_ = rr.status == RatificationStatus.PENDING and version.status in kind.open_statuses
    if not decided and not open_:
        return invalid_link_response(request), None
    form = RatifyForm(request.POST if request.method == "POST" else None, version_sha256=version.sha256)
    if request.method == "POST":
        if decided:
            messages.info(request, _("Your organisation has already decided on this version. Nothing was changed."))
            return redirect(page_url_name), None
        if form.is_valid():
            try:
                outcome = services.decide(
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
                    return invalid_link_response(request), None
                if outcome == services.DecisionOutcome.ALREADY_DECIDED:
                    messages.info(
                        request, _("Your organisation has already decided on this version. Nothing was changed.")
                    )
                elif outcome == services.DecisionOutcome.RATIFIED:
                    messages.success(request, _("Thank you: your ratification is recorded."))
                else:
                    messages.success(request, _("Your decision to decline is recorded with your reason."))
                return redirect(page_url_name), None
    elif request.method == "GET":
        link_event_record(
            kind=EventKind.VIEWED, link=request.email_link, request=request, actor=f"contact:{rr.contact_id}"
        )
    return None, {"rr": rr, "version": version, "public_city": kind.city_of(rr), "form": form, "decided": decided}


def pdf_request(request, kind: RatificationKind):
    """The request whose document the contact may download (open or decided), or None."""
    rr = link_request(request, kind)
    if rr is None or rr.status not in (
        RatificationStatus.PENDING,
        RatificationStatus.RATIFIED,
        RatificationStatus.DECLINED,
    ):
        return None
    return rr
