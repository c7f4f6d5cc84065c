"""A reminder does not kill the link of the first email (issue #13), for every kind of ratification.

A stakeholder who clicked the first email after a reminder got "invalid link": each email issued a
new token and revoked the earlier one. Now a reminder is the same offer sent again (same request,
same deadline): every link it carried works until the decision or the deadline. A resend (a new
deadline), a new contact or a revocation still kills every earlier link.
"""

import pytest
from django.core import mail
from django.test import Client

from ratification.kinds import all_kinds
from tests.terms.helpers import link_in, path_of

# The world's request of each kind (a builder of world.py). A new kind fails until it is added here.
KIND_TARGETS = {"tor": "ratification", "roadmap": "roadmap_ratification"}
KINDS = sorted(all_kinds(), key=lambda k: k.name)


def test_every_kind_has_a_target():
    assert sorted(KIND_TARGETS) == [k.name for k in KINDS]


@pytest.fixture
def staff(alice):
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def act(staff, django_capture_on_commit_callbacks):
    def act(kind, action, rr, data=None):
        url = kind.url(action, city_slug="tunis", pk=rr.pk)
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(url, data or {})
        assert response.status_code == 302
        return link_in(mail.outbox[-1]) if action in ("resend", "remind") else None

    return act


def _opens(url) -> bool:
    return Client().get(path_of(url)).status_code == 302


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_reminder_keeps_the_first_link_working(kind, world, act):
    rr = world.get(KIND_TARGETS[kind.name])
    first = act(kind, "resend", rr)
    reminder = act(kind, "remind", rr)
    assert first != reminder
    assert _opens(first) and _opens(reminder)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_resend_kills_every_earlier_link(kind, world, act):
    rr = world.get(KIND_TARGETS[kind.name])
    first = act(kind, "resend", rr)
    reminder = act(kind, "remind", rr)
    again = act(kind, "resend", rr)
    assert not _opens(first) and not _opens(reminder)
    assert _opens(again)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_revocation_kills_every_link(kind, world, act):
    rr = world.get(KIND_TARGETS[kind.name])
    first = act(kind, "resend", rr)
    reminder = act(kind, "remind", rr)
    act(kind, "revoke", rr, {"reason": "test"})
    assert not _opens(first) and not _opens(reminder)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Le lien de notre premier message reste valable lui aussi"),
        ("ar", "يبقى الرابط الوارد في رسالتنا الأولى صالحًا أيضًا"),
    ],
)
def test_the_reminder_says_the_earlier_link_still_works(kind, language, expected, world, act):
    rr = world.get(KIND_TARGETS[kind.name])
    type(rr).objects.filter(pk=rr.pk).update(language=language)
    rr.refresh_from_db()
    act(kind, "resend", rr)
    act(kind, "remind", rr)
    message = mail.outbox[-1]
    assert expected in message.body
    assert expected in message.alternatives[0][0]
