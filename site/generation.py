"""
Generations of cached content, kept in the shared cache.

A cached thing (a feed body, a public page) belongs to one generation; starting
a new one makes all of them stale at once, on every app server, without knowing
which of them a change touches.
"""

import uuid

from django.core.cache import cache
from django.utils import timezone


class Generation:
    def __init__(self, key):
        self.key = key

    def start(self):
        """Start a new generation: what was cached under the current one goes stale.

        A new random token rather than a counter, so that a cache that was emptied
        can never bring back something of an older generation.
        """
        cache.set(self.key, (uuid.uuid4().hex, timezone.now()), timeout=None)

    def current(self):
        """The current generation's token, and when it began."""
        current = cache.get(self.key)
        if current is None:
            current = (uuid.uuid4().hex, timezone.now())
            # add(), not set(): two servers starting a generation at once agree on one.
            cache.add(self.key, current, timeout=None)
            current = cache.get(self.key, current)
        return current
