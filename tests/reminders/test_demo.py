import datetime as dt

from consultations import demo as consultations_demo
from reminders import demo
from reminders.models import ReminderLog, ReminderPolicy
from stakeholders import demo as stakeholders_demo


def test_the_demo_gives_tunis_a_policy_and_a_few_reminders_sent_once(city, other_city, alice):
    users = {"coordinator": alice}
    stakeholders_demo.load(city, users, other_city=other_city)
    consultations_demo.load(city, users, other_city=other_city)
    demo.load(city, users, other_city=other_city)
    demo.load(city, users, other_city=other_city)
    policy = ReminderPolicy.objects.get()
    assert (policy.city, policy.enabled, policy.days_before, policy.repeat_days) == (city, True, 7, 3)
    assert (policy.quiet_start, policy.quiet_end) == (dt.time(20, 0), dt.time(8, 0))
    log = ReminderLog.objects.filter(city=city)
    assert log.count() == 8
    assert set(log.values_list("slot", flat=True)) == {"auto:0", "auto:1"}
    assert all(d.year == 2023 for d in log.values_list("sent_at", flat=True))
    assert all("@" in to for to in log.values_list("to", flat=True))
