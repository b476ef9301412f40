"""A session's occurrences: one-off, or repeated by a django-recurrence rule."""

import datetime

import pytest
import recurrence

from django.core.exceptions import ValidationError

from events.factories import EventPageFactory, SessionFactory
from events.models import LOCAL_TIMEZONE, Session
from tests.events.conftest import local

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
