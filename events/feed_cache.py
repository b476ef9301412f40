"""
The generation of the calendar feeds, kept in the shared cache.

Everything a feed shows changes only when something is published, unpublished,
cancelled or signed up for; each of those calls :func:`feeds_changed`. A feed's
ETag and cached body belong to one generation (see ``events.feeds``), so a change
makes every feed new at once, on every app server, without knowing which feeds
it touches.
"""

from cic_site.generation import Generation
from cic_site.page_cache import pages_changed

FEEDS = Generation("cic:feeds:generation")


def feeds_changed():
    """Start a new generation of every feed: their cached bodies and ETags go stale."""
    FEEDS.start()
    # The public pages show the same calendar, places left included.
    pages_changed()


def generation():
    """The current generation's token, and when it began."""
    return FEEDS.current()


def places_changed():
    """Places were taken or given back (a sign-up, a cancellation, an offer, new capacity).

    The feeds show places left, so they change too; the pages always do.
    """
    feeds_changed()
