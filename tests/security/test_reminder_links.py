"""A reminder does not kill the link of the first email (issue #13).

A stakeholder who clicked the first email after a reminder got "invalid link": each email issued a
new token and revoked the earlier one. Now a reminder is the same offer sent again (same request,
same deadline): every link it carried works until the decision or the deadline. A resend (a new
deadline), a new contact or a revocation still kills every earlier link.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.terms.helpers import link_in, path_of


@pytest.fixture
def staff(alice):
    client = Client()
    client.force_login(alice)
    return client


def _act(staff, name, rr, django_capture_on_commit_callbacks):
    url = reverse(f"terms:{name}", kwargs={"city_slug": "tunis", "pk": rr.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url)
    assert response.status_code == 302
    return link_in(mail.outbox[-1])


def _opens(url) -> bool:
    return Client().get(path_of(url)).status_code == 302


def test_a_reminder_keeps_the_first_link_working(world, staff, django_capture_on_commit_callbacks):
    rr = world.get("ratification")
    first = _act(staff, "request_resend", rr, django_capture_on_commit_callbacks)
    reminder = _act(staff, "request_remind", rr, django_capture_on_commit_callbacks)
    assert first != reminder
    assert _opens(first) and _opens(reminder)


def test_a_resend_kills_every_earlier_link(world, staff, django_capture_on_commit_callbacks):
    rr = world.get("ratification")
    first = _act(staff, "request_resend", rr, django_capture_on_commit_callbacks)
    reminder = _act(staff, "request_remind", rr, django_capture_on_commit_callbacks)
    again = _act(staff, "request_resend", rr, django_capture_on_commit_callbacks)
    assert not _opens(first) and not _opens(reminder)
    assert _opens(again)


def test_a_revocation_kills_every_link(world, staff, django_capture_on_commit_callbacks):
    rr = world.get("ratification")
    first = _act(staff, "request_resend", rr, django_capture_on_commit_callbacks)
    reminder = _act(staff, "request_remind", rr, django_capture_on_commit_callbacks)
    url = reverse("terms:request_revoke", kwargs={"city_slug": "tunis", "pk": rr.pk})
    staff.post(url, {"reason": "test"})
    assert not _opens(first) and not _opens(reminder)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_reminder_says_the_earlier_link_still_works(language, world, staff, django_capture_on_commit_callbacks):
    rr = world.get("ratification")
    type(rr).objects.filter(pk=rr.pk).update(language=language)
    rr.refresh_from_db()
    _act(staff, "request_resend", rr, django_capture_on_commit_callbacks)
    _act(staff, "request_remind", rr, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    expected = {
        "fr": "Le lien de notre premier message reste valable lui aussi",
        "ar": "يبقى الرابط الوارد في رسالتنا الأولى صالحًا أيضًا",
    }[language]
    html = message.alternatives[0][0]
    assert expected in message.body and expected in html
    assert "ne fonctionne plus" not in message.body
