"""The stakeholder page's sections come from the apps above the registry, through stakeholders.sections."""

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from ratification.models import DecisionChannel, RatificationStatus
from stakeholders.sections import _SECTIONS as SECTIONS
from stakeholders.sections import register_section, registered_sections, sections_render
from tests.factories import (
    ActionFactory,
    ConsultationFactory,
    FrozenRoadmapVersionFactory,
    InvitationFactory,
    RatificationRequestFactory,
    RoadmapRatificationRequestFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)


def test_the_six_sections_are_registered_in_page_order():
    assert [s.key for s in registered_sections()] == [
        "roles",
        "invitations",
        "ratifications",
        "actions",
        "space",
        "timeline",
    ]


@pytest.mark.parametrize("section", registered_sections(), ids=lambda s: s.key)
def test_every_registered_section_template_exists(section):
    get_template(section.template)


@pytest.mark.parametrize("section", registered_sections(), ids=lambda s: s.key)
def test_every_registered_section_renders_for_a_stakeholder_without_history(rf, city, alice, section):
    stakeholder = StakeholderFactory(city=city)
    request = rf.get("/")
    request.user = alice
    html = sections_render(request=request, stakeholder=stakeholder, city=city, access=None)
    assert len(html) == len(registered_sections())
    assert all("<section" in part for part in html)


def test_a_section_whose_template_is_missing_fails_the_page(rf, city, alice):
    register_section(key="zz-missing", template="nowhere/_missing.html", order=99, context=lambda **_: {})
    try:
        request = rf.get("/")
        request.user = alice
        with pytest.raises(TemplateDoesNotExist):
            sections_render(request=request, stakeholder=StakeholderFactory(city=city), city=city, access=None)
    finally:
        del SECTIONS["zz-missing"]


@pytest.fixture
def stakeholder(city):
    return StakeholderFactory(city=city, name_fr="Organisation Internationale pour les Migrations")


def _page(client, user, stakeholder, language="fr"):
    client.force_login(user)
    response = client.get(f"/{language}/c/{stakeholder.city.slug}/stakeholders/{stakeholder.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_coordination_roles_per_version(client, bob, city, stakeholder):
    version = TorVersionFactory(tor=TorFactory(city=city), number=2)
    RoleAssignmentFactory(version=version, stakeholder=stakeholder)
    html = _page(client, bob, stakeholder)
    assert 'id="stakeholder-roles"' in html
    assert f'href="/fr/c/tunis/terms/v/{version.number}/"' in html
    assert "Membre" in html or "Member" in html or str(version) in html
    html_ar = _page(client, bob, stakeholder, "ar")
    assert 'id="stakeholder-roles"' in html_ar


def test_the_page_shows_invitations(client, bob, city, stakeholder):
    InvitationFactory(consultation=ConsultationFactory(city=city, number=1), stakeholder=stakeholder)
    html = _page(client, bob, stakeholder)
    assert 'id="stakeholder-invitations"' in html
    assert 'href="/fr/c/tunis/consultations/1/"' in html


def test_the_page_shows_ratifications_of_every_kind(client, bob, city, stakeholder):
    tor_request = RatificationRequestFactory(
        version=TorVersionFactory(tor=TorFactory(city=city), number=1),
        stakeholder=stakeholder,
        contact=None,
        status=RatificationStatus.RATIFIED,
        decided_at=timezone.now(),
        channel=DecisionChannel.PAPER,
        signed_name="Mariem Sassi",
    )
    roadmap_request = RoadmapRatificationRequestFactory(
        version=FrozenRoadmapVersionFactory(city=city, number=1), stakeholder=stakeholder, contact=None
    )
    html = _page(client, bob, stakeholder)
    assert 'id="stakeholder-ratifications"' in html
    assert f"/fr/c/tunis/terms/ratification/{tor_request.pk}/" in html
    assert f"/fr/c/tunis/planning/roadmap/ratification/{roadmap_request.pk}/" in html
    assert "Ratifiée" in html or "Ratifié" in html


def test_the_page_shows_actions_of_the_plan(client, bob, city, stakeholder):
    action = ActionFactory(city=city, lead=stakeholder)
    html = _page(client, bob, stakeholder)
    assert 'id="stakeholder-actions"' in html
    assert f"/fr/c/tunis/planning/actions/{action.pk}/" in html


def test_another_citys_records_never_show(client, bob, city, other_city, stakeholder):
    elsewhere = StakeholderFactory(city=other_city)
    action = ActionFactory(city=other_city, lead=elsewhere)
    html = _page(client, bob, stakeholder)
    assert f"/planning/actions/{action.pk}/" not in html
