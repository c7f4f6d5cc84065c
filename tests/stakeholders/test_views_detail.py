import re

import pytest

from stakeholders.models import Domain
from stakeholders.services import contact_erase, stakeholder_deactivate
from terms.models import VersionStatus
from tests.factories import (
    ActionFactory,
    ConsultationFactory,
    ContactFactory,
    FrozenRoadmapVersionFactory,
    InvitationFactory,
    RatificationRequestFactory,
    RoadmapRatificationRequestFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFactory,
    TorVersionFactory,
)


@pytest.fixture
def stakeholder(city):
    s = StakeholderFactory(
        city=city,
        name_fr="Terre d'Asile Tunisie",
        name_ar="أرض اللجوء تونس",
        acronym_fr="TAT",
        notes="Permanence juridique le mardi.",
        domains=list(Domain.objects.filter(code__in=["legal-aid", "housing"])),
    )
    ContactFactory(
        stakeholder=s,
        name="Mariem Sassi",
        function="Coordinatrice juridique",
        email="mariem.sassi@example.org",
        phone="+216 71 240 118",
        is_primary=True,
    )
    ContactFactory(stakeholder=s, name="Anis Zouari", email="anis@example.org", language="ar", is_primary=False)
    return s


def test_it_shows_the_profile_domains_and_contacts_to_members(client, eve, stakeholder):
    client.force_login(eve)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    for text in [
        "Terre d&#x27;Asile Tunisie",
        "أرض اللجوء تونس",
        "TAT",
        "Aide juridique et droits",
        "Logement",
        "Permanence juridique le mardi.",
        "Mariem Sassi",
        "Coordinatrice juridique",
        'href="mailto:mariem.sassi@example.org"',
        'href="tel:+21671240118"',
        "Langue préférée : Arabe",
        "Contact principal",
    ]:
        assert text in html, text


def test_viewers_get_no_edit_buttons(client, bob, stakeholder):
    client.force_login(bob)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    assert "/edit/" not in html
    assert "/deactivate/" not in html
    assert "/erase/" not in html


def test_editors_get_the_actions_behind_confirmations(client, eve, stakeholder):
    client.force_login(eve)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    base = f"/fr/c/tunis/stakeholders/{stakeholder.pk}/"
    assert f'href="{base}edit/"' in html
    assert f'action="{base}deactivate/"' in html
    assert 'data-bs-target="#confirm-deactivate"' in html
    anis = stakeholder.contacts.get(name="Anis Zouari")
    assert f'action="{base}contacts/{anis.pk}/primary/"' in html
    assert f'action="{base}contacts/{anis.pk}/erase/"' in html
    assert f'id="confirm-erase-{anis.pk}"' in html


def test_erased_contacts_are_counted_not_shown(client, eve, stakeholder):
    contact_erase(contact=stakeholder.contacts.get(name="Anis Zouari"))
    client.force_login(eve)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    assert "Anis" not in html
    assert "Les données personnelles de 1 contact ont été effacées." in html


def test_an_inactive_stakeholder_says_since_when(client, bob, city):
    s = StakeholderFactory(city=city)

    stakeholder_deactivate(stakeholder=s)
    client.force_login(bob)
    html = client.get(f"/fr/c/tunis/stakeholders/{s.pk}/").content.decode()
    assert "a quitté le groupe actif le" in html


def test_an_unknown_stakeholder_is_404(client, bob, city):
    client.force_login(bob)
    assert client.get("/fr/c/tunis/stakeholders/999999/").status_code == 404


def test_the_arabic_page(client, eve, stakeholder):
    client.force_login(eve)
    html = client.get(f"/ar/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    assert "<h1" in html and "أرض اللجوء تونس" in html
    assert "المساعدة القانونية والحقوق" in html
    assert "جهة الاتصال الرئيسية" in html


@pytest.mark.parametrize("rows", [1, 50])
def test_the_detail_runs_a_constant_number_of_queries(client, alice, city, rows, django_assert_num_queries):
    s = StakeholderFactory(city=city, domains=list(Domain.objects.all()))
    ContactFactory(stakeholder=s, is_primary=True)
    for _ in range(rows - 1):
        ContactFactory(stakeholder=s, is_primary=False)
    for _ in range(rows):
        StakeholderFactory(city=city)
    for number in range(1, min(rows, 4) + 1):
        InvitationFactory(consultation=ConsultationFactory(city=city, number=number), stakeholder=s)
    for i in range(min(rows, 20)):
        if i % 2:
            ActionFactory(city=city, lead=s)
        else:
            ActionFactory(city=city, partners=[s])
    tor = TorFactory(city=city)
    domains = list(Domain.objects.all())
    for i in range(min(rows, 3)):
        version = TorVersionFactory(tor=tor, number=i + 1, status=VersionStatus.FINAL)
        RoleAssignmentFactory(version=version, stakeholder=s, domain=domains[i])
        RatificationRequestFactory(version=version, stakeholder=s, contact=None)
    for i in range(min(rows, 2)):
        RoadmapRatificationRequestFactory(
            version=FrozenRoadmapVersionFactory(city=city, number=i + 1), stakeholder=s, contact=None
        )
    client.force_login(alice)
    # 1 session, 2 user, 3 city and role, 4 stakeholder, 5 its domains, 6 its contacts, then one query per
    # registered section: 7 its roles in every ToR version, 8 its invitations with their consultations,
    # 9 its ToR ratification requests, 10 its roadmap ratification requests, 11 the actions it leads or partners in,
    # 12 its contacts with their personal space link
    # 13 its engagement timeline (activity: one UNION query)
    with django_assert_num_queries(13):
        response = client.get(f"/fr/c/tunis/stakeholders/{s.pk}/")
    html = response.content.decode()
    assert html.count('data-bs-target="#confirm-erase-') == rows
    assert html.count("/fr/c/tunis/consultations/") >= min(rows, 4)
    assert len(re.findall(r"/fr/c/tunis/planning/actions/\d+/", html)) == min(rows, 20)
    assert html.count("/fr/c/tunis/terms/v/") >= min(rows, 3)
    assert html.count("/fr/c/tunis/terms/ratification/") == min(rows, 3)
    assert html.count("/fr/c/tunis/planning/roadmap/ratification/") == min(rows, 2)
