"""
The calendar feeds (events/feeds.py): what a subscribed calendar reads, and what
serving it costs.

The feeds are written with the icalendar library; what they say is read back
with two parsers that share nothing with it, vobject (whose recurrence sets are
dateutil's) and ical, and the raw octets are checked by ical_lint for what those
parsers forgive and stricter clients do not.

The demo's feeds as ical.js reads them: the engine of Thunderbird, of Nextcloud
Calendar and of FullCalendar's iCalendar plugin, with which many library websites
show calendars. A third reader next to vobject and ical,
and the one that trusts the feed's own VTIMEZONE to turn wall-clock times into
instants: with the RDATE lists icalendar writes by default, it put the weekly
sessions of October an hour late.

ical.js is the npm package pinned in package.json (`make node-deps` installs it);
tests/events/ical_expand.mjs expands every VEVENT over a year from its DTSTART.
"""

import datetime
import html
import importlib
import json
import re
import shutil
import subprocess
import uuid
from email.utils import parsedate_to_datetime
from pathlib import Path

import icalendar
import pytest
import recurrence
import vobject
from ical.calendar_stream import IcsCalendarStream
from ical.event import EventStatus

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.http import http_date

from wagtail_localize.models import Translation, TranslationSource

from events.feed_cache import FEEDS
from events.feeds import programme_kinds
from events.models import (
    LOCAL_TIMEZONE,
    Audience,
    CancelledOccurrence,
    Category,
    ProgrammeAudience,
    ProgrammePage,
    Session,
    Venue,
)
from home.models import SPOKEN_LANGUAGES, CentrePage
from signups import services
from signups.ical import registration_ics
from tests.events.factories import CategoryFactory, EventPageFactory, SessionFactory, VenueFactory
from tests.events.ical_lint import lint
from tests.events.utils import in_days, local, translated
from tests.signups.utils import child, sign_up
from tests.utils import skip_unless_available, translated_text

pytestmark = pytest.mark.django_db

FEED = "/pl/calendar/events.ics"
LANGUAGES = ["pl", "uk", "ru", "en"]

# The weekly club of the iCalendar tests, across the change to summer time.

# The club fixture's dates: Fridays at 16:00 from 12 March 2027 without 19 March,
# and Wednesday 31 March; summer time begins on Sunday 28 March.
CLUB_DATES = [
    local(2027, 3, 12, 16),
    local(2027, 3, 26, 16),
    local(2027, 3, 31, 16),
    local(2027, 4, 2, 16),
    local(2027, 4, 9, 16),
]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


def read(response):
    """The feed as the icalendar library reads it."""
    return icalendar.Calendar.from_ical(response.content)


def vevents(response):
    return read(response).events


