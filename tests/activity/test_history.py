"""Every tracked model records who changed what, field by field, with the fields' names in the page's language."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from activity.selectors import ActivityFilters, activity_events, activity_queryset
from cities.models import Role
from cities.permissions import CityAccess
from consultations.models import AgendaItem
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    ConsultationFactory,
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorSectionFactory,
    TorVersionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _access(city):
    """An editor: sees contacts' personal data (a viewer sees it masked, docs/security.md)."""
    return CityAccess(city=city, role=Role.EDITOR, is_superuser=False)


def _latest_event(city, kind):
    rows = list(activity_queryset(city=city, filters=ActivityFilters(kind=kind))[:1])
    (event,) = activity_events(rows=rows, access=_access(city))
    return event


def _change(obj, user, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


CASES = {
    "stakeholder": (
        lambda city: StakeholderFactory(city=city, name_fr="Croissant rouge", name_ar="الهلال الأحمر"),
        {"name_ar": "الهلال الأحمر التونسي", "influence": 5},
        {"nom [ar]": ("الهلال الأحمر", "الهلال الأحمر التونسي"), "influence": ("3", "5")},
    ),
    "contact": (
        lambda city: ContactFactory(stakeholder=StakeholderFactory(city=city), name="Leïla Ben Ali", phone=""),
        {"phone": "+216 71 000 000"},
        {"téléphone": ("—", "+216 71 000 000")},
    ),
    "consultation": (
        lambda city: ConsultationFactory(city=city, number=1),
        {"title_fr": "Aligner les visions", "venue_ar": "قصر البلدية"},
        {"titre [fr]": ("Consultation 1", "Aligner les visions"), "lieu [ar]": ("البلدية", "قصر البلدية")},
    ),
    "agendaitem": (
        lambda city: AgendaItemFactory(consultation=ConsultationFactory(city=city), title_fr="Accueil"),
        {"title_fr": "Accueil des participants"},
        {"titre [fr]": ("Accueil", "Accueil des participants")},
    ),
    "torversion": (
        lambda city: TorVersionFactory(tor__city=city, sections=0),
        {"summary_fr": "Première version"},
        {"résumé des modifications [fr]": ("—", "Première version")},
    ),
    "torsection": (
        lambda city: TorSectionFactory(version=TorVersionFactory(tor__city=city, sections=0), heading_ar="القسم"),
        {"heading_ar": "الأهداف"},
        {"titre [ar]": ("القسم", "الأهداف")},
    ),
    "action": (
        lambda city: ActionFactory(city=city, title_fr="Guichet unique"),
        {"title_fr": "Guichet unique des migrants", "status": "in_progress"},
        {"titre [fr]": ("Guichet unique", "Guichet unique des migrants"), "statut": ("Prévue", "En cours")},
    ),
    "indicator": (
        lambda city: IndicatorFactory(action=ActionFactory(city=city)),
        {"target_value": Decimal("250")},
        {"cible": ("100,00", "250,00")},
    ),
    "membership": (
        lambda city: MembershipFactory(city=city, user=UserFactory(username="dora"), role=Role.VIEWER),
        {"role": Role.EDITOR},
        {"rôle": ("Lecteur", "Éditeur")},
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_it_records_who_changed_what_field_by_field(kind, city, alice):
    make, fields, expected = CASES[kind]
    obj = make(city)
    _change(obj, alice, **fields)

    event = _latest_event(city, kind)

    assert event.user == alice
    assert event.history_type == "~"
    assert event.object_id == obj.pk
    assert {c.field: (c.old, c.new) for c in event.changes} == expected


def test_it_records_a_role_assignment_created_and_deleted(city, alice):
    assignment = RoleAssignmentFactory(version=TorVersionFactory(tor__city=city, sections=0))
    assignment._history_user = alice
    assignment.delete()

    rows = list(activity_queryset(city=city, filters=ActivityFilters(kind="roleassignment")))
    deleted, created = activity_events(rows=rows, access=_access(city))

    assert (deleted.history_type, created.history_type) == ("-", "+")
    assert deleted.user == alice
    assert deleted.label == f"{assignment.stakeholder} – {assignment.role}"
    assert {c.field for c in created.changes} >= {"version", "partie prenante", "rôle"}


def test_field_names_follow_the_page_language(city, alice):
    stakeholder = StakeholderFactory(city=city, name_ar="الهلال")
    _change(stakeholder, alice, name_ar="الهلال الأحمر")

    with translation.override("ar"):
        event = _latest_event(city, "stakeholder")
        assert [c.field for c in event.changes] == ["الاسم [ar]"]


def test_it_shows_the_date_of_a_change(city, alice):
    consultation = ConsultationFactory(city=city)
    _change(consultation, alice, date=datetime.date(2030, 4, 1))

    event = _latest_event(city, "consultation")

    assert {c.field: (c.old, c.new) for c in event.changes} == {"date": ("12 mars 2030", "1 avril 2030")}


def test_a_moderator_field_change_is_recorded(city, alice):
    item = AgendaItemFactory(consultation=ConsultationFactory(city=city))
    _change(item, alice, moderator_name="Mme Samia")

    event = _latest_event(city, "agendaitem")

    assert isinstance(item, AgendaItem)
    assert [(c.field, c.new) for c in event.changes] == [("modérateur (nom)", "Mme Samia")]
