"""When the calendar's pages change by themselves (events.page_cache.next_change)."""

import pytest
import recurrence

from events.models import Session
from events.page_cache import next_change
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import local

pytestmark = pytest.mark.django_db

# A Monday, half past midnight: unless something happens sooner, the pages change
# at the next midnight (the month and week views' "today").
NOW = local(2027, 3, 1, 0, 30)
MIDNIGHT = local(2027, 3, 2, 0, 0)


@pytest.fixture
def session_at(calendar_page):
    page = EventPageFactory(parent=calendar_page, title="Półkolonie")

    def make(starts_at, ends_at, **fields):
        return SessionFactory(
            page=page, locale=page.locale, starts_at=starts_at, ends_at=ends_at, **fields
        )

    return make


def test_with_nothing_ahead_the_pages_change_at_midnight(session_at):
    session_at(local(2027, 2, 1, 10), local(2027, 2, 1, 12))

    assert next_change(NOW) == MIDNIGHT


def test_a_sign_up_window_opening(session_at):
    session_at(
        local(2027, 3, 10, 9),
        local(2027, 3, 10, 13),
        capacity=10,
        registration_opens_at=local(2027, 3, 1, 9),
    )

    assert next_change(NOW) == local(2027, 3, 1, 9)


def test_a_sign_up_window_closing(session_at):
    session_at(
        local(2027, 3, 10, 9),
        local(2027, 3, 10, 13),
        capacity=10,
        registration_closes_at=local(2027, 3, 1, 12),
    )

    assert next_change(NOW) == local(2027, 3, 1, 12)


def test_a_session_starting(session_at):
    session_at(local(2027, 3, 1, 10), local(2027, 3, 1, 12))

    assert next_change(NOW) == local(2027, 3, 1, 10)


def test_a_session_under_way_ending(session_at):
    session_at(local(2027, 2, 28, 22), local(2027, 3, 1, 2))

    assert next_change(NOW) == local(2027, 3, 1, 2)


def test_the_next_date_of_a_repeating_session(session_at):
    """A club on Mondays since February: its first date has long passed."""
    session_at(
        local(2027, 2, 1, 16),
        local(2027, 2, 1, 18),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )

    assert next_change(NOW) == local(2027, 3, 1, 16)


def test_the_last_day_of_a_camp_starting(session_at):
    """A camp from Thursday to Monday, 8:00–13:00, leaves the upcoming list on its last day."""
    session_at(local(2027, 2, 25, 8), local(2027, 3, 1, 13), daily=Session.Daily.EVERY_DAY)

    assert next_change(NOW) == local(2027, 3, 1, 8)


def test_what_has_passed_does_not_count(session_at):
    session_at(
        local(2027, 3, 5, 9),
        local(2027, 3, 5, 13),
        capacity=10,
        registration_opens_at=local(2027, 2, 20, 9),
        registration_closes_at=local(2027, 2, 28, 9),
    )

    assert next_change(NOW) == MIDNIGHT
