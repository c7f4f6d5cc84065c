"""Programmes and their members are managed in the Django admin."""

import pytest

from programmes.models import ProgrammeMember
from tests.factories import CityFactory, UserFactory


@pytest.mark.parametrize(
    "url",
    [
        "/admin/programmes/programme/",
        "/admin/programmes/programme/add/",
        "/admin/programmes/programmemember/",
        "/admin/programmes/programmemember/add/",
    ],
)
def test_the_admin_pages_open(client, superuser, programme, url):
    client.force_login(superuser)

    assert client.get(url).status_code == 200


def test_an_administrator_adds_a_programme_with_its_cities_and_a_member(client, superuser):
    tunis, tanger = CityFactory(slug="tunis"), CityFactory(slug="tanger")
    user = UserFactory(username="pia")
    client.force_login(superuser)

    response = client.post(
        "/admin/programmes/programme/add/",
        {
            "name_fr": "MC2CM RUCP",
            "name_ar": "الهجرة من مدينة إلى مدينة",
            "slug": "mc2cm",
            "cities": [tunis.pk, tanger.pk],
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-0-user": user.pk,
        },
    )

    assert response.status_code == 302
    member = ProgrammeMember.objects.get()
    assert (member.user, member.programme.slug) == (user, "mc2cm")
    assert set(member.programme.cities.values_list("slug", flat=True)) == {"tunis", "tanger"}
    client.force_login(user)
    assert client.get("/fr/programmes/mc2cm/").status_code == 200
