"""
Time, queries and size of the calendar feed /pl/calendar/events.ics, against a naive build.

    .venv/bin/python bench/feeds.py [--events 1000] [--recurring 100] [--repeat 20]

Creates a SQLite database of its own in a temp directory (removed at the end),
migrates it, and makes a calendar with `--events` event pages of one session
each, over four venues and three categories: `--recurring` of them meet weekly
for 26 weeks (one VEVENT with an RRULE in the feed), the others are one-off
dates from 85 days ago to almost a year ahead. Pages come from the factories the
tests use; sessions and audiences are bulk-created.

Then, over `--repeat` runs each (after one warm-up request), through Django's
test client:

* cold: the cache emptied before each request, so the body is really built;
* warm: the same request with this generation's body in the cache;
* 304: a request whose If-None-Match is the feed's ETag;

(cold requests and builds also empty the sessions' kept VEVENTs,
``events.feed_cache.VEVENTS``; "build after a sign-up" keeps them while one
session's places change before each build, as a rebuild during a rush does);

and without HTTP, the feed's own build (what a cold request calls) against a
naive one: one icalendar VEVENT per occurrence (Session.occurrences_between over
the feed's window, 90 days back to a year ahead) and, as a plain ORM loop does,
a query per session for its page and one for its venue. Prints median and p95 in
milliseconds, the queries, VEVENTs, occurrences and bytes of each, and the machine.

Then a sign-up rush (``--burst-minutes``, 10, on a simulated clock, run as fast as
the machine goes): ``--sign-ups`` (150) at random moments, each taking a place of a
random session with places (the quota's count goes up and
``events.feed_cache.places_changed()`` is called, as the sign-up service does after
commit), while 200 distinct feed addresses are polled: the calendar feed under each
of the 100 combinations of venue, category and audience (none included) and 100
programme feeds. Each address is polled every P minutes, P drawn per address from
``--poll-minutes`` (5-15), from a random moment on, with If-None-Match of what it
last got; every address was fetched once before the rush. For each places policy
(``CIC_FEED_PLACES_INTERVAL`` 0, every change at once, and ``--interval``, 300 s),
it counts the polls, the feeds built and the CPU seconds (``time.process_time``)
spent answering polls. The first row also empties the kept VEVENTs before every
request: the rebuild of a whole feed at every change, as before the kept VEVENTs.
"""

import argparse
import datetime
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMP = Path(tempfile.mkdtemp(prefix="cic-bench-feeds-"))
URL = "/pl/calendar/events.ics"

sys.path.insert(0, str(ROOT))
# The test settings always use a memory cache, so cache.clear() below can never
# empty a shared Redis; the database is this script's own file.
os.environ["DJANGO_SETTINGS_MODULE"] = "cic_site.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{TEMP / 'feeds.sqlite3'}"

import django  # noqa: E402

django.setup()

import icalendar  # noqa: E402
import recurrence  # noqa: E402
from dateutil.rrule import rrulestr  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

WEEKS = 26  # how long a recurring session goes on: about six months


def local_day_at(day_offset, hour):
    """Today in Warsaw plus `day_offset` days, at `hour` o'clock, as an aware datetime."""
    from events.models import LOCAL_TIMEZONE

    day = timezone.localdate(timezone=LOCAL_TIMEZONE) + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL_TIMEZONE)


def build(events, recurring):
    """Migrate, and make the calendar: `events` pages of one session, `recurring` weekly."""
    from events.models import Audience, CancelledSession, ProgrammeAudience, Quota, Session
    from home.models import HomePage
    from tests.events.factories import (
        CategoryFactory,
        EventIndexPageFactory,
        EventPageFactory,
        VenueFactory,
    )

    call_command("migrate", verbosity=0)
    home = HomePage.objects.get(depth=2)
    calendar_page = EventIndexPageFactory(parent=home)
    venues = [
        VenueFactory(
            street_address=f"ul. Główna {number + 1}",
            postcode="62-800",
            latitude="51.761000" if number % 2 == 0 else None,
            longitude="18.091000" if number % 2 == 0 else None,
        )
        for number in range(4)
    ]
    categories = [CategoryFactory() for _ in range(3)]
    pages = [
        EventPageFactory(parent=calendar_page, category=categories[number % 3])
        for number in range(events)
    ]
    audiences = list(Audience.values)
    ProgrammeAudience.objects.bulk_create(
        ProgrammeAudience(page=page, audience=audiences[(number + shift) % 4], sort_order=shift)
        for number, page in enumerate(pages)
        for shift in range(1 + number % 2)
    )
    # Every events/recurring-th page is a weekly club, so they spread over the list.
    step = events // recurring if recurring else events + 1
    now = timezone.now()
    sessions = []
    for number, page in enumerate(pages):
        repeats = number % step == 0 and number // step < recurring
        if repeats:
            starts_at = local_day_at(-60 + number * 7 % 120, 16 + number % 3)
        else:
            starts_at = local_day_at(-85 + number * 7919 % 440, 9 + number % 9)
        sessions.append(
            Session(
                page=page,
                locale=page.locale,
                sort_order=0,
                title="Grupa A" if repeats else "",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                recurrence=(
                    recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=WEEKS)])
                    if repeats
                    else None
                ),
                venue=venues[number % len(venues)],
                capacity=20 if number % 2 else None,
                changed_at=now,
            )
        )
    Session.objects.bulk_create(sessions)
    Quota.objects.bulk_create(
        Quota(session_key=session.translation_key, session=session, capacity=session.capacity)
        for session in sessions
        if session.capacity
    )
    CancelledSession.objects.bulk_create(
        CancelledSession(session_key=session.translation_key, cancelled_at=now)
        for number, session in enumerate(sessions)
        if number % 97 == 1
    )
    return calendar_page


