"""
The calendar's dates, materialised: one row per occurrence of each session.

A session's dates come from its rule (django-recurrence, ``Session.occurrences_between``),
and expanding every session's rule on every request costs time in proportion to
the sessions kept, year after year. So each occurrence within a bounded horizon is
a :class:`SessionDate` row, indexed by when it starts: the listing, the month and
week views, the archive, venue, home and centre pages, a programme's dates and the
embeddable list read a page of rows (``ORDER BY starts_at LIMIT ...``) whatever the
number of sessions (``events.listing``).

The horizon runs from ``PAST_DAYS`` ago (the archive looks a year back) to
``FUTURE_DAYS`` ahead (the listing looks a year ahead). A range the table may not
hold whole (a month two years back, say) is expanded from the rules, as a page
preview's unsaved sessions are (``covers``).

A week-long daily camp (Monday to Friday, 8:00–13:00) is *one* row, as it is one
entry in the listing: it starts on Monday at 8:00, ends on Friday at 13:00, and
``last_starts_at`` says when its last day starts (Friday, 8:00), so that a range
finds it while any of its days starts in it; the month view puts it on each of its
days (``Occurrence.days``).

The rows are kept in step with what they are made from, by ``events.signals``: a
session saved (a programme published, a translation synchronised), a whole session
or one date cancelled or brought back; and every night by ``manage.py
refresh_session_dates``, which moves the horizon on and rebuilds every row.
"""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import (
    LOCAL_TIMEZONE,
    CancelledOccurrence,
    CancelledSession,
    Session,
    places_annotations,
    source_note,
)

# The horizon of the rows: from PAST_DAYS ago to FUTURE_DAYS ahead.
PAST_DAYS = 400
FUTURE_DAYS = 430
# How long the rows stay whole ahead if the nightly job stops running: a range that
# reaches beyond FUTURE_DAYS - MISSED_DAYS is expanded from the rules instead.
MISSED_DAYS = 30
# Sessions rebuilt per transaction by refresh_all.
BATCH_SIZE = 500


def horizon(now=None):
    """The [start, end) of the dates kept as rows."""
    now = now or timezone.now()
    return now - datetime.timedelta(days=PAST_DAYS), now + datetime.timedelta(days=FUTURE_DAYS)


def covers(start, end, now=None):
    """Whether the rows hold every occurrence that starts in [start, end)."""
    now = now or timezone.now()
    first, last = horizon(now)
    return start >= first and end <= last - datetime.timedelta(days=MISSED_DAYS)


def occurrence_times(session, start, end):
    """(starts_at, ends_at, last_starts_at) of each occurrence of `session` in [start, end).

    `session` needs only its fields (the data migration passes an unsaved copy).
    """
    from ..listing import Occurrence

    for starts_at in session.occurrences_between(start, end):
        occurrence = Occurrence(session=session, starts_at=starts_at)
        last_starts_at = session.daily_starts()[-1] if session.daily else starts_at
        yield starts_at, occurrence.ends_at, last_starts_at


class SessionDateQuerySet(models.QuerySet):
    def between(self, start, end):
        """The occurrences found in [start, end): a camp while any of its days starts in it."""
        return self.filter(starts_at__lt=end, last_starts_at__gte=start)

    def of_sessions(self, sessions):
        """The dates of `sessions` (a queryset of Session)."""
        return self.filter(session__in=sessions)

    def with_places(self):
        """Annotate each date with its session's places (see ``SessionQuerySet.with_places``)."""
        if "quota_waiting" in self.query.annotations:
            return self
        return self.annotate(**places_annotations(models.OuterRef("session__translation_key")))

    def with_source_notes(self):
        """Annotate each date with its session's Polish status note (see ``Session.note``)."""
        return self.annotate(
            source_status_note=source_note(models.OuterRef("session__translation_key"))
        )

    def not_cancelled(self):
        """The dates of sessions not cancelled as a whole."""
        return self.filter(cancelled_session__isnull=True)

    def refresh(self, sessions, now=None):
        """Rebuild the rows of `sessions` (saved Session objects) within the horizon."""
        sessions = list(sessions)
        if not sessions:
            return 0
        start, end = horizon(now)
        keys = {session.translation_key for session in sessions}
        cancelled_sessions = {
            cancelled.session_key: cancelled
            for cancelled in CancelledSession.objects.filter(session_key__in=keys)
        }
        cancelled_dates = {
            (cancelled.session_key, cancelled.starts_at): cancelled
            for cancelled in CancelledOccurrence.objects.filter(
                session_key__in=keys, starts_at__gte=start, starts_at__lt=end
            )
        }
        rows = [
            SessionDate(
                session=session,
                starts_at=starts_at,
                ends_at=ends_at,
                last_starts_at=last_starts_at,
                cancelled_session=cancelled_sessions.get(session.translation_key),
                cancelled_date=cancelled_dates.get((session.translation_key, starts_at)),
            )
            for session in sessions
            for starts_at, ends_at, last_starts_at in occurrence_times(session, start, end)
        ]
        with transaction.atomic():
            self.filter(session__in=[session.pk for session in sessions]).delete()
            self.bulk_create(rows, batch_size=BATCH_SIZE)
        return len(rows)

    def refresh_all(self, now=None):
        """Rebuild every row, moving the horizon on; (sessions, dates) written."""
        sessions = dates = 0
        pks = list(Session.objects.order_by("pk").values_list("pk", flat=True))
        for first in range(0, len(pks), BATCH_SIZE):
            batch = Session.objects.filter(pk__in=pks[first : first + BATCH_SIZE])
            dates += self.refresh(batch, now=now)
            sessions += len(batch)
        # Rows of a session deleted between the two reads went with it (CASCADE).
        return sessions, dates


class SessionDate(models.Model):
    """One occurrence of a session within the horizon: what the calendar pages list.

    Made from the session, never edited: see the module's docstring for when it
    is rebuilt. ``cancelled_session`` and ``cancelled_date`` point to the session's
    :class:`CancelledSession` and to this date's :class:`CancelledOccurrence`, if any.
    """

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="dates"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # When its last day starts: a daily camp's Friday morning; starts_at for any other.
    last_starts_at = models.DateTimeField(_("last day starts"))
    cancelled_session = models.ForeignKey(
        CancelledSession,
        verbose_name=_("cancelled session"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_date = models.ForeignKey(
        CancelledOccurrence,
        verbose_name=_("cancelled date"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SessionDateQuerySet.as_manager()

    class Meta:
        verbose_name = _("date of a session")
        verbose_name_plural = _("dates of sessions")
        indexes = [
            # The listing's order, walked from a date on; and what is under way then.
            models.Index(fields=["starts_at", "session"], name="session_date_starts"),
            models.Index(fields=["last_starts_at"], name="session_date_last_starts"),
        ]

    def __str__(self):
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).strftime("%Y-%m-%d %H:%M")
