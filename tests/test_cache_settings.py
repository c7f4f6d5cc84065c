"""The cache backend comes from the environment: the database cache by default, Redis where deployed."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from config.settings.base import REDIS_CACHE, cache_config
from stakeholders.models import Domain
from tests.factories import StakeholderFactory

REDIS_URL = "redis://127.0.0.1:6379/15"


def test_without_a_url_it_is_the_database_cache():
    assert cache_config("") == {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}


@pytest.mark.parametrize("url", ["redis://cache.internal:6379/1", "rediss://:secret@cache.internal:6380/2"])
def test_a_redis_url_is_djangos_own_redis_backend(url):
    config = cache_config(url)
    assert config["BACKEND"] == REDIS_CACHE
    assert config["LOCATION"] == url


def test_other_schemes_are_read_by_django_environ():
    assert cache_config("locmemcache://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache():
    """A Redis cache under a prefix of its own (the server may be shared: never FLUSHDB), emptied after."""
    if not _redis_up():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    with override_settings(CACHES={"default": {**cache_config(REDIS_URL), "KEY_PREFIX": prefix}}):
        yield caches["default"]
        client = caches["default"]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_the_map_keeps_its_data_in_redis(client, bob, city, redis_cache, django_assert_num_queries):
    health = Domain.objects.get(code="health")
    StakeholderFactory(city=city, name_fr="Ville de Tunis", acronym_fr="", domains=[health])
    client.force_login(bob)
    with django_assert_num_queries(7):  # session, user, city, domains, stamp, counts by domain, rows
        first = client.get("/fr/c/tunis/stakeholders/map/").content.decode()
    with django_assert_num_queries(5):  # the stamp, then the map's data from Redis
        second = client.get("/fr/c/tunis/stakeholders/map/").content.decode()
    assert "Ville de Tunis" in first and "Ville de Tunis" in second
    assert first.count('class="map-mark"') == second.count('class="map-mark"') == 1
