"""The secretariat's follow-up of each remark: a status and a reply, set by coordinators on the feedback page,
shown in the changes list of the version that answers it."""

import pytest
from django.db import IntegrityError, transaction

from terms.models import ReplyStatus, TorFeedback, VersionStatus
from terms.services.feedback import tor_change_create
from terms.services.versions import tor_version_create_from
from tests.factories import StakeholderFactory, TorFeedbackFactory, TorVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remark(tor):
    version = TorVersionFactory(tor=tor, status=VersionStatus.CIRCULATED)
    return TorFeedbackFactory(version=version, stakeholder=StakeholderFactory(city=tor.city), text="Citer les ONG.")


def reply_url(remark):
    return f"/fr/c/{remark.version.tor.city.slug}/terms/v/{remark.version.number}/feedback/{remark.pk}/reply/"


def feedback_url(remark):
    return f"/fr/c/{remark.version.tor.city.slug}/terms/v/{remark.version.number}/feedback/"


def test_alice_sets_status_and_reply(client, alice, remark):
    client.force_login(alice)
    response = client.post(reply_url(remark), {"reply_status": "partly", "reply": "En partie, voir v2."}, follow=True)
    assert response.redirect_chain[-1][0] == f"{feedback_url(remark)}#fb-{remark.pk}"
    page = response.content.decode()
    assert "Réponse enregistrée" in page
    assert "Acceptée en partie" in page and "En partie, voir v2." in page
    remark.refresh_from_db()
    assert (remark.reply_status, remark.reply, remark.replied_by) == ("partly", "En partie, voir v2.", alice)
    assert remark.replied_at is not None


def test_alice_may_change_the_reply(client, alice, remark):
    client.force_login(alice)
    client.post(reply_url(remark), {"reply_status": "noted", "reply": ""})
    client.post(reply_url(remark), {"reply_status": "accepted", "reply": "Retenu."})
    remark.refresh_from_db()
    assert (remark.reply_status, remark.reply) == ("accepted", "Retenu.")


def test_an_invalid_status_is_refused_with_a_message(client, alice, remark):
    client.force_login(alice)
    response = client.post(reply_url(remark), {"reply_status": "maybe", "reply": "x"}, follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    remark.refresh_from_db()
    assert remark.reply_status == "" and remark.reply == ""


def test_the_feedback_page_shows_the_reply_form_to_coordinators_only(client, alice, bob, eve, remark):
    client.force_login(alice)
    assert reply_url(remark) in client.get(feedback_url(remark)).content.decode()
    for user in (bob, eve):
        client.force_login(user)
        page = client.get(feedback_url(remark)).content.decode()
        assert reply_url(remark) not in page and "En attente de réponse" in page


@pytest.mark.parametrize("user, status", [("bob", 403), ("eve", 403), ("charlie", 404)])
def test_others_may_not_reply(client, request, remark, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.post(reply_url(remark), {"reply_status": "accepted", "reply": "x"}).status_code == status
    remark.refresh_from_db()
    assert remark.reply_status == ""


def test_anonymous_is_sent_to_login_and_get_is_refused(client, alice, remark):
    assert "/accounts/login/" in client.post(reply_url(remark), {"reply_status": "accepted"})["Location"]
    client.force_login(alice)
    assert client.get(reply_url(remark)).status_code == 405


def test_another_version_remark_is_404(client, alice, remark, tor):
    other = TorVersionFactory(tor=tor, status=VersionStatus.CIRCULATED)
    client.force_login(alice)
    url = f"/fr/c/{tor.city.slug}/terms/v/{other.number}/feedback/{remark.pk}/reply/"
    assert client.post(url, {"reply_status": "accepted"}).status_code == 404


def test_the_database_refuses_an_unknown_status_and_a_reply_without_status(remark):
    with pytest.raises(IntegrityError), transaction.atomic():
        TorFeedback.objects.filter(pk=remark.pk).update(reply_status="maybe")
    with pytest.raises(IntegrityError), transaction.atomic():
        TorFeedback.objects.filter(pk=remark.pk).update(reply="Une réponse sans suite.")
    assert set(ReplyStatus.values) == {"accepted", "partly", "not_retained", "noted"}


def test_the_changes_list_links_to_the_remark_with_its_status(client, alice, remark):
    TorFeedback.objects.filter(pk=remark.pk).update(reply_status=ReplyStatus.ACCEPTED)
    draft = tor_version_create_from(previous=remark.version, user=alice)
    tor_change_create(version=draft, description_fr="Les ONG sont citées.", feedback=[remark])
    client.force_login(alice)
    page = client.get(f"/fr/c/{draft.tor.city.slug}/terms/v/{draft.number}/").content.decode()
    assert f"{feedback_url(remark)}#fb-{remark.pk}" in page
    assert "Acceptée" in page
