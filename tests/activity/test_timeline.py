"""A stakeholder's engagement timeline: what it contains, in which order, and at what cost in queries."""

import datetime

import pytest
from django.utils import timezone

from activity.selectors import stakeholder_timeline_queryset, timeline_items
from activity.views import timeline_section_context
from outbox.models import OutgoingEmail
from ratification.models import RatificationStatus
from terms.models import TorChange, VersionStatus
from tests.factories import (
    ActionFactory,
    ConsultationFactory,
    InvitationFactory,
    RatificationRequestFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorFeedbackFactory,
    TorVersionFactory,
)

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 1, 6, 9, 0, tzinfo=datetime.UTC)


def at(days):
    return T0 + datetime.timedelta(days=days)


@pytest.fixture
def stakeholder(city):
    return StakeholderFactory(city=city, name_fr="Croissant rouge")


@pytest.fixture
def history(city, stakeholder):
    """One event of each kind, a day apart, plus another stakeholder's events that must not show."""
    consultation = ConsultationFactory(city=city, number=1, title_fr="Aligner les visions")
    invitation = InvitationFactory(
        consultation=consultation,
        stakeholder=stakeholder,
        sent_at=at(1),
        answer="attending",
        answered_at=at(2),
        attended=True,
        attendance_recorded_at=at(10),
    )
    email = OutgoingEmail.objects.create(
        city=city,
        to="contact@example.org",
        subject="Invitation à la consultation 1",
        body_text="…",
        purpose="invitation",
        source=invitation,
        status="sent",
        sent_at=at(1),
        created_at=at(0),
    )
    version = TorVersionFactory(tor__city=city, status=VersionStatus.CIRCULATED)
    version.created_at = at(3)
    version.save()
    feedback = TorFeedbackFactory(version=version, stakeholder=stakeholder, text="Préciser le rôle du secrétariat")
    type(feedback).objects.filter(pk=feedback.pk).update(created_at=at(4))
    change = TorChange.objects.create(version=version, description_fr="Section 2 réécrite")
    change.feedback.add(feedback)
    TorChange.objects.filter(pk=change.pk).update(created_at=at(5))
    RoleAssignmentFactory(version=version, stakeholder=stakeholder)
    final = TorVersionFactory(tor=version.tor, status=VersionStatus.FINAL)
    RatificationRequestFactory(
        version=final,
        stakeholder=stakeholder,
        contact=None,
        status=RatificationStatus.RATIFIED,
        decided_at=at(6),
        channel="link",
        signed_name="L. Ben Salah",
    )
    action = ActionFactory(city=city, lead=stakeholder, title_fr="Guichet unique")
    type(action).objects.filter(pk=action.pk).update(created_at=at(7))
    # Someone else's
    other = StakeholderFactory(city=city, name_fr="Autre")
    InvitationFactory(consultation=consultation, stakeholder=other, sent_at=at(1))
    ActionFactory(city=city, lead=other, title_fr="Pas la sienne")
    return email


def test_it_lists_every_kind_of_event_newest_first(stakeholder, history):
    rows = list(stakeholder_timeline_queryset(stakeholder=stakeholder))
    items = timeline_items(rows)
    assert [(i.kind, i.at) for i in items] == [
        ("attendance", at(10)),
        ("action", at(7)),
        ("ratification", at(6)),
        ("reply", at(5)),
        ("feedback", at(4)),
        ("role", at(3)),
        ("answered", at(2)),
        ("invited", at(1)),
        ("email", at(0)),
    ]
    texts = {i.kind: (i.text, i.status) for i in items}
    assert texts["invited"] == ("Invitation à la consultation 1 : Aligner les visions", "")
    assert texts["answered"] == ("Réponse à l'invitation à la consultation 1", "Présent")
    assert texts["attendance"] == ("Présent à la consultation 1", "")
    assert texts["feedback"][0].startswith("Commentaire sur la version 1, section « Section")
    assert texts["feedback"][0].endswith(" » : Préciser le rôle du secrétariat")
    assert texts["reply"] == (
        "Modification apportée dans la version 1 en réponse à ses commentaires : Section 2 réécrite",
        "",
    )
    assert texts["ratification"] == ("Décision sur la ratification de la version 2 des TdR", "Ratifiée")
    assert texts["role"][0].startswith("Rôle dans la version 1 des TdR : ")
    assert texts["action"] == ("Pilote l'action : Guichet unique", "Prévue")
    assert texts["email"] == ("Courriel : Invitation à la consultation 1", "Envoyé")


