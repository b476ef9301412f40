"""
The meetings of a session, each with its own attendance register.

A camp that meets on five days has five meetings, a weekly club one a week; the
dates come from the session's schedule (``events.models.meeting_starts``), with
its cancelled dates left out. Read by the staff pages (``signups.admin.views``,
``signups.admin.attendance``); the marks are written by ``signups.services``.
"""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode

from events.models import LOCAL_TIMEZONE, CancelledOccurrence

from .models import Attendance, Participant, Registration, meeting_starts

# What each participant's choice in a register is sent as.
PRESENT, ABSENT, NOT_MARKED = "present", "absent", ""
STATES = {PRESENT: True, ABSENT: False, NOT_MARKED: None}


@dataclasses.dataclass
class Meeting:
    """One meeting of a session, which has its own register."""

    starts_at: datetime.datetime

    @property
    def date(self):
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).date()

    @property
    def label(self):
        """The date as staff read it: "Monday, 6 July 2026"."""
        return date_format(self.date, "l, j E Y")


def meetings_of(quota):
    """The meetings of `quota`'s session, in order; none for a deleted or cancelled session."""
    session = quota.session
    if session is None:
        return []
    cancelled = {
        timezone.localtime(occurrence.starts_at, LOCAL_TIMEZONE).date()
        for occurrence in CancelledOccurrence.objects.of_sessions([session])
    }
    return [Meeting(start) for start in meeting_starts(session, cancelled_dates=cancelled)]


def default_meeting(meetings, today=None):
    """Today's meeting if there is one, else the next one, else the last one; None if none."""
    today = today or timezone.localdate()
    upcoming = [meeting for meeting in meetings if meeting.date >= today]
    if upcoming:
        return upcoming[0]
    return meetings[-1] if meetings else None


# How many meetings the session's page lists: a course of forty weeks lists those
# around today, and each register's date picker offers them all.
REGISTERS_SHOWN = 10


def meetings_around(meetings, meeting, shown=REGISTERS_SHOWN):
    """Up to `shown` of `meetings` around `meeting`: the two before it, then those after."""
    if meeting is None or len(meetings) <= shown:
        return meetings
    first = max(0, min(meetings.index(meeting) - 2, len(meetings) - shown))
    return meetings[first : first + shown]


def register_url(quota, meeting, name="sign_ups:attendance", **params):
    return (
        reverse(name, args=[quota.pk])
        + "?"
        + urlencode({"date": meeting.date.isoformat(), **params})
    )


def who_takes_part(quota):
    """The participants a register lists: confirmed, not cancelled (unordered)."""
    return Participant.objects.filter(
        quota=quota, cancelled_at__isnull=True, registration__status=Registration.Status.CONFIRMED
    )


def register_summaries(quota, meetings):
    """Each meeting with how many of those taking part are marked present, absent or not.

    Two queries, whatever the number of meetings.
    """
    taking_part = who_takes_part(quota)
    total = taking_part.count()
    marks = {
        row["date"]: row
        for row in Attendance.objects.filter(participant__in=taking_part)
        .order_by()
        .values("date")
        .annotate(
            present=Count("pk", filter=Q(attended=True)),
            absent=Count("pk", filter=Q(attended=False)),
        )
    }
    summaries = []
    for meeting in meetings:
        row = marks.get(meeting.date, {"present": 0, "absent": 0})
        summaries.append(
            {
                "meeting": meeting,
                "present": row["present"],
                "absent": row["absent"],
                "not_marked": max(total - row["present"] - row["absent"], 0),
                "url": register_url(quota, meeting),
                "print_url": register_url(quota, meeting, "sign_ups:attendance_print"),
            }
        )
    return summaries
