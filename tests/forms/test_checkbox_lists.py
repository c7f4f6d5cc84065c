"""Multiple choices on staff forms are lists of checkboxes in a fieldset with a legend, never a
<select multiple> that needs Ctrl-click (common.forms.CheckboxList)."""

import re

import pytest
from django.urls import reverse

from tests.factories.consultations import ConsultationFactory
from tests.factories.stakeholders import StakeholderFactory

pytestmark = pytest.mark.django_db


def _pages(city):
    consultation = ConsultationFactory(city=city, number=1)
    return [
        (reverse("consultations:agenda_add", args=[city.slug, consultation.number]), "speakers"),
        (reverse("planning:action_create", args=[city.slug]), "partners"),
        (reverse("planning:mapping_create", args=[city.slug]), "stakeholders"),
        (reverse("inventory:programme_create", args=[city.slug]), "partners"),
        (reverse("inventory:programme_create", args=[city.slug]), "domains"),
        (reverse("stakeholders:create", args=[city.slug]), "domains"),
    ]


def test_every_multiple_choice_is_a_checkbox_list_with_a_legend(client, alice, city):
    StakeholderFactory(city=city, name_fr="Partenaire Un")
    StakeholderFactory(city=city, name_fr="Partenaire Deux")
    client.force_login(alice)
    for url, name in _pages(city):
        for language in ("fr", "ar"):
            body = client.get(url.replace("/fr/", f"/{language}/", 1)).content.decode()
            assert not re.search(r"<select[^>]*\bmultiple\b", body), url
            boxes = re.findall(rf'<input type="checkbox"[^>]*name="{name}"', body)
            assert len(boxes) >= 2, (url, name)
            fieldset = re.search(
                rf"<fieldset[^>]*>\s*<legend[^>]*>.*?</legend>(?:(?!</fieldset>).)*name=\"{name}\"", body, re.S
            )
            assert fieldset, (url, name)
