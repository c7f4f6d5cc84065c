"""Import pages: upload, preview with a choice per row, commit. Coordinators only. Thin: permission,
form, one service call, redirect with a message.

Reading the file and committing it run in the worker (imports/tasks.py). The batch's page (`preview`)
is also the page the user waits on: while a step runs it shows the progress and refreshes itself; once
read it shows the rows; once imported it sends the user to the registry with the counts."""

import io

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.responses import xlsx_response
from common.spreadsheets import xlsx_append_row
from stakeholders.models import Category, Language, Level
from stakeholders.selectors import domain_list

from . import selectors, services, tasks
from .columns import LANGUAGES, headers
from .forms import UploadForm
from .models import Status
from .readers import MAX_ROWS

# Seconds between two refreshes of the waiting page.
REFRESH_SECONDS = 2


def _access(request, city_slug):
    return get_city_for(request, city_slug, Role.COORDINATOR)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, city_slug):
    access = _access(request, city_slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            batch = services.import_batch_receive(
                city=access.city,
                user=request.user,
                filename=upload.name,
                data=b"".join(upload.chunks()),
                language=translation.get_language(),
            )
            tasks.import_batch_read_task.enqueue(batch.pk)
            batch.refresh_from_db()  # an immediate backend (tests, --no-worker) has read it already
            if batch.status == Status.FAILED:
                form.add_error("file", batch.error)
                services.import_batch_discard(batch=batch)
            else:
                if batch.status == Status.READY:
                    messages.success(request, _("The file was read. Check each row, then import."))
                else:
                    messages.info(request, _("The file was received. It is being read: this page shows how far."))
                return redirect("imports:preview", city_slug=access.city.slug, pk=batch.pk)
        messages.error(request, _("The file was not imported: nothing was changed."))
        status = 400
    context = {"city": access.city, "access": access, "form": form, "languages": LANGUAGES, "max_rows": MAX_ROWS}
    return render(request, "imports/upload.html", context, status=status)


@login_required
@require_safe
def template_download(request, city_slug, language):
    access = _access(request, city_slug)
    if language not in LANGUAGES:
        raise Http404
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with translation.override(language):
        sheet.title = _("Registry")
        xlsx_append_row(sheet, headers(language))
        lists = workbook.create_sheet(_("Allowed values"))
        columns = [
            [_("Category")] + [str(label) for _value, label in Category.choices],
            [_("Level")] + [str(label) for _value, label in Level.choices],
            [_("Domains of expertise")] + [d.name for d in domain_list()],
            [_("Contact's language")] + [str(label) for _value, label in Language.choices],
        ]
        for position in range(max(len(c) for c in columns)):
            xlsx_append_row(lists, [c[position] if position < len(c) else None for c in columns])
        if language == "ar":
            sheet.sheet_view.rightToLeft = lists.sheet_view.rightToLeft = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = xlsx_response(buffer.getvalue(), f"registry-template-{access.city.slug}-{language}.xlsx")
    response["Cache-Control"] = "no-store"
    return response


def _pending(request, access, pk):
    batch = selectors.import_batch_pending(city=access.city, user=request.user, pk=pk)
    if batch is None:
        messages.error(
            request, _("This import is no longer available (it expired or was done). Upload the file again.")
        )
    return batch


def _waiting(request, access, batch):
    done, total = selectors.import_batch_progress(batch)
    context = {
        "city": access.city,
        "access": access,
        "batch": batch,
        "done": done,
        "total": total,
        "percent": min(100, done * 100 // total) if total else 0,
        "refresh_seconds": REFRESH_SECONDS,
    }
    response = render(request, "imports/progress.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def preview(request, city_slug, pk):
    """The batch's page at every step: progress while the worker runs, the rows once read, the registry
    (with the counts) once imported."""
    access = _access(request, city_slug)
    batch = selectors.import_batch_of(city=access.city, user=request.user, pk=pk)
    if batch is None:
        messages.error(
            request, _("This import is no longer available (it expired or was done). Upload the file again.")
        )
        return redirect("imports:upload", city_slug=access.city.slug)
    if batch.status == Status.DONE:
        messages.success(
            request,
            _("Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped.")
            % batch.summary,
        )
        return redirect("stakeholders:list", city_slug=access.city.slug)
    if batch.status != Status.READY:
        return _waiting(request, access, batch)
    page, rows = selectors.preview_page(batch=batch, page_number=request.GET.get("page"))
    context = {
        "city": access.city,
        "access": access,
        "batch": batch,
        "page": page,
        "rows": rows,
        "totals": selectors.preview_totals(batch),
    }
    response = render(request, "imports/preview.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _posted_choices(request) -> dict[int, str]:
    choices = {}
    for name, value in request.POST.items():
        index = name.removeprefix("row-")
        if name.startswith("row-") and index.isdigit() and len(index) < 9:
            choices[int(index)] = value
    return choices


def _page_number(value) -> int:
    return int(value) if value and value.isdigit() and len(value) < 9 else 1


@login_required
@require_POST
def choices(request, city_slug, pk):
    """Keep the choices of the page shown, then show the page asked for (navigation posts the form)."""
    access = _access(request, city_slug)
    batch = _pending(request, access, pk)
    if batch is None:
        return redirect("imports:upload", city_slug=access.city.slug)
    services.import_batch_set_choices(batch=batch, choices=_posted_choices(request))
    url = reverse("imports:preview", kwargs={"city_slug": access.city.slug, "pk": batch.pk})
    return redirect(f"{url}?page={_page_number(request.POST.get('goto'))}")


@login_required
@require_POST
def commit(request, city_slug, pk):
    access = _access(request, city_slug)
    batch = _pending(request, access, pk)
    if batch is None:
        return redirect("imports:upload", city_slug=access.city.slug)
    services.import_batch_set_choices(batch=batch, choices=_posted_choices(request))
    if services.import_batch_commit_request(batch=batch):
        tasks.import_batch_commit_task.enqueue(batch.pk)
        messages.info(request, _("The import has started: this page shows how far it got."))
    # The batch's page shows the progress, the counts once done, or why nothing was imported.
    return redirect("imports:preview", city_slug=access.city.slug, pk=batch.pk)


@login_required
@require_POST
def discard(request, city_slug, pk):
    access = _access(request, city_slug)
    batch = selectors.import_batch_pending(city=access.city, user=request.user, pk=pk)
    if batch is not None:
        services.import_batch_discard(batch=batch)
    messages.info(request, _("The uploaded file was discarded: nothing was imported."))
    return redirect("imports:upload", city_slug=access.city.slug)
