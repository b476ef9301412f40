"""The site frame (menu, footer, site settings, language switcher) from the cache: a
page after the first asks nothing of the database for it, and every change an editor
makes to it shows on the next page."""

import re
import traceback

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from home import frame
from home.models import SiteSettings
from tests.home.factories import FooterFactory, StandardPageFactory
from tests.utils import page_text, translate_page, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """These tests are about rendering: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


@pytest.fixture
def site_frame(home_page, locales):
    """A footer and settings in Polish and Ukrainian, a menu page translated."""
    footer = FooterFactory(locale=locales["pl"], organisation_name="Centra Integracji")
    footer_uk = footer.copy_for_translation(locales["uk"])
    footer_uk.organisation_name = "Центри інтеграції"
    footer_uk.save()
    site = Site.objects.get(is_default_site=True)
    privacy = StandardPageFactory(parent=home_page, title="Ochrona danych", slug="ochrona-danych")
    SiteSettings.objects.create(site=site, phone="61 856 05 00", privacy_page=privacy)
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas", show_in_menus=True)
    home_uk = translate_page(home_page, locales["uk"])
    about_uk = translate_page(about, locales["uk"])
    about_uk.title = "Про нас"
    about_uk.save_revision().publish()
    translate_page(privacy, locales["uk"])
    return {"about": about, "about_uk": about_uk, "home_uk": home_uk, "privacy": privacy}


def frame_queries(client, url):
    """The queries of a view of `url` made for the frame: from the frame's code, or of
    the footer and settings tables whoever asks."""
    made = []

    def record(execute, sql, params, many, context):
        frame_code = ("home/frame.py", "home/templatetags/site_tags.py")
        if any(table in sql for table in ["home_footer", "home_sitesettings"]) or any(
            step.filename.endswith(frame_code) for step in traceback.extract_stack()
        ):
            made.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200
    return made


def switcher_links(response):
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    return dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', switcher)[:4])


def test_a_page_after_the_first_asks_nothing_for_its_frame(client, site_frame):
    for url in ["/pl/o-nas/", "/uk/o-nas/"]:
        assert frame_queries(client, url), "the first view builds the frame"
        assert frame_queries(client, url) == []


def test_the_frame_is_read_from_the_cache_without_a_query(site_frame, django_assert_num_queries):
    request = RequestFactory().get("/pl/o-nas/")
    frame.site_frame(request)
    frame.translations_of(request, site_frame["about"])

    request = RequestFactory().get("/pl/o-nas/")
    with django_assert_num_queries(0):
        built = frame.site_frame(request)
        translations = frame.translations_of(request, site_frame["about"])

    assert built["organisation_name"] == "Centra Integracji"
    assert [item["title"] for item in built["menu"]] == ["O nas"]
    assert built["footer"]["phone"] == "61 856 05 00"
    assert {page.locale.language_code: url for page, url in translations} == {
        "pl": "/pl/o-nas/",
        "uk": "/uk/o-nas/",
    }


def test_each_language_has_its_own_frame(client, site_frame):
    client.get("/pl/o-nas/")
    polish = client.get("/pl/o-nas/").content.decode()
    ukrainian = client.get("/uk/o-nas/").content.decode()

    assert "Centra Integracji" in polish and "Центри інтеграції" not in polish
    assert "Центри інтеграції" in ukrainian and "Centra Integracji" not in ukrainian
    assert '<a href="/pl/o-nas/" aria-current="page">O nas</a>' in polish
    assert '<a href="/uk/o-nas/" aria-current="page">Про нас</a>' in ukrainian
    # The privacy notice in the page's language.
    assert 'href="/pl/ochrona-danych/"' in polish
    assert 'href="/uk/ochrona-danych/"' in ukrainian


def test_a_footer_saved_shows_on_the_next_page(client, site_frame):
    client.get("/pl/o-nas/")
    footer = frame.Footer.objects.get(locale__language_code="pl")
    footer.organisation_name = "Centra Integracji Cudzoziemców w Wielkopolsce"
    footer.save()

    html = client.get("/pl/o-nas/").content.decode()

    assert "Centra Integracji Cudzoziemców w Wielkopolsce" in html


def test_site_settings_saved_show_on_the_next_page(client, site_frame):
    client.get("/pl/o-nas/")
    site_settings = SiteSettings.objects.get()
    site_settings.phone = "887 069 112"
    site_settings.email = "cic@rops.poznan.pl"
    site_settings.save()

    html = client.get("/pl/o-nas/").content.decode()

    assert "887 069 112" in html and "61 856 05 00" not in html
    assert "mailto:cic@rops.poznan.pl" in html


def test_a_page_published_in_the_menu_shows_on_the_next_page(client, site_frame, home_page):
    client.get("/pl/o-nas/")
    contact = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    contact.show_in_menus = True
    contact.save_revision().publish()

    html = client.get("/pl/o-nas/").content.decode()
    assert '<a href="/pl/kontakt/">Kontakt</a>' in html

    contact.unpublish()
    html = client.get("/pl/o-nas/").content.decode()
    assert "Kontakt" not in html


def test_a_page_made_private_leaves_the_menu(client, site_frame):
    client.get("/pl/o-nas/")
    PageViewRestriction.objects.create(
        page=site_frame["about"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    html = client.get("/pl/").content.decode()

    assert "O nas" not in html


def test_the_switcher_links_each_translation_and_follows_a_new_one(client, site_frame, locales):
    first = switcher_links(client.get("/pl/o-nas/"))
    assert first == {"/pl/o-nas/": "pl", "/uk/o-nas/": "uk", "/ru/": "ru", "/en/": "en"}

    translate_page(site_frame["home_uk"].get_translation(locales["pl"]), locales["ru"])
    translate_page(site_frame["about"], locales["ru"])

    again = switcher_links(client.get("/pl/o-nas/"))
    assert again == {"/pl/o-nas/": "pl", "/uk/o-nas/": "uk", "/ru/o-nas/": "ru", "/en/": "en"}


def test_a_site_without_footer_or_settings_still_has_a_frame(client, home_page):
    """A fresh install: the header names the centres in the interface's words."""
    client.get("/pl/")
    response = client.get("/pl/")

    assert response.status_code == 200
    assert translated_text("Foreigner Integration Centres") in page_text(response)


def test_a_view_of_its_own_gets_the_site_from_the_cache(client, site_frame):
    client.get("/pl/search/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/pl/search/")

    assert response.status_code == 200
    assert "Centra Integracji" in response.content.decode()
    assert not [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]
