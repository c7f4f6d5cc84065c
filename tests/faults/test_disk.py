"""No PDF touches the disk: documents are rendered in memory and streamed in the response, and the
ratification record is kept in the database (RatificationRecord.pdf). So a full disk or an unwritable
media folder cannot break them; these tests prove it by making both unusable while rendering.

(Running as root, permissions would not stop a write: the media folder and the temporary folder are
put under a regular file, where creating anything fails with NotADirectoryError for every user.)
"""

import tempfile

import pytest

from terms.models import RatificationRecord
from tests.factories import AgendaItemFactory, ConsultationFactory, RoadmapVersionFactory


@pytest.fixture
def no_writable_disk(tmp_path, settings, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "media")
    monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))
    monkeypatch.setenv("TMPDIR", str(blocker / "tmp"))
    with pytest.raises(NotADirectoryError):
        tempfile.NamedTemporaryFile()
    return blocker


def _pdf(response):
    assert response.status_code == 200, getattr(response, "exc_info", None)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["fr", "ar", "bi"])
def test_the_agenda_pdf_renders_without_a_writable_disk(client, alice, city, no_writable_disk, lang):
    consultation = ConsultationFactory(city=city)
    AgendaItemFactory(consultation=consultation)
    client.force_login(alice)
    _pdf(client.get(f"/fr/c/{city.slug}/consultations/{consultation.number}/agenda.pdf", {"lang": lang}))


def test_the_tor_and_roadmap_pdfs_render_without_a_writable_disk(client, alice, city, final_version, no_writable_disk):
    client.force_login(alice)
    _pdf(client.get(f"/fr/c/{city.slug}/terms/v/{final_version.number}/pdf/ar/"))
    roadmap = RoadmapVersionFactory(city=city)
    _pdf(client.get(f"/fr/c/{city.slug}/planning/roadmap/{roadmap.number}/pdf/fr/"))


def test_the_ratification_record_is_kept_in_the_database(
    client, coordinator, city, final_version, group, no_writable_disk, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    base = f"/fr/c/{city.slug}/terms/v/{final_version.number}"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}/ratification/send/")
        response = client.post(f"{base}/record/generate/", {"language": "fr"})
    assert response.status_code == 302
    record = RatificationRecord.objects.get(version=final_version)
    assert bytes(record.pdf).startswith(b"%PDF") and record.size == len(bytes(record.pdf))
    _pdf(client.get(f"{base}/record/fr/"))
