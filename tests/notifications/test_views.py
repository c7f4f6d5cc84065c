"""The notifications page, the navbar's unread count, marking read, preferences; each user sees and changes
only their own notifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.context_processors import notifications
from notifications.models import Notification, NotificationKind, NotificationPreference
from notifications.services import notification_notify_city

pytestmark = pytest.mark.django_db
LIST = "/fr/notifications/"


def notify(city, n=1, key="e"):
    for i in range(n):
        notification_notify_city(
            city=city,
            kind=NotificationKind.EMAIL_FAILED,
            params={"to": f"x{i}@example.org", "subject": f"Sujet {i}"},
            url_name="outbox:list",
            url_kwargs={"city_slug": city.slug},
            event_key=f"{key}:{i}",
        )


def unread_badge(html: str) -> str | None:
    marker = 'data-unread="'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_the_navbar_shows_the_unread_count_on_every_page(client, alice, city):
    notify(city, 3)
    first = Notification.objects.filter(user=alice).order_by("pk").first()
    Notification.objects.filter(pk=first.pk).update(read_at=timezone.now())
    client.force_login(alice)

    assert unread_badge(client.get("/fr/").content.decode()) == "2"
    assert unread_badge(client.get("/ar/c/tunis/stakeholders/").content.decode()) == "2"


def test_the_unread_count_costs_no_query_of_its_own(client, alice, city):
    notify(city, 3)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/")
    assert unread_badge(response.content.decode()) == "3"
    # The only query that reads notifications is the user's own (AuthenticationMiddleware), which carries the count.
    reading = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(reading) == 1
    assert reading[0].startswith('SELECT "auth_user"."id"')


def test_no_badge_without_unread(client, alice, city):
    client.force_login(alice)
    assert unread_badge(client.get("/fr/").content.decode()) is None


def test_the_context_processor_counts_in_one_query_when_the_user_is_not_annotated(
    rf, alice, city, django_assert_num_queries
):
    notify(city, 2)
    request = rf.get("/fr/")
    request.user = alice
    with django_assert_num_queries(1):
        assert notifications(request)["notifications_unread"] == 2


def test_the_list_shows_only_my_notifications_newest_first(client, alice, charlie, city, other_city):
    notify(city, 2)
    notify(other_city, 1, key="other")
    client.force_login(alice)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-notification=") == 2
    assert "x0@example.org" in html and "x1@example.org" in html
    assert html.index("x1@example.org") < html.index("x0@example.org")
    assert 'href="/fr/c/tunis/outbox/"' in html


def test_the_list_in_arabic(client, alice, city):
    notify(city, 1)
    client.force_login(alice)
    html = client.get("/ar/notifications/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'تعذّر إرسال رسالة إلى <bdi><span lang="fr" dir="ltr">x0@example.org</span></bdi>' in html
    assert 'href="/ar/c/tunis/outbox/"' in html


def test_the_list_paginates(client, alice, city):
    notify(city, 30)
    client.force_login(alice)
    assert client.get(LIST).content.decode().count("data-notification=") == 25
    assert client.get(LIST + "?page=2").content.decode().count("data-notification=") == 5
    assert client.get(LIST + "?page=abc").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries(client, alice, city, n, django_assert_num_queries):
    notify(city, n)
    client.force_login(alice)
    # session, user (with its unread count), the page's count, the page's notifications (with their city),
    # the user's preferences
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.status_code == 200


def test_mark_one_read(client, alice, city):
    notify(city, 2)
    client.force_login(alice)
    first = Notification.objects.filter(user=alice).order_by("pk").first()
    response = client.post(f"/fr/notifications/{first.pk}/read/", {"next": "/fr/notifications/?page=1"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/notifications/?page=1"
    first.refresh_from_db()
    assert first.is_read
    assert Notification.objects.filter(user=alice, read_at__isnull=True).count() == 1
    page = client.get(LIST).content.decode()
    assert "Notification marquée comme lue." in page
    assert unread_badge(page) == "1"


def test_mark_read_never_leaves_the_site(client, alice, city):
    notify(city, 1)
    client.force_login(alice)
    pk = Notification.objects.get(user=alice).pk
    response = client.post(f"/fr/notifications/{pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/fr/notifications/"


def test_mark_all_read(client, alice, bob, city):
    notify(city, 3)
    client.force_login(alice)
    response = client.post("/fr/notifications/read-all/", follow=True)
    assert "Toutes les notifications sont marquées comme lues." in response.content.decode()
    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=bob, read_at__isnull=True).count() == 3
    response = client.post("/fr/notifications/read-all/", follow=True)
    assert "Aucune notification non lue." in response.content.decode()


def test_a_get_changes_nothing(client, alice, city):
    notify(city, 1)
    client.force_login(alice)
    pk = Notification.objects.get(user=alice).pk
    assert client.get(f"/fr/notifications/{pk}/read/").status_code == 405
    assert client.get("/fr/notifications/read-all/").status_code == 405
    assert client.get("/fr/notifications/preferences/").status_code == 405
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_nobody_marks_another_users_notification(client, alice, charlie, city):
    notify(city, 1)
    client.force_login(charlie)
    pk = Notification.objects.get(user=alice).pk
    assert client.post(f"/fr/notifications/{pk}/read/").status_code == 404
    assert client.post("/fr/notifications/999999/read/").status_code == 404
    client.post("/fr/notifications/read-all/")
    assert not Notification.objects.get(pk=pk).is_read


@pytest.mark.parametrize(
    "method, path", [("get", ""), ("post", "read-all/"), ("post", "1/read/"), ("post", "preferences/")]
)
def test_anonymous_is_sent_to_login(client, method, path):
    response = getattr(client, method)(LIST + path)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_preferences_are_saved(client, bob):
    client.force_login(bob)
    assert not NotificationPreference.objects.exists()  # the page's GET wrote nothing
    client.get(LIST)
    assert not NotificationPreference.objects.exists()
    response = client.post("/fr/notifications/preferences/", {"daily_digest": "on", "language": "ar"}, follow=True)
    assert "Vos préférences sont enregistrées." in response.content.decode()
    preference = NotificationPreference.objects.get(user=bob)
    assert (preference.language, preference.daily_digest) == ("ar", True)


def test_invalid_preferences_are_refused_with_a_message(client, bob):
    client.force_login(bob)
    response = client.post("/fr/notifications/preferences/", {"language": "xx"}, follow=True)
    assert "Vos préférences n’ont pas pu être enregistrées" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_names_and_reasons_in_the_other_script_are_marked_on_the_page(client, alice, city):
    notification_notify_city(
        city=city,
        kind=NotificationKind.DECLINED,
        params={
            "document": "tor",
            "version": 2,
            "stakeholder": {"fr": "OIM Tunisie", "ar": "المنظمة الدولية للهجرة"},
            "reason": "L'article 4 <b>manque</b>.",
        },
        event_key="d",
    )
    client.force_login(alice)
    html = client.get("/ar/notifications/").content.decode()
    assert "<bdi>المنظمة الدولية للهجرة</bdi>" in html
    assert '<bdi><span lang="fr" dir="ltr">L&#x27;article 4 &lt;b&gt;manque&lt;/b&gt;.</span></bdi>' in html
