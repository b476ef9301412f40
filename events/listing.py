"""
Occurrences of sessions for the calendar pages.

They are read from the sessions' materialised dates (``events.models.dates``): a
page of rows in date order (``ORDER BY starts_at LIMIT``), with the filters as
joins and the sessions' places, cancellation and notes, in one query; the sessions
they belong to, with their programmes, audiences and venues, from the shared cache for
the content's generation (:func:`sessions_by_id`; read in two more queries when not
kept there, rather than joined into the rows' query: a query of a dozen relations takes
PostgreSQL longer to plan than to run); and a count when the list is paginated. Neither
the number of queries nor their time depends on the number of sessions kept over the
years.

A page preview's unsaved sessions, and a range the rows may not hold whole (a
month years back), are expanded from the sessions' rules instead
(:func:`expanded_occurrences`), which gives the same occurrences in the same order.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Page

from home.generation_cache import TIMEOUT_SECONDS, fragment_key, kept_cache
from home.restrictions import public

from .models import (
    LOCAL_TIMEZONE,
    CancelledOccurrence,
    ProgrammeAudience,
    ProgrammeLanguage,
    ProgrammePage,
    Session,
    SessionDate,
    Venue,
)
from .models.calendar import when_text
from .models.dates import covers

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


def live_programmes(locale, request=None):
    """The live, public programmes of `locale` (the private sections read once per
    generation of the content, not once a call: home.restrictions)."""
    return public(ProgrammePage.objects.live().filter(locale=locale), request)


@dataclasses.dataclass(frozen=True)
class Selection:
    """The sessions of `programmes` (a page queryset) that `filters` (the listing's
    filter form, cleaned) select: what a calendar page lists, read as dates or sessions.
    """

    programmes: QuerySet
    filters: dict = dataclasses.field(default_factory=dict)

    def dates(self):
        """Their dates (SessionDate), the filters joined through each date's session."""
        return narrowed(SessionDate.objects.all(), self.programmes, self.filters, "session__")

    def sessions(self):
        return sessions_of(self.programmes, self.filters)


def sessions_of(programmes, filters=None):
    """The sessions of `programmes` (a page queryset) that match `filters`."""
    sessions = Session.objects.select_related(
        "page", "page__category", "page__locale", "venue"
    ).prefetch_related("page__audiences", "page__activity_languages")
    return narrowed(sessions, programmes, filters or {})


def narrowed(queryset, programmes, filters, prefix=""):
    """`queryset` narrowed to the sessions of `programmes` that match `filters`.

    A queryset of sessions, or of what points to them through `prefix` ("session__"
    for their dates): both have ``with_places()`` and ``not_cancelled()``.
    """

    def of(lookup):
        return prefix + lookup

    queryset = queryset.filter(**{of("page__in"): programmes})
    if centre := filters.get("centre"):
        # The centre in any language, as subqueries rather than joins (four relations
        # fewer for PostgreSQL to plan the rows' query with).
        centres = Page.objects.filter(translation_key=centre.translation_key).values("pk")
        queryset = queryset.filter(
            Q(**{of("page__organiser_id__in"): centres})
            | Q(**{of("venue_id__in"): Venue.objects.filter(centre_id__in=centres).values("pk")})
        )
    if venue := filters.get("venue"):
        queryset = queryset.filter(**{of("venue__translation_key"): venue.translation_key})
    if category := filters.get("category"):
        queryset = queryset.filter(
            **{of("page__category__translation_key"): category.translation_key}
        )
    # Exists rather than a join: a programme for several audiences is listed once.
    if audience := filters.get("audience"):
        audiences = ProgrammeAudience.objects.filter(page=OuterRef(of("page")), audience=audience)
        queryset = queryset.filter(Exists(audiences))
    if language := filters.get("language"):
        languages = ProgrammeLanguage.objects.filter(page=OuterRef(of("page")), code=language)
        queryset = queryset.filter(Exists(languages))
    if (age := filters.get("age")) is not None:
        queryset = queryset.filter(
            Q(**{of("min_age__isnull"): True}) | Q(**{of("min_age__lte"): age}),
            Q(**{of("max_age__isnull"): True}) | Q(**{of("max_age__gte"): age}),
        )
    if filters.get("places"):
        # "Only with places left" means: you can sign up now and get a place (or no
        # sign-up is needed). The badge's rule (Session.public_state) in SQL:
        # sign-up open, a place free, and nobody waiting, since free places belong
        # to the waiting list.
        now = timezone.now()
        has_place = (
            Q(quota_capacity__isnull=True, **{of("capacity__gt"): Coalesce(F("quota_taken"), 0)})
            | Q(quota_capacity__gt=F("quota_taken"))
        ) & Q(quota_waiting=False)
        sign_up_open = (
            Q(**{of("registration_opens_at__isnull"): True})
            | Q(**{of("registration_opens_at__lte"): now})
        ) & Q(sign_up_closes__gt=now)
        queryset = (
            queryset.with_places()
            .annotate(sign_up_closes=Coalesce(of("registration_closes_at"), of("starts_at")))
            .filter(Q(**{of("capacity__isnull"): True}) | has_place & sign_up_open)
            .not_cancelled()
        )
    return queryset


