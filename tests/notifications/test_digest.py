"""The daily digest: only for who asked, in the user's language, at most once a day, only what is new."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cities.models import Role
from notifications.models import Notification, NotificationKind, NotificationPreference
from notifications.selectors import digest_notifications
from notifications.services import digests_send, notification_notify_city
from tests.common.test_collation import ARABIC_ORDER, FRENCH_ORDER, NAMES, _positions
from tests.factories import CityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _emails(alice, bob, charlie):
    for user, address in ((alice, "alice@example.org"), (bob, "bob@example.org"), (charlie, "charlie@example.org")):
        user.email = address
        user.save(update_fields=["email"])


def notify(city, key, to="x@example.org"):
    notification_notify_city(
        city=city,
        kind=NotificationKind.EMAIL_FAILED,
        params={"to": to, "subject": "Invitation"},
        url_name="outbox:list",
        url_kwargs={"city_slug": city.slug},
        event_key=key,
    )


def run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return digests_send(**kwargs)


def test_only_users_who_asked_get_a_digest_in_their_language(alice, bob, city, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=alice, daily_digest=True, language="ar")
    NotificationPreference.objects.create(user=bob, daily_digest=False)
    notify(city, "a")

    assert run(django_capture_on_commit_callbacks) == 1

    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "إشعاراتكم: إشعار واحد غير مقروء"
    assert message.extra_headers["Content-Language"] == "ar"
    assert "تعذّر إرسال رسالة إلى \u2068x@example.org\u2069: \u2068Invitation\u2069" in message.body
    assert "https://stakeholders.example.org/ar/notifications/" in message.body
    assert "تونس" in message.body
    assert 'dir="rtl"' in message.alternatives[0][0]


def test_french_by_default(alice, city, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=alice, daily_digest=True)
    notify(city, "a")
    notify(city, "b", to="y@example.org")
    run(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Vos notifications : 2 non lues"
    assert "Un courriel à \u2068y@example.org\u2069 n’a pas pu être envoyé : \u2068Invitation\u2069" in message.body
    assert "https://stakeholders.example.org/fr/notifications/" in message.body


def test_at_most_one_digest_a_day_and_only_what_is_new(alice, city, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=alice, daily_digest=True)
    notify(city, "a")
    now = Notification.objects.get(user=alice).created_at + dt.timedelta(minutes=5)

    assert run(django_capture_on_commit_callbacks, now=now) == 1
    notify(city, "b")
    assert run(django_capture_on_commit_callbacks, now=now + dt.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1

    # The next day: only what came since the last digest.
    newer = Notification.objects.get(user=alice, event_key="b").created_at
    assert run(django_capture_on_commit_callbacks, now=max(now, newer) + dt.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Vos notifications : 1 non lue"


def test_nothing_unread_no_email(alice, city, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=alice, daily_digest=True)
    notify(city, "a")
    Notification.objects.update(read_at=Notification.objects.get(user=alice).created_at)
    assert run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert NotificationPreference.objects.get(user=alice).digest_sent_on is None


def test_the_command(alice, city, django_capture_on_commit_callbacks, capsys):
    NotificationPreference.objects.create(user=alice, daily_digest=True)
    notify(city, "a")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
        call_command("send_digests")
    assert len(mail.outbox) == 1
    assert capsys.readouterr().out.splitlines() == ["1 digest(s) queued.", "0 digest(s) queued."]


def test_cities_follow_in_the_readers_language(alice, django_capture_on_commit_callbacks):
    """In French "Équipe" sorts between "Entraide" and "Fondation"; in Arabic the Arabic names (issue 12)."""
    for fr, ar in NAMES:
        city = CityFactory(name_fr=fr, name_ar=ar, slug=f"city-{len(ar)}-{fr[:3].lower()}")
        MembershipFactory(user=alice, city=city, role=Role.COORDINATOR)
        notify(city, fr)
    until = timezone.now() + dt.timedelta(minutes=1)
    since = until - dt.timedelta(days=1)
    for language, order, field in (("fr", FRENCH_ORDER, "name_fr"), ("ar", ARABIC_ORDER, "name_ar")):
        found = digest_notifications(user=alice, since=since, until=until, language=language)
        assert [getattr(n.city, field) for n in found] == order
    NotificationPreference.objects.create(user=alice, daily_digest=True, language="ar")
    run(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert _positions(message.body, ARABIC_ORDER) == sorted(_positions(message.body, ARABIC_ORDER))
