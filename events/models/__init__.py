"""The events app's models: the calendar (calendar.py), and what it keeps for
sign-ups (signups.py: a session's places, a programme's questions)."""

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
    at_session_time,
)
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
    "SignUpQuestion",
    "SignUpStatus",
    "Venue",
    "at_session_time",
]
