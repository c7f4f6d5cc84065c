"""The personal space: what it lists, that it lists nothing of another organisation or city, each item's
action through the existing public pages, and its query count."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.models import Answer, Invitation
from links.models import EmailLink
from links.selectors import link_current_for_target
from links.services import link_issue
from links.views import SESSION_KEY
from planning.models import RoadmapStatus
from ratification.models import RatificationStatus
from terms.models import TorFeedback, VersionStatus
from tests.factories import (
    ConsultationFactory,
    FrozenRoadmapVersionFactory,
    InvitationFactory,
    MinutesFactory,
    RoadmapRatificationRequestFactory,
)
from tests.portal.conftest import held, make_org

pytestmark = pytest.mark.django_db

SPACE = "/fr/p/space/"


def html(client, url=SPACE):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestWhatItLists:
    def test_it_lists_every_kind_of_item_with_its_action(self, client, org, open_space):
        open_space(org.contact)
        page = html(client)
        assert f'id="invitation-{org.invitation.pk}"' in page
        assert f"/fr/p/space/open/invitation/{org.invitation.pk}/" in page
        assert f"/fr/p/space/open/feedback/{org.feedback_request.pk}/" in page
        assert f"/fr/p/space/open/tor/{org.ratification.pk}/" in page
        assert "Remarque de Alpha" in page and "Réponse à Alpha" in page and "Accepté" in page
        assert "/fr/p/space/documents/agenda/1.pdf" in page

    def test_it_never_shows_another_organisation_nor_another_city(self, client, org, neighbour, foreigner, open_space):
        open_space(org.contact)
        page = html(client)
        for other in (neighbour, foreigner):
            assert f'id="invitation-{other.invitation.pk}"' not in page
            assert f"/open/invitation/{other.invitation.pk}/" not in page
            assert f"/open/feedback/{other.feedback_request.pk}/" not in page
            assert f"/open/tor/{other.ratification.pk}/" not in page
            assert other.remark.text not in page and other.remark.reply not in page
            assert other.stakeholder.name_fr not in page
        assert "Réunion sfax" not in page and "Réunion tunis" in page

    def test_it_cannot_open_another_organisation_item(self, client, org, neighbour, foreigner, open_space):
        open_space(org.contact)
        for other in (neighbour, foreigner):
            for item, pk in (
                ("invitation", other.invitation.pk),
                ("feedback", other.feedback_request.pk),
                ("tor", other.ratification.pk),
            ):
                response = client.post(f"/fr/p/space/open/{item}/{pk}/", follow=True)
                assert response.redirect_chain[-1][0] == SPACE
                assert "plus ouvert" in response.content.decode()
        assert set(client.session[SESSION_KEY]) == {"space"}
        assert not EmailLink.objects.exclude(purpose="space").exists()

    def test_it_cannot_download_another_city_document(self, client, org, foreigner, open_space):
        open_space(org.contact)
        Invitation.objects.filter(pk=org.invitation.pk).delete()
        assert client.get("/fr/p/space/documents/agenda/1.pdf").status_code == 404
        assert client.get("/fr/p/space/documents/minutes/1.pdf").status_code == 404
        assert client.get("/fr/p/space/documents/tor/99.pdf").status_code == 404
        assert client.get("/fr/p/space/documents/roadmap/1.pdf").status_code == 404
        assert client.get("/fr/p/space/documents/nothing/1.pdf").status_code == 404

    def test_past_ratifications_show_decision_and_date(self, client, org, open_space):
        now = timezone.now()
        org.ratification.__class__.objects.filter(pk=org.ratification.pk).update(
            status=RatificationStatus.RATIFIED, decided_at=now, channel="link", signed_name="A", closed_at=now
        )
        open_space(org.contact)
        page = html(client)
        assert f"/open/tor/{org.ratification.pk}/" not in page
        assert "Ratifiée" in page or "Ratifié" in page

    def test_it_is_in_arabic_right_to_left_for_an_arabic_contact(self, client, city, open_space):
        arab = make_org(city, name="Delta", language="ar")
        assert open_space(arab.contact) == "/ar/p/space/"
        page = html(client, "/ar/p/space/")
        assert '<html lang="ar" dir="rtl">' in page
        assert "فضاؤكم الشخصي" in page


class TestActions:
    def test_answer_an_invitation_through_its_own_page(self, client, org, open_space):
        open_space(org.contact)
        response = client.post(f"/fr/p/space/open/invitation/{org.invitation.pk}/")
        assert response.status_code == 302
        assert response["Location"] == "/fr/p/consultations/invitation/"
        assert client.get(response["Location"]).status_code == 200
        response = client.post("/fr/p/consultations/invitation/", {"answer": Answer.ATTENDING, "delegate_name": ""})
        assert response.status_code == 302
        org.invitation.refresh_from_db()
        assert org.invitation.answer == Answer.ATTENDING
        # The space link still works beside the item's link.
        assert "Votre réponse" in html(client)

    def test_the_item_email_link_is_reused_and_keeps_working(self, client, org, open_space):
        issued = link_issue(
            target=org.invitation,
            purpose="invitation",
            expires_at=timezone.now() + dt.timedelta(days=5),
            language="fr",
            city=org.stakeholder.city,
        )
        open_space(org.contact)
        client.post(f"/fr/p/space/open/invitation/{org.invitation.pk}/")
        assert client.session[SESSION_KEY]["invitation"] == issued.link.pk
        issued.link.refresh_from_db()
        assert issued.link.is_usable

    def test_give_feedback_through_its_own_page(self, client, org, open_space):
        open_space(org.contact)
        response = client.post(f"/fr/p/space/open/feedback/{org.feedback_request.pk}/")
        assert response["Location"] == "/fr/p/terms/feedback/"
        assert client.get("/fr/p/terms/feedback/").status_code == 200
        client.post("/fr/p/terms/feedback/", {"general": "Un commentaire depuis l'espace."})
        assert TorFeedback.objects.filter(stakeholder=org.stakeholder, text="Un commentaire depuis l'espace.").exists()

    def test_decide_a_ratification_through_its_own_page(self, client, org, open_space):
        open_space(org.contact)
        response = client.post(f"/fr/p/space/open/tor/{org.ratification.pk}/")
        assert response["Location"] == "/fr/p/terms/ratify/"
        assert client.get("/fr/p/terms/ratify/").status_code == 200
        version = org.ratification.version
        client.post(
            "/fr/p/terms/ratify/",
            {"action": "ratify", "sha256": version.sha256, "confirm": "on", "signed_name": "Amal Ben Salah"},
        )
        org.ratification.refresh_from_db()
        assert org.ratification.status == RatificationStatus.RATIFIED
        link = link_current_for_target(org.ratification, "ratification")
        assert link is None or link.expires_at <= org.ratification.expires_at

    def test_a_closed_item_is_refused_with_a_message(self, client, org, open_space):
        held(org.invitation.consultation)
        open_space(org.contact)
        response = client.post(f"/fr/p/space/open/invitation/{org.invitation.pk}/", follow=True)
        assert response.redirect_chain[-1][0] == SPACE
        assert "plus ouvert" in response.content.decode()

    def test_actions_are_post_only(self, client, org, open_space):
        open_space(org.contact)
        assert client.get(f"/fr/p/space/open/invitation/{org.invitation.pk}/").status_code == 405

    def test_documents_agenda_minutes_and_adopted_tor(self, client, org, open_space):
        consultation = org.invitation.consultation
        MinutesFactory(consultation=consultation)
        held(consultation)
        version = org.ratification.version
        type(version).objects.filter(pk=version.pk).update(status=VersionStatus.ADOPTED, adopted_at=timezone.now())
        open_space(org.contact)
        page = html(client)
        assert "/fr/p/space/documents/minutes/1.pdf" in page
        assert f"/fr/p/space/documents/tor/{version.number}.pdf" in page
        for url in (
            "/fr/p/space/documents/agenda/1.pdf",
            "/fr/p/space/documents/minutes/1.pdf",
            f"/fr/p/space/documents/tor/{version.number}.pdf",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response).startswith(b"%PDF")


def _more_items(city, org, n):
    """n more remarks, up to 3 more invitations (consultations 2 to 4), and a roadmap ratification."""
    first = org.invitation.consultation
    for number in range(2, 2 + min(n, 3)):
        consultation = ConsultationFactory(city=city, number=number, date=first.date + dt.timedelta(days=30 * number))
        InvitationFactory(consultation=consultation, stakeholder=org.stakeholder, sent_at=timezone.now())
    for i in range(n):
        TorFeedback.objects.create(
            version=org.feedback_request.version, stakeholder=org.stakeholder, text=f"R{i}", source="paper"
        )
    if n:
        RoadmapRatificationRequestFactory(
            version=FrozenRoadmapVersionFactory(city=city), stakeholder=org.stakeholder, contact=org.contact
        )


@pytest.mark.parametrize("extra", [0, 3])
def test_query_count_is_the_same_for_one_and_many_items(
    client, city, org, open_space, django_assert_num_queries, extra
):
    _more_items(city, org, extra)
    open_space(org.contact)
    # 1 session, 2 the space link (link_required), 3 contact + stakeholder + city, 4 VIEWED event (insert),
    # 5 invitations (+ consultation + minutes), 6 open feedback requests, 7 ToR ratifications, 8 roadmap
    # ratifications, 9 adopted ToR, 10 approved roadmap, 11 remarks count, 12 remarks page (with replies).
    with django_assert_num_queries(12):
        response = client.get(SPACE)
    assert response.status_code == 200


def test_decide_the_roadmap_through_its_own_page_and_read_the_approved_one(client, city, org, open_space):
    rr = RoadmapRatificationRequestFactory(
        version=FrozenRoadmapVersionFactory(city=city), stakeholder=org.stakeholder, contact=org.contact
    )
    open_space(org.contact)
    assert f"/fr/p/space/open/roadmap/{rr.pk}/" in html(client)
    response = client.post(f"/fr/p/space/open/roadmap/{rr.pk}/")
    assert response["Location"] == "/fr/p/planning/ratify/"
    assert client.get("/fr/p/planning/ratify/").status_code == 200
    type(rr.version).objects.filter(pk=rr.version.pk).update(status=RoadmapStatus.APPROVED)
    page = html(client)
    assert f"/fr/p/space/documents/roadmap/{rr.version.number}.pdf" in page
    response = client.get(f"/fr/p/space/documents/roadmap/{rr.version.number}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
