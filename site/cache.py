"""
Django's Redis cache, with one Redis client per connection pool.

Django's RedisCacheClient makes a new ``redis.Redis`` for every cache call, and
redis-py's constructor is not cheap: a sign-up makes about two dozen cache calls
(rate limits, page cache, frame), and an answer from the page cache is little
more than one call. A client is safe to share between threads (its connections
come from the pool), so one per pool is kept.
"""

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
