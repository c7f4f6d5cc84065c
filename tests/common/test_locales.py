"""common.locales and its template filters: times in the city's zone and labelled, the city's month
names, lists and time ranges that read right in Arabic."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from common import locales

TUNIS = SimpleNamespace(time_zone="Africa/Tunis", country_code="TN")
RABAT = SimpleNamespace(time_zone="Africa/Casablanca", country_code="MA")
NOWHERE = SimpleNamespace(time_zone="UTC", country_code="")
# 23:05 UTC on 29 November is 00:05 on 30 November in Tunis.
LATE = dt.datetime(2026, 11, 29, 23, 5, tzinfo=dt.UTC)


def render(source: str, **context) -> str:
    return Template("{% load common_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "30 novembre 2026 00:05 (heure de Tunis)"),
        ("ar", "30 نوفمبر 2026، 00:05 (بتوقيت تونس)"),
    ],
)
def test_city_time_is_in_the_citys_zone_and_says_so(language, expected):
    with translation.override(language):
        assert render("{{ t|city_time:city }}", t=LATE, city=TUNIS) == expected


def test_city_time_utc_adds_the_utc_time_for_records():
    with translation.override("fr"):
        assert render("{{ t|city_time_utc:city }}", t=LATE, city=TUNIS) == (
            "30 novembre 2026 00:05 (heure de Tunis) · 2026-11-29 23:05 UTC"
        )


@pytest.mark.parametrize(("language", "expected"), [("fr", "29 novembre 2026 23:05"), ("ar", "29 نوفمبر 2026، 23:05")])
def test_in_utc_reads_the_moment_in_utc_in_the_readers_format(language, expected):
    with translation.override(language):
        assert render("{{ t|in_utc:city }}", t=LATE, city=TUNIS) == expected
        assert render("{{ t|in_utc:city }}", t=None, city=TUNIS) == ""


def test_a_naive_time_is_taken_as_utc_and_nothing_gives_nothing():
    with translation.override("fr"):
        assert locales.format_city_datetime(LATE.replace(tzinfo=None), TUNIS).startswith("30 novembre 2026 00:05")
        assert render("{{ t|city_time:city }}", t=None, city=TUNIS) == ""


def test_a_zone_without_a_known_place_is_named_after_its_iana_name():
    with translation.override("fr"):
        assert locales.zone_label("America/New_York") == "heure de New York"
        assert locales.zone_label(NOWHERE) == "UTC"


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        (TUNIS, "13 فيفري 2024"),  # Tunisia: the months of the French names
        (RABAT, "13 فبراير 2024"),  # Morocco: its own names (ar_MA)
        (NOWHERE, "13 فبراير 2024"),  # no country: Django's Arabic
    ],
)
def test_arabic_month_names_follow_the_citys_country(city, expected):
    with translation.override("ar"):
        assert render("{{ d|city_date:city }}", d=dt.date(2024, 2, 13), city=city) == expected


def test_every_tunisian_and_moroccan_month():
    with translation.override("ar"):
        tunisia = [locales.format_value(dt.date(2024, m, 1), "F", city=TUNIS) for m in range(1, 13)]
        morocco = [locales.format_value(dt.date(2024, m, 1), "F", city=RABAT) for m in range(1, 13)]
    assert " ".join(tunisia) == "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر"
    assert " ".join(morocco) == "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر"


def test_french_months_do_not_change_with_the_country():
    with translation.override("fr"):
        assert (
            render("{% city_format d city 'l j F Y' %}", d=dt.date(2024, 2, 13), city=TUNIS) == "mardi 13 février 2024"
        )


def test_city_date_of_a_moment_is_the_citys_date():
    with translation.override("fr"):
        assert render("{{ t|city_date:city }}", t=LATE, city=TUNIS) == "30 novembre 2026"


def test_time_ranges_are_isolated_left_to_right():
    start, end = dt.time(9, 0), dt.time(10, 30)
    assert render("{{ a|time_range:b }}", a=start, b=end) == '<bdi dir="ltr">09:00–10:30</bdi>'
    text = Template("{% load common_tags %}{% autoescape off %}{{ a|time_range:b }}{% endautoescape %}")
    assert text.render(Context({"a": start, "b": end})) == "\u206609:00–10:30\u2069"


@pytest.mark.parametrize(("language", "expected"), [("fr", "a, b &amp; c"), ("ar", "a، b &amp; c")])
def test_lists_use_the_languages_comma(language, expected):
    with translation.override(language):
        assert render("{{ items|join_list }}", items=["a", "b & c", ""]) == expected
