"""Every public address, with whatever a visitor or a robot puts in the path and query.

The URL patterns are walked from the resolver (the admin left out), the pages
from the page tree with the routes of each routable page, in all four languages.
Path values are generated from each converter's own pattern, real ids and keys of
the small site, and extremes; query strings mix the parameters the views read
with unknown ones, and values that are dates, huge or negative numbers, NUL bytes
and very long strings. Whatever comes in: never a 5xx (the test client raises what
a view raises), and never more than a bounded number of SQL queries.
"""

import datetime
import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from events.forms import FIRST_YEAR, LAST_YEAR
from events.models import Category, Venue
from home import views as home_views
from home.models import CentrePage
from tests.fuzz.conftest import LANGUAGES
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

# What no input may push a request beyond. The pages of the small site take 20 to 32
# queries with an empty cache (PRODUCT.md's budget is 15: reported in issue 13's
# closing note); generated input must not add to that. The sitemap asks for each kind
# of page and each calendar's venues, in four languages.
MAX_QUERIES = 40
MAX_QUERIES_BY_PATH = {"/sitemap.xml": 50}

# Parameters the public views read (listing filters, pages, feeds, search, news, private
# links); the dates thrice, as they are the ones that carry arithmetic.
KNOWN_PARAMETERS = [
    "date_from",
    "date_from",
    "date_from",
    "date_to",
    "date_to",
    "date_to",
    "date",
    "start",
    "page",
    "age",
    "centre",
    "venue",
    "category",
    "audience",
    "language",
    "places",
    "tag",
    "q",
    "query",
    "session",
    "participant",
    "export",
    "year",
    "month",
]

DATE_PARAMETERS = {"date_from", "date_to", "date", "start"}
NUMBER_PARAMETERS = {"page", "age", "year", "month", "session", "participant"}

# Numbers around the limits of the databases' integers and of Python's dates.
EXTREMES = [
    "0",
    "-1",
    "1" * 23,
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(-(2**63) - 1),
    "1e400",
    "NaN",
    "9999-12-31",
    "9999-12-30",
    "9999-01-01",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-W53",
    "",
]

hostile_texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20).map(lambda text: text + "\x00"),
    st.sampled_from(["9" * 5000, "a" * 20000, "\x00" * 100, "\u200b" * 50, "../" * 30]),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-5, max_value=100),
).map(str)
# The first and last years Python's dates know, where date arithmetic overflows.
extreme_dates = st.one_of(
    st.dates(min_value=datetime.date(9999, 1, 1)), st.dates(max_value=datetime.date(1, 12, 31))
).map(lambda day: day.isoformat())
# Beyond 32 and 64 bits: what a database integer column cannot hold.
huge_numbers = st.one_of(
    st.integers(min_value=2**31 - 1, max_value=10**30), st.integers(max_value=-(2**31))
).map(str)
dates = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.dates().map(lambda day: day.strftime("%d.%m.%Y")),
)


def site_values():
    """Slugs, keys and ids that exist in the small site, so that the fuzzing reaches past 404s."""
    values = [str(pk) for pk in Page.objects.values_list("pk", flat=True)]
    for model in (Venue, Category):
        for pk, slug in model.objects.values_list("pk", "slug"):
            values += [str(pk), slug]
    values += list(CentrePage.objects.values_list("slug", flat=True))
    return values


def query_values(known):
    return st.one_of(
        hostile_texts, numbers, dates, st.uuids().map(str), st.sampled_from(EXTREMES + known)
    )


def parameter_values(name, known):
    """Values for a parameter a view reads: mostly of its own kind, sometimes anything."""
    if name in DATE_PARAMETERS:
        return st.sampled_from([extreme_dates, extreme_dates, dates, query_values(known)]).flatmap(
            lambda values: values
        )
    if name in NUMBER_PARAMETERS:
        return st.one_of(numbers, query_values(known))
    return st.one_of(st.sampled_from(known), query_values(known))


def query_strings(known):
    """Up to five parameters: mostly ones the views read, with values of their kind."""
    known_pairs = st.sampled_from(KNOWN_PARAMETERS).flatmap(
        lambda name: st.tuples(st.just(name), parameter_values(name, known))
    )
    unknown_pairs = st.tuples(st.text(max_size=12), query_values(known))
    pairs = st.sampled_from([known_pairs, known_pairs, known_pairs, unknown_pairs]).flatmap(
        lambda pairs: pairs
    )
    return st.lists(pairs, min_size=1, max_size=5).map(dict)


