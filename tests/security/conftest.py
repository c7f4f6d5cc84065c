import pytest
from django.core.cache import cache
from django.test import Client

from .world import World

ROLES = ("anonymous", "outsider", "viewer", "editor", "coordinator", "superuser")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters (bad link tokens, logins) live in the cache: each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(city):
    return World(city)


@pytest.fixture
def foreign_world(other_city):
    return World(other_city, prefix="Sfax-")


@pytest.fixture
def role_users(alice, eve, bob, charlie, superuser):
    return {
        "anonymous": None,
        "outsider": charlie,
        "viewer": bob,
        "editor": eve,
        "coordinator": alice,
        "superuser": superuser,
    }


@pytest.fixture
def role_clients(role_users):
    """One client per role; requests that raise come back as 500 responses instead of failing the loop."""
    clients = {}
    for role, user in role_users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients
