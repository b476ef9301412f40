"""Four languages: URL prefixes, the browser's language at /, the switcher, hreflang."""

import html as html_module
import re

import pytest

from tests.home.factories import StandardPageFactory
from tests.utils import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_homes(home_page, locales):
    return {
        "pl": home_page,
        **{code: translate_page(home_page, locales[code]) for code in ["uk", "ru", "en"]},
    }


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("uk-UA,uk;q=0.9,en;q=0.5", "/uk/"),
        ("ru", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("pl", "/pl/"),
        ("de-DE", "/pl/"),
    ],
)
def test_root_redirects_to_the_browsers_language(
    client, translated_homes, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("code", "skip_link"),
    [
        ("pl", "Przejdź do treści"),
        ("uk", "Перейти до змісту"),
        ("ru", "Перейти к содержанию"),
        ("en", "Skip to main content"),
    ],
)
def test_each_language_prefix_serves_its_home_page_in_that_language(
    client, translated_homes, code, skip_link
):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert skip_link in html


def test_switcher_leads_to_the_same_page_in_another_language(client, translated_homes, locales):
    about = StandardPageFactory(parent=translated_homes["pl"], title="O nas", slug="o-nas")
    about_uk = translate_page(about, locales["uk"])

    html = client.get(about.url).content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert f'href="{about_uk.url}" hreflang="uk"' in switcher
    # Not translated into Russian: the switcher leads to the Russian home page.
    assert 'href="/ru/" hreflang="ru"' in switcher


def test_page_announces_its_translations_as_hreflang_alternates(client, translated_homes, locales):
    about = StandardPageFactory(parent=translated_homes["pl"], title="O nas", slug="o-nas")
    translate_page(about, locales["uk"])

    html = client.get(about.url).content.decode()

    alternates = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates == {
        ("pl", "http://testserver/pl/o-nas/"),
        ("x-default", "http://testserver/pl/o-nas/"),
        ("uk", "http://testserver/uk/o-nas/"),
    }


def test_switcher_on_a_non_page_view_keeps_the_path(client, translated_homes):
    html = client.get("/pl/search/?q=kurs").content.decode()

    assert 'href="/uk/search/?q=kurs" hreflang="uk"' in html


def test_current_language_is_marked_in_the_switcher(client, translated_homes):
    html = client.get("/ru/").content.decode()

    assert 'hreflang="ru" lang="ru" aria-current="true"' in html


# The switcher on the calendar's views and on a sign-up form: the same place there.


@pytest.fixture
def calendar_in_three_languages(translated_homes, locales):
    """A calendar in pl, uk and ru, with a centre, a library, a category and a camp in each."""
    from tests.events.factories import (
        CategoryFactory,
        EventIndexPageFactory,
        EventPageFactory,
        SessionFactory,
        VenueFactory,
    )
    from tests.events.utils import in_days
    from tests.home.factories import CentreIndexPageFactory, CentrePageFactory

    calendar = EventIndexPageFactory(parent=translated_homes["pl"], slug="kalendarz")
    centres = CentreIndexPageFactory(parent=translated_homes["pl"])
    kalisz = CentrePageFactory(parent=centres)
    category = CategoryFactory(name="Półkolonie", slug="polkolonie", locale=locales["pl"])
    library = VenueFactory(name="Biblioteka w Kaliszu", locale=locales["pl"])
    camp = EventPageFactory(
        parent=calendar, title="Półkolonie", slug="polkolonie", category=category, organiser=kalisz
    )
    SessionFactory(page=camp, locale=locales["pl"], venue=library, starts_at=in_days(20))
    found = {"pl": {"calendar": calendar, "centre": kalisz, "venue": library, "camp": camp}}
    for code in ["uk", "ru"]:
        for snippet in [category, library]:
            snippet.copy_for_translation(locales[code]).save()
        translate_page(centres, locales[code])
        found[code] = {
            "calendar": translate_page(calendar, locales[code]),
            "centre": translate_page(kalisz, locales[code]),
            "venue": library.get_translation(locales[code]),
            "camp": translate_page(camp, locales[code]),
        }
    return found


def switcher_link(response, code):
    """Where the language switcher of `response` leads for the language `code`."""
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    return html_module.unescape(re.search(rf'href="([^"]*)" hreflang="{code}"', switcher)[1])


