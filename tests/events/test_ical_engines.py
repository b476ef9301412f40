"""
The demo's feeds as ical.js reads them: the engine of Thunderbird, of Nextcloud
Calendar and of FullCalendar's iCalendar plugin, with which many library websites
show calendars. A third reader next to vobject and ical (tests/events/test_feeds.py),
and the one that trusts the feed's own VTIMEZONE to turn wall-clock times into
instants: with the RDATE lists icalendar writes by default, it put the weekly
sessions of October an hour late.

ical.js is the npm package pinned in package.json (`make node-deps` installs it);
tests/events/ical_expand.mjs expands every VEVENT over a year from its DTSTART.
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from django.core.management import call_command

from events.models import LOCAL_TIMEZONE
from tests.events.test_feeds import LANGUAGES, cancel_some_demo_dates, feed_addresses
from tests.utils import skip_unless_available

pytestmark = pytest.mark.slow

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
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ical_js_shows_every_demo_session_at_its_wall_clock_time_in_summer_and_winter(client):
    """A club that meets at 16:00 is shown at 16:00 in Warsaw, in every feed and language."""
    call_command("seed_demo", verbosity=0)
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
