"""cic_site.cache: Django's Redis cache, keeping one client per connection pool; the
cache of what a key names for good, in each process's memory in front of it."""

import time
import uuid
from unittest import mock

import pytest
import redis

from django.core.cache import caches

from cic_site.cache import RedisCache
from tests.utils import skip_unless_available

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        backend.get("ping")
    except redis.ConnectionError as error:
        skip_unless_available(False, f"no Redis at {REDIS_URL}: {error}")
    yield backend
    backend.clear()


def test_the_cache_works_as_djangos(redis_cache):
    assert redis_cache.add("a", {"b": 1}, 60)
    assert not redis_cache.add("a", "other", 60)
    redis_cache.set_many({"c": 2, "d": [3]}, 60)
    assert redis_cache.get_many(["a", "c", "d", "missing"]) == {"a": {"b": 1}, "c": 2, "d": [3]}
    assert redis_cache.incr("c") == 3
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("x", 1, 60)
    redis_cache.get("x")
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client


@pytest.fixture
def kept(settings):
    """A KeptCache in front of a memory cache of this test's own (the "shared" one)."""
    name = uuid.uuid4().hex
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name},
        "kept": {
            "BACKEND": "cic_site.cache.KeptCache",
            "LOCATION": "shared",
            "OPTIONS": {"MAX_ENTRIES": 10, "LOCAL_SECONDS": 60},
        },
    }
    yield caches["kept"]
    caches["kept"].clear()
    caches["shared"].clear()


def test_a_kept_value_read_once_is_read_again_without_the_shared_cache(kept):
    shared = caches["shared"]
    shared.set("row", "<p>Półkolonie</p>", 600)
    assert kept.get("row") == "<p>Półkolonie</p>"

    with mock.patch.object(shared, "get_many", side_effect=AssertionError("a round trip")):
        assert kept.get("row") == "<p>Półkolonie</p>"
        assert kept.get_many(["row"]) == {"row": "<p>Półkolonie</p>"}


def test_what_is_written_is_in_the_shared_cache_for_the_other_processes(kept):
    kept.set("a", 1, 600)
    kept.set_many({"b": 2, "c": 3}, 600)
    assert kept.add("d", 4, 600)
    assert not kept.add("d", 5, 600)

    assert caches["shared"].get_many(["a", "b", "c", "d"]) == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert kept.get_many(["a", "b", "c", "d", "e"]) == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert kept.get("e", "none") == "none"


def test_each_read_gives_its_own_copy(kept):
    kept.set("session", {"places": 3}, 600)
    kept.get("session")["places"] = 0
    assert kept.get("session") == {"places": 3}


def test_a_value_stays_in_memory_no_longer_than_its_local_time(kept):
    shared = caches["shared"]
    kept.set("a", "old", 600)
    shared.set("a", "new", 600)  # what a key names must never change: here it did

    assert kept.get("a") == "old"
    with mock.patch("time.time", return_value=time.time() + 61):
        assert kept.get("a") == "new"


def test_memory_holds_at_most_max_entries_and_clear_leaves_the_shared_cache(kept):
    for number in range(30):
        kept.set(f"k{number}", number, 600)
    assert len(kept._local._cache) <= 10

    kept.clear()
    assert not kept._local._cache
    assert caches["shared"].get("k29") == 29
