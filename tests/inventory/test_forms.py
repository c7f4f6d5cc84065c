"""The inventory's forms: the stakeholder filter lists the city's stakeholders in the reader's language."""

import pytest
from django.utils import translation

from inventory.forms import ProgrammeFilterForm
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def test_the_stakeholder_filter_sorts_by_the_readers_language(city, other_city):
    for fr, ar in NAMES:
        StakeholderFactory(city=city, name_fr=fr, name_ar=ar)
    StakeholderFactory(city=other_city, name_fr="Ailleurs", name_ar="آخر")
    with translation.override("fr"):
        assert [s.name_fr for s in ProgrammeFilterForm(city=city).fields["stakeholder"].queryset] == FRENCH_ORDER
    with translation.override("ar"):
        assert [s.name_ar for s in ProgrammeFilterForm(city=city).fields["stakeholder"].queryset] == ARABIC_ORDER
