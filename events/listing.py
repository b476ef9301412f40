"""
Occurrences of sessions for the calendar pages.

One query fetches the sessions that match the filters, with what the listing
shows joined or prefetched; django-recurrence expands recurring ones; the
occurrences are merged and sorted in Python. The number of queries does not
depend on the number of sessions or occurrences.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from .models import LOCAL_TIMEZONE, CancelledOccurrence, ProgrammePage, Session
from .models.calendar import when_text

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
    def note(self):
        """Why it is cancelled or moved, as a :class:`~events.models.calendar.StaffNote`."""
        if self.cancellation:
            return self.cancellation.note_in(get_language() or settings.LANGUAGE_CODE)
        return self.session.note

    @property
    def status_note(self):
        """The note's words, in the active language or in Polish."""
        note = self.note
        return note.text if note else ""

    @property
    def ends_at(self):
        session = self.session
        if self.starts_at == session.starts_at:
            # The session's own end: a camp from Monday to Friday ends on Friday.
            return timezone.localtime(session.ends_at, LOCAL_TIMEZONE)
        return self.starts_at + session.duration

    @property
    def page(self):
        return self.session.page

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).date()

    @property
    def days(self):
        """The local dates a calendar shows this occurrence on.

        Every day a daily session meets on (a camp from Monday to Friday), every day
        of an all-day session over several days, otherwise the day it starts.
        """
        session = self.session
        if session.daily:
            return session.meeting_days()
        if not session.all_day:
            return [self.local_date]
        last = timezone.localtime(self.ends_at, LOCAL_TIMEZONE).date()
        return [
            self.local_date + datetime.timedelta(days=n)
            for n in range((last - self.local_date).days + 1)
        ]

    @property
    def time_of_day(self):
        """When it starts on each of its days (midnight for an all-day one): a day's order."""
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).time()

    @property
    def hours(self):
        """Its hours on each of its days, "08:00–13:00"; empty for an all-day one."""
        session = self.session
        if session.all_day:
            return ""
        if session.daily:
            return session.daily_hours
        starts = timezone.localtime(self.starts_at, LOCAL_TIMEZONE)
        ends = timezone.localtime(self.ends_at, LOCAL_TIMEZONE)
        if starts.date() != ends.date():
            return f"{starts:%H:%M}"
        return f"{starts:%H:%M}–{ends:%H:%M}"

    @property
    def when(self):
        """Its date and time as a person reads them, in the active language."""
        return when_text(self.session, self.starts_at)


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
        # "Only with places left" means: you can sign up now and get a place (or no
        # sign-up is needed). The badge's rule (Session.public_state) in SQL:
        # sign-up open, a place free, and nobody waiting, since free places belong
        # to the waiting list.
        now = timezone.now()
        has_place = (
            Q(quota_capacity__isnull=True, capacity__gt=Coalesce(F("quota_taken"), 0))
            | Q(quota_capacity__gt=F("quota_taken"))
        ) & Q(quota_waiting=False)
        sign_up_open = (
            Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now)
        ) & Q(sign_up_closes__gt=now)
        sessions = (
            sessions.with_places()
            .annotate(sign_up_closes=Coalesce("registration_closes_at", "starts_at"))
            .filter(Q(capacity__isnull=True) | has_place & sign_up_open)
            .not_cancelled()
        )
    return sessions.distinct()


def occurrences(sessions, start, end, limit=None):
    """The occurrences of `sessions` that start in [start, end), in date order.

    A daily session (a camp from Monday to Friday) is one occurrence, found when
    any of its days starts in [start, end).

    With `limit`, only the first `limit`: they can only come from the `limit`
    earliest one-off sessions, the recurring ones and the daily ones already
    under way, so no more are loaded.
    """
    if hasattr(sessions, "with_places"):  # not on a page preview's in-memory sessions
        sessions = sessions.with_places().with_cancellation().with_source_notes()
    one_off = Q(recurrence__isnull=True) | Q(recurrence="")
    if limit is None:
        candidates = sessions.filter(
            (one_off & Q(starts_at__lt=end, ends_at__gte=start))
            | (~one_off & Q(starts_at__lt=end))
        )
    else:
        earliest_one_off = sessions.filter(one_off, starts_at__gte=start, starts_at__lt=end)
        recurring_or_under_way = sessions.filter(
            (~one_off & Q(starts_at__lt=end))
            | (one_off & ~Q(daily="") & Q(starts_at__lt=start, ends_at__gte=start))
        )
        candidates = [
            *earliest_one_off.order_by("starts_at", "pk")[:limit],
            *recurring_or_under_way,
        ]
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
