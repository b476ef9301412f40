"""The events app's models: the calendar (calendar.py), its dates materialised for
the calendar pages (dates.py), and what it keeps for sign-ups (signups.py: a
session's places, a programme's questions)."""

from .calendar import (
    LOCAL_TIMEZONE,
    Audience,
    CancelledOccurrence,
    CancelledSession,
    Category,
    EventIndexPage,
    EventPage,
    ProgrammeAudience,
    ProgrammeLanguage,
    ProgrammePage,
    Session,
    Venue,
    age_range_text,
    at_session_time,
)
from .dates import SessionDate
from .signups import Quota, SignUpQuestion, SignUpStatus

__all__ = [
    "LOCAL_TIMEZONE",
    "Audience",
    "CancelledOccurrence",
    "CancelledSession",
    "Category",
    "EventIndexPage",
    "EventPage",
    "ProgrammeAudience",
    "ProgrammeLanguage",
    "ProgrammePage",
    "Quota",
    "Session",
    "SessionDate",
    "SignUpQuestion",
    "SignUpStatus",
    "Venue",
    "age_range_text",
    "at_session_time",
]
