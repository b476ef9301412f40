"""The parts of the home and centre pages that show nothing but content, kept for the
content's generation (``{% cache %}`` with site_tags.content_fragment): an editor's
change shows on the next request, each language has its own, a preview is never kept;
and the view restrictions, read once per generation."""

import pytest

from wagtail.models import PageViewRestriction

from tests.events.utils import translated
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """About rendering: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


def test_news_published_shows_on_the_home_page_at_once(client, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Otwarcie Centrum w Kaliszu")
    assert "Otwarcie Centrum w Kaliszu" in client.get(home_page.url).content.decode()

    summer = NewsPageFactory(parent=news, title="Półkolonie letnie", live=False)
    summer.save_revision().publish()

    html = client.get(home_page.url).content.decode()
    assert "Półkolonie letnie" in html


def test_a_centre_edited_shows_on_its_page_and_the_home_page_at_once(client, home_page, kalisz):
    client.get(home_page.url)
    client.get(kalisz.url)

    kalisz.title = "CIC Kalisz – nowy adres"
    kalisz.street_address = "ul. Nowa 1"
    kalisz.save_revision().publish()

    assert "CIC Kalisz – nowy adres" in client.get(home_page.url).content.decode()
    assert "ul. Nowa 1" in client.get(kalisz.url).content.decode()


def test_each_language_has_its_own_blocks(client, home_page, kalisz, locales):
    kalisz_uk = translated(kalisz, locales["uk"])
    kalisz_uk.title = "ЦІЦ Каліш"
    kalisz_uk.street_address = "вул. Головна 1"
    kalisz_uk.save_revision().publish()
    client.get(kalisz.url)
    client.get(home_page.url)

    html_uk = client.get(kalisz_uk.url).content.decode()
    home_uk = client.get(kalisz_uk.get_parent().get_parent().url).content.decode()

    assert "вул. Головна 1" in html_uk and kalisz.street_address not in html_uk
    assert "ЦІЦ Каліш" in home_uk


def test_a_preview_shows_the_draft_and_is_never_kept(client, home_page, kalisz):
    client.get(kalisz.url)
    draft = kalisz.get_latest_revision_as_object()
    draft.street_address = "ul. Robocza 5"

    preview = draft.make_preview_request().content.decode()

    assert "ul. Robocza 5" in preview
    assert "ul. Robocza 5" not in client.get(kalisz.url).content.decode()


# View restrictions read once per generation (home.restrictions.CachedViewRestrictions)


def test_a_section_made_private_asks_for_its_password_at_once(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Dla partnerów", slug="dla-partnerow")
    child = StandardPageFactory(parent=section, title="Umowy", slug="umowy")
    other = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    assert "Umowy" in client.get(child.url).content.decode()

    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )

    for page in (section, child):
        html = client.get(page.url).content.decode()
        assert 'name="password"' in html and "<h1>Umowy</h1>" not in html
    assert client.get(other.url).status_code == 200
    assert 'name="password"' not in client.get(other.url).content.decode()
