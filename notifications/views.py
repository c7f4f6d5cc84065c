"""A member's notifications: the list (paginated), marking read, and the digest preference. Each user sees
and changes only their own; every change is a POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .forms import PreferenceForm
from .selectors import notification_list, preference_for
from .services import notification_mark_all_read, notification_mark_read, preference_update
from .texts import notification_text

PER_PAGE = 25


@login_required
@require_safe
def notification_list_view(request):
    page = Paginator(notification_list(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(n, notification_text(n, html=True), n.get_absolute_url()) for n in page.object_list]
    form = PreferenceForm(instance=preference_for(user=request.user))
    return render(request, "notifications/list.html", {"page": page, "rows": rows, "form": form})


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request, pk):
    if not notification_mark_read(user=request.user, pk=pk):
        if not request.user.notifications.filter(pk=pk).exists():
            raise Http404
        messages.info(request, _("This notification was already read."))
        return _back(request)
    messages.success(request, _("Notification marked as read."))
    return _back(request)


@login_required
@require_POST
def notification_read_all(request):
    count = notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications marked as read."))
    else:
        messages.info(request, _("No unread notification."))
    return redirect("notifications:list")


@login_required
@require_POST
def preference_edit(request):
    form = PreferenceForm(request.POST, instance=preference_for(user=request.user))
    if not form.is_valid():
        messages.error(request, _("Your preferences could not be saved: check the form."))
        return redirect("notifications:list")
    preference_update(
        user=request.user, language=form.cleaned_data["language"], daily_digest=form.cleaned_data["daily_digest"]
    )
    messages.success(request, _("Your preferences are saved."))
    return redirect("notifications:list")
