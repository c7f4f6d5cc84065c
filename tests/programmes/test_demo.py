"""The demo programme: MC2CM RUCP with Tunis, Sousse and Tanger, loaded by load_demo, idempotent; a Moroccan
city reads its dates with Moroccan month names."""

import io

from django.core.management import call_command

from cities.models import City
from programmes.models import Programme
from programmes.selectors import programme_overview
from terms.models import RatificationRequest


def _load():
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_loads_the_programme_and_its_cities_once(db, client):
    _load()
    counts = (Programme.objects.count(), City.objects.count(), RatificationRequest.objects.count())
    _load()
    assert (Programme.objects.count(), City.objects.count(), RatificationRequest.objects.count()) == counts

    programme = Programme.objects.get(slug="mc2cm-rucp")
    assert sorted(programme.cities.values_list("slug", flat=True)) == ["sousse", "tanger", "tunis"]
    tanger = City.objects.get(slug="tanger")
    assert (tanger.country_code, tanger.time_zone) == ("MA", "Africa/Casablanca")

    rows = {row.city.slug: row for row in programme_overview(programme=programme).cities}
    assert rows["sousse"].ratification.completion == 100
    assert rows["sousse"].ratification.tor_adopted_at is not None
    assert (rows["tanger"].ratification.ratified, rows["tanger"].ratification.pending) == (4, 3)
    assert rows["tanger"].ratification.tor_adopted_at is None
    for slug in ("sousse", "tanger"):
        assert rows[slug].invitations.invited > 0
        assert rows[slug].me.indicators > 0
        assert rows[slug].me.off_track > 0 and rows[slug].me.on_track > 0

    member = programme.members.get().user
    assert member.username == "programme-mc2cm"
    assert member.check_password("tunis-demo-2023")
    client.force_login(member)
    html = client.get("/ar/programmes/mc2cm-rucp/").content.decode()
    assert "18 فبراير 2025" in html  # Tanger, Morocco
    assert "5 مارس 2024" in html  # Sousse
    assert "7 نوفمبر 2023" in html  # Tunis, Tunisia
    assert "جوان" in html and "فيفري" in html  # Tunisian months for the Tunisian cities
