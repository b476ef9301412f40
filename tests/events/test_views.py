"""Venue pages people can find: linked from every listing, listed by town, and a
partner library's page with its address, its feed to copy and its embed to preview."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.feed_cache import feeds_changed
from events.feeds import EMBED_LIMIT
from events.models import Venue
from events.views import embed_height
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days, translated
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db


def venue_link(calendar_page, venue):
    return f'href="{calendar_page.venue_url(venue)}"'


def venues_list_url(calendar_page):
    return calendar_page.url + calendar_page.reverse_subpage("venues")


def event_at(calendar_page, venue, *, days=5, organiser=None):
    page = EventPageFactory(parent=calendar_page, organiser=organiser)
    SessionFactory(page=page, locale=page.locale, venue=venue, starts_at=in_days(days))
    return page


def policy(response, directive):
    """The sources a response's Content-Security-Policy allows for `directive`."""
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        if name == directive:
            return sources
    return []


# Links to venue pages


def test_a_venue_in_the_calendar_listing_links_to_its_page(client, calendar_page, camp):
    venue = camp.sessions.get().venue

    html = client.get(calendar_page.url).content.decode()

    assert venue_link(calendar_page, venue) in html
    assert client.get(calendar_page.venue_url(venue)).status_code == 200


def test_a_programme_page_links_the_venue_of_each_date(client, calendar_page, camp):
    venue = camp.sessions.get().venue

    html = client.get(camp.url).content.decode()

    assert venue_link(calendar_page, venue) in html


def test_the_sign_up_form_links_the_venue_of_the_session(client, calendar_page, camp):
    session = camp.sessions.get()
    form_url = f"/{camp.locale.language_code}/sign-ups/session/{session.translation_key}/"

    html = client.get(form_url).content.decode()

    assert venue_link(calendar_page, session.venue) in html


def test_a_centre_page_links_the_venues_of_its_dates(client, calendar_page, kalisz):
    library = VenueFactory(name="Biblioteka Raczyńskich", city="Poznań")
    event_at(calendar_page, library, organiser=kalisz)

    html = client.get(kalisz.url).content.decode()

    assert html.count(venue_link(calendar_page, library)) == 2  # its dates, and its venues


def test_a_translated_date_at_an_untranslated_venue_links_to_the_venues_own_page(
    client, calendar_page, camp, locales
):
    """The Ukrainian page's session still names the Polish venue: the link goes to
    the page that venue has, in the Polish calendar."""
    ukrainian_camp = translated(camp, locales["uk"])
    venue = ukrainian_camp.sessions.get().venue
    assert venue.locale == locales["pl"]

    html = client.get(ukrainian_camp.url).content.decode()

    assert venue_link(calendar_page, venue) in html
    assert client.get(calendar_page.venue_url(venue)).status_code == 200


def listing_queries(client, calendar_page):
    client.get(calendar_page.url)  # the sessions listed kept in the shared cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(calendar_page.url).status_code == 200
    return len(queries)


def test_linking_the_venues_costs_no_query_per_venue(client, calendar_page):
    for number in range(2):
        event_at(calendar_page, VenueFactory(), days=number + 1)
    client.get(calendar_page.url)  # the site's root paths are cached from then on
    with_two_venues = listing_queries(client, calendar_page)

    for number in range(4):
        event_at(calendar_page, VenueFactory(), days=number + 3)
    feeds_changed()  # as publishing the pages does (the factory saves them live)
    with_six_venues = listing_queries(client, calendar_page)

    html = client.get(calendar_page.url).content.decode()
    assert all(venue_link(calendar_page, venue) in html for venue in Venue.objects.all())
    assert with_six_venues == with_two_venues


# The list of venues


@pytest.fixture
def venues(locales):
    return {
        "library": VenueFactory(name="Biblioteka Raczyńskich", city="Poznań"),
        "kalisz_library": VenueFactory(name="Biblioteka im. Asnyka", city="Kalisz"),
        "cinema": VenueFactory(name="Kino Meduza", kind=Venue.Kind.CINEMA, city="Opole"),
        "centre": VenueFactory(name="CIC Kalisz", kind=Venue.Kind.CENTRE, city="Kalisz"),
        "ukrainian": VenueFactory(name="Бібліотека", city="Калиш", locale=locales["uk"]),
    }


