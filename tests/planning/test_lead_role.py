"""The lead must hold a coordination role for the action's domain, or the pages say so.

Relies on the terms app: terms.models.RoleAssignment (version -> TorVersion -> tor -> city, stakeholder,
role, domain) and TorVersion.status ("superseded" versions do not count).
"""

import pytest

from planning.selectors import actions_lead_without_role
from tests.factories import ActionFactory, CoordinationRoleFactory, RoleAssignmentFactory, TorFactory, TorVersionFactory

WARNING_FR = "n'a aucun rôle de coordination pour le domaine « Santé »"


@pytest.fixture
def tor_version(city):
    return TorVersionFactory(tor=TorFactory(city=city), status="adopted")


def assign(version, stakeholder, domain, code="thematic-focal-point"):
    return RoleAssignmentFactory(
        version=version, stakeholder=stakeholder, domain=domain, role=CoordinationRoleFactory(code=code)
    )


def test_a_lead_with_no_role_is_flagged_on_every_page(client, bob, city, action, tor_version):
    client.force_login(bob)
    detail = client.get(f"/fr/c/tunis/planning/actions/{action.pk}/").content.decode()
    assert (
        f"{action.lead.display_name} pilote cette action mais n'a aucun rôle de coordination pour le domaine « Santé »"
        in detail
    )
    listing = client.get("/fr/c/tunis/planning/actions/").content.decode()
    assert "aucun rôle pour ce domaine" in listing
    plan = client.get("/fr/c/tunis/planning/").content.decode()
    assert "aucun rôle pour ce domaine" in plan


def test_a_role_for_the_domain_clears_the_warning(client, bob, action, tor_version, lead, health):
    assign(tor_version, lead, health)
    client.force_login(bob)
    assert "aucun rôle" not in client.get(f"/fr/c/tunis/planning/actions/{action.pk}/").content.decode()
    assert "aucun rôle" not in client.get("/fr/c/tunis/planning/actions/").content.decode()
    assert actions_lead_without_role(city=action.city, actions=[action]) == set()


def test_a_role_in_a_draft_version_counts_too(action, city, lead, health):
    draft = TorVersionFactory(tor=TorFactory(city=city))
    assign(draft, lead, health)
    assert actions_lead_without_role(city=city, actions=[action]) == set()


@pytest.mark.parametrize("case", ["other domain", "no domain", "superseded version", "other city"])
def test_roles_that_do_not_count(action, city, other_city, lead, health, housing, tor_version, case):
    if case == "other domain":
        assign(tor_version, lead, housing)
    elif case == "no domain":
        assign(tor_version, lead, None, code="secretariat")
    elif case == "superseded version":
        old = TorVersionFactory(tor=tor_version.tor, status="superseded")
        assign(old, lead, health)
    else:
        foreign = TorVersionFactory(tor=TorFactory(city=other_city), status="adopted")
        assign(foreign, lead, health)
    assert actions_lead_without_role(city=city, actions=[action]) == {action.pk}


def test_saving_an_action_whose_lead_has_no_role_warns(client, eve, city, health, lead):
    client.force_login(eve)
    data = {
        "title_fr": "Sans rôle",
        "title_ar": "",
        "description_fr": "",
        "description_ar": "",
        "domain": health.pk,
        "priority": "",
        "lead": lead.pk,
        "start_month": "2024-01",
        "end_month": "2024-02",
        "status": "planned",
        "budget": "",
        "currency": "",
        "funding_source_fr": "",
        "funding_source_ar": "",
    }
    response = client.post("/fr/c/tunis/planning/actions/new/", data, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success", "warning"]
    assert WARNING_FR in response.content.decode()


def test_the_check_is_one_query_for_a_whole_page(city, health, lead, tor_version, django_assert_num_queries):
    actions = [ActionFactory(city=city, domain=health, lead=lead) for _ in range(5)]
    with django_assert_num_queries(1):
        assert actions_lead_without_role(city=city, actions=actions) == {a.pk for a in actions}
