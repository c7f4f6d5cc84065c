"""Many-to-many changes are in the history (simple-history's m2m_fields): a stakeholder's domains, an
action's partners, an agenda item's speakers, shown as the items taken out and put in."""

import pytest

from activity.selectors import ActivityFilters, activity_events, activity_queryset
from cities.models import Role
from cities.permissions import CityAccess
from stakeholders import services as registry
from stakeholders.models import Domain
from tests.factories import ActionFactory, AgendaItemFactory, ConsultationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

LOG = "/{lang}/c/tunis/activity/"


def _events(city, kind):
    rows = list(activity_queryset(city=city, filters=ActivityFilters(kind=kind))[:20])
    return activity_events(rows=rows, access=CityAccess(city=city, role=Role.VIEWER, is_superuser=False))


def _m2m_changes(city, kind):
    return [(c.field, c.removed, c.added) for e in _events(city, kind) for c in e.changes if c.added or c.removed]


def test_adding_and_removing_a_domain_shows_in_the_stakeholders_history(client, alice, city):
    health, housing, legal = (Domain.objects.get(code=code) for code in ("health", "housing", "legal-aid"))
    stakeholder = StakeholderFactory(city=city, name_fr="Croissant rouge", name_ar="الهلال الأحمر")
    registry.stakeholder_update(stakeholder=stakeholder, domains=[health, housing])
    registry.stakeholder_update(stakeholder=stakeholder, domains=[housing, legal])
    changes = _m2m_changes(city, "stakeholder")
    # Newest first; Django's set() takes out, then puts in: one historical row for each.
    assert changes == [
        ("domaines d'expertise", [], ["Aide juridique et droits"]),
        ("domaines d'expertise", ["Santé"], []),
        ("domaines d'expertise", [], ["Santé", "Logement"]),
    ]

    client.force_login(alice)
    for lang, removed_label in (("fr", "Retiré :"), ("ar", "أُزيل:")):
        page = client.get(f"{LOG.format(lang=lang)}history/stakeholder/{stakeholder.pk}/").content.decode()
        assert f"<del><bdi>{health.name_fr if lang == 'fr' else health.name_ar}</bdi></del>" in page
        assert f"<ins><bdi>{legal.name_fr if lang == 'fr' else legal.name_ar}</bdi></ins>" in page
        assert removed_label in page


def test_an_actions_partners_and_an_agenda_items_speakers_are_recorded(city):
    partner = StakeholderFactory(city=city, name_fr="Association Amal")
    action = ActionFactory(city=city)
    action.partners.add(partner)
    assert ("parties prenantes partenaires", [], ["Association Amal"]) in [
        (f.lower(), r, a) for f, r, a in _m2m_changes(city, "action")
    ]
    action.partners.remove(partner)
    assert [r for _f, r, _a in _m2m_changes(city, "action")][0] == ["Association Amal"]

    item = AgendaItemFactory(consultation=ConsultationFactory(city=city))
    item.speakers.add(partner)
    assert [a for _f, _r, a in _m2m_changes(city, "agendaitem")][0] == ["Association Amal"]
