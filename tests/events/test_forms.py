"""
Addresses that hold in every language (issue 12): a venue, a centre or a category
is named in the calendar's, the feeds' and the embed's addresses by its slug, the
same in every language, where ids differ from one language to the next. Old
addresses with ids, of any language, keep working; changing /pl/ into /uk/ in
any of them gives the same calendar in Ukrainian.

The filter form sends the visitor to the results: every calendar view marks them.
"""

import html
import re
import uuid
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import ProgrammeAudience, ProgrammeLanguage, Venue
from events.models.calendar import free_slug
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionFactory,
    VenueFactory,
)
from tests.events.utils import in_days, translated
from tests.utils import translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(calendar_page, kalisz, kalisz_library, camp_category, locales):
    """A Bajkowóz workshop at the Kalisz library and a picnic in a park, in Polish and
    Ukrainian: the library, the category and the centre each have an id per language.
    """
    uk = locales["uk"]
    kalisz_library.centre = kalisz
    kalisz_library.save()
    workshop = EventPageFactory(
        parent=calendar_page, title="Bajkowóz", category=camp_category, organiser=kalisz
    )
    ProgrammeAudience.objects.create(page=workshop, audience="children")
    ProgrammeLanguage.objects.create(page=workshop, code="uk")
    SessionFactory(
        page=workshop, locale=workshop.locale, venue=kalisz_library, starts_at=in_days(5)
    )
    picnic = EventPageFactory(parent=calendar_page, title="Piknik w parku")
    park = VenueFactory(name="Park Miejski", kind=Venue.Kind.PARK)
    SessionFactory(page=picnic, locale=picnic.locale, venue=park, starts_at=in_days(6))

    for snippet in (kalisz_library, camp_category, park):
        snippet.copy_for_translation(uk).save()
    uk_workshop = translated(workshop, uk)
    uk_workshop.title = "Казкобус"
    uk_workshop.save_revision().publish()
    translated(picnic, uk)
    return SimpleNamespace(
        library=kalisz_library,
        uk_library=kalisz_library.get_translation(uk),
        category=camp_category,
        centre=kalisz,
        uk_centre=translated(kalisz, uk),
        calendar=calendar_page,
        uk_calendar=calendar_page.get_translation(uk),
        workshop=workshop,
        uk_workshop=uk_workshop,
    )


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


def summaries(response):
    """The programme titles of a feed's events (without the town their SUMMARY adds)."""
    return [
        str(event["SUMMARY"]).split(" (")[0]
        for event in icalendar.Calendar.from_ical(response.content).events
    ]


def uids(response):
    return [str(event["UID"]) for event in icalendar.Calendar.from_ical(response.content).events]


def in_ukrainian(url):
    """The same address with /pl/ turned into /uk/, as a librarian would do it by hand."""
    return url.replace("/pl/", "/uk/", 1)


# Slugs


def test_a_venue_slug_is_made_from_its_name_in_plain_latin_letters():
    assert free_slug("Biblioteka Raczyńskich", taken=set()) == "biblioteka-raczynskich"
    assert free_slug("Łódzki Dom Kultury", taken=set()) == "lodzki-dom-kultury"
    assert free_slug("Бібліотека", taken=set()) == "biblioteka"
    assert free_slug("Kino", taken={"kino", "kino-2"}) == "kino-3"
    assert free_slug("???", taken=set()) == "venue"


