"""
The generation of the calendar feeds, kept in the shared cache.

Everything a feed shows changes only when something is published, unpublished,
cancelled or signed up for; each of those calls :func:`feeds_changed`. A feed's
ETag and cached body belong to one generation (see ``events.feeds``), so a change
makes every feed new at once, on every app server, without knowing which feeds
it touches.
"""

import uuid

from django.core.cache import cache
from django.utils import timezone

GENERATION_KEY = "cic:feeds:generation"


def feeds_changed():
    """Start a new generation of every feed: their cached bodies and ETags go stale.

    A new random token rather than a counter, so that a cache that was emptied
    can never bring back the ETag of an older body.
    """
    cache.set(GENERATION_KEY, (uuid.uuid4().hex, timezone.now()), timeout=None)


def generation():
    """The current generation's token, and when it began."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = (uuid.uuid4().hex, timezone.now())
        # add(), not set(): two servers starting a generation at once agree on one.
        cache.add(GENERATION_KEY, current, timeout=None)
        current = cache.get(GENERATION_KEY, current)
    return current
