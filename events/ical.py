"""
iCalendar (RFC 5545) output, built with the icalendar library.

``session_event`` turns one session, in the language of its row, into a VEVENT;
``new_calendar`` wraps VEVENTs in a VCALENDAR with the VTIMEZONE they need. The
registrant's own .ics (attached to the confirmation, and downloadable from the
private link) is ``registration_ics``; the public feeds build on the same two
functions.

Times are written in Europe/Warsaw with a TZID, never converted to UTC: a club
that meets at 16:00 meets at 16:00 in summer and in winter time, and a client
expanding the RRULE must see the wall-clock time to get that right.
"""

import datetime

import icalendar
import recurrence

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import Locale

from .models import LOCAL_TIMEZONE, CancelledOccurrence, Registration, at_session_time
from .models.calendar import naive_local

PRODID = "-//Centra Integracji Cudzoziemców//Sign-ups and calendar//EN"


def session_uid(session):
    """The UID of a session's VEVENT: the same in every language and across edits."""
    return f"session-{session.translation_key}@cic"


def session_event(session, *, description="", status=None, stamp=None, url=None):
    """One session as a VEVENT, with its recurrence, in the language of `session`'s row.

    `status` is CONFIRMED, TENTATIVE or CANCELLED; by default CANCELLED for a
    cancelled session, CONFIRMED otherwise. `url` defaults to the page's address
    (a feed that knows it already saves the query).
    """
    page = session.page
    if status is None:
        status = "CANCELLED" if session.is_cancelled else "CONFIRMED"
    event = icalendar.Event.new(
        uid=session_uid(session),
        stamp=stamp or timezone.now(),
        start=_local(session.starts_at, session.all_day),
        end=_local(_first_end(session), session.all_day, end=True),
        summary=session.full_title,
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
    _add_recurrence(event, session)
    return event


def new_calendar(events, *, name=None):
    """A VCALENDAR holding `events` (a list), with a VTIMEZONE for every TZID they use.

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
    if events:
        # Time zone rules from the year of the first event on, not from 1970.
        first = min(_as_date(event.start) for event in events)
        calendar.add_missing_timezones(first_date=first.replace(month=1, day=1))
    return calendar


def cancelled_date_event(session, cancelled, *, stamp=None, url=None):
    """One cancelled date of a repeating session: a CANCELLED override of the series'
    VEVENT (same UID, RECURRENCE-ID of the date), with the note in the active language.
    """
    starts_at = timezone.localtime(cancelled.starts_at, LOCAL_TIMEZONE)
    note = cancelled.note_in(translation.get_language() or settings.LANGUAGE_CODE)
    event = icalendar.Event.new(
        uid=session_uid(session),
        stamp=stamp or timezone.now(),
        start=starts_at,
        end=starts_at + session.duration,
        summary=session.full_title,
        description=note.labelled if note else None,
        url=url or session.page.get_full_url() or None,
        status="CANCELLED",
        last_modified=cancelled.cancelled_at,
    )
    event.add("recurrence-id", starts_at)
    event.add("sequence", session.sequence)
    return event


def registration_ics(registration):
    """The .ics of one sign-up, in the registrant's language, with their private link.

    A repeating session carries its cancelled dates, so the family's calendar drops
    them; each new copy has the session's current SEQUENCE, so it replaces the last.
    """
    locale = Locale.objects.filter(language_code=registration.language).first()
    session = with_facts_of(registration.quota.session, registration.quota.session_in(locale))
    cancelled_dates = (
        CancelledOccurrence.objects.filter(session_key=session.translation_key)
        if session.repeats
        else []
    )
    with translation.override(registration.language):
        link = private_link(registration)
        names = ", ".join(str(p) for p in registration.active_participants())
        lines = [
            gettext("Signed up: %(names)s") % {"names": names} if names else "",
            gettext("See or cancel your sign-up: %(link)s") % {"link": link},
        ]
        event = session_event(
            session,
            description="\n".join(line for line in lines if line),
            status=_registration_status(registration, session),
        )
        events = [event]
        for cancelled in cancelled_dates:
            # A date no longer in the series (it moved) has no instance to override.
            if session.occurrences_between(
                cancelled.starts_at, cancelled.starts_at + datetime.timedelta(seconds=1)
            ):
                events.append(cancelled_date_event(session, cancelled))
    return new_calendar(events).to_ical()


def with_facts_of(source, session):
    """`session` (a language version) with the time, place and status of `source`.

    The Polish row owns them; a translation's row follows it when the page is
    published (``events.translation_sync``), which may be just after an e-mail
    about the change is built.
    """
    if source is None or source.pk == session.pk:
        return session
    for name in ("starts_at", "ends_at", "all_day", "daily", "recurrence", "status", "changed_at"):
        setattr(session, name, getattr(source, name))
    session.sequence = max(session.sequence, source.sequence)
    if source.venue_id != session.venue_id:
        venue = source.venue
        session.venue = venue and (venue.get_translation_or_none(session.locale_id) or venue)
    return session


def private_link(registration, url_name="signups:detail"):
    """The absolute address of a registrant's private link, or of one of its actions.

    It carries the prefix of the active language: call it inside ``translation.override``.
    """
    path = reverse(
        url_name, kwargs={"reference": registration.reference, "token": registration.token}
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _registration_status(registration, session):
    if session.is_cancelled or registration.status == Registration.Status.CANCELLED:
        return "CANCELLED"
    if registration.status == Registration.Status.CONFIRMED:
        return "CONFIRMED"
    return "TENTATIVE"  # waiting, or a place offered and not yet accepted


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
    first_day = naive_local(session.starts_at).date()
    return datetime.datetime.combine(
        first_day, naive_local(session.ends_at).time(), tzinfo=LOCAL_TIMEZONE
    )


def _as_date(moment):
    return moment.date() if isinstance(moment, datetime.datetime) else moment


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
    first = timezone.localtime(session.starts_at, LOCAL_TIMEZONE).replace(tzinfo=None)
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
