"""The terms of reference and their versions: list, draft, summary, status, circulation, diff and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.locales import format_value
from common.pdf import DocumentLanguage
from common.responses import pdf_response
from common.views import city_context, error_messages_add, version_pair_compare
from ratification.selectors import ratification_counts

from .. import diff, selectors
from ..documents import tor_version_pdf
from ..forms import VersionStatusForm, VersionSummaryForm
from ..kind import TOR_RATIFICATION
from ..models import VERSION_MANUAL_TRANSITIONS, VersionStatus
from ..services import feedback as feedback_services
from ..services import versions as services
from .base import form_data, version_url


@login_required
@require_safe
def version_list(request, city_slug):
    access = get_city_for(request, city_slug)
    tor = selectors.tor_for_city(city=access.city)
    page = Paginator(selectors.tor_version_list(city=access.city), 25).get_page(request.GET.get("page"))
    adopted = selectors.tor_adopted_version(city=access.city)
    return render(request, "terms/home.html", city_context(access, tor=tor, page=page, adopted=adopted))


@login_required
@require_POST
def version_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    try:
        version = services.tor_version_create(city=access.city, user=request.user)
    except ValidationError as exc:
        error_messages_add(request, exc)
        return redirect("terms:home", city_slug=city_slug)
    messages.success(request, _("Version %(number)s created as a draft.") % {"number": version.number})
    return redirect(version_url(version))


@login_required
@require_safe
def version_detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = selectors.tor_version_get(city=access.city, number=number)
    sections = selectors.tor_version_sections(version=version)
    changes = selectors.tor_version_changes(version=version)
    records = selectors.ratification_records_latest(version=version)
    counts = ratification_counts(TOR_RATIFICATION, version=version) if version.ratification_sent_at else None
    transitions = [(s, VersionStatus(s).label) for s in VERSION_MANUAL_TRANSITIONS.get(version.status, ())]
    return render(
        request,
        "terms/version_detail.html",
        city_context(
            access,
            version=version,
            sections=sections,
            changes=changes,
            records=[
                (code, label, records["latest"][code], code in records["pending"])
                for code, label in DocumentLanguage.choices
            ],
            records_pending=bool(records["pending"]),
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
        return redirect(version_url(version))
    form = VersionSummaryForm(form_data(request), instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_version_update(
                version=version,
                summary_fr=form.cleaned_data["summary_fr"] or "",
                summary_ar=form.cleaned_data["summary_ar"] or "",
            )
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Summary saved."))
            return redirect(version_url(version))
    return render(request, "terms/version_form.html", city_context(access, version=version, form=form))


@login_required
@require_POST
def version_status_set(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = VersionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(version_url(version))
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
        error_messages_add(request, exc)
    else:
        messages.success(
            request,
            _("Version %(number)s is now: %(status)s.")
            % {"number": version.number, "status": version.get_status_display()},
        )
        for number in version.superseded_numbers:
            messages.warning(
                request,
                _("Version %(number)s was final (for ratification): it is now superseded and its ratification stops.")
                % {"number": number},
            )
    return redirect(version_url(version))


@login_required
@require_POST
def version_circulate(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    try:
        result = feedback_services.tor_version_circulate(version=version, user=request.user)
    except ValidationError as exc:
        error_messages_add(request, exc)
        return redirect(version_url(version))
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
            % {"date": format_value(result.consultation_date, "DATE_FORMAT", city=version.tor.city)},
        )
    return redirect(version_url(version))


@login_required
@require_safe
def version_diff(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = selectors.tor_version_get(city=access.city, number=number)
    previous = version.previous
    pairs = diff.version_diff(old=previous, new=version)
    return render(
        request, "terms/version_diff.html", city_context(access, version=version, previous=previous, pairs=pairs)
    )


@login_required
@require_safe
def version_compare(request, city_slug):
    """Any two versions side by side (?a=1&b=3), in either order; a bad choice is said on the form."""
    access = get_city_for(request, city_slug)
    compared = version_pair_compare(
        request,
        numbers=selectors.tor_version_numbers(city=access.city),
        version_get=lambda number: selectors.tor_version_get(city=access.city, number=number),
        versions_diff=diff.version_diff,
    )
    return render(request, "terms/version_compare.html", city_context(access, **compared))


@login_required
@require_safe
def version_pdf(request, city_slug, number, language):
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = selectors.tor_version_get(city=access.city, number=number)
    pdf = tor_version_pdf(version=version, language=language)
    return pdf_response(pdf, f"tor-{access.city.slug}-v{version.number}-{language}.pdf")