def test_the_stakeholder_page_shows_the_timeline(client, bob, stakeholder, history):
    client.force_login(bob)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    assert "Historique de participation" in html
    assert "Pilote l&#x27;action : Guichet unique" in html
    assert "Pas la sienne" not in html
    assert f"/fr/c/tunis/activity/history/stakeholder/{stakeholder.pk}/" in html


def test_the_timeline_is_in_arabic(client, bob, stakeholder, history):
    client.force_login(bob)
    html = client.get(f"/ar/c/tunis/activity/stakeholders/{stakeholder.pk}/timeline/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مسار المشاركة" in html
    assert "دعوة إلى الاستشارة 1" in html


def test_the_section_is_capped_with_a_link_to_the_whole_timeline(client, alice, city, stakeholder):
    for number in range(1, 5):
        InvitationFactory(
            consultation=ConsultationFactory(city=city, number=number),
            stakeholder=stakeholder,
            sent_at=at(number),
            answered_at=at(number),
            answer="attending",
            attendance_recorded_at=at(number),
            attended=False,
        )
    client.force_login(alice)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    section = html.split('id="stakeholder-timeline"')[1]
    assert section.count('<li class="border-bottom py-1">') == 10
    assert f"/fr/c/tunis/activity/stakeholders/{stakeholder.pk}/timeline/" in section
    full = client.get(f"/fr/c/tunis/activity/stakeholders/{stakeholder.pk}/timeline/").content.decode()
    assert full.count('<li class="border-bottom py-1">') == 12
    assert "Absent de la consultation 4" in full


def test_an_empty_timeline_says_so(client, bob, stakeholder):
    client.force_login(bob)
    html = client.get(f"/fr/c/tunis/stakeholders/{stakeholder.pk}/").content.decode()
    assert "Rien pour l'instant" in html


def _events(city, stakeholder, n):
    """n events: invitations sent (one per consultation), then actions led."""
    for number in range(1, min(n, 4) + 1):
        InvitationFactory(
            consultation=ConsultationFactory(city=city, number=number), stakeholder=stakeholder, sent_at=timezone.now()
        )
    for _ in range(n - min(n, 4)):
        ActionFactory(city=city, lead=stakeholder)


@pytest.mark.parametrize("events", [1, 50])
def test_the_timeline_page_runs_a_constant_number_of_queries(
    client, alice, city, stakeholder, events, django_assert_num_queries
):
    _events(city, stakeholder, events)
    client.force_login(alice)
    # 1 session, 2 user, 3 city and role, 4 the stakeholder, 5 count, 6 the page of the UNION
    with django_assert_num_queries(6):
        response = client.get(f"/fr/c/tunis/activity/stakeholders/{stakeholder.pk}/timeline/")
    assert response.status_code == 200


@pytest.mark.parametrize("events", [1, 50])
def test_the_section_runs_one_query(city, stakeholder, events, django_assert_num_queries):
    _events(city, stakeholder, events)
    with django_assert_num_queries(1):
        context = timeline_section_context(stakeholder=stakeholder, city=city, access=None)
    assert len(context["timeline"]) == min(events, 10)
    assert context["timeline_has_more"] is (events > 10)


def test_an_outsider_cannot_see_a_timeline(client, charlie, stakeholder):
    client.force_login(charlie)
    assert client.get(f"/fr/c/tunis/activity/stakeholders/{stakeholder.pk}/timeline/").status_code == 404
