import pytest
from django.core.exceptions import ImproperlyConfigured

from cities import cycle
from cities.demo import demo_loaders
from tests.factories import ConsultationFactory


def test_the_consultations_app_provides_the_cycle(city, other_city):
    ConsultationFactory(city=city, number=1)
    marks = cycle.cycle_marks_for_cities(city_ids=[city.pk, other_city.pk])
    assert [m.number for m in marks[city.pk]] == [1, 2, 3, 4]
    assert marks[city.pk][0].status is not None
    assert marks[other_city.pk][0].status is None


def test_without_a_provider_the_home_page_fails_loudly(monkeypatch):
    monkeypatch.setattr(cycle, "_PROVIDER", [])
    with pytest.raises(ImproperlyConfigured):
        cycle.cycle_marks_for_cities(city_ids=[1])


def test_every_app_with_demo_data_registers_it_in_app_order():
    assert [app for app, _load in demo_loaders()] == [
        "stakeholders",
        "terms",
        "consultations",
        "planning",
        "inventory",
        "portal",
        "programmes",
        "notifications",
        "reminders",
    ]
