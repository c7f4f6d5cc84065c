"""The dashboard, the list and the exports run the same number of queries for 1 city and for 10 (no N+1).

Every city is populate()'s known city: stakeholders, invitations, two ToR versions and their ratifications,
an approved roadmap, actions and indicators with measurements.
"""

import pytest

from tests.factories import CityFactory, CityProgrammeFactory, ProgrammeMemberFactory, UserFactory


@pytest.fixture
def programme_of(populate, member):
    def make(n):
        programme = CityProgrammeFactory(slug=f"p{n}", cities=[populate(CityFactory()) for _ in range(n)])
        ProgrammeMemberFactory(programme=programme, user=member)
        return programme

    return make


@pytest.mark.parametrize("n", [1, 10])
def test_the_dashboard_runs_the_same_queries_for_1_and_10_cities(
    client, member, programme_of, n, django_assert_num_queries
):
    programme = programme_of(n)
    client.force_login(member)
    # session, user, programme (membership checked), cities, domains, cycle, stakeholders by category, by domain,
    # invitations, ToR versions, their decisions, roadmap approvals, live actions, their indicators
    with django_assert_num_queries(14):
        response = client.get(f"/fr/programmes/{programme.slug}/")
    assert response.status_code == 200
    assert len(response.context["overview"].cities) == n


@pytest.mark.parametrize("n", [1, 10])
def test_the_exports_run_the_same_queries_for_1_and_10_cities(
    client, member, programme_of, n, django_assert_num_queries
):
    programme = programme_of(n)
    client.force_login(member)
    with django_assert_num_queries(14):
        assert client.get(f"/fr/programmes/{programme.slug}/export.xlsx").status_code == 200
    with django_assert_num_queries(14):
        assert client.get(f"/ar/programmes/{programme.slug}/summary/ar.pdf").status_code == 200


@pytest.mark.parametrize("n", [1, 10])
def test_the_list_runs_the_same_queries_for_1_and_10_programmes(client, db, n, django_assert_num_queries):
    member = UserFactory()
    for _ in range(n):
        ProgrammeMemberFactory(user=member, programme=CityProgrammeFactory(cities=[CityFactory()]))
    client.force_login(member)
    # session, user, count (paginator), the page of programmes with their number of cities
    with django_assert_num_queries(4):
        response = client.get("/fr/programmes/")
    assert len(response.context["programmes"]) == n