def publish_edit(page, *, title=None, session_title=None, move=None, venue=None):
    """Change `page` as an editor does in the admin: edit, save a revision, publish it."""
    page = ProgrammePage.objects.get(pk=page.pk).specific
    if title:
        page.title = title
    sessions = list(page.sessions.all())
    for session in sessions:
        if session_title:
            session.title = session_title
        if move:
            session.starts_at += move
            session.ends_at += move
        if venue:
            session.venue = venue
    page.sessions = sessions
    page.save_revision().publish()
    return page


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """`publish_edit`, with the work done when the editor's transaction commits."""

    def publish(page, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_edit(page, **changes)

    return publish


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed, so the feeds hear of it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# UID


def test_uid_is_unchanged_when_the_title_time_and_translation_change(
    client, camp, locales, publish
):
    [before] = vevents(fetch(client, FEED))

    publish(camp, title="Półkolonie zimowe w Kaliszu", move=datetime.timedelta(days=1, hours=2))
    [edited] = vevents(fetch(client, FEED))
    ukrainian = translated(camp, locales["uk"])
    publish(ukrainian, title="Зимові півколонії в Каліші")
    [in_ukrainian] = vevents(fetch(client, "/uk/calendar/events.ics"))

    assert edited["SUMMARY"].startswith("Półkolonie zimowe")
    assert in_ukrainian["SUMMARY"].startswith("Зимові")
    assert edited.start == before.start + datetime.timedelta(days=1, hours=2)
    assert before["UID"] == edited["UID"] == in_ukrainian["UID"]


# SEQUENCE


def test_sequence_increases_when_the_session_is_moved(client, camp, publish):
    [before] = vevents(fetch(client, FEED))

    publish(camp, move=datetime.timedelta(hours=1))

    [after] = vevents(fetch(client, FEED))
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_sequence_increases_when_the_session_moves_to_another_venue(client, camp, publish):
    [before] = vevents(fetch(client, FEED))

    publish(camp, venue=VenueFactory(name="CIC Kalisz", city="Kalisz"))

    [after] = vevents(fetch(client, FEED))
    assert after["LOCATION"] == "CIC Kalisz, Kalisz"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_sequence_increases_when_the_session_is_cancelled(client, camp_session, committed):
    [before] = vevents(fetch(client, FEED))

    with committed():
        services.cancel_session(session=camp_session, note="Choroba prowadzącej.")

    [after] = vevents(fetch(client, FEED))
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_sequence_is_unchanged_when_only_the_title_changes(client, camp, publish):
    [before] = vevents(fetch(client, FEED))

    publish(camp, title="Półkolonie w Kaliszu – nowa nazwa", session_title="Turnus pierwszy")

    [after] = vevents(fetch(client, FEED))
    assert after["SUMMARY"] == "Półkolonie w Kaliszu – nowa nazwa – Turnus pierwszy"
    assert after["SEQUENCE"] == before["SEQUENCE"]


def test_one_session_has_one_sequence_in_every_language_and_in_the_sign_up_ics(
    client, camp, kalisz_library, locales, publish, django_capture_on_commit_callbacks
):
    """Translated as editors do, the venue first: a translation that takes the translated
    venue has not moved (each language used to count one up: 0 in pl, 1 in uk, 2 in ru...).
    """
    for language in ("uk", "ru", "en"):
        for instance in (kalisz_library, camp):
            source, _created = TranslationSource.get_or_create_from_instance(instance)
            target = Translation.objects.create(source=source, target_locale=locales[language])
            with django_capture_on_commit_callbacks(execute=True):
                target.save_target(publish=True)
    registration = sign_up(camp.sessions.get(), child("Iwan"))

    def sequences():
        return {
            language: [
                event["SEQUENCE"]
                for event in vevents(fetch(client, f"/{language}/calendar/events.ics"))
            ]
            for language in LANGUAGES
        }

    translated_sequences = sequences()
    publish(camp, move=datetime.timedelta(hours=1))

    assert translated_sequences == {language: [0] for language in LANGUAGES}
    assert sequences() == {language: [1] for language in LANGUAGES}
    [attachment] = icalendar.Calendar.from_ical(registration_ics(registration)).events
    assert attachment["SEQUENCE"] == 1


def test_the_migration_gives_the_language_versions_made_before_it_one_sequence(camp, locales):
    """What the old counting left (0 in pl, 3 in uk) is evened out to the highest."""
    translated(camp, locales["uk"])
    Session.objects.filter(locale=locales["uk"]).update(sequence=3)
    migration = importlib.import_module("events.migrations.0013_one_sequence_per_session")

    migration.align_sequences(apps, schema_editor=None)

    assert sorted(Session.objects.values_list("sequence", flat=True)) == [3, 3]


# Recurrence, read by two parsers


def test_vobject_expands_a_weekly_session_to_16_00_on_both_sides_of_the_change_to_summer_time(
    client, club
):
    calendar = vobject.readOne(fetch(client, FEED).content.decode())
    [event] = calendar.vevent_list

    starts = list(event.getrruleset(addRDate=True))

    assert starts == CLUB_DATES
    assert {start.astimezone(LOCAL_TIMEZONE).time() for start in starts} == {datetime.time(16)}
    assert local(2027, 3, 19, 16) not in starts


def test_ical_expands_a_weekly_session_to_16_00_on_both_sides_of_the_change_to_summer_time(
    client, club
):
    calendar = IcsCalendarStream.calendar_from_ics(fetch(client, FEED).content.decode())

    starts = [event.dtstart for event in calendar.timeline_tz(LOCAL_TIMEZONE)]

    assert starts == CLUB_DATES
    assert {start.astimezone(LOCAL_TIMEZONE).time() for start in starts} == {datetime.time(16)}
    assert local(2027, 3, 19, 16) not in starts


# Cancellations


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client, camp_session):
    services.cancel_session(session=camp_session, note="Choroba prowadzącej.")

    [event] = vevents(fetch(client, FEED))

    assert event["STATUS"] == "CANCELLED"


