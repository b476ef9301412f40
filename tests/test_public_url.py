"""
One public address for every link the site writes for reading elsewhere (issue 12,
item 3): feeds, the embeddable list and its JSON, the sitemap, the news feed, the
pages' language alternates and every kind of e-mail name ``CIC_PUBLIC_URL``, never
the host a request came in on, Wagtail's Site record or the admin's default.
"""

import json
import re
from urllib.parse import urlsplit

import pytest

from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from cic_site.public_url import sync_default_site
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory
from tests.utils import links_in

pytestmark = pytest.mark.django_db

PUBLIC_HOST = "cic.example.org"
# Hosts a generated document names on purpose: XML and JSON-LD vocabularies, not links.
NAMESPACE_HOSTS = {"www.sitemaps.org", "www.w3.org", "schema.org"}
# What the test client sends as Host: one the site answers that is not the public one.
REQUEST_HOST = "127.0.0.1"


@pytest.fixture(autouse=True)
def public_address(settings, db):
    """The site published at https://cic.example.org (the Site record still says localhost)."""
    settings.CIC_PUBLIC_URL = settings.WAGTAILADMIN_BASE_URL = f"https://{PUBLIC_HOST}"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.clear_site_root_paths_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def hosts_named(text):
    return {urlsplit(url).hostname for url in re.findall(r"https?://[^\s<>\"'\\]+", text)}


def get(client, path):
    response = client.get(path, HTTP_HOST=REQUEST_HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def test_migrate_puts_the_default_site_on_the_public_address():
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port) == (PUBLIC_HOST, 443)
    assert site.root_url == f"https://{PUBLIC_HOST}"


def test_the_site_record_follows_a_port_in_the_public_address(settings):
    """`make run PORT=8101`: links must name the port the demo serves."""
    settings.CIC_PUBLIC_URL = "http://127.0.0.1:8101"

    sync_default_site()

    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8101"


def test_no_feed_page_or_sitemap_names_another_host(client, camp, camp_session, home_page):
    news = NewsIndexPageFactory(parent=home_page, title="Aktualności", slug="aktualnosci")
    NewsPageFactory(parent=news, title="Piknik", slug="piknik")
    with translation.override("pl"):
        paths = [
            reverse("feeds:calendar"),
            reverse("feeds:programme", kwargs={"page_id": camp.pk}),
            reverse("feeds:session", kwargs={"session_key": camp_session.translation_key}),
            reverse("feeds:embed"),
            reverse("feeds:embed_json"),
        ]
    paths += [
        "/sitemap.xml",
        news.url + news.reverse_subpage("feed"),
        camp.get_parent().url,
        camp.url,
    ]

    documents = {path: get(client, path) for path in paths}

    for path, text in documents.items():
        named = hosts_named(text) - NAMESPACE_HOSTS
        assert named == {PUBLIC_HOST}, (path, named)
    [event] = json.loads(documents[reverse("feeds:embed_json")])["events"]
    assert event["url"] == f"https://{PUBLIC_HOST}{camp.url}"


def test_no_link_in_any_e_mail_names_another_host(every_kind_of_e_mail):
    for mail in every_kind_of_e_mail:
        hosts = {urlsplit(url).hostname for url in links_in(mail)}
        assert hosts == {PUBLIC_HOST}, (mail.subject, hosts)
