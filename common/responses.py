"""HTTP responses for files the app serves: PDFs, CSV and XLSX exports, calendars.

The file name always goes through safe_filename: no path, no quote, no control character can
reach the Content-Disposition header, whatever a city's slug or a version number holds.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

PDF_CONTENT_TYPE = "application/pdf"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def safe_filename(filename: str, *, default: str = "download") -> str:
    """The last part of a name, with letters, digits, dashes, underscores and dots only."""
    name = str(filename).replace("\\", "/").rsplit("/", 1)[-1]
    try:
        return get_valid_filename(name)
    except SuspiciousFileOperation:
        return default


def file_response(data: bytes, filename: str, *, content_type: str, attachment: bool) -> HttpResponse:
    """Bytes served under a file name: downloaded when attachment, else shown by the browser."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, safe_filename(filename))
    return response


def pdf_response(data: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    """A PDF, shown in the browser unless attachment."""
    return file_response(data, filename, content_type=PDF_CONTENT_TYPE, attachment=attachment)


def csv_response(data: bytes, filename: str) -> HttpResponse:
    """A CSV download (build the bytes with common.spreadsheets.csv_bytes)."""
    return file_response(data, filename, content_type=CSV_CONTENT_TYPE, attachment=True)


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """An XLSX download (write its rows with common.spreadsheets.xlsx_append_row)."""
    return file_response(data, filename, content_type=XLSX_CONTENT_TYPE, attachment=True)


def calendar_response(data: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    """An iCalendar file, opened by the calendar application unless attachment."""
    return file_response(data, filename, content_type=CALENDAR_CONTENT_TYPE, attachment=attachment)


PROGRESS_PARAMETER = "progress"


def pdf_or_progress(
    request, job, filename: str, *, title: str, context: dict | None = None, back_url: str = "", attachment=True
) -> HttpResponse:
    """The job's PDF once printed; until then (and on ?progress=1) the page that waits for it.

    A request for the file that is not ready is sent to the waiting page (the same address with
    ?progress=1), which refreshes itself every few seconds and offers the download once ready: a browser
    never refreshes into a download. `context` is the page's (the city, for the navigation).
    """
    waiting = request.GET.get(PROGRESS_PARAMETER) == "1"
    if job.status == "done" and not waiting:
        return pdf_response(bytes(job.pdf), filename, attachment=attachment)
    if not waiting:
        return redirect(f"{request.path}?{PROGRESS_PARAMETER}=1")
    page = {
        **(context or {}),
        "job": job,
        "title": title,
        "download_url": request.path,
        "back_url": back_url,
        "refresh_seconds": 2,
    }
    return render(request, "common/pdf_progress.html", page, status=200 if job.status == "done" else 202)
