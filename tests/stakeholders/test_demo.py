import datetime

from django.core.management import call_command

from cities.models import City
from stakeholders import demo
from stakeholders.models import Category, Contact, Stakeholder


def _counts():
    # The registry demo's own rows (the programmes demo adds stakeholders to Sousse and Tanger).
    names = [row[0] for row in demo.TUNIS + demo.OTHER_CITY]
    return {
        "stakeholders": Stakeholder.objects.filter(name_fr__in=names).count(),
        "contacts": Contact.objects.filter(stakeholder__name_fr__in=names).count(),
        "primary": Contact.objects.filter(stakeholder__name_fr__in=names, is_primary=True).count(),
        "domain_links": Stakeholder.domains.through.objects.filter(stakeholder__name_fr__in=names).count(),
    }


def test_load_demo_twice_gives_the_same_registry(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = _counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert _counts() == first
    assert first["stakeholders"] == len(demo.TUNIS) + len(demo.OTHER_CITY) == 22
    assert first["contacts"] == first["primary"] == 22


def test_the_tunis_group_covers_every_category_in_both_languages(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    tunis = City.objects.get(slug="tunis")
    group = Stakeholder.objects.filter(city=tunis)
    assert set(group.values_list("category", flat=True)) == set(Category.values)
    assert all(s.name_ar and s.domains.exists() for s in group)
    assert set(group.values_list("joined_on", flat=True)) == {datetime.date(2023, 11, 7)}
    assert set(Contact.objects.filter(stakeholder__city=tunis).values_list("language", flat=True)) == {"fr", "ar"}
    expert = Contact.objects.get(name="Souhaib Khayati")
    assert (expert.function, expert.stakeholder.acronym_fr) == ("Expert local", "ICMPD / MC2CM")
    assert group.get(name_fr="Délégation de l'Union européenne en Tunisie").category == Category.DONOR
    assert Stakeholder.objects.filter(city__slug="sousse", name_fr__in=[r[0] for r in demo.OTHER_CITY]).count() == 3
    assert not Contact.objects.exclude(email__endswith="@example.org").exists()


def test_demo_load_restores_edited_rows(city, other_city):
    demo.load(city, {}, other_city=other_city)
    oim = Stakeholder.objects.get(city=city, acronym_fr="OIM")
    oim.influence = 1
    oim.save()
    demo.load(city, {}, other_city=other_city)
    oim.refresh_from_db()
    assert oim.influence == 4
    assert Stakeholder.objects.filter(city=city).count() == len(demo.TUNIS)
