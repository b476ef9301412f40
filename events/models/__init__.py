"""The events app's models: the calendar (calendar.py) and sign-ups (signups.py)."""

from .calendar import (
    LOCAL_TIMEZONE,
    Audience,
    CancelledOccurrence,
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
from .signups import (
    AgeBand,
    Attendance,
    ConsentText,
    Participant,
    Quota,
    Registration,
    SignUpQuestion,
    meeting_starts,
)

__all__ = [
    "LOCAL_TIMEZONE",
    "AgeBand",
    "Attendance",
    "Audience",
    "CancelledOccurrence",
    "Category",
    "ConsentText",
    "EventIndexPage",
    "EventPage",
    "Participant",
    "ProgrammeAudience",
    "ProgrammeLanguage",
    "ProgrammePage",
    "Quota",
    "Registration",
    "Session",
    "SignUpQuestion",
    "Venue",
    "at_session_time",
    "meeting_starts",
]
