"""Lists sort by the name in the reader's language, with that language's collation (issue 12).

On SQLite the collations come from pyuca; run this file by hand against PostgreSQL (ICU) with
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test."""

import pytest
from django.urls import reverse
from django.utils import translation

from common.collation import collation_for, translated_name_order
from consultations.selectors import attendance_list
from stakeholders.models import Stakeholder
from terms.models import CoordinationRole
from terms.selectors import matrix_stakeholders
from tests.factories import (
    ConsultationFactory,
    InvitationFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db

# (French, Arabic): the French order is Entraide, Équipe, Fondation; the Arabic one أمل, بيت, ثقة.
NAMES = [("Fondation Soleil", "أمل"), ("Équipe mobile", "ثقة"), ("Entraide Sud", "بيت")]
FRENCH_ORDER = ["Entraide Sud", "Équipe mobile", "Fondation Soleil"]
ARABIC_ORDER = ["أمل", "بيت", "ثقة"]


@pytest.fixture
def named(city):
    return [StakeholderFactory(city=city, name_fr=fr, name_ar=ar) for fr, ar in NAMES]


def _positions(html: str, names: list[str]) -> list[int]:
    return [html.index(name) for name in names]


def test_the_collation_follows_the_language():
    assert collation_for("fr") == "fr-x-icu"
    assert collation_for("ar") == "ar-x-icu"
    assert collation_for("en") == "fr-x-icu"
    with translation.override("ar"):
        assert collation_for() == "ar-x-icu"


def test_an_accented_capital_sorts_with_its_letter_not_after_z(named, city):
    StakeholderFactory(city=city, name_fr="Zèbre", name_ar="ياسمين")
    names = list(Stakeholder.objects.filter(city=city).order_by(translated_name_order(language="fr"), "pk"))
    assert [s.name_fr for s in names] == [*FRENCH_ORDER, "Zèbre"]


def test_arabic_order_uses_the_arabic_name_and_french_when_it_is_missing(named, city):
    StakeholderFactory(city=city, name_fr="Sans nom arabe", name_ar="")
    qs = Stakeholder.objects.filter(city=city).order_by(translated_name_order(language="ar"), "pk")
    # The Arabic collation puts the Arabic script first, then the Latin one (ICU does, and so does SQLite).
    assert [s.name_ar or s.name_fr for s in qs] == [*ARABIC_ORDER, "Sans nom arabe"]


def test_the_registry_sorts_by_the_readers_language(client, alice, named):
    client.force_login(alice)
    html = client.get(reverse("stakeholders:list", kwargs={"city_slug": "tunis"})).content.decode()
    assert _positions(html, FRENCH_ORDER) == sorted(_positions(html, FRENCH_ORDER))
    html = client.get("/ar" + reverse("stakeholders:list", kwargs={"city_slug": "tunis"})[3:]).content.decode()
    assert _positions(html, ARABIC_ORDER) == sorted(_positions(html, ARABIC_ORDER))


def test_the_attendance_page_sorts_by_the_readers_language(client, alice, city, named):
    consultation = ConsultationFactory(city=city, number=1)
    for stakeholder in named:
        InvitationFactory(consultation=consultation, stakeholder=stakeholder)
    assert [i.stakeholder.name_fr for i in attendance_list(consultation=consultation)] == FRENCH_ORDER
    client.force_login(alice)
    html = client.get("/ar/c/tunis/consultations/1/attendance/").content.decode()
    assert _positions(html, ARABIC_ORDER) == sorted(_positions(html, ARABIC_ORDER))
    html = client.get("/fr/c/tunis/consultations/1/attendance/").content.decode()
    assert _positions(html, FRENCH_ORDER) == sorted(_positions(html, FRENCH_ORDER))


def test_the_role_matrix_sorts_by_the_readers_language(city, named):
    version = TorVersionFactory(tor=TorFactory(city=city))
    member = CoordinationRole.objects.get(code="member")
    for stakeholder in named:
        RoleAssignmentFactory(version=version, stakeholder=stakeholder, role=member)
    assert [s.name_fr for s in matrix_stakeholders(version=version)] == FRENCH_ORDER
    with translation.override("ar"):
        assert [s.name_ar for s in matrix_stakeholders(version=version)] == ARABIC_ORDER
