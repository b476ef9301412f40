"""
How fresh the calendar feeds are (events/feed_cache.py, served by events/feeds.py).

A change of content (a page published, a session cancelled) is in every feed at
once. A change of places (a sign-up) is too when the places the feeds show were
read longer than CIC_FEED_PLACES_INTERVAL ago, and otherwise as soon as they
were: while families sign up every few seconds, each feed is rebuilt for places
at most once per interval. Whatever the timing, a feed's ETag names its body.
"""

import datetime

import pytest

from django.core.cache import cache
from django.utils import timezone

from events import feeds
from events.feed_cache import VEVENTS, current_version
from events.models import ProgrammePage
from signups import services
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

FEED = "/pl/calendar/events.ics"
INTERVAL = datetime.timedelta(seconds=300)


@pytest.fixture(autouse=True)
def places_interval(settings):
    settings.CIC_FEED_PLACES_INTERVAL = int(INTERVAL.total_seconds())


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed, so the feeds hear of it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def later(monkeypatch):
    """Move the clock on by `delta`, for everything that asks django.utils.timezone."""
    now = timezone.now

    def later(delta):
        monkeypatch.setattr(timezone, "now", lambda: now() + delta)

    return later


def feed_text(response):
    return response.content.decode().replace("\r\n ", "")


def sign_up_one(session, committed, name):
    with committed():
        sign_up(session, child(name), email=f"{name.lower()}@example.com")


def test_places_taken_soon_after_others_show_once_the_interval_has_passed(
    client, camp_session, committed, later
):
    """A sign-up rush: the first sign-up shows at once, the next within the interval
    waits for it; meanwhile the feed's ETag is unchanged, so polling clients get 304."""
    sign_up_one(camp_session, committed, "Iwan")
    first = client.get(FEED)
    assert "9 wolnych miejsc" in feed_text(first)

    sign_up_one(camp_session, committed, "Olha")
    during = client.get(FEED, headers={"If-None-Match": first["ETag"]})
    assert during.status_code == 304

    later(INTERVAL + datetime.timedelta(seconds=1))
    after = client.get(FEED, headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200
    assert "8 wolnych miejsc" in feed_text(after)
    assert after["ETag"] != first["ETag"]


def test_places_are_never_more_than_the_interval_behind(client, camp_session, committed, later):
    """Even with requests all along, a change waits no longer than the interval."""
    sign_up_one(camp_session, committed, "Iwan")
    client.get(FEED)
    later(INTERVAL / 2)
    sign_up_one(camp_session, committed, "Olha")
    assert "9 wolnych miejsc" in feed_text(client.get(FEED))

    # The interval counts from when the places shown were read, not from the change.
    later(INTERVAL)

    assert "8 wolnych miejsc" in feed_text(client.get(FEED))


def test_a_change_of_content_shows_at_once_with_the_places_as_they_are(
    client, camp, camp_session, committed
):
    sign_up_one(camp_session, committed, "Iwan")
    client.get(FEED)
    sign_up_one(camp_session, committed, "Olha")

    with committed():
        page = ProgrammePage.objects.get(pk=camp.pk).specific
        page.title = "Półkolonie w Kaliszu 2027"
        page.save_revision().publish()

    text = feed_text(client.get(FEED))
    assert "Półkolonie w Kaliszu 2027" in text
    assert "8 wolnych miejsc" in text


def test_a_cancelled_session_shows_at_once_even_right_after_a_sign_up(
    client, camp_session, committed
):
    sign_up_one(camp_session, committed, "Iwan")
    client.get(FEED)

    with committed():
        services.cancel_session(session=camp_session)

    assert b"STATUS:CANCELLED" in client.get(FEED).content


def test_with_no_interval_every_change_of_places_shows_at_once(
    client, camp_session, committed, settings
):
    settings.CIC_FEED_PLACES_INTERVAL = 0
    sign_up_one(camp_session, committed, "Iwan")
    client.get(FEED)

    sign_up_one(camp_session, committed, "Olha")

    assert "8 wolnych miejsc" in feed_text(client.get(FEED))


def test_a_body_built_again_in_the_same_version_gets_its_own_etag(
    client, camp_session, committed, monkeypatch
):
    """Places changed while the next places generation waits, and the cache lost the
    built feed: the body built again shows the new places, under an ETag of its own,
    so a client that has the first body is sent the second rather than a 304."""
    sign_up_one(camp_session, committed, "Iwan")
    first = client.get(FEED)
    sign_up_one(camp_session, committed, "Olha")
    version = current_version()
    get = cache.get
    monkeypatch.setattr(
        cache,
        "get",
        lambda key, *args, **kwargs: (
            None if key.startswith("cic:feed:") else get(key, *args, **kwargs)
        ),
    )

    again = client.get(FEED, headers={"If-None-Match": first["ETag"]})

    assert current_version() == version
    assert again.status_code == 200
    assert "8 wolnych miejsc" in feed_text(again)
    assert again["ETag"] != first["ETag"]


def test_the_same_body_has_the_same_etag(client, camp_session, monkeypatch):
    first = client.get(FEED)
    get = cache.get
    monkeypatch.setattr(
        cache,
        "get",
        lambda key, *args, **kwargs: (
            None if key.startswith("cic:feed:") else get(key, *args, **kwargs)
        ),
    )

    again = client.get(FEED, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304


def test_a_feed_rebuilt_after_a_sign_up_is_the_feed_built_from_nothing(
    rf, camp_session, club, committed
):
    """Sessions' VEVENTs are kept between builds: the kept ones must be exactly those
    a build from nothing writes, the places of the session signed up for included."""
    request = rf.get(FEED)
    sessions = lambda: feeds.feed_sessions(  # noqa: E731
        feeds.filtered_sessions(feeds.calendar_page(), request.GET)[0], timezone.now()
    )

    def build():
        return feeds.build_calendar(sessions(), name="x", request=request, version=version)

    version = current_version()
    before = build()
    sign_up_one(camp_session, committed, "Iwan")
    kept = build()
    VEVENTS.clear()

    assert kept == build()
    assert "10 wolnych miejsc" in before.decode().replace("\r\n ", "")
    assert "9 wolnych miejsc" in kept.decode().replace("\r\n ", "")