def test_a_new_venue_gets_a_free_slug_and_its_translations_share_it(locales):
    library = VenueFactory(name="Biblioteka Raczyńskich", city="Poznań")
    namesake = VenueFactory(name="Biblioteka Raczyńskich", city="Poznań")
    ukrainian = library.copy_for_translation(locales["uk"])
    ukrainian.name = "Бібліотека Рачинських"
    ukrainian.slug = ""
    ukrainian.save()

    assert library.slug == "biblioteka-raczynskich"
    assert namesake.slug == "biblioteka-raczynskich-2"
    assert ukrainian.slug == "biblioteka-raczynskich"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_the_venues_made_before_it_one_slug_in_every_language():
    """The older venue keeps the plain slug; a translation takes its Polish venue's."""
    before, slugs = [("events", "0011_session_repeats_label")], [("events", "0012_venue_slug")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldVenue = old_apps.get_model("events", "Venue")
    Locale = old_apps.get_model("wagtailcore", "Locale")
    pl = Locale.objects.get(language_code="pl")
    uk, _ = Locale.objects.get_or_create(language_code="uk")
    raczynscy, namesake = uuid.uuid4(), uuid.uuid4()
    OldVenue.objects.create(
        translation_key=raczynscy, locale=uk, name="Бібліотека", city="Познань"
    )
    OldVenue.objects.create(
        translation_key=raczynscy, locale=pl, name="Biblioteka Raczyńskich", city="Poznań"
    )
    OldVenue.objects.create(
        translation_key=namesake, locale=pl, name="Biblioteka Raczyńskich", city="Poznań"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(slugs)
    NewVenue = executor.loader.project_state(slugs).apps.get_model("events", "Venue")
    found = {
        (key, language): slug
        for key, language, slug in NewVenue.objects.values_list(
            "translation_key", "locale__language_code", "slug"
        )
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert found == {
        (raczynscy, "uk"): "biblioteka-raczynskich",
        (raczynscy, "pl"): "biblioteka-raczynskich",
        (namesake, "pl"): "biblioteka-raczynskich-2",
    }


# Feeds, the embed and the listing, filtered in another language


@pytest.mark.parametrize("key", ["slug", "polish id"])
def test_the_ukrainian_feed_of_a_venue_named_by_slug_or_polish_id_is_in_ukrainian(
    client, bilingual, key
):
    venue = bilingual.library.slug if key == "slug" else bilingual.library.pk

    assert summaries(ok(client, f"/uk/calendar/events.ics?venue={venue}")) == ["Казкобус"]


def test_the_polish_feed_of_a_venue_named_by_its_ukrainian_id_is_in_polish(client, bilingual):
    response = ok(client, f"/pl/calendar/events.ics?venue={bilingual.uk_library.pk}")

    assert summaries(response) == ["Bajkowóz"]


@pytest.mark.parametrize("key", ["slug", "polish id"])
def test_the_ukrainian_embed_of_a_venue_named_by_slug_or_polish_id_is_in_ukrainian(
    client, bilingual, key
):
    venue = bilingual.library.slug if key == "slug" else bilingual.library.pk

    page = ok(client, f"/uk/calendar/embed/?venue={venue}").content.decode()
    data = ok(client, f"/uk/calendar/embed/events.json?venue={venue}").json()

    assert "Казкобус" in page
    assert "Piknik" not in page
    assert [event["title"] for event in data["events"]] == ["Казкобус"]


def test_the_ukrainian_listing_of_a_venue_centre_and_category_named_by_polish_ids(
    client, bilingual
):
    response = ok(
        client,
        f"{bilingual.uk_calendar.url}?venue={bilingual.library.pk}"
        f"&centre={bilingual.centre.pk}&category={bilingual.category.pk}",
    )

    assert [o.page.pk for o in response.context["occurrences_page"]] == [bilingual.uk_workshop.pk]
    # The form shows the venue chosen, as its option: by slug.
    form_html = response.content.decode()
    assert re.search(rf'<option value="{bilingual.library.slug}" selected>', form_html)


def test_the_listing_offers_venues_centres_and_categories_by_slug(client, bilingual):
    form = ok(client, bilingual.calendar.url).context["form"]

    values = {
        name: [str(value) for value, _label in form.fields[name].choices if value]
        for name in ("venue", "centre", "category")
    }
    assert bilingual.library.slug in values["venue"]
    assert values["centre"] == [bilingual.centre.slug]
    assert values["category"] == [bilingual.category.slug]


def test_a_programme_feed_with_another_languages_id_is_that_programme_in_this_language(
    client, bilingual, locales
):
    assert summaries(ok(client, f"/uk/calendar/programme/{bilingual.workshop.pk}.ics")) == [
        "Казкобус"
    ]
    assert summaries(ok(client, f"/pl/calendar/programme/{bilingual.uk_workshop.pk}.ics")) == [
        "Bajkowóz"
    ]
    assert client.get(f"/ru/calendar/programme/{bilingual.workshop.pk}.ics").status_code == 404


def test_a_translator_may_change_a_slug_and_the_other_languages_slug_still_works(
    client, bilingual
):
    bilingual.uk_library.slug = "biblioteka-u-kalishi"
    bilingual.uk_library.save()

    assert summaries(ok(client, f"/uk/calendar/events.ics?venue={bilingual.library.slug}")) == [
        "Казкобус"
    ]
    assert summaries(ok(client, "/pl/calendar/events.ics?venue=biblioteka-u-kalishi")) == [
        "Bajkowóz"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "venue=nie-ma-takiej",
        f"venue={'9' * 23}",
        "centre=" + "9" * 23,
        "category=99999",
        "venue=a%00b",
    ],
)
def test_a_filter_that_names_nothing_in_any_language_is_not_found(client, bilingual, query):
    assert client.get(f"/uk/calendar/events.ics?{query}").status_code == 404


def test_a_programme_feed_with_a_23_digit_id_is_not_found(client, bilingual):
    assert client.get(f"/pl/calendar/programme/{'9' * 23}.ics").status_code == 404


# Links the site gives out, with /pl/ turned into /uk/


def subscribe_link(response):
    """The feed address in the Subscribe block of a page ("add by URL")."""
    page = html.unescape(response.content.decode())
    return re.search(r'class="subscribe__url" type="url" value="([^"]+)"', page)[1]


def test_the_subscribe_link_of_a_filtered_listing_gives_the_same_sessions_in_ukrainian(
    client, bilingual
):
    listing = ok(
        client,
        f"{bilingual.calendar.url}?venue={bilingual.library.slug}&centre={bilingual.centre.pk}"
        f"&category={bilingual.category.slug}&audience=children&language=uk",
    )
    feed = urlsplit(subscribe_link(listing))
    path = f"{feed.path}?{feed.query}"

    polish, ukrainian = ok(client, path), ok(client, in_ukrainian(path))

    assert summaries(polish) == ["Bajkowóz"]
    assert summaries(ukrainian) == ["Казкобус"]
    assert uids(ukrainian) == uids(polish)


def test_the_subscribe_link_keeps_every_filter_the_feed_knows_and_says_which_it_leaves_out(
    client, bilingual
):
    week_ahead = in_days(7).date().isoformat()
    listing = ok(client, f"{bilingual.calendar.url}?venue={bilingual.library.slug}")
    assert "subscribe__left-out" not in listing.content.decode()

    listing = ok(
        client,
        f"{bilingual.calendar.url}?venue={bilingual.library.slug}&centre={bilingual.centre.slug}"
        f"&category={bilingual.category.slug}&audience=children&language=uk&age=7"
        f"&date_from={week_ahead}&date_to={week_ahead}&places=on",
    )

    query = parse_qs(urlsplit(subscribe_link(listing)).query)
    assert query == {
        "venue": [bilingual.library.slug],
        "centre": [bilingual.centre.slug],
        "category": [bilingual.category.slug],
        "audience": ["children"],
        "language": ["uk"],
    }
    left_out = ", ".join(translated_text(word) for word in ("age", "dates", "places left"))
    assert translated_text(
        "The subscription keeps your filters except: %(filters)s.", filters=left_out
    ) in html.unescape(listing.content.decode())


def test_the_embed_code_of_a_venue_page_gives_the_same_sessions_in_ukrainian(client, bilingual):
    venue_page = ok(client, bilingual.calendar.venue_url(bilingual.library))
    embed = urlsplit(venue_page.context["embed_url"])
    path = f"{embed.path}?{embed.query}"

    assert "Bajkowóz" in ok(client, path).content.decode()
    assert "Казкобус" in ok(client, in_ukrainian(path)).content.decode()
    assert ok(client, in_ukrainian(f"{path.replace('/embed/', '/embed/events.json')}"))


# Venue pages


def test_a_venue_page_is_at_its_slug(client, bilingual):
    assert bilingual.calendar.venue_url(bilingual.library) == (
        f"{bilingual.calendar.url}venue/biblioteka-publiczna-w-kaliszu/"
    )
    assert ok(client, bilingual.uk_calendar.venue_url(bilingual.uk_library))


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_the_old_address_of_a_venue_page_by_any_languages_id_leads_to_its_slug(
    client, bilingual, language
):
    """/venue/<id>/ was the address before slugs; a Polish id on the Ukrainian calendar too."""
    calendar = bilingual.calendar if language == "pl" else bilingual.uk_calendar

    for venue in (bilingual.library, bilingual.uk_library):
        response = client.get(f"{calendar.url}venue/{venue.pk}/")

        assert response.status_code == 301
        assert response["Location"] == f"{calendar.url}venue/{bilingual.library.slug}/"


# The embed of a venue we do not know


def assert_framable_anywhere(response):
    assert response.status_code == 404
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_the_embed_of_an_unknown_venue_says_so_inside_the_frame(client, bilingual):
    response = client.get("/uk/calendar/embed/?venue=nie-ma-takiej")

    assert_framable_anywhere(response)
    text = html.unescape(response.content.decode())
    assert translated_text("Calendar not found", "uk") in text
    message = (
        "This calendar's address names something we do not know: %(filters)s. It may have "
        "been removed, or the address was copied incomplete."
    )
    assert translated_text(message, "uk", filters=translated_text("Venue", "uk")) in text
    assert f'href="{bilingual.uk_calendar.url}"' in text


def test_the_embed_in_a_language_with_no_calendar_says_so_inside_the_frame(client, bilingual):
    response = client.get("/en/calendar/embed/")

    assert_framable_anywhere(response)
    text = html.unescape(response.content.decode())
    assert translated_text("There is no calendar in this language.", "en") in text


def test_the_json_of_an_unknown_venue_is_a_404_a_librarys_script_can_read(client, bilingual):
    response = client.get("/uk/calendar/embed/events.json?venue=nie-ma-takiej")

    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    venue = translated_text("Venue", "uk")
    assert response.json() == {
        "error": "unknown_filter",
        "filters": [venue],
        "message": translated_text(
            "This calendar's address names something we do not know: %(filters)s.",
            "uk",
            filters=venue,
        ),
    }


# Editors


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.com", "x"))
    return client


def add_venue(client, **fields):
    return client.post(
        "/admin/snippets/events/venue/add/?locale=pl",
        {"name": "Książnica Pilska", "kind": "library", "city": "Piła", "slug": "", **fields},
    )


def test_a_venue_an_editor_adds_without_a_slug_gets_one_from_its_name(editor, locales):
    response = add_venue(editor)

    assert response.status_code == 302
    assert Venue.objects.get(name="Książnica Pilska").slug == "ksiaznica-pilska"


def test_an_editor_cannot_give_a_venue_the_slug_of_another(editor, kalisz_library):
    response = add_venue(editor, slug=kalisz_library.slug)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["slug"]
    assert not Venue.objects.filter(name="Książnica Pilska").exists()


@pytest.mark.parametrize("route", ["", "week/", "month/", "archive/"])
def test_filter_form_leads_to_the_results_of_each_calendar_view(client, home_page, route):
    calendar = EventIndexPageFactory(parent=home_page, slug="kalendarz")

    html = client.get(f"{calendar.url}{route}", {"age": "7"}).content.decode()

    assert re.search(r'<form method="get" action="#results"', html)
    assert len(re.findall(r'\bid="results"', html)) == 1