def test_a_cancelled_date_of_a_weekly_session_is_sent_as_a_cancelled_instance(client, club):
    CancelledOccurrence.objects.create(session_key=club.translation_key, starts_at=CLUB_DATES[3])

    response = fetch(client, FEED)

    series, cancelled = vevents(response)
    assert cancelled["UID"] == series["UID"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert "RRULE" not in cancelled
    text = response.content.decode().replace("\r\n ", "")
    assert "\r\nRECURRENCE-ID;TZID=Europe/Warsaw:20270402T160000\r\n" in text


def test_ical_reads_a_cancelled_date_as_an_override_of_that_date_only(client, club):
    CancelledOccurrence.objects.create(session_key=club.translation_key, starts_at=CLUB_DATES[3])

    calendar = IcsCalendarStream.calendar_from_ics(fetch(client, FEED).content.decode())

    statuses = [(event.dtstart, event.status) for event in calendar.timeline_tz(LOCAL_TIMEZONE)]
    assert statuses == [
        (start, EventStatus.CANCELLED if start == CLUB_DATES[3] else EventStatus.CONFIRMED)
        for start in CLUB_DATES
    ]


def test_a_session_cancelled_more_than_30_days_ago_drops_out_of_the_feed(client, camp_session):
    services.cancel_session(session=camp_session)
    Session.objects.filter(pk=camp_session.pk).update(
        changed_at=timezone.now() - datetime.timedelta(days=31)
    )

    assert vevents(fetch(client, FEED)) == []


def test_a_date_cancelled_more_than_30_days_ago_drops_out_of_the_feed(client, club):
    CancelledOccurrence.objects.create(
        session_key=club.translation_key,
        starts_at=CLUB_DATES[3],
        cancelled_at=timezone.now() - datetime.timedelta(days=31),
    )

    [series] = vevents(fetch(client, FEED))

    assert "RECURRENCE-ID" not in series


# One date of a repeating session


def session_ics(session, query=""):
    return f"/pl/calendar/session/{session.translation_key}.ics{query}"


def test_one_date_of_a_weekly_session_is_added_on_its_own(client, club):
    """ "Add this date to calendar": that date alone, which the series does not replace."""
    response = fetch(client, session_ics(club, "?date=2027-04-02"))

    [event] = vevents(response)
    assert event["UID"] == f"session-{club.translation_key}-20270402@cic"
    assert (event.start, event.end) == (CLUB_DATES[3], CLUB_DATES[3] + datetime.timedelta(hours=2))
    assert not {"RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"} & set(event)
    [series] = vevents(fetch(client, session_ics(club)))
    assert event["SEQUENCE"] == series["SEQUENCE"]
    assert event["SUMMARY"] == series["SUMMARY"]
    assert lint(response.content, subscription=False) == []


def test_a_cancelled_date_added_on_its_own_is_cancelled(client, club):
    CancelledOccurrence.objects.create(
        session_key=club.translation_key, starts_at=CLUB_DATES[3], note="Ferie"
    )

    [event] = vevents(fetch(client, session_ics(club, "?date=2027-04-02")))

    assert event["STATUS"] == "CANCELLED"
    assert "Ferie" in event["DESCRIPTION"]


@pytest.mark.parametrize("query", ["", "?date=2027-04-02"])
def test_a_file_to_add_is_not_a_calendar_to_subscribe_to(client, club, query):
    """With a calendar's name, some clients open the file as a new calendar."""
    body = fetch(client, session_ics(club, query)).content

    for name in (b"X-WR-CALNAME", b"REFRESH-INTERVAL", b"X-PUBLISHED-TTL"):
        assert name not in body
    assert lint(body, subscription=False) == []


@pytest.mark.parametrize(
    "day",
    [
        "2027-03-19",  # taken out of the series
        "2027-03-13",  # a Saturday
        "2027-02-26",  # before the first date
        "2027-04-16",  # after the last
        "2027-3-99",
        "tomorrow",
        "",
    ],
)
def test_a_date_that_is_not_one_of_the_sessions_is_not_found(client, club, day):
    assert client.get(session_ics(club, f"?date={day}")).status_code == 404


def test_a_date_years_ahead_is_not_found_without_expanding_the_rule(
    client, calendar_page, locales
):
    page = EventPageFactory(parent=calendar_page)
    weekly = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(1),
        ends_at=in_days(1) + datetime.timedelta(hours=1),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )
    far = (in_days(1) + datetime.timedelta(weeks=52 * 3)).date()

    assert client.get(session_ics(weekly, f"?date={far}")).status_code == 404


def test_a_session_that_does_not_repeat_has_no_dates_of_its_own(client, camp_session):
    day = timezone.localtime(camp_session.starts_at).date()

    assert client.get(session_ics(camp_session, f"?date={day}")).status_code == 404


def test_the_listing_offers_one_date_or_all_dates_of_a_repeating_session(
    client, calendar_page, club, camp_session
):
    text = html.unescape(client.get(calendar_page.url).content.decode())

    this_date = translated_text("Add this date to calendar")
    all_dates = translated_text("Add all dates to calendar")
    assert f'href="{session_ics(club, "?date=2027-03-12")}">{this_date}' in text
    assert f'href="{session_ics(club)}">{all_dates}' in text
    add = translated_text("Add to calendar")
    assert f'href="{session_ics(camp_session)}">{add}' in text
    assert f"{session_ics(camp_session)}?date=" not in text


# What stricter clients need


