"""
A session's occurrences: one-off, or repeated by a django-recurrence rule.

A session that meets daily over several days (a week-long half-day camp): one
entry with its dates and daily hours in the listing, on each of its days in the
month and week views, found by a date filter on any of its days, in e-mails and
JSON-LD, and one VEVENT with the hours of a day and a daily rule in iCalendar.
"""

import datetime
import json
import re

import pytest
import recurrence
import vobject
from ical.calendar_stream import IcsCalendarStream

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from events.feed_cache import feeds_changed
from events.ical import new_calendar, session_event
from events.models import LOCAL_TIMEZONE, Session, SessionDate
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days, local, translated
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db


def weekly_on_friday(**kwargs):
    return recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)], **kwargs)


def test_weekly_session_keeps_its_local_time_across_the_october_dst_change(calendar_page):
    """Poland leaves summer time on 25 October 2026: 16:00 stays 16:00, the UTC offset moves."""
    club = EventPageFactory(parent=calendar_page)
    session = SessionFactory(
        page=club,
        starts_at=local(2026, 10, 9, 16, 0),
        ends_at=local(2026, 10, 9, 18, 0),
        recurrence=weekly_on_friday(
            # The recurrence widget stores exclusions and extra dates as dates.
            exdates=[datetime.datetime(2026, 10, 16)],
            rdates=[datetime.datetime(2026, 10, 28)],
        ),
    )
    session.refresh_from_db()

    found = session.occurrences_between(local(2026, 10, 1), local(2026, 11, 14))

    assert [moment.isoformat() for moment in found] == [
        "2026-10-09T16:00:00+02:00",
        "2026-10-23T16:00:00+02:00",
        "2026-10-28T16:00:00+01:00",
        "2026-10-30T16:00:00+01:00",
        "2026-11-06T16:00:00+01:00",
        "2026-11-13T16:00:00+01:00",
    ]
    assert {moment.astimezone(LOCAL_TIMEZONE).hour for moment in found} == {16}


def test_one_off_session_occurs_once_inside_the_window(calendar_page):
    picnic = EventPageFactory(parent=calendar_page)
    session = SessionFactory(
        page=picnic, starts_at=local(2027, 6, 12, 12), ends_at=local(2027, 6, 12, 18)
    )

    assert session.occurrences_between(local(2027, 6, 1), local(2027, 7, 1)) == [
        local(2027, 6, 12, 12)
    ]
    assert session.occurrences_between(local(2027, 7, 1), local(2027, 8, 1)) == []


def test_weekly_rule_with_an_end_date_stops_there(calendar_page):
    club = EventPageFactory(parent=calendar_page)
    rule = recurrence.Rule(recurrence.WEEKLY, until=datetime.datetime(2026, 8, 28, 23, 59))
    session = SessionFactory(
        page=club,
        starts_at=local(2026, 8, 7, 10),
        ends_at=local(2026, 8, 7, 12),
        recurrence=recurrence.Recurrence(rrules=[rule]),
    )
    session.refresh_from_db()

    found = session.occurrences_between(local(2026, 8, 1), local(2026, 12, 1))

    assert [moment.day for moment in found] == [7, 14, 21, 28]


def test_session_must_not_end_before_it_starts(calendar_page):
    session = Session(
        page=EventPageFactory(parent=calendar_page),
        starts_at=local(2026, 12, 1, 10),
        ends_at=local(2026, 12, 1, 9),
        min_age=12,
        max_age=6,
    )

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert set(error.value.message_dict) == {"ends_at", "max_age"}


def test_sessions_take_the_locale_of_their_page(calendar_page):
    session = SessionFactory(page=EventPageFactory(parent=calendar_page))

    assert session.locale == calendar_page.locale


FEED = "/pl/calendar/events.ics"
# Monday 5 to Friday 9 July 2027, 08:00–13:00 every day.
CAMP_DAYS = [datetime.date(2027, 7, day) for day in range(5, 10)]


