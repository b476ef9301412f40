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
from .signups import AgeBand, ConsentText, Participant, Quota, Registration, SignUpQuestion

__all__ = [
    "LOCAL_TIMEZONE",
    "AgeBand",
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
]
