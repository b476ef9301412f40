"""The page at a path, from the cache: the same answer as Wagtail's own routing, in
fewer queries, and never an answer an editor has since changed."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.utils import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """These tests are about finding the page: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


def walks(sql):
    """A query of Wagtail's walk: a child of a page by its slug."""
    return '"wagtailcore_page"."slug" =' in sql


def test_a_page_two_levels_down_is_found_without_walking_the_tree(client, home_page):
    topics = StandardPageFactory(parent=home_page, title="Punkt informacyjny", slug="punkt")
    StandardPageFactory(parent=topics, title="Mieszkanie", slug="mieszkanie")

    first, first_sql = page_queries(client, "/pl/punkt/mieszkanie/")
    again, again_sql = page_queries(client, "/pl/punkt/mieszkanie/")

    assert first.status_code == again.status_code == 200
    assert "Mieszkanie" in again.content.decode()
    assert [sql for sql in first_sql if walks(sql)], "the first view walks the tree"
    assert not [sql for sql in again_sql if walks(sql)]
    assert len(again_sql) <= len(first_sql) - 3


def reads_pages(sql):
    """A query for a page or a locale: what finding the page takes when not kept."""
    return '"wagtailcore_page"' in sql or '"wagtailcore_locale"' in sql


def test_a_page_seen_before_is_served_without_reading_a_page_or_a_locale(client, home_page):
    StandardPageFactory(parent=home_page, title="Punkt informacyjny", slug="punkt")
    client.get("/pl/punkt/")

    response, sql = page_queries(client, "/pl/punkt/")

    assert response.status_code == 200 and "Punkt informacyjny" in response.content.decode()
    assert not [query for query in sql if reads_pages(query)]


def test_each_language_is_answered_by_its_own_home_page(client, home_page, locales):
    home_page.title = "Strona główna"
    home_page.save_revision().publish()
    ukrainian = translate_page(home_page, locales["uk"])
    ukrainian.title = "Головна"
    ukrainian.save_revision().publish()
    client.get("/pl/"), client.get("/uk/")

    assert "<title>Strona główna" in client.get("/pl/").content.decode()
    assert "<title>Головна" in client.get("/uk/").content.decode()

    ukrainian.unpublish()
    assert "<title>Strona główna" in client.get("/uk/").content.decode()


def test_a_title_changed_and_published_shows_at_once(client, home_page):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    client.get("/pl/o-nas/")

    about.title = "Kim jesteśmy"
    about.save_revision().publish()

    assert "Kim jesteśmy" in client.get("/pl/o-nas/").content.decode()


def test_a_routable_pages_own_routes_still_answer(client, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Piknik rodzinny")
    client.get("/pl/aktualnosci/")

    feed = client.get("/pl/aktualnosci/feed/")
    listing = client.get("/pl/aktualnosci/?page=1")

    assert feed.status_code == 200 and "Piknik rodzinny" in feed.content.decode()
    assert listing.status_code == 200 and "Piknik rodzinny" in listing.content.decode()


def test_below_a_routable_page_its_routes_come_first(client, home_page):
    """An article below the news index (routable), and the index's own routes, once cached."""
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Piknik rodzinny", slug="piknik")
    for _ in range(2):
        assert client.get("/pl/aktualnosci/piknik/").status_code == 200
        assert client.get("/pl/aktualnosci/feed/").status_code == 200
        assert client.get("/pl/aktualnosci/").status_code == 200
    assert client.get("/pl/aktualnosci/piknik/nothing-here/").status_code == 404
    assert client.get("/pl/aktualnosci/nothing-here/").status_code == 404


def test_a_page_unpublished_moved_or_deleted_is_not_served_where_it_was(client, home_page):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    section = StandardPageFactory(parent=home_page, title="Centrum", slug="centrum")
    assert client.get("/pl/o-nas/").status_code == 200

    about.unpublish()
    assert client.get("/pl/o-nas/").status_code == 404

    about.save_revision().publish()
    assert client.get("/pl/o-nas/").status_code == 200
    about.move(section, pos="last-child")
    assert client.get("/pl/centrum/o-nas/").status_code == 200
    old_address = client.get("/pl/o-nas/")  # Wagtail's redirect, made on the move
    assert (old_address.status_code, old_address["Location"]) == (301, "/pl/centrum/o-nas/")

    about.refresh_from_db()
    about.delete()
    assert client.get("/pl/centrum/o-nas/").status_code == 404


def test_a_slug_changed_and_published_moves_the_address(client, home_page):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    client.get("/pl/o-nas/")

    about.slug = "kim-jestesmy"
    about.save_revision().publish()

    assert client.get("/pl/kim-jestesmy/").status_code == 200
    assert client.get("/pl/o-nas/").status_code == 404
