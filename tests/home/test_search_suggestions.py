"""The titles suggested as a visitor types into the search box (home.views.search_suggestions,
site/static/js/search-suggest.js), and the header search form that works without them."""

import pytest
from bs4 import BeautifulSoup

from tests.home.factories import StandardPageFactory
from tests.utils import page_text, translate_page


@pytest.fixture
def kalisz_centre(home_page, locales):
    """A page in Polish and its Ukrainian translation, whose titles begin alike."""
    page = StandardPageFactory(parent=home_page, title="CIC Kalisz", slug="kalisz")
    translate_page(home_page, locales["uk"])
    page_uk = translate_page(page, locales["uk"])
    page_uk.title = "CIC Каліш"
    page_uk.save_revision().publish()
    return page_uk


def suggested(client, language, query):
    response = client.get(f"/{language}/search/suggest/", {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def header_search_form(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("header form[role=search]")


def test_suggestions_are_the_titles_in_the_visitors_language_only(client, kalisz_centre):
    assert [s["title"] for s in suggested(client, "uk", "CIC")] == ["CIC Каліш"]
    assert [s["title"] for s in suggested(client, "pl", "CIC")] == ["CIC Kalisz"]


def test_a_suggestion_leads_to_its_page(client, kalisz_centre):
    [suggestion] = suggested(client, "uk", "CIC Ка")

    response = client.get(suggestion["url"])

    assert response.status_code == 200
    assert "<h1>CIC Каліш</h1>" in page_text(response)


def test_a_page_not_published_is_not_suggested(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Kurs zimowy", slug="zima")
    draft.unpublish()

    assert suggested(client, "pl", "Kurs") == []


def test_one_letter_gets_no_suggestions(client, kalisz_centre):
    assert suggested(client, "uk", "C") == []


def test_an_overlong_query_gets_no_suggestions_rather_than_an_error(client, kalisz_centre):
    assert suggested(client, "uk", "CIC " + "K" * 200) == []


def test_the_header_search_submits_to_the_results_in_the_visitors_language(client, kalisz_centre):
    """Without JavaScript the form is all there is: a GET of `q` to the results page."""
    form = header_search_form(client, "/uk/")
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={field['id']}]")
    assert form.get("method", "get").lower() == "get"

    response = client.get(form["action"], {field["name"]: "CIC"})

    assert response.status_code == 200
    assert "CIC Каліш" in page_text(response)


def test_the_header_search_asks_for_suggestions_in_the_visitors_language(client, kalisz_centre):
    form = header_search_form(client, "/uk/")

    response = client.get(form["data-suggest-url"], {"q": "CIC"})

    assert [suggestion["title"] for suggestion in response.json()["suggestions"]] == ["CIC Каліш"]
