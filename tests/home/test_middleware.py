"""Wagtail's Site from the cache: no query for it on a page view, and a Site changed
in the admin is the one the next request gets."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_from_cache(settings):
    settings.CIC_PAGE_CACHE = False
    middleware = list(settings.MIDDLEWARE)
    if "home.middleware.SiteFromCacheMiddleware" not in middleware:
        position = middleware.index("django.middleware.common.CommonMiddleware") + 1
        middleware.insert(position, "home.middleware.SiteFromCacheMiddleware")
    settings.MIDDLEWARE = middleware


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query for query in queries.captured_queries if "wagtailcore_site" in query["sql"]]


def test_a_page_view_after_the_first_makes_no_query_for_the_site(client, home_page):
    StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")

    assert site_queries(client, "/pl/o-nas/"), "the first view looks the site up"
    assert site_queries(client, "/pl/o-nas/") == []


def test_a_site_given_another_root_is_followed_at_once(client, home_page):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    client.get("/pl/o-nas/")

    site = Site.objects.get(is_default_site=True)
    site.site_name = "CIC"
    site.root_page = about
    site.save()

    # The site's root is the page now: its address is the language prefix alone.
    response = client.get("/pl/")
    assert response.status_code == 200
    assert "<h1>O nas</h1>" in response.content.decode()