def naive_calendar(request, index_page, start, end):
    """The calendar as a plain loop writes it: a VEVENT per occurrence, lazy relations."""
    from events.models import Session

    stamp = timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//naive//EN")
    calendar.add("version", "2.0")
    calendar.calendar_name = index_page.title
    # Whether each is cancelled comes with the sessions (a CancelledSession row since
    # issue 14): the naive build stays two queries a session, as first measured.
    sessions = (
        Session.objects.filter(page__in=index_page.programmes())
        .with_cancellation()
        .order_by("starts_at", "pk")
    )
    first = None
    for session in sessions:
        page = session.page  # a query
        venue = session.venue  # and another
        url = page.get_full_url(request)
        summary = f"{page.title} – {session.title}" if session.title else page.title
        location = ", ".join(part for part in [venue.name, venue.full_address] if part)
        status = "CANCELLED" if session.is_cancelled else "CONFIRMED"
        for starts_at in session.occurrences_between(start, end):
            calendar.add_component(
                icalendar.Event.new(
                    uid=f"session-{session.translation_key}-{starts_at:%Y%m%dT%H%M}@cic",
                    stamp=stamp,
                    start=starts_at,
                    end=starts_at + session.duration,
                    summary=summary,
                    description=f"{page.intro}\n\n{url}",
                    url=url,
                    location=location,
                    status=status,
                )
            )
            first = min(first or starts_at, starts_at)
    if first:
        calendar.add_missing_timezones(first_date=first.date().replace(month=1, day=1))
    return calendar.to_ical()


def feed_build(request):
    """What a cold request to the feed builds, called directly (as calendar_feed_view does)."""
    from events import feeds
    from events.feed_cache import current_version

    sessions, _description = feeds.filtered_sessions(feeds.calendar_page(), request.GET)
    return feeds.build_calendar(
        feeds.feed_sessions(sessions, timezone.now()),
        name="bench",
        request=request,
        version=current_version(),
    )


def timed(function, repeat, before=None):
    """Milliseconds of `repeat` calls of `function` (each after `before`), and its last result."""
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def p95(times):
    """The nearest-rank 95th percentile."""
    ordered = sorted(times)
    return ordered[math.ceil(len(ordered) * 0.95) - 1]


def queries_of(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def occurrences_described(body):
    """How many dates the VEVENTs of an .ics body stand for, their RRULEs expanded."""
    count = 0
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        if "RRULE" in event:
            rule = event["RRULE"].to_ical().decode()
            count += len(list(rrulestr(rule, dtstart=event.start)))
        else:
            count += 1
    return count


def machine():
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    return (
        f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}, "
        f"{platform.platform()}, SQLite {sqlite3.sqlite_version} (file in {TEMP})"
    )


