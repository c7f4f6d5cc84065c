"""An upload is untrusted input: whatever bytes arrive, or whatever a pasted SHA-256 holds, the verify
page answers (never a server error), and a file this site did not issue as it is is never "issued"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terms.models import VersionStatus
from terms.records import ratification_record_generate
from tests.factories import TorFactory, TorVersionFactory

pytestmark = pytest.mark.django_db

ISSUED = "Émis par ce site."
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def signed(city):
    version = TorVersionFactory(tor=TorFactory(city=city), status=VersionStatus.FINAL)
    return bytes(ratification_record_generate(version=version, language="fr").pdf)


@pytest.fixture
def client_unlimited(settings):
    settings.VERIFY_RATE_LIMIT = 10**9
    return Client(raise_request_exception=False)


def _upload(client, data: bytes):
    return client.post("/fr/verify/", {"document": SimpleUploadedFile("x.pdf", data, content_type="application/pdf")})


@FUZZ
@given(data=st.binary(max_size=4000))
def test_any_bytes_get_an_answer(client_unlimited, data):
    response = _upload(client_unlimited, b"%PDF-1.7\n" + data)
    assert response.status_code == 200
    assert ISSUED not in response.content.decode()


@FUZZ
@given(changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=4))
def test_a_changed_signed_record_is_never_called_issued(client_unlimited, signed, changes):
    data = bytearray(signed)
    for where, value in changes:
        data[int(where * len(data))] = value
    if bytes(data) == signed:
        return
    response = _upload(client_unlimited, bytes(data))
    assert response.status_code == 200
    assert ISSUED not in response.content.decode()


@FUZZ
@given(text=st.text(max_size=300))
def test_any_pasted_text_gets_an_answer(client_unlimited, text):
    text = text.replace("\x00", "")
    assert client_unlimited.get("/ar/verify/", {"sha256": text}).status_code in (200, 400)
    assert client_unlimited.post("/fr/verify/", {"sha256": text}).status_code in (200, 400)
