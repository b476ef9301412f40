"""The number of dates a calendar list pages through, kept between pages: never a
query of its own once counted, and never wrong when time moves on or content changes."""

import datetime
from unittest import mock

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.feed_cache import feeds_changed
from tests.events.factories import SessionFactory
from tests.events.utils import in_days
from tests.utils import translated_text

pytestmark = pytest.mark.django_db

PER_PAGE = 20


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """These tests are about rendering: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


def dates_on(camp, venue, days):
    for day in days:
        SessionFactory(page=camp, locale=camp.locale, starts_at=in_days(day, hour=9), venue=venue)


def two_pages(html):
    return translated_text("Page %(number)s of %(total)s", number=1, total=2) in html


def counts(queries):
    return [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]


def test_a_list_counted_once_is_paged_without_counting_again(
    client, calendar_page, camp, kalisz_library
):
    dates_on(camp, kalisz_library, range(20, 20 + PER_PAGE))  # with the camp's own: 21
    first = client.get(calendar_page.url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(calendar_page.url)

    assert two_pages(first.content.decode()) and two_pages(again.content.decode())
    assert not counts(queries)


@pytest.fixture
def one_long_period(settings):
    """No new period of CIC_PAGE_CACHE_SECONDS while the clock moves: what is kept must
    know by itself when it stops being true."""
    settings.CIC_PAGE_CACHE_SECONDS = 10 * 365 * 24 * 60 * 60


def test_a_date_that_passes_leaves_the_count_with_nothing_saved(
    client, calendar_page, camp, kalisz_library, one_long_period
):
    dates_on(camp, kalisz_library, [1, *range(20, 19 + PER_PAGE)])  # the camp's: 21
    assert two_pages(client.get(calendar_page.url).content.decode())

    later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = client.get(calendar_page.url).content.decode()

    assert not two_pages(html)


def test_a_date_a_year_ahead_enters_the_count_as_the_window_moves(
    client, calendar_page, camp, kalisz_library, one_long_period
):
    dates_on(camp, kalisz_library, [*range(20, 19 + PER_PAGE), 370])  # 20 within a year
    assert not two_pages(client.get(calendar_page.url).content.decode())

    later = timezone.now() + datetime.timedelta(days=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = client.get(calendar_page.url).content.decode()

    assert two_pages(html)


def test_a_session_added_is_counted_on_the_next_page(client, calendar_page, camp, kalisz_library):
    dates_on(camp, kalisz_library, range(20, 19 + PER_PAGE))  # the camp's: 20
    assert not two_pages(client.get(calendar_page.url).content.decode())

    dates_on(camp, kalisz_library, [60])
    feeds_changed()  # as publishing the page with its new session does

    assert two_pages(client.get(calendar_page.url).content.decode())


def test_each_filter_has_its_own_count(client, calendar_page, camp, kalisz_library):
    dates_on(camp, kalisz_library, range(20, 20 + PER_PAGE))
    assert two_pages(client.get(calendar_page.url).content.decode())

    html = client.get(calendar_page.url + "?date_to=" + in_days(25).date().isoformat())

    assert not two_pages(html.content.decode())