def test_the_calendar_links_to_the_list_of_venues(client, calendar_page):
    html = client.get(calendar_page.url).content.decode()

    assert f'href="{venues_list_url(calendar_page)}"' in html


def test_the_list_of_venues_groups_libraries_apart_by_town_and_links_each(
    client, calendar_page, venues
):
    response = client.get(venues_list_url(calendar_page))

    assert response.status_code == 200
    html = page_text(response)
    others, libraries = html.split(translated_text("Partner libraries"))
    assert venue_link(calendar_page, venues["cinema"]) in others
    assert venue_link(calendar_page, venues["centre"]) in others
    assert venue_link(calendar_page, venues["library"]) in libraries
    assert venue_link(calendar_page, venues["kalisz_library"]) in libraries
    assert re.findall(r"<h3>(.*?)</h3>", libraries) == ["Kalisz", "Poznań"]
    assert re.findall(r"<h3>(.*?)</h3>", others) == ["Kalisz", "Opole"]
    assert "Бібліотека" not in html
    for venue in ["library", "cinema"]:
        assert client.get(calendar_page.venue_url(venues[venue])).status_code == 200


def test_the_list_of_venues_gives_each_ones_kind_and_address(client, calendar_page, locales):
    VenueFactory(
        name="Biblioteka Raczyńskich",
        city="Poznań",
        street_address="Al. Marcinkowskiego 23/24",
        postcode="61-745",
    )

    html = page_text(client.get(venues_list_url(calendar_page)))

    assert translated_text("Library") in html
    assert "Al. Marcinkowskiego 23/24, 61-745 Poznań" in html


def test_the_sitemap_lists_the_list_of_venues(client, calendar_page):
    xml = client.get("/sitemap.xml").content.decode()

    assert f"<loc>http://testserver{venues_list_url(calendar_page)}</loc>" in xml


def test_a_centre_page_lists_where_its_activities_take_place(
    client, calendar_page, kalisz, venues, home_page
):
    from tests.home.factories import CentrePageFactory

    own = venues["centre"]
    own.centre = kalisz
    own.save()
    poznan = CentrePageFactory(parent=kalisz.get_parent(), title="CIC Poznań", slug="poznan")
    event_at(calendar_page, venues["kalisz_library"], organiser=kalisz, days=400)  # far ahead
    event_at(calendar_page, venues["library"], organiser=poznan)

    response = client.get(kalisz.url)

    html = page_text(response)
    section = html.split(translated_text("Where our activities take place"))[1]
    assert venue_link(calendar_page, own) in section
    assert venue_link(calendar_page, venues["kalisz_library"]) in section
    assert venue_link(calendar_page, venues["library"]) not in html
    assert f'href="{venues_list_url(calendar_page)}"' in section


# A venue's page


def test_a_venue_page_gives_the_full_address_website_and_map_coordinates(
    client, calendar_page, locales
):
    library = VenueFactory(
        name="Biblioteka Raczyńskich",
        street_address="Al. Marcinkowskiego 23/24",
        postcode="61-745",
        city="Poznań",
        website="https://bracz.edu.pl/",
        accessibility="Wejście bez schodów od Alei Marcinkowskiego.",
        latitude="52.408447",
        longitude="16.928569",
    )

    html = page_text(client.get(calendar_page.venue_url(library)))

    assert "Al. Marcinkowskiego 23/24<br>" in html
    assert "61-745 Poznań" in html
    assert 'href="https://bracz.edu.pl/"' in html
    assert "Wejście bez schodów od Alei Marcinkowskiego." in html
    assert "52.408447, 16.928569" in html
    assert (
        translated_text("Ask the centre that organises the activity for the exact address.")
        not in html
    )


