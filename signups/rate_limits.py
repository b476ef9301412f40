"""
The sign-up form's rate limits: django-ratelimit's counters, several in one round trip.

A POST of the form is counted against the client's address, and an accepted sign-up
against the address and the e-mail (the rates are ``CIC_SIGN_UP_*_RATE_*`` settings).
django-ratelimit's ``get_usage`` makes one to three cache calls per counter (an
``add``, then a ``get``, or an ``exists`` and an ``incr``), some ten round trips to
Redis in a sign-up. :func:`usages` reads or counts several counters at once: with
Redis, in one ``MULTI``/``EXEC`` pipeline on exactly the keys, windows and expiry
django-ratelimit uses (so both see the same counts, and the limits mean what they
meant); with any other cache (the tests' memory cache), through ``get_usage`` itself,
one counter after another.

The keys are made by django-ratelimit's own helpers (``_make_cache_key`` and its
kin, private in the pinned 4.1.0); ``tests/signups/test_rate_limits.py`` checks that
both ways count in the same key.
"""

import dataclasses
import time
from collections.abc import Callable

from django_ratelimit import core as ratelimit
from django_ratelimit.core import get_usage

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

# Every limit here is on the form's POST.
METHOD = "POST"


@dataclasses.dataclass(frozen=True)
class Limit:
    """A django-ratelimit counter: its group, its key ("ip", or a function of the
    group and the request) and the setting that holds its rate ("20/h")."""

    group: str
    key: str | Callable
    rate_setting: str

    @property
    def rate(self):
        return getattr(settings, self.rate_setting)


def email_key(email):
    """The key of the per-e-mail counter: the address as typed, in lower case."""
    return lambda group, request: email.strip().lower()


# Every post of the form, corrections included (not one sign-up each).
FORM_POSTS = Limit("sign-up-form-ip", "ip", "CIC_SIGN_UP_FORM_RATE_PER_IP")
# Accepted sign-ups, per client address and per e-mail (``by_email``).
SIGN_UPS_BY_ADDRESS = Limit("sign-up-ip", "ip", "CIC_SIGN_UP_RATE_PER_IP")


def sign_ups_by_email(email):
    return Limit("sign-up-email", email_key(email), "CIC_SIGN_UP_RATE_PER_EMAIL")


# The alerts form (signups.alert_views), counted apart with the same rates: every post,
# and the accepted requests per address and per e-mail.
ALERT_FORM_POSTS = Limit("alert-form-ip", "ip", "CIC_SIGN_UP_FORM_RATE_PER_IP")
ALERT_REQUESTS_BY_ADDRESS = Limit("alert-ip", "ip", "CIC_SIGN_UP_RATE_PER_IP")


def alert_requests_by_email(email):
    return Limit("alert-email", email_key(email), "CIC_SIGN_UP_RATE_PER_EMAIL")


def usages(request, counters):
    """django-ratelimit usages (dicts with ``count``, ``limit``, ``time_left``, or None
    when rate limiting is off) of `counters`, pairs of a :class:`Limit` and whether
    this request counts in it (``increment``), in their order.

    As ``get_usage(request, group=..., key=..., rate=..., method="POST", increment=...)``
    for each, in one round trip with Redis.
    """
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    if not isinstance(cache, RedisCache):
        return [
            get_usage(
                request,
                group=limit.group,
                key=limit.key,
                rate=limit.rate,
                method=METHOD,
                increment=increment,
            )
            for limit, increment in counters
        ]
    if not getattr(settings, "RATELIMIT_ENABLE", True) or request.method != METHOD:
        return [None for _counter in counters]
    windows = [window(request, limit) for limit, _increment in counters]
    client = cache._cache.get_client(write=True)
    pipeline = client.pipeline(transaction=True)
    for (key, _window, period, _limit), (_counter, increment) in zip(
        windows, counters, strict=True
    ):
        # get_usage's add(key, 0 or 1) and then incr or get: a key made now starts at 0
        # and expires with its window, like the one add() makes; INCR keeps the expiry.
        key = cache.make_and_validate_key(key)
        pipeline.set(key, 0, ex=period + ratelimit.EXPIRATION_FUDGE, nx=True)
        if increment:
            pipeline.incr(key)
        else:
            pipeline.get(key)
    answers = pipeline.execute()[1::2]
    now = int(time.time())
    return [
        {
            "count": int(count),
            "limit": limit,
            "should_limit": int(count) > limit,
            "time_left": window_end - now,
        }
        for (_key, window_end, _period, limit), count in zip(windows, answers, strict=True)
    ]


def window(request, limit):
    """The cache key of `limit`'s counter for `request` now (before the cache's own
    prefix), the end of its window, its period and its limit: as ``get_usage``."""
    rate = limit.rate
    allowed, period = ratelimit._split_rate(rate)
    if callable(limit.key):
        value = limit.key(limit.group, request)
    else:
        value = ratelimit._SIMPLE_KEYS[limit.key](request)
    window_end = ratelimit._get_window(value, period)
    key = ratelimit._make_cache_key(limit.group, window_end, rate, value, METHOD)
    return key, window_end, period, allowed
