"""
Occurrences of sessions for the calendar pages.

One query fetches the sessions that match the filters, with what the listing
shows joined or prefetched; django-recurrence expands recurring ones; the
occurrences are merged and sorted in Python. The number of queries does not
depend on the number of sessions or occurrences.
"""

import dataclasses
import datetime

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LOCAL_TIMEZONE, CancelledOccurrence, ProgrammePage, Session

# How far ahead "upcoming" looks.
UPCOMING_WINDOW = datetime.timedelta(days=366)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    session: Session
    starts_at: datetime.datetime
    # Set when this one date of a repeating session is cancelled.
    cancellation: CancelledOccurrence | None = None

    @property
    def is_cancelled(self):
        return self.cancellation is not None or self.session.is_cancelled

    @property
    def status_note(self):
        return self.cancellation.note if self.cancellation else self.session.status_note

    @property
    def ends_at(self):
        return self.starts_at + self.session.duration

    @property
    def page(self):
        return self.session.page

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).date()


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL_TIMEZONE)


def live_programmes(locale):
    return ProgrammePage.objects.live().public().filter(locale=locale)


def sessions_of(programmes, filters=None):
    """The sessions of `programmes` (a page queryset) that match `filters`."""
    sessions = (
        Session.objects.filter(page__in=programmes)
        .select_related("page", "page__category", "page__locale", "venue")
        .prefetch_related("page__audiences", "page__activity_languages")
    )
    filters = filters or {}
    if centre := filters.get("centre"):
        sessions = sessions.filter(
            Q(page__organiser__translation_key=centre.translation_key)
            | Q(venue__centre__translation_key=centre.translation_key)
        )
    if venue := filters.get("venue"):
        sessions = sessions.filter(venue__translation_key=venue.translation_key)
    if category := filters.get("category"):
        sessions = sessions.filter(page__category__translation_key=category.translation_key)
    if audience := filters.get("audience"):
        sessions = sessions.filter(page__audiences__audience=audience)
    if language := filters.get("language"):
        sessions = sessions.filter(page__activity_languages__code=language)
    if (age := filters.get("age")) is not None:
        sessions = sessions.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=age),
            Q(max_age__isnull=True) | Q(max_age__gte=age),
        )
    if filters.get("places"):
        sessions = (
            sessions.with_places()
            .filter(
                Q(capacity__isnull=True)
                | Q(capacity__gt=Coalesce(F("quota_taken"), 0)) & Q(quota_capacity__isnull=True)
                | Q(quota_capacity__gt=F("quota_taken"))
            )
            .exclude(status=Session.Status.CANCELLED)
        )
    return sessions.distinct()


def occurrences(sessions, start, end, limit=None):
    """The occurrences of `sessions` that start in [start, end), in date order.

    With `limit`, only the first `limit`: they can only come from the `limit`
    earliest one-off sessions and the recurring ones, so no more are loaded.
    """
    if hasattr(sessions, "with_places"):  # not on a page preview's in-memory sessions
        sessions = sessions.with_places()
    one_off = Q(recurrence__isnull=True) | Q(recurrence="")
    recurring = sessions.filter(~one_off, starts_at__lt=end)
    if limit is None:
        candidates = sessions.filter(
            (one_off & Q(starts_at__lt=end, ends_at__gte=start))
            | (~one_off & Q(starts_at__lt=end))
        )
    else:
        earliest_one_off = sessions.filter(one_off, starts_at__gte=start, starts_at__lt=end)
        candidates = [*earliest_one_off.order_by("starts_at", "pk")[:limit], *recurring]
    candidates = list(candidates)
    cancellations = cancelled_dates(candidates, start, end)
    found = [
        Occurrence(
            session=session,
            starts_at=starts_at,
            cancellation=cancellations.get((session.translation_key, starts_at)),
        )
        for session in candidates
        for starts_at in session.occurrences_between(start, end)
    ]
    found.sort(key=lambda occurrence: (occurrence.starts_at, occurrence.session.pk))
    return found[:limit]


def cancelled_dates(sessions, start, end):
    """The cancelled dates of the repeating ones among `sessions`, by (session key, start)."""
    return {
        (cancelled.session_key, cancelled.starts_at): cancelled
        for cancelled in CancelledOccurrence.objects.of_sessions(sessions).filter(
            starts_at__gte=start, starts_at__lt=end
        )
    }


def upcoming_occurrences(sessions, limit=None):
    """Occurrences from now to a year ahead, the first `limit` of them if given."""
    now = timezone.now()
    return occurrences(sessions, now, now + UPCOMING_WINDOW, limit=limit)