def feed_addresses(language):
    """Every feed of one language of the demo site: all, each filter value, each programme."""
    locale = {"locale__language_code": language}
    base = f"/{language}/calendar/"
    programmes = ProgrammePage.objects.live().filter(**locale)
    filters = [
        *[
            f"venue={slug}"
            for slug in Venue.objects.filter(**locale).values_list("slug", flat=True)
        ],
        *[
            f"category={slug}"
            for slug in Category.objects.filter(**locale).values_list("slug", flat=True)
        ],
        *[
            f"centre={slug}"
            for slug in CentrePage.objects.live().filter(**locale).values_list("slug", flat=True)
        ],
        *[f"audience={audience}" for audience in Audience.values],
        *[f"language={code}" for code, _name in SPOKEN_LANGUAGES],
        *[f"kind={kind}" for kind in programme_kinds()],
    ]
    return [
        base + "events.ics",
        *[f"{base}events.ics?{query}" for query in filters],
        *[f"{base}programme/{pk}.ics" for pk in programmes.values_list("pk", flat=True)],
        *[
            f"{base}session/{key}.ics"
            for key in Session.objects.filter(page__in=programmes).values_list(
                "translation_key", flat=True
            )
        ],
    ]


def cancel_some_demo_dates():
    """The next date of every repeating demo session, and one whole session, cancelled.

    The demo has no cancellations of its own; these put cancelled instances
    (RECURRENCE-ID) and STATUS:CANCELLED into the feeds the lint reads.
    """
    now = timezone.now()
    polish = Session.objects.filter(locale__language_code="pl")
    for session in polish.exclude(recurrence__isnull=True).exclude(recurrence=""):
        upcoming = session.occurrences_between(now, now + datetime.timedelta(days=366))
        if upcoming:
            CancelledOccurrence.objects.create(
                session_key=session.translation_key,
                starts_at=upcoming[0],
                note="Ferie, zajęć nie ma.",
            )
    one_off = polish.filter(Q(recurrence__isnull=True) | Q(recurrence=""), starts_at__gt=now)
    services.cancel_session(session=one_off.earliest("starts_at"), note="Odwołane; przepraszamy.")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_feed_of_the_demo_site_passes_the_lint_in_every_language(client, seeded_demo):
    """The demo's real titles and addresses: Polish and Cyrillic text, commas, long lines."""
    cancel_some_demo_dates()

    problems, bodies = {}, {}
    for language in LANGUAGES:
        for address in feed_addresses(language):
            bodies[address] = body = fetch(client, address).content
            if found := lint(body, subscription="/session/" not in address):
                problems[address] = found

    assert problems == {}
    whole = [bodies[f"/{language}/calendar/events.ics"] for language in LANGUAGES]
    assert all(body.count(b"BEGIN:VEVENT") >= 10 for body in whole)
    assert all(b"RECURRENCE-ID" in body and b"STATUS:CANCELLED" in body for body in whole)


def without_line(name):
    return lambda body: re.sub(rb"\r\n" + name + rb"[;:][^\r]*(\r\n [^\r]*)*", b"", body)


def split_inside_a_letter(body):
    """Fold SUMMARY:Półkolonie between the two octets of "ó"."""
    return body.replace("SUMMARY:Pó".encode(), b"SUMMARY:P\xc3\r\n \xb3", 1)


def dtend_before_dtstart(body):
    return re.sub(
        rb"DTSTART;TZID=Europe/Warsaw:(\w+)\r\nDTEND;TZID=Europe/Warsaw:(\w+)",
        rb"DTSTART;TZID=Europe/Warsaw:\2\r\nDTEND;TZID=Europe/Warsaw:\1",
        body,
    )


def twice_the_same_event(body):
    event = re.search(rb"BEGIN:VEVENT.*?END:VEVENT\r\n", body, re.S).group(0)
    return body.replace(event, event * 2)


FORGIVEN = {
    "LF line ends": (lambda body: body.replace(b"\r\n", b"\n"), "not CRLF"),
    "lines not folded": (lambda body: body.replace(b"\r\n ", b""), "more than 75"),
    "folded without a space": (lambda body: body.replace(b"\r\n ", b"\r\n"), "not a content line"),
    "folded inside a letter": (split_inside_a_letter, "multi-byte"),
    "comma not escaped": (lambda body: body.replace(b"\\,", b","), "unescaped ','"),
    "backslash not escaped": (
        lambda body: body.replace(b"SUMMARY:", b"SUMMARY:C:\\Temp ", 1),
        "no TEXT escape",
    ),
    "no DTSTAMP": (without_line(b"DTSTAMP"), "DTSTAMP"),
    "no UID": (without_line(b"UID"), "UID"),
    "TZID without VTIMEZONE": (
        lambda body: body.replace(b"TZID=Europe/Warsaw", b"TZID=Warszawa"),
        "has no VTIMEZONE",
    ),
    "DTEND before DTSTART": (dtend_before_dtstart, "is not after DTSTART"),
    "no PRODID": (without_line(b"PRODID"), "PRODID"),
    "no X-WR-CALNAME": (without_line(b"X-WR-CALNAME"), "X-WR-CALNAME"),
    "no REFRESH-INTERVAL": (without_line(b"REFRESH-INTERVAL"), "REFRESH-INTERVAL"),
    "another TTL": (
        lambda body: body.replace(b"X-PUBLISHED-TTL:PT6H", b"X-PUBLISHED-TTL:PT1H"),
        "PT6H",
    ),
    "no METHOD": (without_line(b"METHOD"), "METHOD:PUBLISH"),
    "the same event twice": (twice_the_same_event, "share UID"),
}