def titles(response):
    return re.findall(
        r'class="occurrence__title"><a href="[^"]*">([^<]+)</a>', page_text(response)
    )


def daily_text(dates, hours="08:00–13:00", language="pl"):
    return translated_text("%(dates)s, daily %(hours)s", language, dates=dates, hours=hours)


def add_camp(calendar_page, title="Półkolonie w Kaliszu", **session_fields):
    page = EventPageFactory(parent=calendar_page, title=title)
    fields = {
        "starts_at": local(2027, 7, 5, 8),
        "ends_at": local(2027, 7, 9, 13),
        "daily": Session.Daily.EVERY_DAY,
        "capacity": 15,
        **session_fields,
    }
    SessionFactory(page=page, locale=page.locale, **fields)
    return page


@pytest.fixture
def camp_week(calendar_page):
    return add_camp(calendar_page)


# The listing and the date filters


def test_a_daily_camp_is_one_entry_with_its_dates_and_daily_hours(
    client, calendar_page, camp_week
):
    response = client.get(calendar_page.url, {"date_from": "2027-07-01"})

    assert titles(response) == ["Półkolonie w Kaliszu"]
    assert daily_text("Poniedziałek 5 – Piątek 9 lipca 2027") in page_text(response)


@pytest.mark.parametrize("day", ["2027-07-05", "2027-07-07", "2027-07-09"])
def test_a_date_filter_on_any_day_of_the_camp_finds_it(client, calendar_page, camp_week, day):
    response = client.get(calendar_page.url, {"date_from": day, "date_to": day})

    assert titles(response) == ["Półkolonie w Kaliszu"]


def test_a_date_filter_after_its_last_day_does_not_find_the_camp(client, calendar_page, camp_week):
    response = client.get(calendar_page.url, {"date_from": "2027-07-10"})

    assert titles(response) == []


def test_a_camp_under_way_is_still_on_its_programme_page_and_in_the_calendar(
    client, calendar_page
):
    # It started two days ago and meets for three more days.
    page = add_camp(
        calendar_page,
        starts_at=in_days(-2, hour=8),
        ends_at=in_days(3, hour=13),
    )

    assert "Półkolonie w Kaliszu" in titles(client.get(page.url))
    assert titles(client.get(calendar_page.url)) == ["Półkolonie w Kaliszu"]


def test_a_monday_to_friday_camp_over_two_weeks_says_so(client, calendar_page):
    add_camp(calendar_page, ends_at=local(2027, 7, 16, 13), daily=Session.Daily.WEEKDAYS)

    html = page_text(client.get(calendar_page.url, {"date_from": "2027-07-01"}))

    assert (
        translated_text(
            "%(dates)s, Monday to Friday %(hours)s",
            dates="Poniedziałek 5 – Piątek 16 lipca 2027",
            hours="08:00–13:00",
        )
        in html
    )


def test_a_one_off_session_still_reads_as_one_day_with_its_hours(client, calendar_page):
    add_camp(
        calendar_page,
        title="Piknik",
        starts_at=local(2027, 7, 3, 12),
        ends_at=local(2027, 7, 3, 18),
        daily="",
    )

    html = page_text(client.get(calendar_page.url, {"date_from": "2027-07-01"}))

    assert "Sobota, 3 lipca 2027, 12:00–18:00" in html


# The month and week views


def month_cells(response):
    """The titles listed in each day's cell of the month grid, by day of the month."""
    cells = re.findall(
        r'<span class="month-grid__day">(\d+)</span>(.*?)</td>', response.content.decode(), re.S
    )
    return {int(day): re.findall(r"\d\d:\d\d ([^<]+)</a>", cell) for day, cell in cells}


def test_the_month_view_shows_the_camp_on_each_of_its_days(client, calendar_page, camp_week):
    cells = month_cells(client.get(calendar_page.url + "month/2027/7/"))

    assert [day for day, found in cells.items() if found] == [5, 6, 7, 8, 9]
    assert cells[7] == ["Półkolonie w Kaliszu"]


