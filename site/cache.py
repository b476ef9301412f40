"""
Django's Redis cache, with one Redis client per connection pool; and a cache of
what a key names for good, kept in each process in front of the shared one.

Django's RedisCacheClient makes a new ``redis.Redis`` for every cache call, and
redis-py's constructor is not cheap: a sign-up makes about two dozen cache calls
(rate limits, page cache, frame), and an answer from the page cache is little
more than one call. A client is safe to share between threads (its connections
come from the pool), so one per pool is kept.
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


class KeptCache(BaseCache):
    """What a key names for good (a value kept under a generation of the content, whose
    token is in its key: home.generation_cache), read from each process's memory in
    front of the shared cache (``LOCATION``, an alias of ``CACHES``).

    A value read or written once is kept in this process (a LocMemCache, which pickles,
    so no request changes another's copy) for ``OPTIONS["LOCAL_SECONDS"]`` at most, and
    ``OPTIONS["MAX_ENTRIES"]`` values at most, the least recently read dropped first:
    a page that read a dozen such values from Redis, a round trip each, reads them
    here. Only for keys that never name another value: a value changed or deleted
    under the same key stays in the other processes' memory until it expires there.
    ``clear()`` empties this process's memory only.
    """

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._shared_alias = location or DEFAULT_CACHE_ALIAS
        self._local_seconds = options.get("LOCAL_SECONDS", 300)
        self._local = LocMemCache(
            f"kept:{self._shared_alias}",
            {"OPTIONS": {"MAX_ENTRIES": options.get("MAX_ENTRIES", 5_000)}},
        )

    @property
    def _shared(self):
        return caches[self._shared_alias]

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return self._local_seconds if timeout is None else min(timeout, self._local_seconds)

    def get(self, key, default=None, version=None):
        return self.get_many([key], version).get(key, default)

    def get_many(self, keys, version=None):
        found = self._local.get_many(keys, version)
        missing = [key for key in keys if key not in found]
        if missing:
            shared = self._shared.get_many(missing, version)
            if shared:
                self._local.set_many(shared, self._local_seconds, version)
                found.update(shared)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._shared.set(key, value, timeout, version)
        self._local.set(key, value, self._local_timeout(timeout), version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._shared.set_many(data, timeout, version)
        self._local.set_many(data, self._local_timeout(timeout), version)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self._shared.add(key, value, timeout, version)
        if added:
            self._local.set(key, value, self._local_timeout(timeout), version)
        return added

    def delete(self, key, version=None):
        self._local.delete(key, version)
        return self._shared.delete(key, version)

    def has_key(self, key, version=None):
        return self._local.has_key(key, version) or self._shared.has_key(key, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._shared.touch(key, timeout, version)

    def clear(self):
        self._local.clear()
