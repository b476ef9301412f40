"""
iCalendar (RFC 5545) output, built with the icalendar library.

``session_event`` turns one session, in the language of its row, into a VEVENT;
``new_calendar`` wraps VEVENTs in a VCALENDAR with the VTIMEZONE they need. The
registrant's own .ics (``signups.ical.registration_ics``) and the public feeds
build on the same two functions.

Times are written in Europe/Warsaw with a TZID, never converted to UTC: a club
that meets at 16:00 meets at 16:00 in summer and in winter time, and a client
expanding the RRULE must see the wall-clock time to get that right.
"""

import dataclasses
import datetime
import functools
import zoneinfo
from calendar import monthrange

import icalendar
import recurrence
from dateutil.rrule import rrulestr
from icalendar.parser import Contentline

from django.conf import settings
from django.utils import timezone, translation

from .models import LOCAL_TIMEZONE, at_session_time

PRODID = "-//Centra Integracji Cudzoziemców//Sign-ups and calendar//EN"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# icalendar folds a content line of this many octets or more (RFC 5545: at most 75).
FOLD_FROM = 75


def session_uid(session):
    """The UID of a session's VEVENT: the same in every language and across edits."""
    return f"session-{session.translation_key}@cic"


def occurrence_uid(session, starts_at):
    """The UID of one date of a repeating session added on its own ("Add this date").

    Not the series' UID: a calendar that has both keeps both, rather than one
    replacing the other.
    """
    day = timezone.localtime(starts_at, LOCAL_TIMEZONE).strftime("%Y%m%d")
    return f"session-{session.translation_key}-{day}@cic"


def session_event(session, *, description="", status=None, stamp=None, url=None, occurrence=None):
    """One session as a VEVENT, with its recurrence, in the language of `session`'s row.

    `status` is CONFIRMED, TENTATIVE or CANCELLED; by default CANCELLED for a
    cancelled session, CONFIRMED otherwise. `url` defaults to the page's address
    (a feed that knows it already saves the query). With `occurrence` (the start of
    one of a repeating session's dates), that date alone: its own UID, no recurrence.
    """
    page = session.page
    if status is None:
        status = "CANCELLED" if session.is_cancelled else "CONFIRMED"
    if occurrence is None:
        uid, starts_at, ends_at = session_uid(session), session.starts_at, _first_end(session)
    else:
        uid, starts_at = occurrence_uid(session, occurrence), occurrence
        ends_at = occurrence + session.duration
    event = new_event(
        uid=uid,
        dtstamp=stamp or timezone.now(),
        dtstart=_local(starts_at, session.all_day),
        dtend=_local(ends_at, session.all_day, end=True),
        summary=event_summary(session),
        description=description or None,
        url=url or page.get_full_url() or None,
        status=status,
        last_modified=max(
            filter(None, [page.last_published_at, session.changed_at]), default=None
        ),
    )
    event.add("sequence", session.sequence)
    if session.venue_id:
        venue = session.venue
        event.add("location", ", ".join(part for part in [venue.name, venue.full_address] if part))
        if venue.has_coordinates:
            event.add("geo", (float(venue.latitude), float(venue.longitude)))
    if occurrence is None:
        _add_recurrence(event, session)
    return event


# The icalendar type of each property new_event writes: what Component.add would
# infer from the value, given at once.
EVENT_TYPES = {
    "uid": icalendar.vText,
    "summary": icalendar.vText,
    "description": icalendar.vText,
    "status": icalendar.vText,
    "url": icalendar.vUri,
    "dtstamp": icalendar.vDDDTypes,
    "dtstart": icalendar.vDDDTypes,
    "dtend": icalendar.vDDDTypes,
    "last-modified": icalendar.vDDDTypes,
}
# Written in UTC, as RFC 5545 requires (Component.add converts them too).
UTC_PROPERTIES = {"dtstamp", "last-modified"}


def new_event(**properties):
    """A VEVENT of `properties` (those None left out; last_modified for LAST-MODIFIED),
    as ``icalendar.Event.new`` makes it, without the checks of its every value and the
    guessing of each one's type, which took as long as the rest of the event: these
    values come from our own models.
    """
    event = icalendar.Event()
    for name, value in properties.items():
        if value is not None:
            name = name.replace("_", "-")
            if name in UTC_PROPERTIES:
                value = value.astimezone(datetime.UTC)
            event.add(name, EVENT_TYPES[name](value))
    return event


def event_summary(session):
    """What a calendar shows as the session's name: its title and, unless the title
    names it, the town: "Półkolonie – tydzień 1 (Kalisz)".

    Camps in several centres run at the same time under the same title; a library
    that subscribes to all of them must see which is which. The town is the venue's,
    else the organising centre's, in the language of `session`'s row.
    """
    title = session.full_title
    if session.venue_id:
        town = session.venue.city
    elif session.page.organiser_id:
        town = session.page.organiser.city
    else:
        town = ""
    if not town or town.casefold() in title.casefold():
        return title
    return f"{title} ({town})"