def test_a_monday_to_friday_camp_leaves_the_weekend_out_of_the_month_view(client, calendar_page):
    add_camp(calendar_page, ends_at=local(2027, 7, 16, 13), daily=Session.Daily.WEEKDAYS)

    cells = month_cells(client.get(calendar_page.url + "month/2027/7/"))

    assert [day for day, found in cells.items() if found] == [5, 6, 7, 8, 9, 12, 13, 14, 15, 16]


def test_a_day_lists_an_early_event_before_the_camp_that_began_on_monday(
    client, calendar_page, camp_week
):
    add_camp(
        calendar_page,
        title="Śniadanie",
        starts_at=local(2027, 7, 7, 7),
        ends_at=local(2027, 7, 7, 8),
        daily="",
    )

    cells = month_cells(client.get(calendar_page.url + "month/2027/7/"))

    assert cells[7] == ["Śniadanie", "Półkolonie w Kaliszu"]


def test_the_week_view_shows_a_camp_on_each_day_of_this_week_it_meets(client, calendar_page):
    # Every day from a week ago to a week ahead: all seven days of this week.
    add_camp(calendar_page, starts_at=in_days(-7, hour=8), ends_at=in_days(7, hour=13))

    html = page_text(client.get(calendar_page.url + "week/"))

    assert html.count(">Półkolonie w Kaliszu</a>") == 7


def test_on_a_phone_the_month_is_a_list_of_the_days_with_something_on(
    client, calendar_page, camp_week
):
    add_camp(
        calendar_page,
        title="Kino",
        starts_at=local(2027, 7, 20, 17),
        ends_at=local(2027, 7, 20, 19),
        daily="",
    )

    html = client.get(calendar_page.url + "month/2027/7/").content.decode()

    day_list = re.search(r'<section[^>]* class="month-days".*?</section>', html, re.S).group(0)
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', day_list)
    assert days == [day.isoformat() for day in CAMP_DAYS] + ["2027-07-20"]
    assert "08:00–13:00" in day_list
    assert "17:00–19:00" in day_list


# E-mails and JSON-LD


def test_the_confirmation_e_mail_gives_the_dates_and_daily_hours(
    calendar_page, camp_week, django_capture_on_commit_callbacks
):
    session = camp_week.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session, child("Taras"))

    [message] = mail.outbox
    assert daily_text("Понеділок 5 – П’ятниця 9 липня 2027", language="uk") in message.body


def test_json_ld_spans_the_camp_and_gives_its_daily_schedule(client, camp_week):
    html = client.get(camp_week.url).content.decode()

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    [event] = json.loads(raw)
    assert event["startDate"] == "2027-07-05T08:00:00+02:00"
    assert event["endDate"] == "2027-07-09T13:00:00+02:00"
    assert event["eventSchedule"] == {
        "@type": "Schedule",
        "startDate": "2027-07-05",
        "endDate": "2027-07-09",
        "startTime": "08:00",
        "endTime": "13:00",
        "repeatFrequency": "P1D",
        "scheduleTimezone": "Europe/Warsaw",
    }


# iCalendar


def test_the_camp_is_one_vevent_with_the_hours_of_a_day_and_a_daily_rule(camp_week):
    session = camp_week.sessions.get()

    text = new_calendar([session_event(session)]).to_ical().decode()

    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/Warsaw:20270705T080000" in text
    assert "DTEND;TZID=Europe/Warsaw:20270705T130000" in text
    assert "RRULE:FREQ=DAILY;COUNT=5" in text


def test_vobject_reads_five_mornings_from_8_to_13(client, camp_week):
    [event] = vobject.readOne(client.get(FEED).content.decode()).vevent_list

    starts = list(event.getrruleset(addRDate=True))

    assert starts == [local(2027, 7, day.day, 8) for day in CAMP_DAYS]
    assert event.dtend.value - event.dtstart.value == datetime.timedelta(hours=5)


