"""Where people read a time or a date: staff pages, the stakeholder's pages and PDFs, in the city's
zone (labelled) and with the city's month names."""

import datetime as dt
import subprocess

import pytest
from django.core import mail

from ratification.services import ratification_send
from terms.documents import tor_version_pdf
from terms.kind import TOR_RATIFICATION
from tests.factories import ConsultationFactory, TorFactory, TorVersionFactory
from tests.terms.conftest import make_group
from tests.terms.helpers import link_in, open_link


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "الثلاثاء 13 فيفري 2024، "), ("fr", "mardi 13 février 2024, ")],
)
def test_a_tunis_consultation_in_february_reads_fevrier_the_tunisian_way(client, alice, city, language, expected):
    ConsultationFactory(city=city, number=1, date=dt.date(2024, 2, 13), start_time=dt.time(9), end_time=dt.time(13))
    client.force_login(alice)
    html = client.get(f"/{language}/c/tunis/consultations/1/").content.decode()
    assert expected in html
    assert '<bdi dir="ltr">09:00–13:00</bdi>' in html
    assert "فبراير" not in html


def test_the_stakeholder_sees_the_time_of_the_decision_in_the_citys_zone(
    client, city, django_capture_on_commit_callbacks
):
    version = TorVersionFactory(tor=TorFactory(city=city), status="final")
    make_group(city, version, n=1, languages=("fr",))
    with django_capture_on_commit_callbacks(execute=True):
        ratification_send(TOR_RATIFICATION, version=version)
    page = open_link(client, link_in(mail.outbox[0]))
    before = client.get(page).content.decode()
    assert "(heure de Tunis)" in before  # the deadline of the link
    client.post(page, {"action": "ratify", "sha256": version.sha256, "confirm": "on", "signed_name": "Amal Ben Salah"})
    after = client.get(page).content.decode()
    decision = after[after.index('id="decision"') :]
    decision = decision[: decision.index("</div>")]
    assert "(heure de Tunis)" in decision
    assert "UTC" not in decision


def test_the_tor_pdf_says_when_it_was_generated_in_the_citys_time(city):
    version = TorVersionFactory(tor=TorFactory(city=city), status="final")
    text = pdf_text(tor_version_pdf(version=version, language="fr"))
    assert "(heure de Tunis)" in text
    assert "UTC" not in text
