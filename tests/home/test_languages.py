"""Four languages: URL prefixes, the browser's language at /, the switcher, hreflang."""

import re

import pytest

from home.factories import StandardPageFactory
from tests.conftest import translate_page

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