def test_ical_reads_five_mornings_from_8_to_13(client, camp_week):
    calendar = IcsCalendarStream.calendar_from_ics(client.get(FEED).content.decode())

    found = list(calendar.timeline_tz(LOCAL_TIMEZONE))

    assert [(event.dtstart, event.dtend) for event in found] == [
        (local(2027, 7, day.day, 8), local(2027, 7, day.day, 13)) for day in CAMP_DAYS
    ]


def test_a_monday_to_friday_camp_skips_the_weekend_in_calendars(client, calendar_page):
    add_camp(calendar_page, ends_at=local(2027, 7, 16, 13), daily=Session.Daily.WEEKDAYS)

    [event] = vobject.readOne(client.get(FEED).content.decode()).vevent_list
    starts = list(event.getrruleset(addRDate=True))

    assert [start.day for start in starts] == [5, 6, 7, 8, 9, 12, 13, 14, 15, 16]


def test_a_daily_camp_keeps_8_00_across_the_end_of_summer_time(client, calendar_page):
    # Poland leaves summer time on Sunday 31 October 2027.
    page = add_camp(
        calendar_page, starts_at=local(2027, 10, 28, 8), ends_at=local(2027, 11, 2, 13)
    )
    session = page.sessions.get()
    calendar = IcsCalendarStream.calendar_from_ics(client.get(FEED).content.decode())

    in_clients = [event.dtstart for event in calendar.timeline_tz(LOCAL_TIMEZONE)]

    assert in_clients == session.daily_starts()
    assert {start.astimezone(LOCAL_TIMEZONE).hour for start in in_clients} == {8}
    assert [start.utcoffset().seconds // 3600 for start in in_clients] == [2, 2, 2, 1, 1, 1]


def test_making_a_session_daily_raises_its_sequence(calendar_page):
    page = add_camp(calendar_page, daily="")
    session = page.sessions.get()
    before = session.sequence

    session.daily = Session.Daily.EVERY_DAY
    session.save()

    assert session.sequence == before + 1


def test_making_a_camp_daily_reaches_its_translation_when_it_is_synced(calendar_page, locales):
    page = add_camp(calendar_page, daily="")
    ukrainian = translated(page, locales["uk"])
    session = page.sessions.get()
    session.daily = Session.Daily.WEEKDAYS
    session.save()

    # What "Sync translated pages" in the admin does.
    source, _ = TranslationSource.update_or_create_from_instance(page)
    source.create_or_update_translation(locales["uk"], fallback=True)

    assert ukrainian.sessions.get().daily == Session.Daily.WEEKDAYS


# What staff cannot save


def camp_form(**session):
    """The page editor's form for a summer camp with one session."""
    return nested_form_data(
        {
            "title": "Półkolonie w Kaliszu",
            "slug": "polkolonie",
            "intro": "Tydzień zabawy.",
            "body": streamfield([]),
            "audiences": inline_formset([]),
            "activity_languages": inline_formset([]),
            "sessions": inline_formset(
                [
                    {
                        "starts_at": "2027-07-05 08:00",
                        "ends_at": "2027-07-09 13:00",
                        "capacity": "15",
                        "status": "scheduled",
                        "waiting_list": "on",
                        **session,
                    }
                ],
                min=1,
            ),
            "sign_up_questions": inline_formset([]),
            "topics": inline_formset([]),
        }
    )


def test_an_editor_makes_a_camp_meet_every_day_in_the_page_editor(admin_client, calendar_page):
    url = f"/admin/pages/add/workshops/summercamppage/{calendar_page.pk}/"

    response = admin_client.post(url, camp_form(daily="every_day"))

    assert response.status_code == 302
    session = Session.objects.get(page__slug="polkolonie")
    assert session.daily == Session.Daily.EVERY_DAY
    assert len(session.meeting_days()) == 5


def test_the_page_editor_refuses_daily_hours_that_end_before_they_start(
    admin_client, calendar_page
):
    url = f"/admin/pages/add/workshops/summercamppage/{calendar_page.pk}/"

    response = admin_client.post(url, camp_form(daily="every_day", ends_at="2027-07-09 07:00"))

    assert response.status_code == 200
    assert translated_text(
        "A session that meets daily ends later in the day than it starts: its start "
        "and end times are the hours of each day."
    ) in page_text(response)
    assert not Session.objects.filter(page__slug="polkolonie").exists()


def daily_session(calendar_page, **fields):
    return Session(
        page=EventPageFactory(parent=calendar_page),
        daily=fields.pop("daily", Session.Daily.EVERY_DAY),
        starts_at=fields.pop("starts_at", local(2027, 7, 5, 8)),
        ends_at=fields.pop("ends_at", local(2027, 7, 9, 13)),
        **fields,
    )


def errors_of(session):
    with pytest.raises(ValidationError) as error:
        session.clean()
    return error.value.message_dict


def test_a_daily_session_must_end_later_in_the_day_than_it_starts(calendar_page):
    session = daily_session(calendar_page, ends_at=local(2027, 7, 9, 7))

    assert "ends_at" in errors_of(session)


def test_a_daily_session_cannot_also_repeat(calendar_page):
    session = daily_session(
        calendar_page,
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )

    assert "daily" in errors_of(session)


def test_a_monday_to_friday_session_cannot_start_on_a_saturday(calendar_page):
    session = daily_session(
        calendar_page, starts_at=local(2027, 7, 3, 8), daily=Session.Daily.WEEKDAYS
    )

    assert "daily" in errors_of(session)


def test_a_daily_week_long_camp_is_valid(calendar_page):
    daily_session(calendar_page).clean()


# What it costs


def add_camps(calendar_page, count):
    """`count` daily camps of five days over two months, with their dates."""
    pages = [EventPageFactory(parent=calendar_page) for _ in range(5)]
    sessions = Session.objects.bulk_create(
        Session(
            page=pages[number % 5],
            locale=calendar_page.locale,
            sort_order=number,
            starts_at=in_days(-2 + number % 60, hour=8),
            ends_at=in_days(2 + number % 60, hour=13),
            daily=Session.Daily.EVERY_DAY,
            capacity=15,
        )
        for number in range(count)
    )
    # bulk_create sends no signal: their dates, which the calendar reads, made here, and
    # the change announced as publishing does (a new generation of the pages' content).
    SessionDate.objects.refresh(sessions)
    feeds_changed()


def listed_dates(response):
    """The occurrences a calendar page lists: its titles, or a month's days' entries."""
    days = re.findall(r'<ul class="month-days__list">(.*?)</ul>', page_text(response), re.S)
    return titles(response) + [entry for day in days for entry in day.split("<li")[1:]]


def count_queries(client, url):
    """The queries of `url` and the occurrences it lists."""
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(listed_dates(response))


@pytest.mark.parametrize("view", ["", "month/", "week/"])
def test_daily_camps_cost_the_same_queries_for_5_and_300(client, settings, calendar_page, view):
    settings.CIC_PAGE_CACHE = False  # each page rendered, not answered from the cache
    url = calendar_page.url + view
    add_camps(calendar_page, 5)
    few, listed = count_queries(client, url)

    add_camps(calendar_page, 295)

    many, listed_of_many = count_queries(client, url)
    assert many == few
    # Not empty pages: the camps on now are listed, and more of them once there are many.
    assert 0 < listed < listed_of_many


def test_the_embeddable_list_says_when_the_camp_meets(client, camp_week):
    response = client.get("/pl/calendar/embed/events.json")

    [event] = response.json()["events"]
    assert event["daily"] == "every_day"
    assert event["when"] == daily_text("Poniedziałek 5 – Piątek 9 lipca 2027")
    assert timezone.datetime.fromisoformat(event["ends_at"]) == local(2027, 7, 9, 13)
