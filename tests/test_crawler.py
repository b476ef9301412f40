"""A crawler over the demo site: every link a visitor or a robot can follow, in four languages.

From each language's home page, sitemap.xml and robots.txt, it follows every link of
every page (HTML links and frames, the sitemap's addresses and alternates, the
URL: lines of every calendar feed, the news feed's links) and asks, with DEBUG off:
no answer of 500 or more, no link to a page that is not found, and no absolute link
to another host than the public address (content that names another site — a
venue's website, a partner's page — is the exception, listed below). GET only:
the admin, mailto:, tel: and the sign-up form's posts are not followed; a
webcal: link is checked as the https address it stands for.
"""

import html.parser
import re
import urllib.parse
from collections import Counter, deque

import pytest
from icalendar import Calendar

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

from cic_site.public_url import sync_default_site
from events.models import Venue

LANGUAGES = ["pl", "uk", "ru", "en"]
# Pages are followed this many links from a start; the links of the last ones are
# still asked for, so that a link to a 404 anywhere in that reach is found. The
# month and week views link on to the next month for ever: the depth bounds them.
MAX_DEPTH = 3
# One address with different query strings (a filter per venue, "Add this date" for
# each date of a session) is asked this many times; the others are alike.
MAX_QUERY_VARIANTS = 3
# More requests than this means a link multiplies addresses.
MAX_REQUESTS = 1500

SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}
# Hosts the demo's content names (partner websites, maps, the regional centre); the
# site's own links never leave the public address.
CONTENT_HOST_PATTERN = re.compile(r"^(schema\.org|www\.openstreetmap\.org)$")


class LinkParser(html.parser.HTMLParser):
    """The addresses a browser would follow or load from a page: links, frames, images."""

    ATTRIBUTES = {"a": "href", "link": "href", "iframe": "src", "img": "src", "script": "src"}

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attribute = self.ATTRIBUTES.get(tag)
        value = dict(attrs).get(attribute)
        if value:
            self.links.append(value)


def links_of(response):
    content_type = response.get("Content-Type", "")
    text = response.content.decode()
    if content_type.startswith("text/html"):
        parser = LinkParser()
        parser.feed(text)
        return parser.links
    if content_type.startswith("text/calendar"):
        return [
            str(component["URL"])
            for component in Calendar.from_ical(text).walk()
            if "URL" in component
        ]
    if "xml" in content_type:
        return re.findall(r"<(?:loc|link)>\s*([^<\s]+)\s*</", text) + re.findall(
            r'href="([^"]+)"', text
        )
    if content_type.startswith("text/plain"):  # robots.txt
        return re.findall(r"^Sitemap:\s*(\S+)", text, flags=re.MULTILINE)
    return []


def content_hosts():
    """The hosts of the websites that the demo's venues name."""
    return {
        urllib.parse.urlsplit(url).hostname
        for url in Venue.objects.values_list("website", flat=True)
        if url
    }


def is_asset(path):
    return path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def asset_exists(path):
    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL)) is not None
    return default_storage.exists(urllib.parse.unquote(path.removeprefix(settings.MEDIA_URL)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_link_of_the_demo_leads_somewhere_on_this_site(client, seeded_demo):
    sync_default_site()
    public = urllib.parse.urlsplit(settings.CIC_PUBLIC_URL)
    allowed_hosts = content_hosts()
    starts = [f"/{code}/" for code in LANGUAGES] + ["/sitemap.xml", "/robots.txt"]
    queue = deque((url, 0, "start") for url in starts)
    seen = set(starts)
    variants = Counter()
    problems = []
    requests = 0

    def add(link, depth, referrer):
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(referrer, link))
        if parts.scheme in SKIPPED_SCHEMES:
            return
        if parts.scheme in {"http", "https", "webcal"} and parts.netloc != public.netloc:
            if parts.hostname not in allowed_hosts and not CONTENT_HOST_PATTERN.match(
                parts.hostname or ""
            ):
                problems.append(f"{referrer} links to another host: {link}")
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith("/admin/"):
            return
        if is_asset(parts.path):
            if not asset_exists(parts.path):
                problems.append(f"{referrer} links to a missing file: {link}")
            return
        if path not in seen and variants[parts.path] < MAX_QUERY_VARIANTS:
            seen.add(path)
            variants[parts.path] += 1
            queue.append((path, depth, referrer))

    while queue:
        path, depth, referrer = queue.popleft()
        requests += 1
        assert requests <= MAX_REQUESTS, f"more than {MAX_REQUESTS} addresses: {path}"
        response = client.get(path)
        if response.status_code >= 500:
            problems.append(f"{path} (from {referrer}) answers {response.status_code}")
        elif response.status_code == 404:
            problems.append(f"{referrer} links to {path}, which is not found")
        elif response.status_code in {301, 302, 303, 307, 308}:
            add(response["Location"], depth, path)
        elif response.status_code == 200 and depth < MAX_DEPTH:
            for link in links_of(response):
                add(link.strip(), depth + 1, path)

    assert problems == []
    # Otherwise the crawl proves little: the demo has programmes in every language.
    assert requests > 200
