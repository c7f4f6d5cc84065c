"""City pages of the terms app (staff) and the pages stakeholders reach through emailed links.

Views are thin: permission check, form, one service call, redirect with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.pdf import DocumentLanguage
from common.responses import pdf_response
from links.models import EventKind
from links.services import link_event_record
from links.views import invalid_link_response, link_required
from ratification import views as ratification_views

from . import records, selectors, services
from .diff import version_diff
from .documents import tor_version_pdf
from .forms import (
    ChangeForm,
    PaperFeedbackForm,
    PublicFeedbackForm,
    RoleAssignmentForm,
    SectionForm,
    VersionStatusForm,
    VersionSummaryForm,
)
from .kind import TOR_RATIFICATION
from .models import (
    VERSION_MANUAL_TRANSITIONS,
    FeedbackRequest,
    RatificationRequest,
    RoleAssignment,
    TorChange,
    TorSection,
    VersionStatus,
)

PAGE_SIZE = 50


def _posted(request):
    """The POST data to bind a form to (even when empty), or None on GET."""
    return request.POST if request.method == "POST" else None


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _version_url(version) -> str:
    return reverse("terms:version", kwargs={"city_slug": version.tor.city.slug, "number": version.number})


def _ctx(access, **extra) -> dict:
    return {"city": access.city, "access": access, **extra}


# --- Versions --------------------------------------------------------------------------------------


@login_required
@require_safe
def tor_home(request, city_slug):
    access = get_city_for(request, city_slug)
    tor = selectors.tor_for_city(city=access.city)
    page = Paginator(selectors.tor_version_list(city=access.city), 25).get_page(request.GET.get("page"))
    adopted = selectors.tor_adopted_version(city=access.city)
    return render(request, "terms/home.html", _ctx(access, tor=tor, page=page, adopted=adopted))


@login_required
@require_POST
def version_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    try:
        version = services.tor_version_create(city=access.city, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("terms:home", city_slug=city_slug)
    messages.success(request, _("Version %(number)s created as a draft.") % {"number": version.number})
    return redirect(_version_url(version))


@login_required
@require_safe
def version_detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = selectors.tor_version_get(city=access.city, number=number)
    sections = selectors.tor_version_sections(version=version)
    changes = selectors.tor_version_changes(version=version)
    records = selectors.ratification_records_latest(version=version)
    counts = selectors.ratification_counts(version=version) if version.ratification_sent_at else None
    transitions = [(s, VersionStatus(s).label) for s in VERSION_MANUAL_TRANSITIONS.get(version.status, ())]
    return render(
        request,
        "terms/version_detail.html",
        _ctx(
            access,
            version=version,
            sections=sections,
            changes=changes,
            records=[(code, label, records.get(code)) for code, label in DocumentLanguage.choices],
            counts=counts,
            transitions=transitions,
            status_form=VersionStatusForm(),
            pdf_languages=DocumentLanguage.choices,
            translation_gaps=selectors.tor_version_translation_gaps(version=version, sections=sections),
        ),
    )


@login_required
def version_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: its content can no longer change."))
        return redirect(_version_url(version))
    form = VersionSummaryForm(_posted(request), instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_version_update(
                version=version,
                summary_fr=form.cleaned_data["summary_fr"] or "",
                summary_ar=form.cleaned_data["summary_ar"] or "",
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Summary saved."))
            return redirect(_version_url(version))
    return render(request, "terms/version_form.html", _ctx(access, version=version, form=form))


@login_required
@require_POST
def version_status(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = VersionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(_version_url(version))
    if form.cleaned_data["status"] == VersionStatus.CIRCULATED:
        return version_circulate(request, city_slug, number)
    try:
        version = services.tor_version_status_set(
            version=version,
            status=form.cleaned_data["status"],
            user=request.user,
            presented_on=form.cleaned_data.get("presented_on"),
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Version %(number)s is now: %(status)s.")
            % {"number": version.number, "status": version.get_status_display()},
        )
    return redirect(_version_url(version))


@login_required
@require_POST
def version_circulate(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    try:
        result = services.tor_version_circulate(version=version, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect(_version_url(version))
    messages.success(
        request,
        ngettext(
            "Version %(number)s circulated for feedback: %(count)s email queued.",
            "Version %(number)s circulated for feedback: %(count)s emails queued.",
            result.sent,
        )
        % {"number": version.number, "count": result.sent},
    )
    if result.skipped:
        messages.warning(
            request,
            _("Not sent (no primary contact with an email): %(names)s.")
            % {"names": ", ".join(s.display_name for s in result.skipped)},
        )
    if result.consultation_date is None:
        messages.info(
            request,
            _(
                "The date of consultation 1 is not known yet: check that the terms reach the stakeholders a week before it."
            ),
        )
    elif result.late:
        messages.warning(
            request,
            _(
                "Consultation 1 is on %(date)s, less than 7 days away: the concept note asks for the terms of reference a week before."
            )
            % {"date": result.consultation_date.isoformat()},
        )
    return redirect(_version_url(version))


@login_required
@require_safe
def version_diff_view(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = selectors.tor_version_get(city=access.city, number=number)
    previous = version.previous
    pairs = version_diff(old=previous, new=version)
    return render(request, "terms/version_diff.html", _ctx(access, version=version, previous=previous, pairs=pairs))


@login_required
@require_safe
def version_pdf(request, city_slug, number, language):
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = selectors.tor_version_get(city=access.city, number=number)
    pdf = tor_version_pdf(version=version, language=language)
    return pdf_response(pdf, f"tor-{access.city.slug}-v{version.number}-{language}.pdf")


# --- Sections --------------------------------------------------------------------------------------


def _section(version, pk) -> TorSection:
    return get_object_or_404(TorSection, pk=pk, version=version)


@login_required
def section_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: its content can no longer change."))
        return redirect(_version_url(version))
    form = SectionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_section_create(version=version, **_section_data(form))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Section added."))
            return redirect(_version_url(version))
    return render(request, "terms/section_form.html", _ctx(access, version=version, form=form, section=None))


def _section_data(form) -> dict:
    return {k: (form.cleaned_data.get(k) or "") for k in ("heading_fr", "heading_ar", "text_fr", "text_ar")}


@login_required
def section_edit(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: its content can no longer change."))
        return redirect(_version_url(version))
    form = SectionForm(_posted(request), instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_section_update(section=section, **_section_data(form))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect(_version_url(version))
    return render(request, "terms/section_form.html", _ctx(access, version=version, form=form, section=section))


@login_required
@require_POST
def section_delete(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    try:
        services.tor_section_delete(section=section)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Section deleted."))
    return redirect(_version_url(version))


@login_required
@require_POST
def section_move(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    section = _section(version, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose up or down."))
        return redirect(_version_url(version))
    try:
        services.tor_section_move(section=section, offset=offset)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Section moved."))
    return redirect(_version_url(version))


# --- Feedback and changes ----------------------------------------------------------------------------


@login_required
def feedback_list(request, city_slug, number):
    """Feedback by section; editors enter feedback received on paper."""
    access = get_city_for(request, city_slug, Role.EDITOR if request.method == "POST" else Role.VIEWER)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = PaperFeedbackForm(_posted(request), version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_feedback_create(
                version=version,
                section=form.cleaned_data["section"],
                stakeholder=form.cleaned_data["stakeholder"],
                author_name=form.cleaned_data["author_name"],
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                recorded_by=request.user,
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Feedback recorded."))
            return redirect("terms:feedback", city_slug=city_slug, number=number)
    groups = selectors.tor_feedback_by_section(version=version)
    return render(request, "terms/feedback.html", _ctx(access, version=version, groups=groups, form=form))


@login_required
def change_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = ChangeForm(
        _posted(request),
        version=version,
        feedback_queryset=selectors.tor_feedback_for_earlier_versions(version=version),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_change_create(
                version=version,
                section=form.cleaned_data["section"],
                description_fr=form.cleaned_data["description_fr"],
                description_ar=form.cleaned_data["description_ar"] or "",
                feedback=list(form.cleaned_data["feedback"]),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Change added to the list."))
            return redirect(_version_url(version))
    return render(request, "terms/change_form.html", _ctx(access, version=version, form=form))


@login_required
@require_POST
def change_delete(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    change = get_object_or_404(TorChange, pk=pk, version=version)
    try:
        services.tor_change_delete(change=change)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Change removed from the list."))
    return redirect(_version_url(version))


# --- Roles -------------------------------------------------------------------------------------------


@login_required
def role_matrix(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR if request.method == "POST" else Role.VIEWER)
    version = selectors.tor_version_get(city=access.city, number=number)
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.matrix_stakeholders(version=version, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    stakeholders = list(page.object_list)
    form = RoleAssignmentForm(_posted(request), version=version, offered=stakeholders)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.role_assignment_add(version=version, **form.cleaned_data)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Role assigned."))
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("The role could not be assigned: correct the form below."))
    matrix = selectors.role_matrix(version=version, stakeholders=stakeholders)
    return render(
        request,
        "terms/role_matrix.html",
        _ctx(access, version=version, page=page, matrix=matrix, form=form, query=query),
    )


@login_required
@require_POST
def role_remove(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    assignment = get_object_or_404(RoleAssignment, pk=pk, version=version)
    try:
        services.role_assignment_remove(assignment=assignment)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Role removed."))
    return redirect("terms:roles", city_slug=city_slug, number=number)


# --- Ratification (staff) ------------------------------------------------------------------------------


@login_required
@require_safe
def ratification_status(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = selectors.tor_version_get(city=access.city, number=number)
    tally = services.adoption_tally(version=version) if version.ratification_sent_at else None
    readiness = (
        services.ratification_readiness(version=version)
        if version.status == VersionStatus.FINAL and access.can_coordinate
        else None
    )
    return render(
        request,
        "terms/ratification_status.html",
        _ctx(
            access,
            version=version,
            tally=tally,
            readiness=readiness,
            **ratification_views.status_context(TOR_RATIFICATION, request=request, version=version),
        ),
    )


@login_required
@require_POST
def ratification_send(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    try:
        count = services.ratification_send(version=version, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        ratification_views.send_message(request, count)
    return redirect("terms:ratification", city_slug=city_slug, number=number)


def _request_for(access, pk) -> RatificationRequest:
    return selectors.ratification_request_for_city(city=access.city, pk=pk)


@login_required
@require_safe
def ratification_request_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    rr = _request_for(access, pk)
    roles = selectors.stakeholder_roles(version=rr.version, stakeholder=rr.stakeholder)
    return render(
        request,
        "terms/ratification_request.html",
        _ctx(access, roles=roles, **ratification_views.request_context(TOR_RATIFICATION, rr)),
    )


def _request_action(name, action):
    return ratification_views.coordinator_action(TOR_RATIFICATION, action, name=name, module=__name__)


ratification_resend = _request_action("ratification_resend", ratification_views.resend)
ratification_remind = _request_action("ratification_remind", ratification_views.remind)
ratification_revoke = _request_action("ratification_revoke", ratification_views.revoke)
ratification_contact = _request_action("ratification_contact", ratification_views.change_contact)
ratification_paper = _request_action("ratification_paper", ratification_views.paper)


@login_required
@require_safe
def record_download(request, city_slug, number, language):
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = selectors.tor_version_get(city=access.city, number=number)
    record = selectors.ratification_record_latest(version=version, language=language)
    if record is None:
        raise Http404
    return pdf_response(
        bytes(record.pdf), f"ratification-{access.city.slug}-v{version.number}-{language}.pdf", attachment=True
    )


@login_required
@require_POST
def record_generate(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    if not version.ratification_sent_at:
        messages.error(request, _("This version has not been sent for ratification."))
        return redirect(_version_url(version))
    language = request.POST.get("language", "")
    if language not in DocumentLanguage.values:
        messages.error(request, _("Choose a language for the record."))
        return redirect(_version_url(version))
    record = records.ratification_record_generate(version=version, language=language, user=request.user)
    messages.success(request, _("Ratification record generated. Its SHA-256: %(sha)s") % {"sha": record.sha256})
    return redirect(_version_url(version))


# --- Pages reached through emailed links (no login) ---------------------------------------------------


def _link_target(request, model):
    target = request.email_link.target
    return target if isinstance(target, model) else None


@link_required(services.RATIFICATION_PURPOSE)
def ratify(request):
    """The contact's page: the version, its SHA-256 and PDF, the stakeholder's roles; ratify or decline."""
    rr = ratification_views.link_request(request, TOR_RATIFICATION)
    if rr is None:
        return invalid_link_response(request)
    response, context = ratification_views.decide_page(
        request, TOR_RATIFICATION, rr, page_url_name="terms_public:ratify"
    )
    if response is not None:
        return response
    version = rr.version
    context.update(
        tor=version.tor,
        sections=list(version.sections.order_by("position", "pk")),
        roles=selectors.stakeholder_roles(version=version, stakeholder=rr.stakeholder),
        pdf_languages=DocumentLanguage.choices,
        pdf_url_name="terms_public:ratify_pdf",
    )
    return render(request, "terms/public/ratify.html", context)


@link_required(services.RATIFICATION_PURPOSE)
def ratify_pdf(request, language):
    rr = ratification_views.pdf_request(request, TOR_RATIFICATION)
    if rr is None or language not in DocumentLanguage.values:
        return invalid_link_response(request)
    pdf = tor_version_pdf(version=rr.version, language=language)
    return pdf_response(pdf, f"tor-v{rr.version.number}-{language}.pdf")


@link_required(services.FEEDBACK_PURPOSE)
def feedback(request):
    """A stakeholder reads a circulated version in their language and comments on any section."""
    fr = _link_target(request, FeedbackRequest)
    if fr is None:
        return invalid_link_response(request)
    fr = FeedbackRequest.objects.select_related("version__tor__city", "stakeholder", "contact").get(pk=fr.pk)
    version = fr.version
    if version.status not in (VersionStatus.CIRCULATED, VersionStatus.PRESENTED):
        return invalid_link_response(request)
    sections = list(version.sections.order_by("position", "pk"))
    form = PublicFeedbackForm(_posted(request), sections=sections)
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
            _errors(request, exc)
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
def feedback_pdf(request, language):
    fr = _link_target(request, FeedbackRequest)
    if fr is None or language not in DocumentLanguage.values:
        return invalid_link_response(request)
    pdf = tor_version_pdf(version=fr.version, language=language)
    return pdf_response(pdf, f"tor-v{fr.version.number}-{language}.pdf")
