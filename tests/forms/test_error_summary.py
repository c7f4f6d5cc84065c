"""Every staff form sent back with errors starts with one summary (config/templates/includes/error_summary.html)
that takes the focus and links to each field in error; the field it links to exists on the page."""

import re

import pytest
from django.urls import reverse

from tests.factories.consultations import ConsultationFactory
from tests.factories.terms import TorFactory, TorVersionFactory

pytestmark = pytest.mark.django_db


def _cases(city):
    consultation = ConsultationFactory(city=city, number=1)
    tor = TorFactory(city=city)
    circulated = TorVersionFactory(tor=tor, status="circulated")
    version = TorVersionFactory(tor=tor)
    c = {"city_slug": city.slug}
    return [
        (reverse("consultations:create", kwargs={**c, "number": 2}), {}),
        (reverse("consultations:edit", kwargs={**c, "number": consultation.number}), {"start_time": "xx"}),
        (reverse("consultations:agenda_add", kwargs={**c, "number": consultation.number}), {}),
        (reverse("planning:mapping_create", kwargs=c), {}),
        (reverse("planning:action_create", kwargs=c), {}),
        (reverse("inventory:programme_create", kwargs=c), {}),
        (reverse("inventory:criterion_create", kwargs=c), {}),
        (reverse("terms:feedback", kwargs={**c, "number": circulated.number}), {}),
        (reverse("terms:section_create", kwargs={**c, "number": version.number}), {}),
        (reverse("terms:change_create", kwargs={**c, "number": version.number}), {}),
        (reverse("reminders:policy", kwargs=c), {"enabled": "on", "days_before": "x", "repeat_days": "-3"}),
        (reverse("stakeholders:create", kwargs=c), {"name_fr": ""}),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_invalid_form_shows_the_summary_with_a_link_to_the_field(client, alice, city, language):
    client.force_login(alice)
    for url, data in _cases(city):
        url = url.replace("/fr/", f"/{language}/", 1)
        response = client.post(url, data)
        assert response.status_code == 200, url
        body = response.content.decode()
        summary = re.search(r'<div[^>]*id="error-summary"[^>]*>(.*?)</div>', body, re.S)
        assert summary, url
        assert 'tabindex="-1"' in summary.group(0) and "data-error-summary" in summary.group(0), url
        targets = re.findall(r'<a href="#([^"]+)"', summary.group(1))
        assert targets, url
        for target in targets:
            field = re.search(rf'<(?:input|select|textarea)[^>]*id="{re.escape(target)}"[^>]*>', body)
            assert field, (url, target)
            assert 'aria-invalid="true"' in field.group(0), (url, target)
