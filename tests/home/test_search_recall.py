"""What a visitor types in the site search finds the page she looks for, among the first five,
in each language of the seeded demo: word forms, letters typed without diacritics, typos.

The queries and their pages are in search_queries.csv (a page by its slug in the row's
language; translated pages keep the Polish slug). Each query is searched once for the module
and the tests measure recall@5 over a language's rows, or over one kind of row in every
language. PostgreSQL only: on SQLite the search matches exact forms and nothing else.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.db import connection
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from home.search import search_pages

TOP = 5
LANGUAGE_RECALL = {"pl": 0.95, "uk": 0.90, "ru": 0.95, "en": 0.95}
KIND_RECALL = {"no_diacritics": 0.80, "typo": 0.70}

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="word forms, folding and similar words need PostgreSQL's text-search configurations",
    ),
    # As every test of the seeded demo (tests/conftest.py's `seeded_demo`): each test starts
    # from the demo restored (some 3 s); the searches themselves run once, in `found`.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("seeded_demo"),
]


@dataclass(frozen=True)
class Query:
    language: str
    kind: str
    text: str
    expected_slug: str

    def __str__(self):
        return f"{self.language} {self.kind} {self.text!r} (wants {self.expected_slug})"


def read_queries():
    path = Path(__file__).with_name("search_queries.csv")
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        return [
            Query(row["language"], row["kind"], row["query"], row["expected_slug"]) for row in rows
        ]


QUERIES = read_queries()


def unindexed_pages():
    """The addresses of the live pages that have no search index entry."""
    indexed = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    pages = Page.objects.live().filter(depth__gt=1)
    return [page.url_path for page in pages if (page.content_type_id, str(page.pk)) not in indexed]


@pytest.fixture(scope="module")
def found(seeded_demo, django_db_blocker):
    """The slugs of the first five pages found for each query, searched once for the module.

    Seeded here or restored from what `seeded_demo` serialized, the demo has its index
    entries: they are serialized with the other rows and their vectors load back as they
    were written, so nothing is reindexed. The check says so if that ever changes.
    """
    with django_db_blocker.unblock():
        missing = unindexed_pages()
        assert not missing, f"the restored demo lacks index entries for {missing}"
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        results = {}
        for query in QUERIES:
            with translation.override(query.language):
                pages = search_pages(query.text, locale=locales[query.language]).pages
                results[query] = [page.slug for page in pages[:TOP]]
    return results


def recall(queries, found):
    """The share of `queries` whose page is among the first five found, and the queries missed."""
    missed = [query for query in queries if query.expected_slug not in found[query]]
    return (len(queries) - len(missed)) / len(queries), missed


def misses(missed, found):
    return "\n".join(f"  {query}: found {found[query]}" for query in missed)


@pytest.mark.parametrize("language", LANGUAGE_RECALL)
def test_a_language_finds_its_pages_in_the_first_five(language, found):
    queries = [query for query in QUERIES if query.language == language]

    share, missed = recall(queries, found)

    assert share >= LANGUAGE_RECALL[language], (
        f"recall@{TOP} {share:.2f} < {LANGUAGE_RECALL[language]} in {language}, missed:\n"
        + misses(missed, found)
    )


@pytest.mark.parametrize("kind", KIND_RECALL)
def test_a_kind_of_query_finds_its_pages_in_the_first_five_in_every_language(kind, found):
    queries = [query for query in QUERIES if query.kind == kind]

    share, missed = recall(queries, found)

    assert share >= KIND_RECALL[kind], (
        f"recall@{TOP} {share:.2f} < {KIND_RECALL[kind]} for {kind}, missed:\n"
        + misses(missed, found)
    )
