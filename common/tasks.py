"""Background work of the plumbing (django-tasks API): printing queued PDFs (common/background.py)."""

import logging
import time

from django.utils import timezone
from django_tasks import task

from .background import finish_step
from .models import PdfJob, PdfJobStatus
from .pdf import html_to_pdf

logger = logging.getLogger(__name__)


def pdf_job_run(job_id: int) -> str:
    """Print a queued job (the worker's side). Claims it atomically, so two workers never print it twice."""
    claimed = PdfJob.objects.filter(pk=job_id, status=PdfJobStatus.QUEUED).update(
        status=PdfJobStatus.RENDERING, progress=10, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = PdfJob.objects.get(pk=job_id)
    started = time.perf_counter()
    try:
        pdf = html_to_pdf(job.html, pdf_variant=job.pdf_variant or None)
        if job.finish:
            PdfJob.objects.filter(pk=job_id).update(progress=80)
            pdf = finish_step(job.finish)(pdf, **job.finish_params)
    except Exception as exc:  # recorded on the row: the waiting page says so and the next request retries
        logger.exception("PDF job %s failed", job_id)
        PdfJob.objects.filter(pk=job_id).update(
            status=PdfJobStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        return "failed"
    PdfJob.objects.filter(pk=job_id).update(
        status=PdfJobStatus.DONE, progress=100, pdf=pdf, size=len(pdf), finished_at=timezone.now()
    )
    return f"printed in {time.perf_counter() - started:.2f} s"


@task()
def pdf_job_task(job_id: int) -> str:
    return pdf_job_run(job_id)
