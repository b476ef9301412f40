"""
Journey 8 on a 360 px phone, on the demo site: a Ukrainian-speaking parent types
"табір" into the header search and finds the camps; with JavaScript the search box
suggests titles as she types, and without it the plain form still searches.
"""

import re

import pytest
from playwright.sync_api import expect

from django.db import connection

from demo.texts import TRANSLATIONS
from tests.browser.conftest import csp_violations
from tests.utils import translated_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CAMP_NEWS = TRANSLATIONS["uk"]["Półkolonie letnie we wszystkich Centrach"]
CAMP_PROGRAMME = TRANSLATIONS["uk"]["Półkolonie dla dzieci"]
CAMP_PROGRAMME_PATH = "/uk/kalendarz/polkolonie/"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "locale": "uk-UA",
    }


def header_search(page, language="uk"):
    """The search box of the header, behind the menu button on a phone."""
    page.get_by_text(translated_text("Menu", language), exact=True).click()
    return page.get_by_label(translated_text("Search the site", language))


def wait_until(page, condition, seconds=5):
    """Let the page run (and Playwright call the route handlers) until `condition()` holds."""
    for _ in range(seconds * 20):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the page did not get there in time")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="finding other forms of a Ukrainian word needs PostgreSQL's text-search dictionaries",
)
def test_a_ukrainian_parent_finds_the_camps_by_another_form_of_the_word(demo, page):
    page.goto(f"{demo}/uk/")
    search = header_search(page)
    search.fill("табір")
    search.press("Enter")

    results = page.locator(".search-results")
    expect(results).to_be_visible()
    assert "/uk/search/?q=" in page.url
    news = results.get_by_role("link", name=CAMP_NEWS, exact=True)
    assert "/polkolonie-letnie/" in news.get_attribute("href")
    programme = results.get_by_role("link", name=CAMP_PROGRAMME, exact=True)
    assert programme.get_attribute("href").endswith(CAMP_PROGRAMME_PATH)
    assert csp_violations(page) == []

    with page.expect_navigation() as arrival:
        programme.click()

    assert arrival.value.status == 200
    assert page.url == f"{demo}{CAMP_PROGRAMME_PATH}"
    assert page.get_by_role("heading", level=1).inner_text() == CAMP_PROGRAMME
    assert csp_violations(page) == []


def test_the_search_box_suggests_a_title_and_arrow_down_and_enter_open_it(demo, page):
    page.goto(f"{demo}/uk/")
    search = header_search(page)
    search.press_sequentially(CAMP_PROGRAMME[:9])

    suggestions = page.get_by_role("listbox", name=translated_text("Suggestions", "uk"))
    expect(suggestions).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    first = suggestions.get_by_role("option").first
    expect(first).to_have_text(CAMP_PROGRAMME)
    # Over the page below, inside the phone's width.
    box = suggestions.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    search.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    with page.expect_navigation() as arrival:
        search.press("Enter")

    assert arrival.value.status == 200
    assert page.url == f"{demo}{CAMP_PROGRAMME_PATH}"
    assert page.get_by_role("heading", level=1).inner_text() == CAMP_PROGRAMME
    assert csp_violations(page) == []


def test_escape_closes_the_suggestions_and_enter_then_searches_for_what_was_typed(demo, page):
    typed = " ".join(CAMP_PROGRAMME.split()[:2])
    page.goto(f"{demo}/uk/")
    search = header_search(page)
    search.press_sequentially(typed)
    suggestions = page.get_by_role("listbox", name=translated_text("Suggestions", "uk"))
    expect(suggestions).to_be_visible()

    search.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")
    expect(search).to_have_value(typed)
    search.press("Enter")

    expect(page.locator(".search-results")).to_contain_text(CAMP_PROGRAMME)
    assert "/uk/search/?q=" in page.url


def test_an_answer_to_letters_typed_before_is_ignored_when_it_comes_late(
    live_server, page, home_page
):
    """The answer for "Ka" reaches the browser after the one for "Kal": the list shows the
    titles for "Kal", those the visitor is looking at."""
    held = []
    page.route(re.compile(r"/search/suggest/\?"), lambda route: held.append(route))
    page.goto(f"{live_server.url}/pl/")
    search = header_search(page, "pl")

    search.press_sequentially("Ka")
    wait_until(page, lambda: len(held) == 1)
    search.press_sequentially("l")
    wait_until(page, lambda: len(held) == 2)
    held[1].fulfill(json={"suggestions": [{"title": "Kalisz", "url": "/pl/kalisz/"}]})
    held[0].fulfill(json={"suggestions": [{"title": "Kalendarz", "url": "/pl/kalendarz/"}]})

    suggestions = page.get_by_role("listbox", name=translated_text("Suggestions", "pl"))
    expect(suggestions.get_by_role("option")).to_have_text(["Kalisz"])
    page.wait_for_timeout(200)  # time for the late answer to be read, and ignored
    expect(suggestions.get_by_role("option")).to_have_text(["Kalisz"])


def test_without_javascript_the_header_search_still_shows_results(demo, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{demo}/uk/")
    search = header_search(page)
    search.fill(CAMP_PROGRAMME)
    search.press("Enter")

    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=CAMP_PROGRAMME, exact=True)).to_be_visible()
    assert "/uk/search/?q=" in page.url
