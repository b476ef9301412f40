"""
Query counts and render times of the calendar pages with 10 and 500 upcoming occurrences.

    .venv/bin/python bench/calendar_pages.py [--runs 20]

Builds a throw-away test database (SQLite in memory, or PostgreSQL when
DATABASE_URL is set), fills it through the same factories the tests use, and
requests each page through Django's test client. Times are the median of the
runs after one warm-up request, in milliseconds, on whatever machine runs it.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cic_site.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402


def build(count, calendar_page, venue):
    from events.models import ProgrammeAudience, Session
    from tests.events.factories import EventPageFactory

    pages = [EventPageFactory(parent=calendar_page) for _ in range(10)]
    for page in pages:
        ProgrammeAudience.objects.create(page=page, audience="children")
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    Session.objects.bulk_create(
        Session(
            page=pages[number % 10],
            locale=calendar_page.locale,
            sort_order=number,
            starts_at=start + datetime.timedelta(days=1 + number % 300),
            ends_at=start + datetime.timedelta(days=1 + number % 300, hours=2),
            venue=venue,
            capacity=20,
        )
        for number in range(count)
    )


def measure(client, url, runs):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Read the count now: the requests below reset the connection's query log.
    queries = len(captured)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from home.models import HomePage
        from tests.events.factories import EventIndexPageFactory, VenueFactory
        from tests.home.factories import CentreIndexPageFactory, CentrePageFactory

        home = HomePage.objects.get(depth=2)
        calendar_page = EventIndexPageFactory(parent=home)
        centre = CentrePageFactory(parent=CentreIndexPageFactory(parent=home))
        venue = VenueFactory(centre=centre)
        pages = {
            "listing": calendar_page.url,
            "month view": calendar_page.url + "month/",
            "centre page": centre.url,
            "venue page": f"{calendar_page.url}venue/{venue.pk}/",
        }
        client = Client()
        results = {}
        build(10, calendar_page, venue)
        for name, url in pages.items():
            results[name] = [measure(client, url, options.runs)]
        build(490, calendar_page, venue)
        for name, url in pages.items():
            results[name].append(measure(client, url, options.runs))

        print(f"database: {connection.vendor}; runs per page: {options.runs}")
        print("| page | queries (10) | queries (500) | ms (10) | ms (500) |")
        print("| --- | --- | --- | --- | --- |")
        for name, ((queries_few, ms_few), (queries_many, ms_many)) in results.items():
            print(f"| {name} | {queries_few} | {queries_many} | {ms_few:.1f} | {ms_many:.1f} |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
