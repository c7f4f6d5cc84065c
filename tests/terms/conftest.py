import pytest
from django.core import mail
from django.utils import translation

from terms.models import CoordinationRole, VersionStatus
from tests.factories import ContactFactory, RoleAssignmentFactory, StakeholderFactory, TorFactory, TorVersionFactory


@pytest.fixture
def tor(city):
    return TorFactory(city=city)


@pytest.fixture
def member_role(db):
    return CoordinationRole.objects.get(code="member")


@pytest.fixture
def final_version(tor):
    return TorVersionFactory(tor=tor, status=VersionStatus.FINAL)


def make_group(city, version, n=3, languages=("fr", "ar", "fr"), prefix=""):
    """n active stakeholders ("Organisation A", ...), each with a primary contact (c0@example.org, ...;
    languages in turn) and the member role. A prefix keeps names unique when called again."""
    out = []
    for i in range(n):
        s = StakeholderFactory(city=city, name_fr=f"Organisation {prefix}{chr(65 + i)}", name_ar=f"منظمة {prefix}{i}")
        ContactFactory(
            stakeholder=s,
            name=f"Contact {prefix}{chr(65 + i)}",
            email=f"c{prefix}{i}@example.org",
            language=languages[i % len(languages)],
        )
        RoleAssignmentFactory(version=version, stakeholder=s, role=CoordinationRole.objects.get(code="member"))
        out.append(s)
    return out


@pytest.fixture
def group(city, final_version):
    return make_group(city, final_version)


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox = []


@pytest.fixture
def english():
    """Service errors are asserted on their English msgids; pages get their language from the URL."""

    with translation.override("en"):
        yield
