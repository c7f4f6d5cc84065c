"""The figures of a programme's dashboard, against the known city of conftest.populate."""

import datetime as dt

from django.utils import translation

from programmes.selectors import programme_cities, programme_list_for_user, programme_overview, rate
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES
from tests.factories import CityFactory, CityProgrammeFactory, ProgrammeMemberFactory, UserFactory


def test_it_computes_each_rate_from_the_database(programme, city):
    row = programme_overview(programme=programme).cities[0]

    assert row.city == city
    assert row.active == 4
    assert row.categories == {"civil_society": 2, "municipal": 1, "academia": 1}
    inv = row.invitations
    assert (inv.consultations, inv.invited, inv.answered, inv.invited_held, inv.attended_held, inv.walk_ins) == (
        2,
        6,
        4,
        4,
        2,
        1,
    )
    assert (inv.invitation_rate, inv.answer_rate, inv.attendance_rate) == (75, 67, 50)


def test_it_counts_coverage_by_category_and_domain(programme):
    overview = programme_overview(programme=programme)
    row = overview.cities[0]
    by_code = {domain.code: counts[0] for domain, counts, _total in overview.domain_rows}

    assert by_code["health"] == 2
    assert by_code["housing"] == 1
    assert by_code["education"] == 0
    assert (row.categories_covered, row.domains_covered) == (3, 2)
    assert [total for _c, _l, _counts, total in overview.categories if _c == "civil_society"] == [2]


def test_it_reads_the_version_last_sent_and_the_adoption_dates(programme):
    rat = programme_overview(programme=programme).cities[0].ratification

    assert rat.version_number == 2
    assert (rat.ratified, rat.declined, rat.pending, rat.active) == (2, 1, 1, 4)
    assert rat.completion == 50
    assert rat.tor_adopted_at == dt.datetime(2024, 4, 2, 10, 0, tzinfo=dt.UTC)
    assert rat.roadmap_approved_on == dt.date(2024, 10, 15)


def test_it_counts_indicators_on_and_off_track_of_live_actions_only(programme):
    me = programme_overview(programme=programme).cities[0].me

    assert (me.actions, me.indicators, me.measured, me.on_track, me.off_track) == (2, 2, 2, 1, 1)
    assert me.percent == 30


def test_it_places_the_city_in_the_cycle(programme):
    row = programme_overview(programme=programme).cities[0]

    assert row.current_step.number == 2
    assert row.steps_closed == 1


def test_the_programme_totals_add_up_the_cities(programme, populate):
    programme.cities.add(populate(CityFactory()))
    totals = programme_overview(programme=programme).totals

    assert totals["active"] == 8
    assert totals["invitations"].invited == 12
    assert totals["invitation_rate"] == 75
    assert totals["invitations"].attendance_rate == 50
    assert totals["ratification_completion"] == 50
    assert totals["tor_adopted"] == 2
    assert (totals["on_track"], totals["off_track"]) == (2, 2)


def test_a_city_with_nothing_yet_has_no_rate(db):
    programme = CityProgrammeFactory(cities=[CityFactory()])
    row = programme_overview(programme=programme).cities[0]

    assert row.active == 0
    assert (row.invitations.invitation_rate, row.invitations.attendance_rate) == (None, None)
    assert row.ratification.completion is None
    assert row.me.percent is None
    assert row.current_step.number == 1


def test_rate_rounds_half_up_and_refuses_a_zero_denominator():
    assert rate(1, 8) == 13
    assert rate(2, 3) == 67
    assert rate(0, 0) is None


def test_a_user_sees_only_the_programmes_they_follow(db):
    mine = CityProgrammeFactory(name_fr="A")
    CityProgrammeFactory(name_fr="B")
    user = ProgrammeMemberFactory(programme=mine).user

    assert list(programme_list_for_user(user=user)) == [mine]
    assert programme_list_for_user(user=UserFactory(is_superuser=True)).count() == 2


def test_programmes_and_their_cities_sort_by_the_readers_language(db):
    """In French "Équipe" sorts between "Entraide" and "Fondation"; in Arabic the Arabic names (issue 12)."""
    admin = UserFactory(is_superuser=True)
    cities = [CityFactory(name_fr=fr, name_ar=ar) for fr, ar in NAMES]
    for fr, ar in NAMES:
        CityProgrammeFactory(name_fr=fr, name_ar=ar, cities=cities)
    programme = programme_list_for_user(user=admin).first()
    with translation.override("fr"):
        assert [p.name_fr for p in programme_list_for_user(user=admin)] == FRENCH_ORDER
        assert [c.name_fr for c in programme_cities(programme=programme)] == FRENCH_ORDER
    with translation.override("ar"):
        assert [p.name_ar for p in programme_list_for_user(user=admin)] == ARABIC_ORDER
        assert [c.name_ar for c in programme_cities(programme=programme)] == ARABIC_ORDER