@pytest.mark.parametrize("mistake", FORGIVEN)
def test_the_lint_finds_what_the_parsers_forgive(client, camp_session, mistake):
    """A lint that finds nothing must be because there is nothing to find."""
    body = fetch(client, FEED).content
    spoil, expected = FORGIVEN[mistake]
    assert lint(body) == []
    assert b"\r\n " in body and b"\\," in body  # something folded, something escaped

    problems = lint(spoil(body))

    assert any(expected in problem for problem in problems), problems


def test_text_that_needs_escaping_and_folding_passes_the_lint_and_reads_back_whole(
    client, calendar_page, locales
):
    title = "Warsztaty; „Bajka”, część 1\\2 – " + "Заняття для дітей і батьків " * 3
    intro = "Pierwsza linia, ze średnikiem; i ukośnikiem \\.\nДруга лінія: " + "ї" * 40
    page = EventPageFactory(parent=calendar_page, title=title, intro=intro)
    venue = VenueFactory(
        name="Biblioteka, filia nr 2; Śródmieście", street_address="ul. Źródlana 7", city="Łódź"
    )
    SessionFactory(page=page, locale=page.locale, venue=venue, starts_at=in_days(3))

    body = fetch(client, FEED).content

    assert lint(body) == []
    [event] = vobject.readOne(body.decode()).vevent_list
    assert event.summary.value == f"{title} (Łódź)"
    assert event.description.value.startswith(intro + "\n\n")
    assert event.location.value == "Biblioteka, filia nr 2; Śródmieście, ul. Źródlana 7, Łódź"


# Conditional GET


def test_a_feed_has_an_etag_a_last_modified_date_and_may_be_cached_publicly(client, camp):
    response = fetch(client, FEED)

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    cache_control = {
        part.strip().partition("=")[0]: part.strip().partition("=")[2]
        for part in response["Cache-Control"].split(",")
    }
    assert "public" in cache_control
    assert int(cache_control["max-age"]) > 0
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.fixture
def feed_urls(camp, camp_session, kalisz_library):
    return {
        "calendar": FEED,
        "filtered": f"{FEED}?venue={kalisz_library.pk}",
        "programme": f"/pl/calendar/programme/{camp.pk}.ics",
        "session": f"/pl/calendar/session/{camp_session.translation_key}.ics",
    }