class DatedOccurrences:
    """The occurrences of `dates` (a SessionDate queryset) in date order, the latest
    first if asked, read a slice at a time: what a Paginator needs (``count()``, one
    query, and a slice, one page of rows).

    Without `sessions`, what the pages show of each row's session (its places,
    cancellation and Polish note) is annotated on the row and handed over to it; the
    sessions, with their programmes and venues, come in one more query, and the
    programmes' audiences in a third. With `sessions`, a
    Session queryset, they are read from it in a query of their own, its annotations
    and prefetches kept (the sign-ups dashboard adds its own).
    """

    def __init__(
        self, dates, sessions=None, latest_first=False, count_kept_as=None, entering=None
    ):
        self.dates = dates
        self.count_kept_as = count_kept_as
        self.entering = entering
        order = ("-starts_at", "-session_id") if latest_first else ("starts_at", "session_id")
        rows = dates.order_by(*order).select_related("cancelled_date")
        self.hand_over = sessions is None
        if self.hand_over:
            # The sessions, with their programmes and venues, not joined: from the shared
            # cache (sessions_by_id). Joined into the rows' query, the dozen relations
            # PostgreSQL had to order took it some 40 ms to plan, ten times what the
            # query takes to run.
            rows = rows.with_places().with_source_notes().select_related("cancelled_session")
        else:
            sessions = (
                sessions.select_related("page", "page__category", "page__locale", "venue")
                .with_places()
                .with_cancellation()
                .with_source_notes()
            )
            rows = rows.prefetch_related(Prefetch("session", queryset=sessions))
        self.rows = rows
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.rows.count() if self.count_kept_as is None else self.kept_count()
        return self._count

    def kept_count(self):
        """The count, kept in the shared cache as `count_kept_as` for the content's token
        (home.generation_cache.fragment_key) until the first moment it changes by itself:
        a date leaving the window (the earliest last day of those counted passes), or,
        for a window that moves with the clock (`entering`: the dates past its end), the
        first date entering it. Read live, it is a query of its own on every page.

        The one value kept_cache keeps that is written again under its key (once its
        moment has passed): a copy in any process's memory carries the same moment and
        is worked out again there too."""
        key = fragment_key(None, f"calendar-count:{self.count_kept_as}")
        now = timezone.now()
        kept = kept_cache.get(key)
        if kept is not None and now <= kept[1]:
            return kept[0]
        figures = self.dates.aggregate(count=Count("pk"), leaves=Min("last_starts_at"))
        until = now + datetime.timedelta(seconds=TIMEOUT_SECONDS)
        if figures["leaves"] is not None:
            until = min(until, figures["leaves"])
        if self.entering is not None:
            first = self.entering.aggregate(first=Min("starts_at"))["first"]
            if first is not None:
                until = min(until, first - UPCOMING_WINDOW)
        kept_cache.set(key, (figures["count"], until), TIMEOUT_SECONDS)
        return figures["count"]

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        rows = list(self.rows[index]) if isinstance(index, slice) else [self.rows[index]]
        if self.hand_over:
            sessions = sessions_by_id({row.session_id for row in rows})
            for row in rows:
                row.session = sessions[row.session_id]
        found = [self.occurrence(row) for row in rows]
        return found if isinstance(index, slice) else found[0]

    def __iter__(self):
        return iter(self[:])

    def occurrence(self, row):
        """The :class:`Occurrence` a SessionDate row stands for."""
        session = row.session
        if self.hand_over:
            # What Session.load_places, Session.note and Session.cancellation read.
            session.quota_capacity = row.quota_capacity
            session.quota_taken = row.quota_taken
            session.quota_waiting = row.quota_waiting
            session.source_status_note = row.source_status_note
            session.cancellation = row.cancelled_session
        return Occurrence(
            session=session,
            # In local time, as the rules give it: a duration is added on the wall clock.
            starts_at=timezone.localtime(row.starts_at, LOCAL_TIMEZONE),
            cancellation=row.cancelled_date,
        )