def run(options):
    from django.conf import settings

    from events.listing import UPCOMING_WINDOW

    started = time.perf_counter()
    calendar_page = build(options.events, options.recurring)
    print(f"built {options.events} events in {time.perf_counter() - started:.0f} s")

    from events.feed_cache import VEVENTS
    from events.models import Quota

    def empty():
        """Nothing kept: neither the feeds' bodies nor the sessions' written VEVENTs."""
        cache.clear()
        VEVENTS.clear()

    client = Client()
    empty()
    assert client.get(URL).status_code == 200  # warm-up: imports, translations, URLs

    # Cold: the body is built, every time.
    empty()
    cold_queries, response = queries_of(lambda: client.get(URL))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar"), response["Content-Type"]
    cold_times, response = timed(lambda: client.get(URL), options.repeat, before=empty)
    body, etag = response.content, response["ETag"]

    # Warm: this generation's body is in the cache.
    warm_queries, warm = queries_of(lambda: client.get(URL))
    assert warm.content == body, "the cached body differs from the one just built"
    warm_times, _ = timed(lambda: client.get(URL), options.repeat)

    # 304: the client has this generation already.
    not_modified = lambda: client.get(URL, headers={"if-none-match": etag})  # noqa: E731
    revalidate_queries, answer = queries_of(not_modified)
    assert answer.status_code == 304, answer.status_code
    revalidate_times, _ = timed(not_modified, options.repeat)

    # The feed's build and the naive one, without HTTP, both in Polish.
    now = timezone.now()
    start = now - datetime.timedelta(days=settings.CIC_FEED_PAST_DAYS)
    end = now + UPCOMING_WINDOW
    factory = RequestFactory()
    quota = Quota.objects.order_by("pk").first()

    def sign_up():
        """One place taken: one session's VEVENT is written again, the others are kept."""
        Quota.objects.filter(pk=quota.pk).update(taken=(quota.taken + 1) % quota.capacity)
        quota.refresh_from_db()

    with translation.override("pl"):
        empty()
        build_queries, _ = queries_of(lambda: feed_build(factory.get(URL)))
        naive_queries, naive_body = queries_of(
            lambda: naive_calendar(factory.get(URL), calendar_page, start, end)
        )
        # In turns, so that what else the machine does weighs on both alike.
        build_times, naive_times = [], []
        for _ in range(options.repeat):
            build_times += timed(lambda: feed_build(factory.get(URL)), 1, before=empty)[0]
            naive_times += timed(
                lambda: naive_calendar(factory.get(URL), calendar_page, start, end), 1
            )[0]
        kept_times, _ = timed(lambda: feed_build(factory.get(URL)), options.repeat, before=sign_up)

    feed_vevents = body.count(b"BEGIN:VEVENT")
    naive_vevents = naive_body.count(b"BEGIN:VEVENT")
    feed_dates = occurrences_described(body)
    naive_dates = occurrences_described(naive_body)
    rows = [
        ("feed, cold request", cold_times, cold_queries, feed_vevents, feed_dates, len(body)),
        ("feed, warm request", warm_times, warm_queries, feed_vevents, feed_dates, len(body)),
        ("feed, 304 request", revalidate_times, revalidate_queries, 0, 0, len(answer.content)),
        ("feed, build only", build_times, build_queries, feed_vevents, feed_dates, len(body)),
        (
            "feed, build after a sign-up",
            kept_times,
            build_queries,
            feed_vevents,
            feed_dates,
            len(body),
        ),
        (
            "naive, build only",
            naive_times,
            naive_queries,
            naive_vevents,
            naive_dates,
            len(naive_body),
        ),
    ]

    print(f"date: {datetime.date.today().isoformat()}")
    print(f"machine: {machine()}")
    print(
        f"events: {options.events} ({options.recurring} weekly for {WEEKS} weeks); "
        f"runs: {options.repeat}; {URL}, window {settings.CIC_FEED_PAST_DAYS} days back "
        f"to {UPCOMING_WINDOW.days} days ahead"
    )
    print("| what | median ms | p95 ms | queries | VEVENTs | dates | bytes |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, times, queries, vevents, dates, size in rows:
        print(
            f"| {name} | {statistics.median(times):.1f} | {p95(times):.1f} | {queries} "
            f"| {vevents:,} | {dates:,} | {size:,} |"
        )
    cancelled = body.count(b"STATUS:CANCELLED")
    print(f"cancelled VEVENTs in the feed: {cancelled}; ETag {etag}")
    print(
        f"feed build / naive build: {statistics.median(build_times) / statistics.median(naive_times):.2f}"
    )
    return calendar_page


def feed_addresses(calendar_page):
    """The 200 feed addresses polled in the rush: the calendar under each combination
    of venue, category and audience (none of each included), and 100 programmes."""
    from events.models import Audience, Category, Venue

    venues = [None, *Venue.objects.order_by("pk").values_list("slug", flat=True)]
    categories = [None, *Category.objects.order_by("pk").values_list("slug", flat=True)]
    audiences = [None, *Audience.values]
    addresses = []
    for venue in venues:
        for category in categories:
            for audience in audiences:
                query = {"venue": venue, "category": category, "audience": audience}
                query = "&".join(f"{name}={value}" for name, value in query.items() if value)
                addresses.append(URL + (f"?{query}" if query else ""))
    pages = calendar_page.get_children().order_by("pk").values_list("pk", flat=True)
    programmes = list(pages)[:: max(1, len(pages) // 100)][:100]
    return addresses[:100] + [f"/pl/calendar/programme/{pk}.ics" for pk in programmes]


def rush_timeline(options, addresses, seed):
    """The rush's events in time order: ("poll", address) and ("sign_up", None)."""
    rng = random.Random(seed)
    length = options.burst_minutes * 60
    events = [(rng.uniform(0, length), "sign_up", None) for _ in range(options.sign_ups)]
    low, high = options.poll_minutes
    for address in addresses:
        period = rng.uniform(low, high) * 60
        moment = rng.uniform(0, period)
        while moment < length:
            events.append((moment, "poll", address))
            moment += period
    return sorted(events, key=lambda event: event[0])


def rush(options, calendar_page, *, interval, keep_vevents, seed=1):
    """One sign-up rush under one places policy: polls, builds and CPU seconds."""
    from django.conf import settings
    from django.db.models import F

    from events import feed_cache, feeds
    from events.models import Quota, Session

    cache.clear()
    feed_cache.VEVENTS.clear()
    settings.CIC_FEED_PLACES_INTERVAL = interval
    Quota.objects.update(taken=0)
    addresses = feed_addresses(calendar_page)
    keys = list(Quota.objects.order_by("pk").values_list("pk", flat=True))
    rng = random.Random(seed)
    client = Client()
    real_now, real_build = timezone.now, feeds.build_calendar
    start = real_now()
    clock = [0.0]
    builds = {"count": 0, "cpu": 0.0}

    def build_calendar(*args, **kwargs):
        started = time.process_time()
        try:
            return real_build(*args, **kwargs)
        finally:
            builds["count"] += 1
            builds["cpu"] += time.process_time() - started

    timezone.now = lambda: start + datetime.timedelta(seconds=clock[0])
    feeds.build_calendar = build_calendar
    try:
        etags = {address: client.get(address)["ETag"] for address in addresses}
        builds.update(count=0, cpu=0.0)
        polls = not_modified = 0
        cpu = 0.0
        for moment, kind, address in rush_timeline(options, addresses, seed):
            clock[0] = moment
            if kind == "sign_up":
                Quota.objects.filter(pk=rng.choice(keys)).update(taken=F("taken") + 1)
                feed_cache.places_changed()
                continue
            if not keep_vevents:
                feed_cache.VEVENTS.clear()
            started = time.process_time()
            response = client.get(address, headers={"if-none-match": etags[address]})
            cpu += time.process_time() - started
            polls += 1
            if response.status_code == 304:
                not_modified += 1
            else:
                assert response.status_code == 200, (address, response.status_code)
                etags[address] = response["ETag"]
    finally:
        timezone.now, feeds.build_calendar = real_now, real_build
    assert Session.objects.filter(capacity__isnull=False).count() == len(keys)
    return {
        "polls": polls,
        "304": not_modified,
        "builds": builds["count"],
        "build_cpu": builds["cpu"],
        "cpu": cpu,
    }


def run_rush(options, calendar_page):
    low, high = options.poll_minutes
    print()
    print(
        f"sign-up rush: {options.sign_ups} sign-ups in {options.burst_minutes} minutes "
        f"(simulated clock), 200 feed addresses each polled every {low:g}-{high:g} minutes "
        "with If-None-Match"
    )
    print("| places policy | polls | 304 | feeds built | CPU s building | CPU s answering polls |")
    print("| --- | --- | --- | --- | --- | --- |")
    policies = [
        ("every change at once, whole feeds rebuilt", 0, False),
        ("every change at once, kept VEVENTs", 0, True),
        (f"at most {options.interval} s behind, kept VEVENTs", options.interval, True),
    ]
    for name, interval, keep in policies:
        found = rush(options, calendar_page, interval=interval, keep_vevents=keep)
        print(
            f"| {name} | {found['polls']} | {found['304']} | {found['builds']} "
            f"| {found['build_cpu']:.1f} | {found['cpu']:.1f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--recurring", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sign-ups", type=int, default=150)
    parser.add_argument("--burst-minutes", type=float, default=10)
    parser.add_argument(
        "--poll-minutes", type=float, nargs=2, default=[5, 15], metavar=("LOW", "HIGH")
    )
    parser.add_argument("--interval", type=int, default=300, help="CIC_FEED_PLACES_INTERVAL")
    parser.add_argument("--no-rush", action="store_true", help="only the build timings")
    options = parser.parse_args()
    if not 0 <= options.recurring <= options.events or options.repeat < 1:
        parser.error("need 0 <= --recurring <= --events and --repeat >= 1")
    try:
        calendar_page = run(options)
        if not options.no_rush:
            run_rush(options, calendar_page)
    finally:
        connections.close_all()
        shutil.rmtree(TEMP, ignore_errors=True)


if __name__ == "__main__":
    main()
