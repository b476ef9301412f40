"""
Values kept in the shared cache for one generation of the content.

What the public pages read on every request but editors change rarely (the site
frame, which page answers a path, the private sections) is kept under the current
generation of the content (:data:`cic_site.page_cache.CONTENT`): every change
they can show starts a new one (home.signals, the calendar's signals, the page
cache's receivers; a change of places, which they never show, does not), and
entries of an older generation are never read again and expire by themselves.
"""

import contextvars
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

from cic_site.page_cache import CONTENT

# Where they are kept: each process's memory in front of the shared cache
# (cic_site.cache.KeptCache), since a key names its value for good.
kept_cache = ConnectionProxy(caches, "content")

# How long an entry is kept: long, since a change starts a new generation anyway.
TIMEOUT_SECONDS = 24 * 60 * 60


# The request being answered (home.middleware.SiteFromCacheMiddleware), for what asks
# without one at hand (a model's method, a queryset's helper): the generation and the
# values read once per request all the same.
current_request = contextvars.ContextVar("cic_current_request", default=None)


def generation(request=None):
    """The current generation's token, read once per request."""
    request = request or current_request.get()
    if request is None:
        return CONTENT.current()[0]
    if not hasattr(request, "_cic_content_generation"):
        request._cic_content_generation = CONTENT.current()[0]
    return request._cic_content_generation


def fragment_token(request=None):
    """The token of what pages show kept whole (rows, blocks, sessions): the content's
    generation and the present period of ``CIC_PAGE_CACHE_SECONDS``, so that even a
    change no signal announces (an update in SQL) shows within that time, as it does on
    the pages kept whole (cic_site.page_cache)."""
    period = int(timezone.now().timestamp() // settings.CIC_PAGE_CACHE_SECONDS)
    return f"{generation(request)}.{period}"


def fragment_key(request, name):
    """The shared cache's key of a piece kept under :func:`fragment_token`."""
    return f"cic:frame:{fragment_token(request)}:{name}"


def digest(value):
    """A short, stable digest of `value`'s repr, for what a key names by content."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def cache_key(request, name):
    return f"cic:frame:{generation(request)}:{name}"


def cached(request, name, build, *, bounded=False):
    """The value of `build()` kept as `name` in the current generation, read from the
    cache once per request; None is never kept (nothing found for what a visitor typed
    leaves no entry). `bounded`: kept under :func:`fragment_key`, so at most
    ``CIC_PAGE_CACHE_SECONDS`` old even after a change no signal announces. A preview
    builds each value, neither reading nor writing the cache: it shows a draft, which
    no generation covers."""
    request = request or current_request.get()
    if getattr(request, "is_preview", False):
        return build()
    read = getattr(request, "_cic_generation_values", {}) if request is not None else {}
    if name in read:
        return read[name]
    key = fragment_key(request, name) if bounded else cache_key(request, name)
    value = kept_cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            kept_cache.set(key, value, TIMEOUT_SECONDS)
    if request is not None:
        request._cic_generation_values = {**read, name: value}
    return value


def fragment(request, *parts, keep=True):
    """For a ``{% cache fragment.seconds name fragment.key %}`` block that shows nothing
    but content: its key in the current generation, language and host, with `parts`
    (what else the block shows depends on: a page, a month, the filters, the day).

    Not kept (``seconds`` 0, never read back: a set with no time deletes) when not
    `keep` (the block shows places, say), nor in a preview, which shows a draft that
    no generation covers.
    """
    if not keep or getattr(request, "is_preview", False):
        return {"seconds": 0, "key": "not-kept"}
    identity = (fragment_token(request), get_language(), request.get_host(), parts)
    return {"seconds": TIMEOUT_SECONDS, "key": digest(identity)}
