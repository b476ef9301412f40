"""What the calendar pages keep for a generation of the content (rows, sessions, the
frame, the page at a path) read from each process's memory once read: a page seen
before asks the shared cache only what can change under the same key."""

from unittest import mock

import pytest

from django.core.cache import caches
from django.db import connection

from tests.events.factories import SessionFactory
from tests.events.utils import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """These tests are about rendering: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


def shared_reads(client, url):
    """The answer to `url`, and the keys it read from the shared cache."""
    shared = caches["default"]
    read = []

    def get(key, *args, **kwargs):
        read.append(key)
        return original_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        read.extend(keys)
        return original_get_many(keys, *args, **kwargs)

    original_get, original_get_many = shared.get, shared.get_many
    with (
        mock.patch.object(shared, "get", side_effect=get),
        mock.patch.object(shared, "get_many", side_effect=get_many),
    ):
        response = client.get(url)
    return response, read


def test_a_calendar_seen_before_reads_only_the_generation_from_the_shared_cache(
    client, calendar_page, camp, kalisz_library
):
    for day in range(20, 40):
        SessionFactory(
            page=camp, locale=camp.locale, starts_at=in_days(day, hour=9), venue=kalisz_library
        )
    first, first_read = shared_reads(client, calendar_page.url)

    again, read = shared_reads(client, calendar_page.url)

    assert again.status_code == 200
    assert again.content == first.content
    assert len(first_read) > 20, "the first view reads the rows and sessions"
    assert [key for key in read if ":frame:" in key] == []
    assert len(read) <= 2, read


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="prepared statements are PostgreSQL's (CI runs this in its PostgreSQL pass)",
)
def test_postgresql_plans_the_calendars_query_once_per_connection(
    client, calendar_page, camp, kalisz_library
):
    for day in range(20, 25):
        SessionFactory(
            page=camp, locale=camp.locale, starts_at=in_days(day, hour=9), venue=kalisz_library
        )
    for _ in range(6):
        assert client.get(calendar_page.url).status_code == 200

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements "
            "WHERE statement LIKE '%%events_sessiondate%%' AND statement LIKE '%%LIMIT%%'"
        )
        (prepared,) = cursor.fetchone()
    assert prepared >= 1
