from consultations import demo as consultations_demo
from notifications import demo
from notifications.models import Notification
from notifications.texts import notification_text
from stakeholders import demo as stakeholders_demo
from terms import demo as terms_demo


def test_the_demo_gives_the_coordinator_read_and_unread_notifications_once(city, other_city, alice, bob):
    users = {"coordinator": alice}
    stakeholders_demo.load(city, users, other_city=other_city)
    terms_demo.load(city, users, other_city=other_city)
    consultations_demo.load(city, users, other_city=other_city)
    demo.load(city, users, other_city=other_city)
    demo.load(city, users, other_city=other_city)

    mine = Notification.objects.filter(user=alice, event_key__startswith="demo:")
    assert mine.count() == 4
    assert mine.filter(read_at__isnull=True).count() == 2
    assert not Notification.objects.filter(user=bob, event_key__startswith="demo:").exists()
    assert all(n.get_absolute_url().startswith("/fr/c/tunis/") for n in mine)
    assert all(notification_text(n) for n in mine)