@pytest.mark.parametrize("feed", ["calendar", "filtered", "programme", "session"])
def test_a_client_with_the_current_etag_gets_304_without_a_body_or_a_query(
    client, feed_urls, feed, django_assert_num_queries
):
    """Thousands of subscribed calendars poll every few hours: an unchanged feed costs nothing."""
    url = feed_urls[feed]
    etag = fetch(client, url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_client_whose_proxy_weakened_the_etag_still_gets_304(client, camp):
    """A gzipping proxy (nginx) sends the ETag on as W/"...": If-None-Match compares weakly.

    RFC 9110, 13.1.2: "A recipient MUST use the weak comparison function when
    comparing entity tags for If-None-Match".
    """
    etag = fetch(client, FEED)["ETag"]

    response = client.get(FEED, headers={"If-None-Match": f"W/{etag}"})

    assert response.status_code == 304


@pytest.mark.parametrize("feed", ["calendar", "filtered", "programme", "session"])
def test_a_client_that_asks_by_the_feeds_own_date_gets_304_without_a_query(
    client, feed_urls, feed, django_assert_num_queries
):
    """Calendars that keep Last-Modified rather than the ETag send it as If-Modified-Since."""
    url = feed_urls[feed]
    last_modified = fetch(client, url)["Last-Modified"]

    with django_assert_num_queries(0):
        response = client.get(url, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304
    assert response["Last-Modified"] == last_modified


def test_a_client_with_an_older_copy_gets_the_feed(client, camp):
    last_modified = parsedate_to_datetime(fetch(client, FEED)["Last-Modified"])

    older = http_date((last_modified - datetime.timedelta(seconds=1)).timestamp())
    response = client.get(FEED, headers={"If-Modified-Since": older})

    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content


def test_a_feed_unchanged_for_days_is_new_each_day(client, camp):
    """Past sessions drop out of the feed as days go by: yesterday's copy is not current."""
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    cache.set(FEEDS.key, ("token", three_days_ago), timeout=None)

    response = client.get(
        FEED, headers={"If-Modified-Since": http_date(three_days_ago.timestamp())}
    )

    assert response.status_code == 200
    midnight = datetime.datetime.combine(
        timezone.localdate(), datetime.time(), tzinfo=LOCAL_TIMEZONE
    )
    assert parsedate_to_datetime(response["Last-Modified"]) == midnight


def test_the_etag_changes_when_a_page_is_published(client, camp, calendar_page, publish):
    etag = fetch(client, FEED)["ETag"]

    publish(camp, title="Półkolonie w Kaliszu 2027")

    assert client.get(FEED, headers={"If-None-Match": etag}).status_code == 200
    assert fetch(client, FEED)["ETag"] != etag


def test_the_etag_changes_when_someone_signs_up(client, camp_session, committed):
    """The feed tells how many places are left."""
    etag = fetch(client, FEED)["ETag"]

    with committed():
        sign_up(camp_session, child("Iwan"))

    response = client.get(FEED, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "9 wolnych miejsc" in response.content.decode()


def test_the_etag_changes_when_a_session_is_cancelled(client, camp_session, committed):
    etag = fetch(client, FEED)["ETag"]

    with committed():
        services.cancel_session(session=camp_session)

    response = client.get(FEED, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"STATUS:CANCELLED" in response.content


# Addresses that select nothing


@pytest.mark.parametrize(
    "url",
    [
        "/pl/calendar/events.ics?venue=999999",
        "/pl/calendar/events.ics?venue=Kalisz",
        "/pl/calendar/events.ics?category=nie-ma-takiej",
        "/pl/calendar/events.ics?centre=999999",
        "/pl/calendar/events.ics?kind=picnic",
        "/pl/calendar/events.ics?audience=seniors",
        "/pl/calendar/events.ics?language=xx",
        "/pl/calendar/programme/999999.ics",
        f"/pl/calendar/session/{uuid.UUID(int=1)}.ics",
        "/pl/calendar/embed/events.json?venue=999999",
        "/pl/calendar/embed/?venue=999999",
        "/xx/calendar/events.ics",
    ],
)
def test_an_unknown_filter_programme_session_or_language_is_not_found(client, camp, url):
    assert client.get(url).status_code == 404


def test_a_venue_with_no_translation_in_the_feeds_language_is_not_found(client, camp, locales):
    ukrainian_venue = VenueFactory(name="Бібліотека", locale=locales["uk"])

    assert client.get(f"{FEED}?venue={ukrainian_venue.pk}").status_code == 404


def test_a_page_that_is_no_programme_has_no_programme_feed(client, camp, calendar_page):
    assert client.get(f"/pl/calendar/programme/{calendar_page.pk}.ics").status_code == 404


def test_a_programme_with_no_translation_in_the_feeds_language_has_no_feed(client, camp):
    """Under /uk/, a page id of any language serves that programme in Ukrainian (see
    tests/events/test_forms.py): without a Ukrainian version there is nothing to serve.
    """
    assert client.get(f"/uk/calendar/programme/{camp.pk}.ics").status_code == 404


# Filters


def test_venue_and_category_together_select_the_sessions_matching_both(
    client, calendar_page, locales
):
    library, cinema = VenueFactory(name="Biblioteka"), VenueFactory(name="Kino")
    workshops, films = CategoryFactory(slug="warsztaty"), CategoryFactory(slug="kino")
    wanted = None
    for venue in (library, cinema):
        for category in (workshops, films):
            page = EventPageFactory(parent=calendar_page, category=category)
            session = SessionFactory(page=page, locale=page.locale, venue=venue)
            if (venue, category) == (library, films):
                wanted = session

    events = vevents(fetch(client, f"{FEED}?venue={library.pk}&category=kino"))

    assert [event["UID"] for event in events] == [f"session-{wanted.translation_key}@cic"]


# Language


def test_the_ukrainian_feed_is_in_ukrainian(client, camp, locales, publish, kalisz_library):
    ukrainian = translated(camp, locales["uk"])
    library = kalisz_library.copy_for_translation(locales["uk"])
    library.city = "Каліш"
    library.save()
    publish(ukrainian, title="Півколонії в Каліші", session_title="Зміна I", venue=library)

    calendar = read(fetch(client, "/uk/calendar/events.ics"))

    [event] = calendar.events
    assert event["SUMMARY"] == "Півколонії в Каліші – Зміна I"
    assert "/uk/" in event["URL"]
    name = str(calendar["X-WR-CALNAME"])
    site = translated_text("Foreigner Integration Centres", "uk")
    assert name == translated_text("%(site)s: all events", "uk", site=site)
    assert not re.search("[A-Za-z]", name), f"{name!r} is not all in Ukrainian"


# Cost


def add_events(calendar_page, count, *, venue, category):
    """`count` sessions, four to a programme page, one in four repeating weekly.

    Each repeating one has a cancelled date, every page an audience: everything a
    VEVENT shows comes from the database, so a query per session would show.
    """
    created = []
    for number in range(0, count, 4):
        page = EventPageFactory(parent=calendar_page, category=category)
        ProgrammeAudience.objects.create(page=page, audience=Audience.FAMILIES)
        for offset in range(min(4, count - number)):
            starts_at = in_days(3 + (number + offset) % 200, hour=10 + offset)
            created.append(
                Session(
                    page=page,
                    locale=page.locale,
                    title=f"Spotkanie {number + offset}",
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=1),
                    venue=venue,
                    capacity=20 if offset % 2 else None,
                    recurrence=(
                        recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=8)])
                        if offset == 0
                        else None
                    ),
                )
            )
    Session.objects.bulk_create(created)
    CancelledOccurrence.objects.bulk_create(
        CancelledOccurrence(
            session_key=session.translation_key,
            starts_at=session.starts_at + datetime.timedelta(weeks=2),
        )
        for session in created
        if session.recurrence
    )


