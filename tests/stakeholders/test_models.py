"""Contact.objects.reachable() / reachable_primary(): the one rule for who an email can reach."""

from django.utils import timezone

from stakeholders.models import Contact
from stakeholders.services import contact_erase
from tests.factories import ContactFactory, StakeholderFactory


def test_reachable_primary_is_the_primary_contact_with_an_email_not_erased(city):
    reached = ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=True, email="nour@example.org")
    ContactFactory(stakeholder=reached.stakeholder, is_primary=False, email="autre@example.org")
    ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=True, email="")  # no address
    erased = ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=True)
    contact_erase(contact=erased)
    assert list(Contact.objects.reachable_primary()) == [reached]


def test_reachable_is_any_contact_with_an_email_not_erased(city):
    stakeholder = StakeholderFactory(city=city)
    primary = ContactFactory(stakeholder=stakeholder, name="Amal", is_primary=True)
    other = ContactFactory(stakeholder=stakeholder, name="Béchir", is_primary=False)
    ContactFactory(stakeholder=stakeholder, name="Chedly", is_primary=False, email="")
    gone = ContactFactory(stakeholder=stakeholder, name="Dora", is_primary=False)
    Contact.objects.filter(pk=gone.pk).update(erased_at=timezone.now())  # erased, its email left behind
    assert set(Contact.objects.reachable()) == {primary, other}


def test_the_rule_is_also_on_a_stakeholder_s_contacts(city):
    reached = ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=True)
    ContactFactory(stakeholder=StakeholderFactory(city=city), is_primary=True)
    assert list(reached.stakeholder.contacts.reachable_primary()) == [reached]
