from functools import wraps

from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.responses import file_response

from .mailbox import MailboxMessage, mailbox_message, mailbox_messages
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


# --- The development mailbox (DEBUG only): the emails the file backend wrote, readable in the browser ---


def _debug_only(view):
    """404 unless DEBUG: the mailbox exists only in development, where emails go to EMAIL_FILE_PATH."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.DEBUG:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _mailbox_message_or_404(message_id: str) -> MailboxMessage:
    message = mailbox_message(settings.EMAIL_FILE_PATH, message_id)
    if message is None:
        raise Http404
    return message


@_debug_only
@login_required
@require_safe
def mailbox_list(request):
    messages_ = mailbox_messages(settings.EMAIL_FILE_PATH)
    page = Paginator(messages_, 50).get_page(request.GET.get("page"))
    return render(request, "outbox/mailbox_list.html", {"page": page, "directory": settings.EMAIL_FILE_PATH})


@_debug_only
@login_required
@require_safe
def mailbox_detail(request, message_id):
    message = _mailbox_message_or_404(message_id)
    return render(request, "outbox/mailbox_detail.html", {"message": message})


@_debug_only
@login_required
@require_safe
@csp_exempt()
def mailbox_html(request, message_id):
    """The HTML part as the recipient's mail program shows it: in a sandbox (no script, no cookies of the
    app's origin), with the inline styles emails carry."""
    message = _mailbox_message_or_404(message_id)
    response = HttpResponse(message.html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:"
    )
    return response


@_debug_only
@login_required
@require_safe
def mailbox_attachment(request, message_id, index):
    message = _mailbox_message_or_404(message_id)
    attachments = message.attachments
    if index >= len(attachments):
        raise Http404
    attachment = attachments[index]
    return file_response(attachment.content, attachment.filename, content_type=attachment.content_type, attachment=True)
