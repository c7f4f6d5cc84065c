import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from cities.models import City, Membership, Role
from common.text import normalize_search_text
from stakeholders.models import Contact, Stakeholder


def _run(*args):
    out = io.StringIO()
    call_command("generate_scale_data", *args, stdout=out)
    return out.getvalue()


def test_it_makes_cities_stakeholders_contacts_and_a_coordinator(db):
    output = _run("--cities", "2", "--stakeholders", "30")
    assert "scale-1: 30 stakeholders (30 new" in output
    assert "scale-2: 30 stakeholders (30 new" in output
    assert list(City.objects.filter(slug__startswith="scale-").values_list("slug", flat=True).order_by("slug")) == [
        "scale-1",
        "scale-2",
    ]
    assert Stakeholder.objects.count() == 60
    assert Contact.objects.filter(is_primary=True).count() == 60
    assert not Stakeholder.objects.filter(domains__isnull=True).exists()
    assert set(Membership.objects.filter(user__username="scale-coordinator").values_list("role", flat=True)) == {
        Role.COORDINATOR
    }
    s = Stakeholder.objects.first()
    assert s.search_text == " | ".join(normalize_search_text(v) for v in (s.name_fr, s.name_ar, s.acronym_fr) if v)


def test_it_is_idempotent_and_resets_on_request(db):
    _run("--cities", "1", "--stakeholders", "20")
    names = set(Stakeholder.objects.values_list("name_fr", flat=True))
    assert "(0 new" in _run("--cities", "1", "--stakeholders", "20")
    assert set(Stakeholder.objects.values_list("name_fr", flat=True)) == names
    assert "(5 new" in _run("--cities", "1", "--stakeholders", "25")
    assert Stakeholder.objects.count() == 25
    assert "scale-1: 10 stakeholders (10 new" in _run("--cities", "1", "--stakeholders", "10", "--reset")
    assert Stakeholder.objects.count() == Contact.objects.count() == 10


def test_the_synthetic_registry_is_searchable(client, db):
    _run("--cities", "1", "--stakeholders", "40")

    client.force_login(get_user_model().objects.get(username="scale-coordinator"))
    response = client.get("/ar/c/scale-1/stakeholders/", {"q": "جمعيه", "status": "all"})
    expected = Stakeholder.objects.filter(name_ar__startswith="جمعية").count()
    assert expected > 0
    assert response.context["page"].paginator.count == expected
