"""The space's growing lists paginate (remarks, past ratifications), and an item's page opened from the
space links back to it (and only then)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from links.services import link_issue
from portal import public_views
from ratification.models import RatificationStatus
from terms.models import TorFeedback
from tests.factories import FrozenRoadmapVersionFactory, RoadmapRatificationRequestFactory
from tests.terms.helpers import path_of

pytestmark = pytest.mark.django_db

SPACE = "/fr/p/space/"
BACK = 'id="space-back"'


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestPagination:
    def test_remarks_are_paginated_newest_first(self, client, org, open_space):
        base = timezone.now()
        for i in range(25):  # with the fixture's own remark, 26
            TorFeedback.objects.create(
                version=org.feedback_request.version,
                stakeholder=org.stakeholder,
                text=f"Remarque numéro {i:02d}",
                source="paper",
            )
        TorFeedback.objects.filter(text__startswith="Remarque numéro").update(created_at=base + dt.timedelta(days=1))
        open_space(org.contact)
        first = body(client, SPACE)
        assert first.count('id="remark-') == 20
        assert "Remarque numéro 24" in first and "Remarque de " not in first  # the oldest waits on page 2
        assert "Page 1 sur 2" in first and "?decisions=1&amp;remarks=2#space-remarks" in first
        assert "26 en tout" in first
        second = body(client, SPACE + "?decisions=1&remarks=2")
        assert second.count('id="remark-') == 6 and "Remarque de " in second
        # Out of range or nonsense: the nearest page, never an error.
        assert body(client, SPACE + "?remarks=99").count('id="remark-') == 6
        assert body(client, SPACE + "?remarks=x&decisions=-1").count('id="remark-') == 20

    def test_past_ratifications_are_paginated(self, client, city, org, open_space, monkeypatch):
        monkeypatch.setattr(public_views, "PAGE_SIZE", 2)
        now = timezone.now()
        for _ in range(3):
            RoadmapRatificationRequestFactory(
                version=FrozenRoadmapVersionFactory(city=city),
                stakeholder=org.stakeholder,
                contact=org.contact,
                status=RatificationStatus.DECLINED,
                decline_reason="Pas maintenant.",
                channel="link",
                signed_name="A",
                decided_at=now,
                closed_at=now,
            )
        open_space(org.contact)
        first = body(client, SPACE)
        section = first.split('id="space-decisions"')[1].split('id="space-remarks"')[0]
        assert section.count("list-group-item") == 2
        assert "?remarks=1&amp;decisions=2#space-decisions" in section
        second = body(client, SPACE + "?decisions=2").split('id="space-decisions"')[1].split('id="space-remarks"')[0]
        assert second.count("list-group-item") == 1


class TestBackToTheSpace:
    @pytest.mark.parametrize(
        ("item", "pk_of", "page"),
        [
            ("invitation", lambda org: org.invitation.pk, "/fr/p/consultations/invitation/"),
            ("feedback", lambda org: org.feedback_request.pk, "/fr/p/terms/feedback/"),
            ("tor", lambda org: org.ratification.pk, "/fr/p/terms/ratify/"),
        ],
    )
    def test_an_item_opened_from_the_space_links_back_to_it(self, client, org, open_space, item, pk_of, page):
        open_space(org.contact)
        assert BACK not in body(client, SPACE)
        response = client.post(f"/fr/p/space/open/{item}/{pk_of(org)}/")
        assert response["Location"] == page
        assert f'<a href="{SPACE}" id="space-back">Retour à mon espace</a>' in body(client, page)

    def test_the_link_is_in_arabic_on_an_arabic_page(self, client, org, open_space):
        open_space(org.contact)
        client.post(f"/fr/p/space/open/invitation/{org.invitation.pk}/")
        assert '<a href="/ar/p/space/" id="space-back">العودة إلى فضائي</a>' in body(
            client, "/ar/p/consultations/invitation/"
        )

    def test_the_same_page_reached_from_its_own_email_has_no_way_back(self, org, open_space):
        issued = link_issue(
            target=org.invitation,
            purpose="invitation",
            expires_at=timezone.now() + dt.timedelta(days=5),
            language="fr",
            city=org.stakeholder.city,
        )
        other = Client()
        response = other.get(path_of(issued.url))
        assert response["Location"] == "/fr/p/consultations/invitation/"
        assert BACK not in body(other, "/fr/p/consultations/invitation/")

    def test_only_the_opened_item_page_shows_it(self, client, org, open_space):
        open_space(org.contact)
        client.post(f"/fr/p/space/open/invitation/{org.invitation.pk}/")
        assert BACK not in body(client, SPACE)
        assert client.get("/fr/p/terms/feedback/").status_code in (200, 403, 404, 410)
        assert BACK not in client.get("/fr/p/terms/feedback/").content.decode()
