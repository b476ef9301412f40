"""
When the calendar's public pages change by themselves, for the page cache.

A cached page (``cic_site.page_cache``) is new after every change someone makes;
what changes with nobody doing anything is time: a sign-up window opens or closes,
a session or one of its dates starts (it leaves the upcoming list) or ends (it is
no longer under way), a camp's last day starts, a day ends (the month and week
views, "today"). :func:`next_change` finds the next such moment, which the page
cache asks for through the ``cic_page_cache_expires_at`` hook (wagtail_hooks.py).
"""

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from .models import LOCAL_TIMEZONE, Session, SessionDate


def next_change(now):
    """The first moment after `now` at which a public page of the calendar may show
    something else with nothing changed: two queries.

    Cancelled sessions and dates, and those of unpublished programmes, count too:
    a cached page then expires a little early, never late. Dates beyond the
    materialised horizon (``events.models.dates``) are further away than a cached
    page lives.
    """
    windows = Session.objects.aggregate(
        opens=Min("registration_opens_at", filter=Q(registration_opens_at__gt=now)),
        closes=Min("registration_closes_at", filter=Q(registration_closes_at__gt=now)),
        # Sign-up closes when the session starts, unless staff set when.
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
    )
    # A date that ends after now is the only kind that can start, end or begin its
    # last day after now.
    dates = SessionDate.objects.filter(ends_at__gt=now).aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
        last_day_starts=Min("last_starts_at", filter=Q(last_starts_at__gt=now)),
        ends=Min("ends_at"),
    )
    tomorrow = timezone.localdate(now, LOCAL_TIMEZONE) + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=LOCAL_TIMEZONE)
    moments = [*windows.values(), *dates.values(), midnight]
    return min(moment for moment in moments if moment is not None)
