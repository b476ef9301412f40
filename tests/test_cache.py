"""cic_site.cache: Django's Redis cache, keeping one client per connection pool."""

import uuid

import pytest
import redis

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