SWITCHES = [("pl", "uk"), ("uk", "ru")]


@pytest.mark.parametrize(("here", "there"), SWITCHES)
@pytest.mark.parametrize(
    "route",
    [
        "month/2026/12/?audience=children",
        "month/?language=uk",
        "week/?age=7",
        "archive/?places=on",
    ],
)
def test_switcher_keeps_the_calendar_view_and_its_filters(
    client, calendar_in_three_languages, here, there, route
):
    response = client.get(f"/{here}/kalendarz/{route}")

    assert response.status_code == 200
    assert switcher_link(response, there) == f"/{there}/kalendarz/{route}"


@pytest.mark.parametrize(("here", "there"), SWITCHES)
def test_switcher_names_the_same_centre_venue_and_category_in_the_other_language(
    client, calendar_in_three_languages, here, there
):
    """Each language has its own ids: the link names the centre and venue by slug there."""
    mine, theirs = calendar_in_three_languages[here], calendar_in_three_languages[there]
    response = client.get(
        f"/{here}/kalendarz/",
        {
            "centre": mine["centre"].pk,
            "venue": mine["venue"].pk,
            "category": "polkolonie",
            "age": "7",
        },
    )

    link = switcher_link(response, there)

    assert link == (
        f"/{there}/kalendarz/?centre={theirs['centre'].slug}&venue={theirs['venue'].slug}"
        "&category=polkolonie&age=7"
    )
    followed = client.get(link)
    assert followed.status_code == 200
    assert [occurrence.page.pk for occurrence in followed.context["occurrences_page"]] == [
        theirs["camp"].pk
    ]


def test_switcher_leaves_out_a_filter_with_no_translation_there(
    client, calendar_in_three_languages, locales
):
    from tests.events.factories import VenueFactory

    cinema = VenueFactory(name="Kino Meduza", city="Opole", locale=locales["pl"])
    response = client.get("/pl/kalendarz/week/", {"venue": cinema.pk, "age": "7"})

    link = switcher_link(response, "uk")

    assert link == "/uk/kalendarz/week/?age=7"
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(("here", "there"), SWITCHES)
def test_switcher_on_a_venue_page_leads_to_the_same_venue_in_the_other_language(
    client, calendar_in_three_languages, here, there
):
    mine, theirs = calendar_in_three_languages[here], calendar_in_three_languages[there]

    response = client.get(mine["calendar"].venue_url(mine["venue"]))

    link = switcher_link(response, there)
    assert link == f"/{there}/kalendarz/venue/{theirs['venue'].slug}/"
    assert client.get(link).status_code == 200


def test_switcher_on_a_venue_with_no_translation_leads_to_that_languages_calendar(
    client, calendar_in_three_languages, locales
):
    from tests.events.factories import VenueFactory

    cinema = VenueFactory(name="Kino Meduza", city="Opole", locale=locales["pl"])

    response = client.get(f"/pl/kalendarz/venue/{cinema.slug}/")

    assert switcher_link(response, "uk") == "/uk/kalendarz/"


@pytest.mark.parametrize(("here", "there"), SWITCHES)
def test_switcher_on_a_sign_up_form_leads_to_the_same_form_in_the_other_language(
    client, calendar_in_three_languages, here, there
):
    session = calendar_in_three_languages[here]["camp"].sessions.get()
    form_route = f"sign-ups/session/{session.translation_key}/"

    response = client.get(f"/{here}/{form_route}")

    link = switcher_link(response, there)
    assert link == f"/{there}/{form_route}"
    followed = client.get(link)
    assert followed.status_code == 200
    assert f'<html lang="{there}">' in followed.content.decode()


def test_switcher_on_a_sign_up_form_for_a_session_not_yet_translated_leads_to_the_programme(
    client, calendar_in_three_languages
):
    """A session added in Polish after the page was translated is not in Ukrainian until
    staff sync the translation: the Ukrainian programme page, not a 404."""
    from tests.events.factories import SessionFactory
    from tests.events.utils import in_days

    camp = calendar_in_three_languages["pl"]["camp"]
    added = SessionFactory(page=camp, locale=camp.locale, capacity=10, starts_at=in_days(30))

    response = client.get(f"/pl/sign-ups/session/{added.translation_key}/")

    link = switcher_link(response, "uk")
    assert link == "/uk/kalendarz/polkolonie/"
    assert client.get(link).status_code == 200