def converter_values(converter, known):
    """Values for one path converter: what it matches, what exists, and extremes."""
    return st.one_of(
        st.from_regex(converter.regex, fullmatch=True),
        st.sampled_from(known),
        huge_numbers,
        numbers,
        st.sampled_from(EXTREMES[:-1]),
        hostile_texts.filter(bool),
    )


def route_paths(pattern, known):
    """Paths for one piece of a URL pattern (a language prefix, a route or a regex)."""
    if isinstance(pattern, LocalePrefixPattern):
        return st.sampled_from([f"{code}/" for code in LANGUAGES])
    if isinstance(pattern, RegexPattern):
        return st.from_regex(pattern.regex, fullmatch=True)
    assert isinstance(pattern, RoutePattern), pattern
    pieces = re.split(r"<(?:\w+:)?(\w+)>", str(pattern))
    # re.split alternates literal text and the names of the converters.
    return st.tuples(
        *(
            converter_values(pattern.converters[piece], known) if index % 2 else st.just(piece)
            for index, piece in enumerate(pieces)
        )
    ).map("".join)


def public_patterns(patterns=None, prefix=()):
    """Each URL pattern outside the admin, with the patterns of the includes above it.

    Wagtail's page-serving pattern (and ours before it, home.views.serve) is left to the
    page tree (test below).
    """
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if str(entry.pattern).startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_patterns(entry.url_patterns, (*prefix, entry.pattern))
        elif entry.callback not in (wagtail_views.serve, home_views.serve):
            yield (*prefix, entry.pattern)


def page_targets():
    """(page URL, route or None) for every live page and every route of a routable page."""
    targets = []
    for page in Page.objects.live().filter(depth__gte=2).specific():
        if isinstance(page, RoutablePageMixin):
            targets += [(page.url, route.pattern) for route in page.get_subpage_urls()]
        else:
            targets.append((page.url, None))
    return targets


@pytest.fixture
def private_links(small_site):
    """The private link of a sign-up to the camp, and what it leads to, in four languages."""
    registration = sign_up(small_site["pl"].sessions.get(), child("Iwan"))
    return [
        f"/{code}/sign-ups/{registration.reference}/{registration.token}/{action}"
        for code in LANGUAGES
        for action in ["", "cancel/", "accept/", "photos/", "calendar.ics", "erase/"]
    ]


def assert_bounded_answer(client, path, query):
    """GET `path`: an answer below 500, in a bounded number of queries."""
    from django.core.cache import cache

    # Cached pages would answer from memory what the example means to test.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(urllib.parse.quote(path, safe="/"), query)
    assert response.status_code < 500, (path, query)
    budget = MAX_QUERIES_BY_PATH.get(path, MAX_QUERIES)
    assert len(queries) <= budget, (path, query, [q["sql"] for q in queries])


@given(data=st.data())
def test_every_url_pattern_answers_below_500_with_bounded_work(client, small_site, data):
    """Every pattern of the URLconf outside the admin and the page tree."""
    known = site_values()
    patterns = list(public_patterns())
    pieces = data.draw(st.sampled_from(patterns), label="pattern")
    path = "/" + "".join(data.draw(route_paths(piece, known)) for piece in pieces)

    assert_bounded_answer(client, path, data.draw(query_strings(known), label="query"))


# The pages and their routes read the most parameters: twice the profile's examples.
@settings(max_examples=settings.default.max_examples * 2)
@given(data=st.data())
def test_every_page_and_route_answers_below_500_with_bounded_work(client, small_site, data):
    """Every page in four languages, with the routes of the calendar and of the news."""
    known = site_values()
    url, route = data.draw(st.sampled_from(page_targets()), label="page")
    path = url if route is None else url + data.draw(route_paths(route, known), label="route")

    assert_bounded_answer(client, path, data.draw(query_strings(known), label="query"))


@given(data=st.data())
def test_every_private_link_answers_below_500_with_bounded_work(client, private_links, data):
    """A sign-up's private link and what it leads to, in four languages, with any query."""
    known = site_values()
    path = data.draw(st.sampled_from(private_links), label="path")

    assert_bounded_answer(client, path, data.draw(query_strings(known), label="query"))


@given(
    language=st.sampled_from(LANGUAGES),
    year=st.one_of(st.integers(min_value=0, max_value=10**20), st.integers(1990, 2110)),
    month=st.one_of(st.integers(min_value=0, max_value=10**20), st.integers(0, 13)),
)
def test_a_month_page_is_there_for_the_calendars_months_only(
    client, small_site, language, year, month
):
    """month/<year>/<month>/ shows that month, or is not found: never another month."""
    calendar = small_site[language].get_parent()

    response = client.get(f"{calendar.url}month/{year}/{month}/")

    exists = FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12
    assert response.status_code == (200 if exists else 404)
