"""The site search as a visitor meets it: results in her language, what each result shows,
word forms, letters typed without diacritics and typos (PostgreSQL), and a clear answer
when the search cannot run. The recall over the demo is in test_search_recall.py."""

import itertools
from unittest import mock

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.search.backends import get_search_backend

from home.search import check_search_configurations, require_search_configurations
from tests.events.factories import EventPageFactory, SessionFactory
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.utils import page_text, translate_page, translated_text

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="word forms, folding and similar words need PostgreSQL's text-search configurations",
)


def reindex(page):
    """Index the page as Wagtail does when it is published with its sessions."""
    get_search_backend().add(page.specific)


def results_text(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return page_text(response)


def test_a_programme_result_shows_its_kind_next_date_and_centre(client, camp, kalisz):
    camp.organiser = kalisz
    camp.save_revision().publish()

    html = results_text(client, "pl", "Półkolonie")

    assert "Półkolonie w Kaliszu" in html
    assert translated_text("Next date") in html
    assert "CIC Kalisz" in html
    assert "Wydarzenie" in html  # the kind of page, in Polish


def test_results_never_come_from_another_language(client, home_page, locales):
    about = StandardPageFactory(parent=home_page, title="Kursy języka polskiego", slug="kursy")
    translate_page(home_page, locales["uk"])
    course_uk = translate_page(about, locales["uk"])
    course_uk.title = "Курси польської мови"
    course_uk.save_revision().publish()

    assert "Kursy języka polskiego" not in results_text(client, "uk", "kursy")
    assert "Курси польської мови" not in results_text(client, "pl", "Курси")


def test_the_results_page_makes_as_many_queries_for_many_results_as_for_few(
    client, home_page, settings
):
    settings.CIC_PAGE_CACHE = False  # rendered each time, as for a visitor with a session
    news = NewsIndexPageFactory(parent=home_page)
    numbers = itertools.count()

    def queries_for(number):
        for _ in range(number):
            NewsPageFactory(parent=news, title=f"Piknik rodzinny nr {next(numbers)}")
        client.get("/pl/search/", {"q": "rodzinny"})  # the site frame of this generation, kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/pl/search/", {"q": "piknik"})
        return response.context["results_page"].paginator.count, len(queries)

    (few, queries_for_few), (many, queries_for_many) = queries_for(2), queries_for(9)

    assert (few, many) == (2, 11)
    assert queries_for_few == queries_for_many


def test_a_search_that_cannot_run_says_so_with_503_and_a_retry_hint(client, home_page):
    with mock.patch("home.views.search_pages", side_effect=DatabaseError("no dictionary")):
        response = client.get("/uk/search/", {"q": "табір"})

    assert response.status_code == 503
    assert response["Retry-After"]
    assert translated_text(
        "Search is not available right now. Please try again in a minute.", "uk"
    ) in page_text(response)


@postgresql_only
def test_a_ukrainian_word_finds_its_other_forms(client, home_page, locales):
    home_uk = translate_page(home_page, locales["uk"])
    news = NewsIndexPageFactory(parent=home_uk, locale=locales["uk"], slug="novyny")
    NewsPageFactory(parent=news, title="Літні денні табори в усіх центрах", locale=locales["uk"])

    assert "Літні денні табори" in results_text(client, "uk", "табір")
    assert "Літні денні табори" in results_text(client, "uk", "таборів")


@postgresql_only
def test_polish_typed_without_polish_letters_finds_the_page(client, home_page):
    StandardPageFactory(parent=home_page, title="Półkolonie w Łodzi i Poznaniu", slug="lato")

    html = results_text(client, "pl", "polkolonie poznaniu")

    assert "Półkolonie w Łodzi i Poznaniu" in html
    assert (
        translated_text("Nothing matched your words exactly. Showing results for similar words.")
        not in html
    )


@postgresql_only
def test_a_ukrainian_apostrophe_typed_or_not_finds_the_word(client, home_page, locales):
    home_uk = translate_page(home_page, locales["uk"])
    StandardPageFactory(
        parent=home_uk, title="Розмовний клуб щоп’ятниці", slug="klub", locale=locales["uk"]
    )

    for query in ["щоп'ятниці", "щопʼятниці", "щопятниці"]:
        assert "Розмовний клуб" in results_text(client, "uk", query), query


@postgresql_only
def test_a_typo_shows_pages_with_similar_words_and_says_so(client, home_page):
    StandardPageFactory(parent=home_page, title="Półkolonie dla dzieci", slug="lato")

    html = results_text(client, "pl", "półkolnie")

    assert "Półkolonie dla dzieci" in html
    assert (
        translated_text("Nothing matched your words exactly. Showing results for similar words.")
        in html
    )


@postgresql_only
def test_a_programme_is_found_by_its_sessions_town_and_kind(client, camp):
    reindex(camp)

    assert "Półkolonie w Kaliszu" in results_text(client, "pl", "Biblioteka Kalisz")
    assert "Półkolonie w Kaliszu" in results_text(client, "pl", "wydarzenie")


@postgresql_only
def test_each_page_is_indexed_with_its_languages_configuration(home_page, locales):
    home_uk = translate_page(home_page, locales["uk"])
    page = StandardPageFactory(parent=home_uk, title="Табори", slug="tabory", locale=locales["uk"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title::text FROM wagtailsearch_indexentry WHERE object_id = %s",
            [str(page.pk)],
        )
        (title,) = cursor.fetchone()

    assert "'табір'" in title  # Hunspell's lemma: only cic_uk knows it


@postgresql_only
def test_the_configurations_check_passes_and_names_what_is_missing(db):
    assert check_search_configurations(databases=["default"]) == []

    with connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION cic_uk")
    errors = check_search_configurations(databases=["default"])

    assert [error.id for error in errors] == ["home.E001"]
    assert "hunspell-uk" in errors[0].hint


@postgresql_only
def test_an_app_server_refuses_to_start_without_a_languages_dictionary(db):
    with connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION cic_ru")

    with pytest.raises(ImproperlyConfigured, match="hunspell-ru"):
        require_search_configurations()


@postgresql_only
def test_a_session_added_after_publishing_is_found_once_the_index_is_updated(client, camp):
    SessionFactory(page=camp, locale=camp.locale, title="Turnus zimowy")
    call_command("update_index", verbosity=0)

    with translation.override("pl"):
        assert "Półkolonie w Kaliszu" in results_text(client, "pl", "zimowy")


def test_an_event_with_no_sessions_left_shows_no_next_date(client, calendar_page):
    EventPageFactory(parent=calendar_page, title="Piknik bez terminu", slug="piknik")

    html = results_text(client, "pl", "Piknik")

    assert "Piknik bez terminu" in html
    assert translated_text("Next date") not in html


@postgresql_only
def test_words_such_as_for_and_in_need_not_be_on_the_page(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Kurs języka polskiego A1", intro="Dorośli", slug="a1"
    )

    assert "Kurs języka polskiego A1" in results_text(client, "pl", "kurs polskiego dla dorosłych")


@postgresql_only
def test_a_typo_finds_the_word_meant_not_every_page_sharing_letters(client, home_page, locales):
    home_uk = translate_page(home_page, locales["uk"])
    StandardPageFactory(parent=home_uk, title="Денний табір", slug="tabir", locale=locales["uk"])
    StandardPageFactory(
        parent=home_uk, title="Легалізація та громадянство", slug="legal", locale=locales["uk"]
    )

    html = results_text(client, "uk", "таьір")

    assert "Денний табір" in html
    assert "Легалізація та громадянство" not in html
