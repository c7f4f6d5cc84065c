"""Feedback on a version (by section; editors enter feedback received on paper) and the draft's changes list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from common.views import city_context, error_messages_add

from .. import selectors
from ..forms import ChangeForm, FeedbackReplyForm, PaperFeedbackForm
from ..models import ReplyStatus, TorChange, TorFeedback
from ..services import feedback as services
from .base import form_data, version_url


@login_required
def feedback_list(request, city_slug, number):
    """Feedback by section; editors enter feedback received on paper."""
    access = get_city_for(request, city_slug, Role.EDITOR if request.method == "POST" else Role.VIEWER)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = PaperFeedbackForm(form_data(request), version=version)
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
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Feedback recorded."))
            return redirect("terms:feedback", city_slug=city_slug, number=number)
    groups = selectors.tor_feedback_by_section(version=version)
    return render(
        request,
        "terms/feedback.html",
        city_context(access, version=version, groups=groups, form=form, reply_statuses=ReplyStatus.choices),
    )


@login_required
@require_POST
def feedback_reply(request, city_slug, number, pk):
    """A coordinator answers one remark: its status (accepted, partly accepted, not retained, noted) and a reply."""
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    feedback = get_object_or_404(TorFeedback, pk=pk, version=version)
    form = FeedbackReplyForm(request.POST, instance=feedback)
    if form.is_valid():
        try:
            services.tor_feedback_reply(
                feedback=feedback,
                status=form.cleaned_data["reply_status"],
                reply=form.cleaned_data["reply"],
                user=request.user,
            )
        except ValidationError as exc:
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Reply saved: the stakeholder sees it in their personal space."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    url = reverse("terms:feedback", kwargs={"city_slug": city_slug, "number": number})
    return redirect(f"{url}#fb-{feedback.pk}")


@login_required
def change_create(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    form = ChangeForm(
        form_data(request),
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
            error_messages_add(request, exc)
        else:
            messages.success(request, _("Change added to the list."))
            return redirect(version_url(version))
    return render(request, "terms/change_form.html", city_context(access, version=version, form=form))


@login_required
@require_POST
def change_delete(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    change = get_object_or_404(TorChange, pk=pk, version=version)
    try:
        services.tor_change_delete(change=change)
    except ValidationError as exc:
        error_messages_add(request, exc)
    else:
        messages.success(request, _("Change removed from the list."))
    return redirect(version_url(version))
