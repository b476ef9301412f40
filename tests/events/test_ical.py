"""
A session as an iCalendar event (events/ical.py): what the sign-up .ics and, later,
the feeds are made of. Read back with icalendar, and the recurrence also with
dateutil, which parses the raw lines on its own.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from events.ical import (
    new_calendar,
    session_event,
    session_uid,
    timezone_component,
    to_ical,
    with_events,
    written_with_tzids,
)
from events.models import LOCAL_TIMEZONE, Session
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import local

pytestmark = pytest.mark.django_db


def read_back(session):
    """The session's VEVENT as a client reads it, and the calendar's raw text."""
    text = new_calendar([session_event(session)]).to_ical()
    [event] = icalendar.Calendar.from_ical(text).events
    return event, text.decode()


def test_a_weekly_session_repeats_at_the_same_local_time_in_every_client(club):
    club.refresh_from_db()
    event, text = read_back(club)

    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert "EXDATE;TZID=Europe/Warsaw:20270319T160000" in text
    assert "RDATE;TZID=Europe/Warsaw:20270331T160000" in text
    # dateutil cannot read TZID on RDATE: expand the raw lines on wall-clock time.
    vevent = text.replace("\r\n ", "").replace("\r\n", "\n").split("BEGIN:VEVENT")[1]
    lines = re.findall(r"^(?:DTSTART|RRULE|EXDATE|RDATE)[;:].*$", vevent, re.M)
    expanded = rrulestr("\n".join(lines).replace(";TZID=Europe/Warsaw", ""), forceset=True)
    in_clients = [moment.replace(tzinfo=LOCAL_TIMEZONE) for moment in expanded]
    on_site = club.occurrences_between(local(2027, 1, 1), local(2028, 1, 1))
    assert in_clients == on_site
    assert [moment.utcoffset().seconds // 3600 for moment in on_site] == [1, 1, 2, 2, 2]


def test_an_all_day_session_is_written_as_dates(calendar_page, locales):
    page = EventPageFactory(parent=calendar_page, title="Piknik rodzinny")
    picnic = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=local(2027, 6, 12, 0),
        ends_at=local(2027, 6, 13, 0),
        all_day=True,
    )

    event, text = read_back(picnic)

    assert "DTSTART;VALUE=DATE:20270612" in text
    assert event.start == datetime.date(2027, 6, 12)
    # The end is exclusive: the picnic lasts both days.
    assert event.end == datetime.date(2027, 6, 14)


def test_the_event_has_the_venue_address_and_coordinates(calendar_page, locales):
    page = EventPageFactory(parent=calendar_page, title="Kino")
    cinema = VenueFactory(
        name="Kino Centrum",
        street_address="ul. Zamkowa 1",
        postcode="62-800",
        city="Kalisz",
        latitude="51.761000",
        longitude="18.091000",
        locale=locales["pl"],
    )
    session = SessionFactory(page=page, locale=page.locale, venue=cinema)

    event, _text = read_back(session)

    assert event["LOCATION"] == "Kino Centrum, ul. Zamkowa 1, 62-800 Kalisz"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.761, 18.091)
    assert event["UID"] == session_uid(session)


def test_a_cancelled_session_stays_in_the_calendar_as_cancelled(camp_session):
    services.cancel_session(session=camp_session)

    event, _text = read_back(Session.objects.get(pk=camp_session.pk))

    assert event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == "Półkolonie w Kaliszu – Turnus I"


def test_the_calendar_has_what_rfc_5545_requires(camp_session):
    calendar = icalendar.Calendar.from_ical(new_calendar([session_event(camp_session)]).to_ical())

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar.get_missing_tzids() == set()
    assert calendar.events[0]["DTSTAMP"]


# The time zone


def test_the_time_zone_is_written_with_yearly_rules_as_google_and_outlook_write_it(club):
    """ical.js (Thunderbird, Nextcloud) misreads the RDATE lists icalendar writes by default."""
    _event, text = read_back(club)

    [zone] = re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.S)
    assert zone == (
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        "TZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        "TZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")


@pytest.mark.parametrize("tzid", ["Europe/Warsaw", "America/New_York", "Asia/Tokyo"])
def test_the_time_zone_gives_the_offsets_of_the_time_zone_database(tzid):
    """Derived from zoneinfo, not pasted: right for another TIME_ZONE too, every hour of years."""
    written = timezone_component(tzid, year=2026).to_ical()

    read = icalendar.Timezone.from_ical(written).to_tz(lookup_tzid=False)

    zone = ZoneInfo(tzid)
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    for hour in range(0, 3 * 366 * 24, 3):
        moment = start + datetime.timedelta(hours=hour)
        assert moment.astimezone(read).utcoffset() == moment.astimezone(zone).utcoffset(), moment


# The summary


def test_the_summary_names_the_town_so_camps_in_two_centres_are_told_apart(calendar_page, locales):
    page = EventPageFactory(parent=calendar_page, title="Półkolonie")
    summaries = []
    for city in ("Kalisz", "Konin"):
        venue = VenueFactory(name=f"CIC {city}", city=city, locale=locales["pl"])
        session = SessionFactory(page=page, locale=page.locale, title="Tydzień 1", venue=venue)
        summaries.append(read_back(session)[0]["SUMMARY"])

    assert summaries == ["Półkolonie – Tydzień 1 (Kalisz)", "Półkolonie – Tydzień 1 (Konin)"]


def test_the_summary_names_the_organising_centres_town_when_there_is_no_venue(
    calendar_page, kalisz, locales
):
    page = EventPageFactory(parent=calendar_page, title="Spotkanie online", organiser=kalisz)
    session = SessionFactory(page=page, locale=page.locale, venue=None)

    assert read_back(session)[0]["SUMMARY"] == "Spotkanie online (Kalisz)"


def test_the_summary_does_not_repeat_a_town_the_title_names(camp_session):
    """ "Półkolonie w Kaliszu" at a venue in Kalisz."""
    assert read_back(camp_session)[0]["SUMMARY"] == "Półkolonie w Kaliszu – Turnus I"


# Writing the octets


@pytest.fixture
def varied_events(club, calendar_page, locales):
    """VEVENTs with what a feed writes: a rule with extra and excluded dates, an all-day
    session, coordinates, and text that must be escaped and folded (Polish letters)."""
    page = EventPageFactory(parent=calendar_page, title="Piknik; rodzinny, z muzyką \\ i tańcami")
    picnic = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=local(2027, 6, 12, 0),
        ends_at=local(2027, 6, 13, 0),
        all_day=True,
        venue=VenueFactory(latitude="51.761000", longitude="18.091000", locale=locales["pl"]),
    )
    description = "Zażółć gęślą jaźń; " * 12 + "\nDruga linia, z przecinkiem"
    return [session_event(club), session_event(picnic, description=description)]


def test_the_calendar_is_written_exactly_as_icalendar_writes_it(varied_events):
    """events.ical.to_ical puts content lines together itself, for speed: it must
    give icalendar's own octets, folding, escaping and parameters included."""
    calendar = new_calendar(varied_events, name="Kalendarz: wszystko")

    assert to_ical(calendar) == calendar.to_ical()
    for event in varied_events:
        assert to_ical(event) == event.to_ical()


def test_events_written_apart_make_the_calendar_icalendar_writes(varied_events):
    """A feed keeps each session's VEVENTs written and puts the calendar together."""
    written = [written_with_tzids(event) for event in varied_events]

    calendar = new_calendar(
        [], name="Kalendarz", tzids=set().union(*[tzids for _octets, tzids in written])
    )

    assert with_events(calendar, [octets for octets, _tzids in written]) == (
        new_calendar(varied_events, name="Kalendarz").to_ical()
    )