def sessions_by_id(ids):
    """{id: session} of the sessions `ids`, each with its programme (category, locale,
    audiences) and venue: what a calendar's rows show of them.

    Kept in the shared cache for the generation of the content, which every change of
    a session, programme, venue or category starts anew (and at most
    ``CIC_PAGE_CACHE_SECONDS``: home.generation_cache.fragment_key); their places and
    cancellations, which change without a new generation, are not kept here but read
    with the rows. Those not kept are read in one query, their audiences in one more.
    """
    token = fragment_key(None, "calendar-session")
    keys = {pk: f"{token}:{pk}" for pk in ids}
    found = kept_cache.get_many(list(keys.values())) if keys else {}
    sessions = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in ids if pk not in sessions]
    if missing:
        read = (
            Session.objects.select_related("page", "page__category", "page__locale", "venue")
            .prefetch_related("page__audiences")
            .in_bulk(missing)
        )
        kept_cache.set_many({keys[pk]: session for pk, session in read.items()}, TIMEOUT_SECONDS)
        sessions.update(read)
    return sessions


def occurrences(sessions, start, end, limit=None, latest_first=False, count_kept_as=None):
    """The occurrences of `sessions` that start in [start, end), in date order, the
    latest first if asked.

    With `count_kept_as` (a name for the selection, which `sessions` must be, that
    tells it from any other in the content's generation: the calendar page and its
    filters), their number is kept in the shared cache, not counted on each page; a
    window that ends `UPCOMING_WINDOW` after its start is taken to move with the clock.

    `sessions` is a :class:`Selection`, a Session queryset, or a page preview's
    in-memory sessions. A daily session (a camp from Monday to Friday) is one
    occurrence, found when any of its days starts in [start, end).

    With `limit`, a list of the first `limit`; otherwise a sequence read a slice at a
    time (a page of a Paginator), or a list when expanded from the rules.
    """
    if isinstance(sessions, Selection | QuerySet) and covers(start, end):
        if isinstance(sessions, Selection):
            entering = None
            if count_kept_as is not None and end - start == UPCOMING_WINDOW:
                entering = sessions.dates().filter(starts_at__gte=end)
            found = DatedOccurrences(
                sessions.dates().between(start, end),
                None,
                latest_first,
                count_kept_as=count_kept_as,
                entering=entering,
            )
        else:
            dates = SessionDate.objects.of_sessions(sessions).between(start, end)
            found = DatedOccurrences(dates, sessions, latest_first)
        return found if limit is None else found[:limit]
    if isinstance(sessions, Selection):
        sessions = sessions.sessions()
    if latest_first:
        return expanded_occurrences(sessions, start, end)[::-1][:limit]
    return expanded_occurrences(sessions, start, end, limit)


def expanded_occurrences(sessions, start, end, limit=None):
    """:func:`occurrences`, from the sessions' rules, in date order.

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


def upcoming_occurrences(sessions, limit=None, count_kept_as=None):
    """Occurrences from now to a year ahead, the first `limit` of them if given
    (`sessions` and `count_kept_as` as :func:`occurrences` takes them)."""
    now = timezone.now()
    return occurrences(
        sessions, now, now + UPCOMING_WINDOW, limit=limit, count_kept_as=count_kept_as
    )
