"""The import reads and commits in the background (imports/tasks.py): the upload and the commit only queue
the work, the batch's page shows the progress and refreshes itself, then the rows, then the registry with
the counts. These tests use django-tasks' dummy backend, which only records what is queued, and run the
worker's side (imports.services.import_batch_read / import_batch_commit_run) by hand, as db_worker would."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django_tasks import default_task_backend

from imports import services
from imports.models import ImportBatch, Status
from stakeholders.models import Stakeholder

from .conftest import ROW_ASSOCIATION, ROW_OIM, csv_file

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/c/tunis/imports/{pk}/"


@pytest.fixture(autouse=True)
def _queue_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def _rows(n):
    return [{**ROW_ASSOCIATION, "name_fr": f"Association {i}", "name_ar": f"جمعية {i}"} for i in range(n)]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_upload_queues_the_reading_and_the_page_waits_for_it(client, upload, city, lang):
    response = upload(csv_file(_rows(3)), lang=lang)
    batch = ImportBatch.objects.get()
    assert response["Location"] == PAGE.format(lang=lang, pk=batch.pk)
    assert (batch.status, batch.rows, bytes(batch.upload)[:3]) == (Status.READING, [], b"\xef\xbb\xbf")
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [("import_batch_read_task", [batch.pk])]

    waiting = client.get(response["Location"])
    page = waiting.content.decode()
    assert waiting.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="import-progress"' in page
    if lang == "ar":
        assert 'dir="rtl"' in page and "يجري قراءة الملف" in page
    else:
        assert "Le fichier est en cours de lecture" in page

    assert services.import_batch_read(batch_id=batch.pk) == "read 3 rows"
    assert services.import_batch_read(batch_id=batch.pk) == "skipped"  # a second worker reads nothing
    batch.refresh_from_db()
    assert (batch.status, len(batch.rows), bytes(batch.upload)) == (Status.READY, 3, b"")
    assert (batch.progress_done, batch.progress_total) == (3, 3)
    ready = client.get(response["Location"]).content.decode()
    assert "http-equiv" not in ready and "Association 2" in ready


def test_the_reading_records_its_progress_on_the_row(upload, monkeypatch):
    seen = []
    original = ImportBatch.objects.filter

    upload(csv_file(_rows(600)))
    batch = ImportBatch.objects.get()
    monkeypatch.setattr(services, "PROGRESS_EVERY", 200)

    def spy(*args, **kwargs):
        queryset = original(*args, **kwargs)
        if kwargs == {"pk": batch.pk}:
            current = ImportBatch.objects.values_list("progress_done", "progress_total").get(pk=batch.pk)
            seen.append(current)
        return queryset

    monkeypatch.setattr(ImportBatch.objects, "filter", spy)
    services.import_batch_read(batch_id=batch.pk)
    # Each progress write sees the one before it: 0 of 600, 200 of 600, 400 of 600.
    assert seen[:3] == [(0, 0), (0, 600), (200, 600)]
    batch.refresh_from_db()
    assert (batch.progress_done, batch.progress_total, batch.status) == (600, 600, Status.READY)


def test_a_bad_file_found_by_the_worker_is_shown_and_nothing_is_kept(client, upload):
    response = upload(csv_file([ROW_ASSOCIATION]).__class__("registre.docx", b"just text"))
    batch = ImportBatch.objects.get()
    assert services.import_batch_read(batch_id=batch.pk) == "refused"
    batch.refresh_from_db()
    assert (batch.status, batch.rows, bytes(batch.upload)) == (Status.FAILED, [], b"")
    page = client.get(response["Location"]).content.decode()
    assert "Choisissez un fichier XLSX ou CSV." in page
    assert "http-equiv" not in page  # a failed step stops the refreshing
    assert client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/").status_code == 302
    assert not Stakeholder.objects.exists() and len(default_task_backend.results) == 1


def _read(upload, rows):
    upload(csv_file(rows))
    batch = ImportBatch.objects.get()
    services.import_batch_read(batch_id=batch.pk)
    default_task_backend.clear()
    return batch


def test_the_commit_is_queued_then_run_once_by_one_worker(client, upload, city):
    batch = _read(upload, [ROW_OIM, ROW_ASSOCIATION])
    response = client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/")
    assert response["Location"] == PAGE.format(lang="fr", pk=batch.pk)
    batch.refresh_from_db()
    assert batch.status == Status.COMMIT_QUEUED
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [("import_batch_commit_task", [batch.pk])]
    # A second click queues nothing more.
    client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/")
    assert len(default_task_backend.results) == 1

    waiting = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting and "L’import attend son tour." in waiting
    assert not Stakeholder.objects.exists()

    # Two workers handed the same task: the conditional UPDATE lets one commit, the other does nothing.
    assert services.import_batch_commit_run(batch_id=batch.pk) == "imported: 2 created, 0 updated"
    assert services.import_batch_commit_run(batch_id=batch.pk) == "skipped"
    assert Stakeholder.objects.filter(city=city).count() == 2
    batch.refresh_from_db()
    assert (batch.status, batch.summary["created"], batch.committed_at is not None) == (Status.DONE, 2, True)

    done = client.get(response["Location"], follow=True).content.decode()
    assert "Import terminé : 2 créées, 0 mises à jour, 0 inchangées, 0 ignorées." in done


def test_a_commit_in_progress_shows_its_count(client, upload):
    batch = _read(upload, [ROW_ASSOCIATION])
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.COMMITTING)
    cache.set(services.commit_progress_key(batch.pk), (250, 1000))
    page = client.get(PAGE.format(lang="fr", pk=batch.pk)).content.decode()
    assert '<progress id="import-progress" class="w-100" max="100" value="25">' in page
    assert "<bdi>250</bdi>" in page and "<bdi>1000</bdi>" in page
    assert "Les lignes sont en cours d’import." in page
    cache.delete(services.commit_progress_key(batch.pk))


def test_a_worker_that_breaks_records_it_and_imports_nothing(client, upload, city, monkeypatch):
    batch = _read(upload, [ROW_OIM, ROW_ASSOCIATION])
    client.post(PAGE.format(lang="ar", pk=batch.pk) + "commit/")

    def crash(city, new_rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_create_all", crash)
    assert services.import_batch_commit_run(batch_id=batch.pk) == "failed"
    assert not Stakeholder.objects.exists()
    batch.refresh_from_db()
    assert batch.status == Status.FAILED and batch.committed_at is None
    assert "RuntimeError: disk full" in batch.error
    page = client.get(PAGE.format(lang="fr", pk=batch.pk)).content.decode()
    assert "L’import s’est arrêté sur une erreur : rien n’a été importé." in page
    assert "http-equiv" not in page


def test_a_commit_refused_by_a_check_goes_back_to_the_rows_with_the_reason(client, upload, city):
    batch = _read(upload, [ROW_ASSOCIATION])
    client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/", {"row-0": "create"})
    Stakeholder.objects.create(city=city, name_fr=ROW_ASSOCIATION["name_fr"], category="media", level="local")
    assert services.import_batch_commit_run(batch_id=batch.pk) == "refused"
    batch.refresh_from_db()
    assert batch.status == Status.READY and batch.committed_at is None
    page = client.get(PAGE.format(lang="fr", pk=batch.pk)).content.decode()
    assert "Rien n’a été importé" in page and "http-equiv" not in page
    assert Stakeholder.objects.count() == 1


def test_a_step_lost_with_its_worker_stops_the_waiting(client, upload):
    batch = _read(upload, [ROW_ASSOCIATION])
    client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/")
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.COMMITTING, started_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    page = client.get(PAGE.format(lang="fr", pk=batch.pk)).content.decode()
    assert "Le travail s’est arrêté avant la fin : rien n’a été importé." in page
    assert "http-equiv" not in page and not Stakeholder.objects.exists()


@pytest.mark.postgres_only
def test_a_commit_that_creates_rows_gives_the_planner_their_count(client, upload, city, planner_row_estimate):
    # Without statistics PostgreSQL would sort the whole new registry for each of its pages
    # (common/db_statistics.py); the rows this transaction wrote count as live for ANALYZE.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no statistics unless asked")
    batch = _read(upload, _rows(7))
    client.post(PAGE.format(lang="fr", pk=batch.pk) + "commit/")
    assert services.import_batch_commit_run(batch_id=batch.pk) == "imported: 7 created, 0 updated"
    assert planner_row_estimate(Stakeholder) == Stakeholder.objects.count() == 7
    assert planner_row_estimate(Stakeholder.domains.through) == Stakeholder.domains.through.objects.count()