def new_calendar(events, *, name=None, tzids=()):
    """A VCALENDAR holding `events` (a list), with a VTIMEZONE for every TZID they use
    and for `tzids` (those of events added to it as octets, see :func:`with_events`).

    Built by hand rather than with ``Calendar.new``, which would give the calendar
    a new random UID each time, so the same events would never give the same file.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.calendar_name = name
    for event in events:
        calendar.add_component(event)
    year = timezone.localdate(timezone=LOCAL_TIMEZONE).year
    for tzid in sorted(calendar.get_missing_tzids() | (set(tzids) - {"UTC"}), reverse=True):
        # First, as clients that read the file in one pass need them before the events.
        calendar.subcomponents.insert(0, timezone_component(tzid, year=year))
    return calendar


def to_ical(component):
    """`component` as RFC 5545 octets: exactly what ``component.to_ical()`` gives
    (a test holds them to it), in half the time.

    Each value is written by icalendar (escaping, dates, parameters); only the
    content lines are put together here. icalendar makes each of them an object
    with parameters of its own first, and folds each character by character: a
    third of a feed's build. Most lines are shorter than the 75 octets from which
    it folds, and those are taken as they are.
    """
    return written_with_tzids(component)[0]


def written_with_tzids(component):
    """`component`'s octets (as :func:`to_ical`) and the TZIDs its values name
    (for :func:`new_calendar`'s `tzids`)."""
    lines, tzids = [], set()
    for name, value in component.property_items():
        if name in ("BEGIN", "END"):
            line = f"{name}:{value.decode()}"
        else:
            params = getattr(value, "params", None)
            text = (
                value.to_ical() if hasattr(value, "to_ical") else icalendar.vText(value).to_ical()
            )
            text = text.decode() if isinstance(text, bytes) else text
            if params and (written := params.to_ical()):
                tzids.add(params.get("TZID"))
                line = f"{name};{written.decode()}:{text}"
            else:
                line = f"{name}:{text}"
        octets = line.encode()
        lines.append(octets if len(octets) < FOLD_FROM else Contentline(line).to_ical())
    lines.append(b"")
    return b"\r\n".join(lines), tzids - {None}


def with_events(calendar, events):
    """The octets of `calendar` (from :func:`new_calendar`, without its events) with
    `events`, VEVENTs already written as octets, in it: after its VTIMEZONEs, where
    ``to_ical`` would have put them.
    """
    end = b"END:VCALENDAR\r\n"
    head = to_ical(calendar)
    return b"".join([head.removesuffix(end), *events, end])


def timezone_component(tzid, *, year):
    """The VTIMEZONE of `tzid` as Google Calendar and Outlook publish one, which every
    client reads right: a DAYLIGHT and a STANDARD part, each with a yearly RRULE.

    icalendar's own (``Timezone.from_tzid``) lists every change as an RDATE, and
    ical.js (Thunderbird, Nextcloud Calendar, FullCalendar) misreads that: weekly
    sessions in the autumn before the change to winter time came out an hour late.
    The rules are read from the time zone database for `year`: the month, which
    weekday of it ("last Sunday") and the local time of each change, so they stay
    right if ``TIME_ZONE`` changes. They are written as starting in 1970, as those
    publishers do, so that no date of a feed comes before them.
    """
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    for change in yearly_changes(tzid, year):
        part = icalendar.TimezoneDaylight() if change.daylight else icalendar.TimezoneStandard()
        part.add("dtstart", change.first)
        if change.rule:
            part.add("rrule", icalendar.vRecur.from_ical(change.rule))
        part.add("tzname", change.name)
        part.add("tzoffsetfrom", change.offset_from)
        part.add("tzoffsetto", change.offset_to)
        component.add_component(part)
    return component


@dataclasses.dataclass(frozen=True)
class ZoneChange:
    """One yearly change of a time zone's offset, as a VTIMEZONE part states it."""

    daylight: bool
    first: datetime.datetime  # local time before the change, in 1970
    rule: str  # "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"; empty for a zone without changes
    name: str
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta


@functools.cache
def yearly_changes(tzid, year):
    """The changes of `tzid`'s offset in `year`, as yearly rules (one part, and no rule,
    for a zone that does not change its clocks).
    """
    zone = zoneinfo.ZoneInfo(tzid)
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    before = start.astimezone(zone)
    if not (moments := offset_changes(zone, start, start.replace(year=year + 1))):
        return (
            ZoneChange(
                daylight=False,
                first=datetime.datetime(1970, 1, 1),
                rule="",
                name=before.tzname(),
                offset_from=before.utcoffset(),
                offset_to=before.utcoffset(),
            ),
        )
    changes = []
    for moment in moments:
        offset_from = (moment - datetime.timedelta(microseconds=1)).astimezone(zone).utcoffset()
        after = moment.astimezone(zone)
        local = (moment + offset_from).replace(tzinfo=None)
        week = (local.day - 1) // 7 + 1
        if local.day + 7 > monthrange(local.year, local.month)[1]:
            week = -1
        rule = f"FREQ=YEARLY;BYMONTH={local.month};BYDAY={week}{WEEKDAYS[local.weekday()]}"
        first = rrulestr(rule, dtstart=local.replace(year=1970, month=1, day=1))[0]
        changes.append(
            ZoneChange(
                daylight=bool(after.dst()),
                first=first,
                rule=rule,
                name=after.tzname(),
                offset_from=offset_from,
                offset_to=after.utcoffset(),
            )
        )
    return tuple(changes)


def offset_changes(zone, start, end):
    """The instants (UTC) between `start` and `end` at which `zone`'s offset changes."""
    found = []
    moment, offset = start, start.astimezone(zone).utcoffset()
    while moment < end:
        step = moment + datetime.timedelta(hours=1)
        if step.astimezone(zone).utcoffset() != offset:
            # To the minute: a few zones change at half past the hour.
            step = moment
            while step.astimezone(zone).utcoffset() == offset:
                step += datetime.timedelta(minutes=1)
            found.append(step)
            offset = step.astimezone(zone).utcoffset()
        moment = step
    return found


def cancelled_date_event(session, cancelled, *, stamp=None, url=None):
    """One cancelled date of a repeating session: a CANCELLED override of the series'
    VEVENT (same UID, RECURRENCE-ID of the date), with the note in the active language.
    """
    starts_at = timezone.localtime(cancelled.starts_at, LOCAL_TIMEZONE)
    note = cancelled.note_in(translation.get_language() or settings.LANGUAGE_CODE)
    event = new_event(
        uid=session_uid(session),
        dtstamp=stamp or timezone.now(),
        dtstart=starts_at,
        dtend=starts_at + session.duration,
        summary=event_summary(session),
        description=note.labelled if note else None,
        url=url or session.page.get_full_url() or None,
        status="CANCELLED",
        last_modified=cancelled.cancelled_at,
    )
    event.add("recurrence-id", starts_at)
    event.add("sequence", session.sequence)
    return event


def _local(moment, all_day, end=False):
    """A session time as written in the VEVENT: local, or a date for an all-day session.

    An all-day DTEND is the day after the last day (RFC 5545 ends are exclusive).
    """
    moment = timezone.localtime(moment, LOCAL_TIMEZONE)
    if not all_day:
        return moment
    return moment.date() + datetime.timedelta(days=1) if end else moment.date()


def _first_end(session):
    """When the first meeting ends: for a daily session, its first day at its end time."""
    if not session.daily:
        return session.ends_at
    first_day = session.first_day
    return datetime.datetime.combine(
        first_day,
        timezone.make_naive(session.ends_at, LOCAL_TIMEZONE).time(),
        tzinfo=LOCAL_TIMEZONE,
    )


def _add_recurrence(event, session):
    if session.daily:
        _add_daily_rule(event, session)
        return
    rule_set = session.recurrence
    if not rule_set:
        return
    for name, rules in [("rrule", rule_set.rrules), ("exrule", rule_set.exrules)]:
        for rule in rules:
            # django-recurrence writes UNTIL in UTC, as RFC 5545 requires with a TZID start.
            text = recurrence.serialize(rule).removeprefix("RRULE:")
            event.add(name, icalendar.vRecur.from_ical(text))
    first = timezone.make_naive(session.starts_at, LOCAL_TIMEZONE)
    for name, moments in [("rdate", rule_set.rdates), ("exdate", rule_set.exdates)]:
        if moments:
            event.add(name, [_extra_date(moment, first, session.all_day) for moment in moments])


def _add_daily_rule(event, session):
    """A session that meets daily: its first day, repeated once a day for each of its days.

    One VEVENT with the hours of a day and a count, so calendars show five mornings
    of a camp rather than one block over the nights.
    """
    days = len(session.meeting_days())
    if days < 2:
        return
    rule = {"FREQ": "DAILY", "COUNT": days}
    if session.daily == session.Daily.WEEKDAYS:
        rule["BYDAY"] = ["MO", "TU", "WE", "TH", "FR"]
    event.add("rrule", icalendar.vRecur(rule))


def _extra_date(moment, first, all_day):
    """An extra date or exclusion, at the session's time unless it says otherwise."""
    local = at_session_time(moment, first)
    return local.date() if all_day else local.replace(tzinfo=LOCAL_TIMEZONE)
