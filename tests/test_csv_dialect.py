"""One CSV dialect for the whole product (common.spreadsheets.csv_bytes): every CSV download, found in the
URL configuration itself, opens the same way in a spreadsheet set to French: byte-order mark, semicolons."""

import csv
import io

import pytest

from tests.factories import ActionFactory, IndicatorFactory, StakeholderFactory
from tests.security.urlwalk import walk

CSV_ROUTES = [route for route in walk() if route.template.endswith(".csv")]


def test_the_csv_downloads_are_the_ones_this_test_knows():
    assert sorted(route.name for route in CSV_ROUTES) == ["planning:matrix_csv", "stakeholders:export"]


@pytest.mark.parametrize("route", CSV_ROUTES, ids=lambda route: route.name)
def test_every_csv_download_is_written_in_the_one_dialect(client, alice, city, route):
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant-Rouge; section de Tunis")
    IndicatorFactory(action=ActionFactory(city=city, lead=stakeholder))
    client.force_login(alice)
    response = client.get(route.url({"city_slug": city.slug}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) >= 2 and len(rows[0]) > 5
    assert {len(row) for row in rows} == {len(rows[0])}  # a semicolon in a name stays inside its cell
    assert any("Croissant-Rouge; section de Tunis" in cell for row in rows for cell in row)
