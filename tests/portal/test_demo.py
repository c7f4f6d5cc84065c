import pytest
from django.core import mail

from links.models import EmailLink
from portal import demo
from stakeholders import demo as stakeholders_demo
from terms import demo as terms_demo
from terms.models import TorFeedback
from tests.terms.helpers import link_in, path_of

pytestmark = pytest.mark.django_db


def test_the_demo_sends_one_tunis_contact_a_space_link_once(client, city, alice, django_capture_on_commit_callbacks):
    users = {"coordinator": alice}
    stakeholders_demo.load(city, users)
    terms_demo.load(city, users)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(city, users)
    assert TorFeedback.objects.exclude(reply_status="").count() == 2
    (message,) = mail.outbox
    print(message.to, message.subject, link_in(message))
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(city, users)
    assert len(mail.outbox) == 1
    assert EmailLink.objects.filter(purpose="space").count() == 1
    location = client.get(path_of(link_in(message)))["Location"]
    page = client.get(location).content.decode()
    assert "Terre d&#x27;Asile Tunisie" in page or "Terre d'Asile Tunisie" in page
    assert "Retenu : la version 2 cite les associations de migrants" in page
