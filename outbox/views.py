from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for

from .models import EmailStatus, OutgoingEmail
from .selectors import batch_progress, email_list_for_city
from .services import email_retry, email_retry_failed


@login_required
@require_safe
def email_list(request, city_slug):
    access = get_city_for(request, city_slug)
    status = request.GET.get("status", "")
    batch = request.GET.get("batch", "")[:80]
    emails = email_list_for_city(city=access.city, status=status, batch=batch)
    page = Paginator(emails, 50).get_page(request.GET.get("page"))
    context = {
        "city": access.city,
        "access": access,
        "page": page,
        "status": status,
        "batch": batch,
        "statuses": EmailStatus.choices,
        "progress": batch_progress(batch=batch) if batch else None,
    }
    return render(request, "outbox/list.html", context)


@login_required
@require_POST
def email_retry_view(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    email = get_object_or_404(OutgoingEmail, pk=pk, city=access.city)
    if email_retry(email=email):
        messages.success(request, _("The email to %(to)s is queued again.") % {"to": email.to})
    else:
        messages.error(request, _("Only a failed email can be sent again."))
    return redirect(_back(access.city, request))


@login_required
@require_POST
def email_retry_all_view(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    batch = request.POST.get("batch", "")[:80]
    count = email_retry_failed(city=access.city, batch=batch or None)
    if count:
        messages.success(request, _("%(count)d failed emails are queued again.") % {"count": count})
    else:
        messages.info(request, _("There is no failed email to send again."))
    return redirect(_back(access.city, request))


def _back(city, request):
    url = reverse("outbox:list", kwargs={"city_slug": city.slug})
    batch = request.POST.get("batch", "")[:80]
    return f"{url}?batch={batch}" if batch else url
