"""Consultation 4's roadmap: versions, editing the draft, freezing, the meeting's approval and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.pdf import DocumentLanguage
from common.responses import PROGRESS_PARAMETER, pdf_or_progress, pdf_response
from common.views import city_context, version_pair_compare
from ratification.selectors import ratification_counts

from .. import documents, selectors
from ..diff import roadmap_diff
from ..documents import roadmap_approval_of
from ..forms import RoadmapApprovalForm, RoadmapFreezeForm, RoadmapVersionForm
from ..kind import ROADMAP_RATIFICATION
from ..models import RoadmapStatus
from ..services import roadmap as services
from .base import PER_PAGE


@login_required
@require_safe
def roadmap_list(request, city_slug):
    access = get_city_for(request, city_slug)
    page = Paginator(selectors.roadmap_version_list(city=access.city), PER_PAGE).get_page(request.GET.get("page"))
    has_draft = any(v.status == RoadmapStatus.DRAFT for v in page.object_list)
    return render(request, "planning/roadmap_list.html", city_context(access, page=page, has_draft=has_draft))


@login_required
@require_safe
def roadmap_compare(request, city_slug):
    """Any two versions side by side (?a=1&b=3), in either order; a bad choice is said on the form."""
    access = get_city_for(request, city_slug)
    compared = version_pair_compare(
        request,
        numbers=selectors.roadmap_version_numbers(city=access.city),
        version_get=lambda number: _version(access, number),
        versions_diff=roadmap_diff,
    )
    return render(request, "planning/roadmap_compare.html", city_context(access, **compared))


def _ratification_counts(version):
    if version.ratification_sent_at is None:
        return None
    return ratification_counts(ROADMAP_RATIFICATION, version=version)


def _version(access, number):
    version = selectors.roadmap_version_get(city=access.city, number=number)
    if version is None:
        raise Http404
    return version


@login_required
@require_POST
def roadmap_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    try:
        version = services.roadmap_version_create(city=access.city)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:roadmap_list", city_slug=access.city.slug)
    messages.success(request, _("Draft version %(number)s created.") % {"number": version.number})
    return redirect("planning:roadmap_edit", city_slug=access.city.slug, number=version.number)


@login_required
@require_safe
def roadmap_detail(request, city_slug, number):
    access = get_city_for(request, city_slug)
    version = _version(access, number)
    snapshot = version.snapshot if version.is_frozen else selectors.roadmap_snapshot(city=access.city)
    approval = roadmap_approval_of(version)
    approval_form = None
    if access.can_coordinate and version.status == RoadmapStatus.FROZEN:
        approval_form = RoadmapApprovalForm()
    return render(
        request,
        "planning/roadmap_detail.html",
        city_context(
            access,
            version=version,
            snapshot=snapshot,
            approval=approval,
            approval_form=approval_form,
            hash_ok=version.hash_is_intact if version.is_frozen else None,
            languages=DocumentLanguage.values,
            ratification_counts=_ratification_counts(version),
            translation_gaps=selectors.roadmap_translation_gaps(version=version, snapshot=snapshot),
        ),
    )


@login_required
def roadmap_edit(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = _version(access, number)
    if version.is_frozen:
        messages.error(request, _("This version is frozen: it can no longer change."))
        return redirect(version.get_absolute_url())
    if request.method == "POST":
        form = RoadmapVersionForm(request.POST, instance=version)
        if form.is_valid():
            try:
                services.roadmap_version_update(version=version, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(version.get_absolute_url())
    else:
        form = RoadmapVersionForm(instance=version)
    return render(request, "planning/roadmap_form.html", city_context(access, form=form, version=version))


@login_required
@require_POST
def roadmap_freeze(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = _version(access, number)
    form = RoadmapFreezeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["understood"]))
        return redirect("planning:roadmap_detail", city_slug=access.city.slug, number=number)
    try:
        version = services.roadmap_version_freeze(version=version, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(number)s frozen. SHA-256: %(sha)s") % {"number": version.number, "sha": version.sha256},
        )
    return redirect("planning:roadmap_detail", city_slug=access.city.slug, number=number)


@login_required
@require_POST
def roadmap_approve(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = _version(access, number)
    form = RoadmapApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.roadmap_version_approve(version=version, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(version.get_absolute_url())
        messages.success(request, _("Approval of version %(number)s recorded.") % {"number": version.number})
        return redirect(version.get_absolute_url())
    messages.error(request, _("The approval was not recorded: see the errors below."))
    snapshot = version.snapshot if version.is_frozen else selectors.roadmap_snapshot(city=access.city)
    return render(
        request,
        "planning/roadmap_detail.html",
        city_context(
            access,
            version=version,
            snapshot=snapshot,
            approval=roadmap_approval_of(version),
            approval_form=form if version.status == RoadmapStatus.FROZEN else None,
            hash_ok=version.hash_is_intact if version.is_frozen else None,
            languages=DocumentLanguage.values,
            ratification_counts=_ratification_counts(version),
        ),
        status=400,
    )


@login_required
@require_safe
def roadmap_pdf(request, city_slug, number, language):
    """A frozen version's issued copy at once; otherwise the print runs in the background (a large plan
    takes seconds) and the request gets the page that waits for it (common.responses.pdf_or_progress)."""
    access = get_city_for(request, city_slug)
    if language not in DocumentLanguage.values:
        raise Http404
    version = _version(access, number)
    filename = f"roadmap-{access.city.slug}-v{version.number}-{language}.pdf"
    issued = documents.roadmap_pdf_issued(version=version, language=language)
    if issued is not None and request.GET.get(PROGRESS_PARAMETER) != "1":
        return pdf_response(issued, filename, attachment=True)
    job = documents.roadmap_pdf_job(version=version, language=language)
    title = _("Roadmap, version %(number)s (%(language)s)") % {
        "number": version.number,
        "language": DocumentLanguage(language).label,
    }
    return pdf_or_progress(
        request, job, filename, title=title, context=city_context(access), back_url=version.get_absolute_url()
    )
