import pytest

from cities.models import Role
from terms.models import VersionStatus
from tests.factories import (
    ContactFactory,
    CoordinationRoleFactory,
    MembershipFactory,
    RoleAssignmentFactory,
    StakeholderFactory,
    TorVersionFactory,
    UserFactory,
)

GROUP = 5


@pytest.fixture
def final_version(city):
    return TorVersionFactory(tor__city=city, status=VersionStatus.FINAL)


@pytest.fixture
def group(city, final_version):
    """Five active stakeholders, each with a role and a primary contact: ready for ratification."""
    member = CoordinationRoleFactory(code="member")
    stakeholders = []
    for i in range(GROUP):
        stakeholder = StakeholderFactory(city=city)
        ContactFactory(stakeholder=stakeholder, email=f"c{i}@example.org", language="ar" if i % 2 else "fr")
        RoleAssignmentFactory(version=final_version, stakeholder=stakeholder, role=member)
        stakeholders.append(stakeholder)
    return stakeholders


@pytest.fixture
def coordinator(city):
    user = UserFactory(username="fault-coordinator")
    MembershipFactory(user=user, city=city, role=Role.COORDINATOR)
    return user
