from unittest import mock

from django.db.utils import OperationalError


def test_it_answers_ok_with_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_fails(client, db):
    # The database itself is what fails here; no project component is replaced.
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_it_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405
