"""The roadmap PDF prints in the background (common/background.py): the request that finds no printed
file gets the page that waits for it, the worker prints it once, and the file is kept by the SHA-256 of
what it prints. These tests use django-tasks' dummy backend, which only records what is queued, and run
the worker's side (common.tasks.pdf_job_run) by hand, as db_worker would."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend
from pypdf import PdfReader

from common.models import IssuedDocument, PdfJob, PdfJobStatus
from common.tasks import pdf_job_run
from planning.services.actions import action_update
from planning.services.roadmap import roadmap_version_freeze
from tests.factories import RoadmapVersionFactory

URL = "/fr/c/tunis/planning/roadmap/1/pdf/fr/"


@pytest.fixture(autouse=True)
def _queue_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_first_request_waits_on_a_page_that_refreshes_then_gets_the_printed_file(client, bob, draft, action):
    client.force_login(bob)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == URL + "?progress=1"

    job = PdfJob.objects.get()
    assert job.status == PdfJobStatus.QUEUED
    assert [r.args for r in default_task_backend.results] == [[job.pk]]

    waiting = client.get(URL + "?progress=1")
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Le PDF attend d’être imprimé." in page or "attend" in page
    assert '<progress id="pdf-progress"' in page

    # A second request queues nothing more: the same content is the same job.
    assert client.get(URL).status_code == 302
    assert PdfJob.objects.count() == 1
    assert len(default_task_backend.results) == 1

    assert pdf_job_run(job.pk).startswith("printed in")
    assert pdf_job_run(job.pk) == "skipped"  # a second worker with the same task prints nothing

    ready = client.get(URL + "?progress=1")
    assert ready.status_code == 200
    assert "refresh" not in ready.content.decode()
    assert f'href="{URL}"' in ready.content.decode()

    pdf = client.get(URL)
    assert pdf["Content-Type"] == "application/pdf"
    assert action.title_fr in _text(pdf.content)


def test_an_edit_to_the_plan_prints_a_new_file(client, bob, draft, action):
    client.force_login(bob)
    client.get(URL)
    pdf_job_run(PdfJob.objects.get().pk)
    action_update(action=action, title_fr="Permanence santé élargie")
    assert client.get(URL).status_code == 302
    assert PdfJob.objects.count() == 2
    pdf_job_run(PdfJob.objects.filter(status=PdfJobStatus.QUEUED).get().pk)
    assert "Permanence santé élargie" in _text(client.get(URL).content)


def test_a_frozen_version_is_issued_and_signed_by_the_worker_then_served_at_once(
    client, bob, alice, city, action, indicator, measurement
):
    version = roadmap_version_freeze(version=RoadmapVersionFactory(city=city, number=1), user=alice)
    client.force_login(bob)
    assert client.get(URL).status_code == 302
    assert not IssuedDocument.objects.exists()
    pdf_job_run(PdfJob.objects.get().pk)
    issued = IssuedDocument.objects.get()
    assert issued.target == version
    assert issued.signed
    # The issued copy is served from the register, byte for byte, with no job looked up.
    assert client.get(URL).content == bytes(issued.pdf)


def test_a_failed_print_says_so_and_the_next_request_queues_it_again(client, bob, draft, action, monkeypatch):
    client.force_login(bob)
    client.get(URL)
    job = PdfJob.objects.get()
    monkeypatch.setattr("common.tasks.html_to_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    assert pdf_job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == PdfJobStatus.FAILED
    assert "disk full" in job.error
    # The waiting page shows the failure (the first request after it queues the print again).
    page = client.get(URL + "?progress=1")
    assert page.status_code == 202
    job.refresh_from_db()
    assert job.status == PdfJobStatus.QUEUED
    assert len(default_task_backend.results) == 2


def test_a_print_lost_with_its_worker_is_queued_again_once_stale(client, bob, draft, action):
    client.force_login(bob)
    client.get(URL)
    job = PdfJob.objects.get()
    PdfJob.objects.filter(pk=job.pk).update(status=PdfJobStatus.RENDERING, started_at=timezone.now())
    client.get(URL + "?progress=1")
    assert PdfJob.objects.get().status == PdfJobStatus.RENDERING  # a live worker may still be printing it
    PdfJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=11))
    client.get(URL + "?progress=1")
    assert PdfJob.objects.get().status == PdfJobStatus.QUEUED
    assert len(default_task_backend.results) == 2


def test_the_waiting_page_in_arabic(client, bob, draft, action):
    client.force_login(bob)
    response = client.get("/ar/c/tunis/planning/roadmap/1/pdf/ar/?progress=1")
    assert response.status_code == 202
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "Preparing" not in page and "Progress" not in page


def test_an_outsider_never_reaches_the_waiting_page(client, charlie, draft):
    client.force_login(charlie)
    assert client.get(URL + "?progress=1").status_code == 404
    assert not PdfJob.objects.exists()
