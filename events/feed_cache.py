"""
What version of the calendar feeds is current, kept in the shared cache.

A feed's cached body belongs to one version (see ``events.feeds``), made of two
generations:

* the content's (:data:`FEEDS`): something published, unpublished, moved or
  cancelled, a venue or a category saved. Each of those calls :func:`feeds_changed`,
  and every feed is new at once, on every app server, without knowing which feeds
  the change touches.
* the places' (:func:`places_changed`): a sign-up, a cancellation, an offer, new
  capacity. While 150 families sign up in ten minutes, a new version at every
  sign-up would rebuild every feed that is polled after each one. So a change of
  places shows at once when the places shown are older than
  ``CIC_FEED_PLACES_INTERVAL``, and otherwise waits until they are: the places
  left in a feed are never more than that interval behind, and each feed is
  rebuilt for places at most once per interval, however many sign-ups come.

Nothing runs on a clock: the first feed request after the interval starts the
places' next generation.
"""

import collections
import dataclasses
import datetime
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from cic_site.generation import Generation
from cic_site.page_cache import pages_changed

FEEDS = Generation("cic:feeds:generation")
# (token, when the places it shows were read): None for a token made because the
# cache had none, which may be replaced at once.
PLACES_KEY = "cic:feeds:places"
# Set when places changed after the current places generation began.
PLACES_PENDING_KEY = "cic:feeds:places:pending"
# Other servers wait this long for the one that starts the places' next generation.
ADVANCE_LOCK_SECONDS = 60
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclasses.dataclass(frozen=True)
class FeedVersion:
    """What a feed's cached body and ETag belong to."""

    content_token: str
    places_token: str
    # When the content last changed: every VEVENT's DTSTAMP.
    content_changed_at: datetime.datetime
    # When anything a feed shows last changed (Last-Modified, before the day's own).
    changed_at: datetime.datetime

    @property
    def token(self):
        return f"{self.content_token}.{self.places_token}"


def feeds_changed():
    """Start a new generation of every feed's content: cached bodies and ETags go stale."""
    FEEDS.start()
    # The public pages show the same calendar, places left included.
    pages_changed()


def places_changed():
    """Places were taken or given back (a sign-up, a cancellation, an offer, new capacity).

    The pages change at once. The feeds do too, unless the places they show were
    read less than ``CIC_FEED_PLACES_INTERVAL`` ago: then the first feed request
    after that interval starts the new places generation (:func:`current_version`).
    """
    pages_changed(content=False)
    _token, shown_at = cache.get(PLACES_KEY) or (None, None)
    if _due(shown_at, timezone.now()):
        _show_places()
    else:
        cache.set(PLACES_PENDING_KEY, True, timeout=None)


def current_version():
    """The feeds' current version; starts the places' next generation if one is due."""
    found = cache.get_many([FEEDS.key, PLACES_KEY, PLACES_PENDING_KEY])
    content_token, content_changed_at = found.get(FEEDS.key) or FEEDS.current()
    places_token, shown_at = found.get(PLACES_KEY) or _places()
    # One server starts the next places generation; the others keep theirs for now.
    if (
        found.get(PLACES_PENDING_KEY)
        and _due(shown_at, timezone.now())
        and cache.add(f"{PLACES_KEY}:advance:{places_token}", True, ADVANCE_LOCK_SECONDS)
    ):
        places_token, shown_at = _show_places()
    return FeedVersion(
        content_token=content_token,
        places_token=places_token,
        content_changed_at=content_changed_at,
        changed_at=max(content_changed_at, shown_at or EPOCH),
    )


def places_interval():
    return datetime.timedelta(seconds=settings.CIC_FEED_PLACES_INTERVAL)


def _due(shown_at, now):
    return shown_at is None or now - shown_at >= places_interval()


def _show_places():
    """Start the places' next generation: bodies built from now on read today's places."""
    # Cleared first: places that change while this runs are pending for the next one.
    cache.delete(PLACES_PENDING_KEY)
    places = (uuid.uuid4().hex, timezone.now())
    cache.set(PLACES_KEY, places, timeout=None)
    return places


def _places():
    """The places' generation when the cache has none: a new token (add(), not set(),
    so that servers starting at once agree on one), which a change may replace at once.
    """
    places = (uuid.uuid4().hex, None)
    cache.add(PLACES_KEY, places, timeout=None)
    return cache.get(PLACES_KEY, places)


class WrittenEvents:
    """Sessions' VEVENTs already written as octets, kept in this process for one
    generation of the content (a new one empties it), the least recently used
    dropped past `max_entries`.

    In the process rather than the shared cache: a feed of 1,000 sessions reads
    1,000 of them, and unpickling each from Redis costs about as much as writing it.
    """

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.generation = None
        self.entries = collections.OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, generation, keys):
        with self.lock:
            if generation != self.generation:
                return {}
            found = {}
            for key in keys:
                if (value := self.entries.get(key)) is not None:
                    self.entries.move_to_end(key)
                    found[key] = value
            return found

    def set_many(self, generation, values):
        with self.lock:
            if generation != self.generation:
                self.generation = generation
                self.entries.clear()
            self.entries.update(values)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.generation = None
            self.entries.clear()


# About 600 bytes each: at most some 12 MB per process.
VEVENTS = WrittenEvents(max_entries=20_000)
