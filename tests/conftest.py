"""Shared fixtures: the healthchecks cast. alice coordinates Tunis, bob only views it,
eve edits it, charlie belongs to another city and must see nothing of Tunis."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from cities.models import Role
from stakeholders.models import Domain
from terms.models import CoordinationRole
from tests.factories import CityFactory, MembershipFactory, UserFactory

SIGNING_PASSPHRASE = "test-signing-passphrase"


@pytest.fixture(scope="session", autouse=True)
def signing_certificate(tmp_path_factory):
    """Documents are signed in every test, as in production: `signing_setup` makes a demo root and a city
    certificate once per run (2048-bit keys, for speed) and the settings point at them. Returns the folder
    (root.pem, city.p12, tsa.p12)."""
    directory = tmp_path_factory.mktemp("signing")
    call_command(
        "signing_setup", dir=str(directory), passphrase=SIGNING_PASSPHRASE, key_size=2048, stdout=io.StringIO()
    )
    with override_settings(
        SIGNING_PKCS12_PATH=str(directory / "city.p12"),
        SIGNING_PKCS12_PASSPHRASE=SIGNING_PASSPHRASE,
        SIGNING_TRUST_ROOTS=[],
        SIGNING_TSA_URL="",
    ):
        yield directory


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request to /ar/ leaves Arabic active in the thread; every test starts in French."""
    translation.activate("fr")
    yield
    translation.activate("fr")


# Catalogues that data migrations seed (domains of expertise, coordination roles).
SEED_MIGRATIONS = ["stakeholders.migrations.0002_seed_domains", "terms.migrations.0003_seed_roles"]


@pytest.fixture(autouse=True)
def _seeded_catalogues(request):
    """A transactional test (live server, threads) ends by flushing every table, seeded catalogues
    included. Before each database test, and outside its transaction, put them back if missing."""
    if not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        if not Domain.objects.exists() or not CoordinationRole.objects.exists():
            for name in SEED_MIGRATIONS:
                importlib.import_module(name).seed(django_apps, None)


@pytest.fixture
def city(db):
    return CityFactory(name_fr="Tunis", name_ar="تونس", slug="tunis")


@pytest.fixture
def other_city(db):
    return CityFactory(name_fr="Sfax", name_ar="صفاقس", slug="sfax")


@pytest.fixture
def alice(city):
    """Coordinator of the city."""
    user = UserFactory(username="alice")
    MembershipFactory(user=user, city=city, role=Role.COORDINATOR)
    return user


@pytest.fixture
def eve(city):
    """Editor of the city."""
    user = UserFactory(username="eve")
    MembershipFactory(user=user, city=city, role=Role.EDITOR)
    return user


@pytest.fixture
def bob(city):
    """Read-only member (viewer) of the city."""
    user = UserFactory(username="bob")
    MembershipFactory(user=user, city=city, role=Role.VIEWER)
    return user


@pytest.fixture
def charlie(other_city):
    """Coordinator of another city: an outsider to `city`."""
    user = UserFactory(username="charlie")
    MembershipFactory(user=user, city=other_city, role=Role.COORDINATOR)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def planner_row_estimate():
    """PostgreSQL's estimate of a model's rows (pg_class.reltuples; -1 for a table never analysed)."""
    from django.db import connection  # noqa: PLC0415 -- only the PostgreSQL tests ask for it

    def estimate(model) -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
            return cursor.fetchone()[0]

    return estimate
