"""
Query counts and render times of the calendar pages with 50 and 5,000 sessions.

    .venv/bin/python bench/calendar_pages.py [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_calendar .venv/bin/python bench/calendar_pages.py

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set),
with five centres and three years of their sessions, two of them past (one-off
afternoons, weekly clubs, Monday-to-Friday camps: tests.events.utils.years_of_sessions),
first 50 sessions, then 5,000; and requests each page through Django's test client,
with the anonymous page cache off, so that every request renders its page. Times are
the median of the runs after two warm-up requests, in milliseconds, on whatever
machine runs it; the last line compares the listing's time at 5,000 with its time at 50
(the goal: at most 1.5 times).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cic_site.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SIZES = (50, 5000)
TOWNS = [("Kalisz", "kalisz"), ("Poznań", "poznan"), ("Konin", "konin"), ("Leszno", "leszno")]
TOWNS.append(("Piła", "pila"))


def measure(client, url, runs):
    client.get(url)
    client.get(url)  # the site frame is cached from the second request on
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
    settings.CIC_PAGE_CACHE = False  # measure the rendering, not the page cache
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from home.models import HomePage
        from tests.events.factories import EventIndexPageFactory, VenueFactory
        from tests.events.utils import years_of_sessions
        from tests.home.factories import CentreIndexPageFactory, CentrePageFactory

        home = HomePage.objects.get(depth=2)
        calendar_page = EventIndexPageFactory(parent=home)
        centre_index = CentreIndexPageFactory(parent=home)
        centres = []
        for town, slug in TOWNS:
            centre = CentrePageFactory(parent=centre_index, title=f"CIC {town}", slug=slug)
            centres.append((centre, VenueFactory(centre=centre, city=town)))
        years_of_sessions(calendar_page, centres, SIZES[0])
        programme = calendar_page.get_children().live().last()
        pages = {
            "home": home.url,
            "listing": calendar_page.url,
            "month": calendar_page.url + "month/",
            "week": calendar_page.url + "week/",
            "archive": calendar_page.url + "archive/",
            "programme": programme.url,
            "centre": centres[0][0].url,
            "venue": calendar_page.venue_url(centres[0][1]),
        }
        client = Client()
        results = {name: [measure(client, url, options.runs)] for name, url in pages.items()}
        years_of_sessions(calendar_page, centres, SIZES[1] - SIZES[0], first=SIZES[0])
        for name, url in pages.items():
            results[name].append(measure(client, url, options.runs))

        few, many = SIZES
        print(f"database: {connection.vendor}; runs per page: {options.runs}")
        print(f"| page | queries ({few}) | queries ({many}) | ms ({few}) | ms ({many}) |")
        print("| --- | --- | --- | --- | --- |")
        for name, ((queries_few, ms_few), (queries_many, ms_many)) in results.items():
            print(f"| {name} | {queries_few} | {queries_many} | {ms_few:.1f} | {ms_many:.1f} |")
        (_, listing_few), (_, listing_many) = results["listing"]
        print(f"listing at {many} / at {few} sessions: {listing_many / listing_few:.2f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