def queries_to_build(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, url)
    return len(queries), response.content.count(b"BEGIN:VEVENT")


@pytest.mark.slow
def test_building_the_feed_takes_as_many_queries_for_1000_events_as_for_10(
    client, calendar_page, locales
):
    venue = VenueFactory(street_address="ul. Chopina 1", latitude="52.4", longitude="16.9")
    category = CategoryFactory()
    add_events(calendar_page, 10, venue=venue, category=category)
    fetch(client, FEED)  # Django's own caches (content types, URL resolvers) fill once.

    few, few_events = queries_to_build(client, FEED)
    add_events(calendar_page, 990, venue=venue, category=category)
    many, many_events = queries_to_build(client, FEED)

    # Each repeating session also has its cancelled date.
    assert (few_events, many_events) == (10 + 3, 1000 + CancelledOccurrence.objects.count())
    assert many == few


# The embeddable list


def test_the_embeddable_list_gives_the_next_events_at_a_venue(client, calendar_page, locales):
    library, cinema = VenueFactory(name="Biblioteka"), VenueFactory(name="Kino")
    page = EventPageFactory(parent=calendar_page, title="Bajkowóz", slug="bajkowoz")
    for days, venue in [(-2, library), (9, library), (4, library), (5, cinema)]:
        SessionFactory(
            page=page,
            locale=page.locale,
            venue=venue,
            starts_at=in_days(days),
            ends_at=in_days(days) + datetime.timedelta(hours=1),
        )

    response = fetch(client, f"/pl/calendar/embed/events.json?venue={library.pk}")

    events = response.json()["events"]
    assert [event["starts_at"] for event in events] == [
        in_days(4).isoformat(),
        in_days(9).isoformat(),
    ]
    assert {event["venue"]["name"] for event in events} == {"Biblioteka"}
    assert events[0]["title"] == "Bajkowóz"
    assert events[0]["url"].endswith("/pl/wydarzenia/bajkowoz/")


def test_the_embeddable_list_marks_a_cancelled_date_of_a_weekly_session(
    client, calendar_page, locales
):
    """The partner library's site must not announce the club on a Friday it is off."""
    library = VenueFactory(name="Biblioteka")
    page = EventPageFactory(parent=calendar_page, title="Klub rozmów")
    weekly = SessionFactory(
        page=page,
        locale=page.locale,
        venue=library,
        starts_at=in_days(2, hour=16),
        ends_at=in_days(2, hour=18),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=3)]),
    )
    CancelledOccurrence.objects.create(
        session_key=weekly.translation_key, starts_at=in_days(9, hour=16), note="Ferie"
    )

    events = fetch(client, f"/pl/calendar/embed/events.json?venue={library.pk}").json()["events"]

    assert [event["status"] for event in events] == ["scheduled", "cancelled", "scheduled"]


def test_the_embeddable_page_lists_a_venues_next_events_and_may_be_framed(
    client, calendar_page, locales
):
    library, cinema = VenueFactory(name="Biblioteka"), VenueFactory(name="Kino")
    for title, venue in [("Bajkowóz", library), ("Seans dla rodzin", cinema)]:
        page = EventPageFactory(parent=calendar_page, title=title)
        SessionFactory(page=page, locale=page.locale, venue=venue, starts_at=in_days(4))

    response = fetch(client, f"/pl/calendar/embed/?venue={library.pk}")

    text = response.content.decode()
    assert "Bajkowóz" in text
    assert "Seans dla rodzin" not in text
    assert "X-Frame-Options" not in response.headers