def test_a_library_with_no_street_address_sends_people_to_its_own_website(
    client, calendar_page, locales
):
    library = VenueFactory(
        name="Biblioteka publiczna w Golinie",
        city="Golina",
        website="http://www.golina.naszabiblioteka.com/",
    )

    html = page_text(client.get(calendar_page.venue_url(library)))

    line = translated_text("The exact address is on the venue’s own website:")
    assert f'{line} <a href="http://www.golina.naszabiblioteka.com/"' in html


def test_a_venue_with_no_address_or_website_says_to_ask_the_centre(client, calendar_page, locales):
    library = VenueFactory(name="Biblioteka publiczna w Białośliwiu", city="Białośliwie")

    html = page_text(client.get(calendar_page.venue_url(library)))

    assert (
        translated_text("Ask the centre that organises the activity for the exact address.")
        in html
    )


def test_a_venue_page_links_back_to_the_list_of_venues(client, calendar_page, kalisz_library):
    html = client.get(calendar_page.venue_url(kalisz_library)).content.decode()

    assert f'href="{venues_list_url(calendar_page)}"' in html


# Copying the feed's address and the embed code


def test_the_feed_address_is_a_read_only_field_with_a_copy_button(client, calendar_page):
    """Without JavaScript the address is there to select; the script adds the button."""
    response = client.get(calendar_page.url)

    html = page_text(response)
    feed_url = response.context["feed"].url
    [field] = re.findall(r'<div class="copy-field"[^>]*>\s*<input [^>]*>', html)
    assert f'value="{feed_url}"' in field
    assert " readonly" in field
    assert f'data-copy-label="{translated_text("Copy the address")}"' in field
    assert f'data-copied-label="{translated_text("Copied")}"' in field
    assert '<span class="copy-field__status" role="status"></span>' in html
    assert '<script src="/static/events/js/copy-field.js" defer></script>' in html


def test_the_copy_script_is_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("events/js/copy-field.js")


def test_a_venue_page_has_its_embed_code_to_copy(client, calendar_page, kalisz_library):
    html = client.get(calendar_page.venue_url(kalisz_library)).content.decode()

    [field] = re.findall(r'<div class="copy-field"[^>]*>\s*<textarea [^>]*>[^<]*', html)
    assert " readonly" in field
    assert '&lt;iframe src="http://testserver/' in field


# The preview of the embed


def test_a_venue_page_previews_its_embed_in_a_frame_the_policy_allows(client, calendar_page, camp):
    venue = camp.sessions.get().venue

    response = client.get(calendar_page.venue_url(venue))

    html = response.content.decode()
    [src] = re.findall(r'<iframe class="embed-snippet__preview" src="([^"]+)"', html)
    assert src.startswith("/")  # framed from the site itself, whatever its address
    assert "'self'" in policy(response, "frame-src")
    embedded = client.get(src)
    assert embedded.status_code == 200
    assert "Półkolonie w Kaliszu" in embedded.content.decode()
    assert policy(embedded, "frame-ancestors") == ["*"]


def test_other_pages_still_frame_nothing_of_the_sites_own(client, calendar_page):
    response = client.get(calendar_page.url)

    assert "'self'" not in policy(response, "frame-src")


def test_the_embed_code_is_as_tall_as_the_list_it_shows(client, calendar_page, locales):
    library = VenueFactory()
    for days in range(1, 4):
        event_at(calendar_page, library, days=days)

    html = page_text(client.get(calendar_page.venue_url(library)))

    height = embed_height(3)
    assert f'height="{height}" loading="lazy" style="border:0"' in html
    assert '<iframe class="embed-snippet__preview" src=' in html
    assert re.search(rf'<iframe class="embed-snippet__preview"[^>]*height="{height}"', html)


def test_the_embed_height_grows_with_the_dates_up_to_the_lists_limit():
    assert embed_height(0) == embed_height(1) < embed_height(2)
    assert embed_height(EMBED_LIMIT + 5) == embed_height(EMBED_LIMIT)
