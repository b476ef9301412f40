"""schema.org Event descriptions of occurrences, for search engines."""

from django.conf import settings
from django.utils import timezone

from .models import LOCAL_TIMEZONE, Session

EVENT_STATUS = {
    Session.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Session.Status.MOVED: "https://schema.org/EventRescheduled",
}
# A session cancelled as a whole (Session.is_cancelled), or one of its dates.
CANCELLED = "https://schema.org/EventCancelled"

AUDIENCE_TYPES = {
    "children": "Children",
    "youth": "Youth",
    "adults": "Adults",
    "families": "Families",
}


WEEKDAYS = [
    f"https://schema.org/{day}" for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
]


def daily_schedule(session):
    """How a session over several days meets each day (a camp: 08:00–13:00, Monday to Friday).

    The Event's startDate and endDate span the whole session; the schedule says
    it is not one stretch of time but the same hours on each day.
    """
    if not session.daily or len(session.meeting_days()) < 2:
        return None
    starts, ends = (
        timezone.make_naive(session.starts_at, LOCAL_TIMEZONE),
        timezone.make_naive(session.ends_at, LOCAL_TIMEZONE),
    )
    schedule = {
        "@type": "Schedule",
        "startDate": starts.date().isoformat(),
        "endDate": ends.date().isoformat(),
        "repeatFrequency": "P1D",
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if not session.all_day:
        schedule["startTime"] = starts.time().isoformat("minutes")
        schedule["endTime"] = ends.time().isoformat("minutes")
    if session.daily == Session.Daily.WEEKDAYS:
        schedule["byDay"] = WEEKDAYS
    return schedule


def event_data(occurrence, request):
    """One schema.org Event for one occurrence of a session."""
    session, page = occurrence.session, occurrence.page
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.full_title,
        "description": page.intro,
        "startDate": occurrence.starts_at.isoformat(),
        "endDate": occurrence.ends_at.isoformat(),
        "eventStatus": CANCELLED if occurrence.is_cancelled else EVENT_STATUS[session.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": page.get_full_url(request),
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "PLN",
            "availability": "https://schema.org/InStock"
            if session.places_left is None or session.places_left > 0
            else "https://schema.org/SoldOut",
            "url": page.get_full_url(request),
        },
        "inLanguage": [language.code for language in page.activity_languages.all()],
        "audience": [
            {"@type": "Audience", "audienceType": AUDIENCE_TYPES[row.audience]}
            for row in page.audiences.all()
        ],
    }
    if schedule := daily_schedule(session):
        data["eventSchedule"] = schedule
    if session.places_left is not None:
        data["remainingAttendeeCapacity"] = session.places_left
        data["maximumAttendeeCapacity"] = session.places
    if session.min_age is not None or session.max_age is not None:
        data["typicalAgeRange"] = f"{session.min_age or 0}-{session.max_age or ''}"
    if venue := session.venue:
        data["location"] = {"@type": "Place", "name": venue.name, **venue.place_structured_data()}
    if page.organiser_id:
        data["organizer"] = {"@type": "Organization", "name": page.organiser.title}
    return data