def test_the_embeddable_list_says_when_sign_up_opens_instead_of_places_left(
    client, calendar_page, locales
):
    """A library's page must not announce free places a family cannot take yet."""
    library = VenueFactory(name="Biblioteka")
    page = EventPageFactory(parent=calendar_page, title="Bajkowóz")
    session = SessionFactory(
        page=page,
        locale=page.locale,
        venue=library,
        starts_at=in_days(20),
        capacity=15,
        registration_opens_at=in_days(3, hour=9),
    )

    html_list = fetch(client, f"/pl/calendar/embed/?venue={library.pk}").content.decode()
    [event] = fetch(client, f"/pl/calendar/embed/events.json?venue={library.pk}").json()["events"]

    with translation.override("pl"):
        badge = session.public_state().label
        places = translation.ngettext("%(places)s place left", "%(places)s places left", 15)
    assert "9:00" in badge
    assert badge in html.unescape(html_list)
    assert places % {"places": 15} not in html.unescape(html_list)
    assert event["sign_up_label"] == badge
    assert (event["sign_up"], event["places_left"]) == ("not_open_yet", 15)


def test_the_feed_says_sign_up_is_closed_without_a_sign_up_link(client, calendar_page, locales):
    page = EventPageFactory(parent=calendar_page, title="Kurs")
    SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(20),
        capacity=15,
        registration_closes_at=in_days(-1),
    )

    body = fetch(client, "/pl/calendar/events.ics").content.decode().replace("\r\n ", "")

    assert translated_text("Sign-up closed") in body
    assert "/sign-ups/session/" not in body


def test_while_a_feed_is_being_rebuilt_others_get_its_previous_version(
    client, camp_session, committed, monkeypatch
):
    """After a change only one request builds the feed; the others are not held up."""
    before = fetch(client, FEED)
    with committed():
        sign_up(camp_session, child("Iwan"))
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)  # another request builds

    during = fetch(client, FEED)

    assert during["ETag"] == before["ETag"]
    assert during.content == before.content


def test_a_feed_never_built_is_built_even_while_locked(client, camp_session, monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)

    response = fetch(client, FEED)

    assert b"BEGIN:VEVENT" in response.content


ROOT = Path(__file__).resolve().parents[2]
EXPAND = Path(__file__).with_name("ical_expand.mjs")


def fetch_demo_feeds(client):
    """Every feed of the demo site in the four languages, as served: {address: text}."""
    feeds = {}
    for language in LANGUAGES:
        for address in feed_addresses(language):
            response = client.get(address)
            assert response.status_code == 200, f"{address}: {response.status_code}"
            feeds[address] = response.content.decode()
    return feeds


def read_with_ical_js(feeds):
    """What ical.js makes of each feed: {address: [{uid, summary, start, occurrences}]}."""
    node = shutil.which("node")
    skip_unless_available(
        node and (ROOT / "node_modules" / "ical.js").is_dir(),
        "Node and the npm package ical.js are needed (make node-deps installs them)",
    )
    result = subprocess.run(
        [node, str(EXPAND)],
        input=json.dumps(feeds),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


def wall_clock(text):
    """The time of day of "2027-03-12T16:00:00", as ical_expand.mjs writes times."""
    return datetime.datetime.fromisoformat(text).time()


def utc_offsets(events):
    """The offsets from UTC in Warsaw of the occurrences of the repeating `events`."""
    return {
        datetime.datetime.fromisoformat(occurrence["utc"]).astimezone(LOCAL_TIMEZONE).utcoffset()
        for event in events
        if len(event["occurrences"]) > 1
        for occurrence in event["occurrences"]
    }


# One test, since seeding the demo takes most of its time; wagtail-localize publishes
# the translations when their transactions commit.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ical_js_shows_every_demo_session_at_its_wall_clock_time_in_summer_and_winter(
    client, seeded_demo
):
    """A club that meets at 16:00 is shown at 16:00 in Warsaw, in every feed and language."""
    cancel_some_demo_dates()
    feeds = fetch_demo_feeds(client)

    read = read_with_ical_js(feeds)

    assert read.keys() == feeds.keys()
    assert all(len(read[f"/{language}/calendar/events.ics"]) >= 10 for language in LANGUAGES)
    wrong = {
        f"{address} {event['summary']}": occurrence["warsaw"]
        for address, events in read.items()
        for event in events
        for occurrence in event["occurrences"]
        if wall_clock(occurrence["warsaw"]) != wall_clock(event["start"])
    }
    assert wrong == {}
    # Otherwise the test would prove nothing about the change of the clocks.
    assert utc_offsets(read["/pl/calendar/events.ics"]) == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }
