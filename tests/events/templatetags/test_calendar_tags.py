"""
How pages offer their calendar feeds, and how staff cancel one date of a repeating
session: what visitors and editors see, not the feed itself (that is test_feeds).
"""

import html
import re

import pytest

from events.models import CancelledOccurrence
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import local
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db

# A weekly club on Fridays at 16:00 from 12 March 2027 (not 19 March), plus 31 March.

FEED_LINK = re.compile(
    r'<link rel="alternate" type="text/calendar" title="([^"]*)" href="([^"]*)">'
)


def feed_links(response):
    assert response.status_code == 200
    return [
        (html.unescape(title), html.unescape(href))
        for title, href in FEED_LINK.findall(response.content.decode())
    ]


@pytest.mark.parametrize("view", ["", "month/", "week/", "archive/"])
def test_every_calendar_view_links_its_feed_in_the_head(client, calendar_page, view):
    [(title, href)] = feed_links(client.get(calendar_page.url + view))

    assert title == calendar_page.title
    assert href == "http://testserver/pl/calendar/events.ics"


def test_the_listings_filters_carry_over_to_the_feed_without_dates_or_age(
    client, calendar_page, kalisz_library, camp_category
):
    response = client.get(
        calendar_page.url,
        {
            "venue": kalisz_library.slug,
            "category": camp_category.slug,
            "age": 7,
            "date_from": "2027-01-01",
        },
    )

    [(_title, href)] = feed_links(response)
    assert href == (
        f"http://testserver/pl/calendar/events.ics?venue={kalisz_library.slug}&category=polkolonie"
    )


def test_a_venue_page_links_the_venues_feed_and_shows_the_embed_code(
    client, calendar_page, kalisz_library
):
    response = client.get(calendar_page.venue_url(kalisz_library))

    [(title, href)] = feed_links(response)
    assert title == kalisz_library.name
    assert href == f"http://testserver/pl/calendar/events.ics?venue={kalisz_library.slug}"
    html = page_text(response)
    embed = f"http://testserver/pl/calendar/embed/?venue={kalisz_library.slug}"
    assert f'<iframe src="{embed}"' in html
    assert f"/pl/calendar/embed/events.json?venue={kalisz_library.slug}" in html


def test_a_centre_page_links_the_feed_of_what_is_on_there(client, kalisz):
    [(title, href)] = feed_links(client.get(kalisz.url))

    assert title == kalisz.title
    assert href == f"http://testserver/pl/calendar/events.ics?centre={kalisz.slug}"


def test_a_programme_page_links_its_own_feed_and_each_date_to_an_ics(client, camp, camp_session):
    response = client.get(camp.url)

    [(title, href)] = feed_links(response)
    assert title == camp.title
    assert href == f"http://testserver/pl/calendar/programme/{camp.pk}.ics"
    assert f'href="/pl/calendar/session/{camp_session.translation_key}.ics"' in page_text(response)


def test_the_subscribe_block_offers_https_webcal_and_download_with_help_per_client(client, camp):
    html = page_text(client.get(camp.url))

    assert translated_text("Subscribe to this calendar") in html
    assert f'href="webcal://testserver/pl/calendar/programme/{camp.pk}.ics"' in html
    assert f'value="http://testserver/pl/calendar/programme/{camp.pk}.ics" readonly' in html
    assert f'href="/pl/calendar/programme/{camp.pk}.ics" download' in html
    for client_name in ["Google Calendar", "Outlook", "Apple Calendar", "Thunderbird"]:
        assert f"<dt>{client_name}</dt>" in html


def test_the_subscribe_block_is_in_the_pages_language(client, camp, locales):
    from tests.events.utils import translated

    ukrainian = translated(camp, locales["uk"])

    html = page_text(client.get(ukrainian.url))

    assert translated_text("Subscribe to this calendar", language="uk") in html
    assert f"/uk/calendar/programme/{ukrainian.pk}.ics" in html


def test_the_feed_is_offered_on_the_public_https_address(client, settings, camp):
    """Google's "add by URL" wants https: the address is the public one, whatever
    scheme or host the request reached the app server with behind the proxy."""
    settings.CIC_PUBLIC_URL = "https://cic.example.org"

    response = client.get(camp.url, headers={"host": "127.0.0.1"})

    [(_title, href)] = feed_links(response)
    assert href == f"https://cic.example.org/pl/calendar/programme/{camp.pk}.ics"


# Cancelled dates, in the admin and on the site


def test_staff_cancel_one_date_of_a_weekly_session(admin_client, club):
    response = admin_client.post(
        "/admin/cancelledoccurrence/new/",
        {"session": club.pk, "date": "2027-03-26", "note": "Prowadząca choruje"},
    )

    assert response.status_code == 302
    cancelled = CancelledOccurrence.objects.get()
    assert cancelled.session_key == club.translation_key
    assert cancelled.starts_at == local(2027, 3, 26, 16)
    assert cancelled.note == "Prowadząca choruje"


def test_a_day_the_session_does_not_meet_is_refused_next_to_the_date(admin_client, club):
    response = admin_client.post(
        "/admin/cancelledoccurrence/new/", {"session": club.pk, "date": "2027-03-19"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        translated_text("This session does not take place on that day.")
    ]
    assert not CancelledOccurrence.objects.exists()


def test_only_repeating_sessions_can_have_a_date_cancelled(admin_client, calendar_page, club):
    one_off = SessionFactory(page=EventPageFactory(parent=calendar_page, title="Piknik"))

    response = admin_client.get("/admin/cancelledoccurrence/new/")

    sessions = list(response.context["form"].fields["session"].queryset)
    assert club in sessions
    assert one_off not in sessions


def test_cancelling_a_date_raises_the_sequence_of_the_series(admin_client, club):
    before = club.sequence

    admin_client.post(
        "/admin/cancelledoccurrence/new/", {"session": club.pk, "date": "2027-03-26"}
    )

    club.refresh_from_db()
    assert club.sequence == before + 1


def test_the_calendar_shows_a_cancelled_date_as_cancelled_and_the_others_as_on(
    client, calendar_page, club
):
    CancelledOccurrence.objects.create(
        session_key=club.translation_key, starts_at=local(2027, 3, 26, 16), note="Ferie"
    )

    response = client.get(calendar_page.url)

    html = page_text(response)
    occurrences = re.findall(r'<article class="occurrence( occurrence--cancelled)?">', html)
    assert occurrences == ["", " occurrence--cancelled", "", "", ""]
    assert "Ferie" in html
