"""A record asked for on the version page prints in the background (200 stakeholders take seconds):
the page says it is being printed, the worker renders it once, then it downloads. django-tasks' dummy
backend only records what is queued; the tests run the worker's side by hand, as db_worker would."""

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from terms.models import RatificationRecord
from terms.tasks import ratification_record_task

from .test_records import decided  # noqa: F401 -- the fixture: three organisations, two decisions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _queue_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield
    default_task_backend.clear()


@pytest.fixture
def sent(decided):  # noqa: F811
    decided.ratification_sent_at = timezone.now()
    decided.save(update_fields=["ratification_sent_at"])
    return decided


def test_asking_for_a_record_returns_at_once_and_the_worker_prints_it(client, alice, city, sent):
    client.force_login(alice)
    page_url = f"/fr/c/{city.slug}/terms/v/{sent.number}/"
    response = client.post(page_url + "record/generate/", {"language": "ar"}, follow=True)
    assert "en cours d’impression en arrière-plan" in response.content.decode()
    record = RatificationRecord.objects.get()
    assert record.size == 0 and record.sha256 == ""
    assert [r.args for r in default_task_backend.results] == [[record.pk]]
    # Nothing to download yet, and the page says it is being printed.
    assert client.get(page_url + "record/ar/").status_code == 404
    assert "En cours d’impression" in client.get(page_url).content.decode()

    sha256 = ratification_record_task.call(record.pk)
    assert ratification_record_task.call(record.pk) == "skipped"  # a second worker renders nothing
    record.refresh_from_db()
    assert record.sha256 == sha256 and record.size > 0
    download = client.get(page_url + "record/ar/")
    assert download.status_code == 200 and download.content == bytes(record.pdf)
    page = client.get(page_url).content.decode()
    assert sha256 in page and "En cours d’impression" not in page


def test_a_new_record_being_printed_leaves_the_previous_one_downloadable(client, alice, city, sent):
    client.force_login(alice)
    page_url = f"/fr/c/{city.slug}/terms/v/{sent.number}/"
    client.post(page_url + "record/generate/", {"language": "fr"})
    first = RatificationRecord.objects.get()
    ratification_record_task.call(first.pk)
    first.refresh_from_db()
    client.post(page_url + "record/generate/", {"language": "fr"})
    page = client.get(page_url).content.decode()
    assert first.sha256 in page
    assert "Un nouveau procès-verbal est en cours d’impression" in page
    assert client.get(page_url + "record/fr/").content == bytes(first.pdf)


def test_a_viewer_cannot_ask_for_a_record(client, bob, city, sent):
    client.force_login(bob)
    response = client.post(f"/fr/c/{city.slug}/terms/v/{sent.number}/record/generate/", {"language": "fr"})
    assert response.status_code == 403
    assert not RatificationRecord.objects.exists()
