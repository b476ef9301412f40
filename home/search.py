"""Site search in the language of each page and of its visitor.

Wagtail's database search backend (modelsearch) gives every indexed object one
``IndexEntry`` row and reads every row with one text-search configuration. On
PostgreSQL, :class:`LanguageSearchBackend` changes two things:

- each object is indexed with the configuration of its language (``cic_pl``,
  ``cic_uk``, ``cic_ru``, ``cic_en``: Debian's Hunspell dictionaries turn
  "табори" into "табір" and "obozy" into "obóz", then Snowball stems the Russian
  and English words Hunspell does not know), and its text once more folded
  (``cic_folded``: no diacritics, no apostrophes inside a word) at the lowest weight,
  so that "lodz" finds "Łódź" and "пятниця" finds "п'ятниця";
- a query is read with the configuration of the visitor's language, each of its
  words also folded.

The configurations are made by ``home/migrations/0004_search_configurations.py``;
``check_search_configurations`` says at start-up when the database lacks them. On
SQLite (development) modelsearch's own backend matches exact word forms.
"""

import logging
import re
from collections import defaultdict
from copy import copy
from dataclasses import dataclass

from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.utils import get_content_type_pk

from django.conf import settings
from django.contrib.postgres.search import (
    CombinedSearchQuery,
    SearchQuery,
    SearchVector,
    SearchVectorField,
)
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import CombinedExpression
from django.utils.encoding import force_str
from django.utils.translation import get_language

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search.query import PlainText

from .models import SearchWord

logger = logging.getLogger(__name__)

# The text-search configuration of each language (home/migrations/0004).
LANGUAGE_CONFIGS = {"pl": "cic_pl", "uk": "cic_uk", "ru": "cic_ru", "en": "cic_en"}
# Every word without diacritics (unaccent) and as typed otherwise: what a phone's
# keyboard without Polish letters, or without the Ukrainian apostrophe, gives.
FOLDED_CONFIG = "cic_folded"
CONFIGURATIONS_MIGRATION = ("home", "0004_search_configurations")
# An apostrophe inside a word: "п'ятниця", "пʼятниця", "п’ятниця" are one word, and
# "пятниця" as a phone types it. PostgreSQL's parser cuts a word at ' and ’.
APOSTROPHE_IN_WORD = "(?<=\\w)['’ʼ`](?=\\w)"
WORD_SEPARATORS = re.compile(r"[\s\-]+")
# The words kept for typos (SearchWord), and how many a word typed is offered.
WORD_LENGTHS = (3, 40)
SIMILAR_WORDS = 3
# Words a query may hold that say nothing of what is sought ("kurs dla dorosłych"): left
# out of a query with other words, since every word of a query must be on the page found.
# Hunspell gives Polish and Ukrainian no stop words, and the folded copy has none.
QUERY_STOP_WORDS = {
    "cic_pl": "a czy dla do i jak lub na nie o oraz od po przy się to u w we z za ze że",
    "cic_uk": "а або в для до з за зі з і із й на не о об по при та у чи що як",
    "cic_ru": "а в во для до за и из или к на не о об от по при с со у что",
    "cic_en": "a an and are at by for from in is of on or the to with",
}
QUERY_STOP_WORDS = {config: frozenset(words.split()) for config, words in QUERY_STOP_WORDS.items()}


def language_config(language):
    """The configuration of `language` (a language code), or of the site's default."""
    code = (language or settings.LANGUAGE_CODE).split("-")[0]
    return LANGUAGE_CONFIGS.get(code, LANGUAGE_CONFIGS[settings.LANGUAGE_CODE])


def fold_apostrophes(text):
    return re.sub(APOSTROPHE_IN_WORD, "", text)


class FoldedVector(SearchVector):
    """The folded lexemes of a text column, at weight D: below every word as written."""

    def __init__(self, column):
        without_apostrophes = Func(
            F(column),
            Value(APOSTROPHE_IN_WORD),
            Value(""),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        super().__init__(without_apostrophes, config=FOLDED_CONFIG, weight="D")


def with_folded(column, text_column):
    return CombinedExpression(
        F(column), "||", FoldedVector(text_column), output_field=SearchVectorField()
    )


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object with its language's configuration, then add its folded words."""
        objs = list(objs)
        if not objs or not model.get_search_fields():
            return
        groups = self._by_config(model, objs)
        for config, group in groups.items():
            index = copy(self)
            index.backend = self.backend.configured(config)
            super(LanguageIndex, index).add_items(model, group)
        entries = self.entries.filter(
            content_type_id=get_content_type_pk(model),
            object_id__in=[force_str(obj.pk) for obj in objs],
        )
        entries.update(
            title=with_folded("title", "title_text"), body=with_folded("body", "body_text")
        )
        for config, group in groups.items():
            self._add_words(config, entries.filter(object_id__in=[str(obj.pk) for obj in group]))

    def _add_words(self, config, entries):
        """Keep the folded words of `entries` in the list the search offers for a typo."""
        sql, params = entries.values("pk").query.sql_with_params()
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {SearchWord._meta.db_table} (config, word)
                SELECT DISTINCT %s, word FROM (
                    SELECT unnest(tsvector_to_array(to_tsvector(
                        %s::regconfig, regexp_replace(title_text || ' ' || body_text, %s, '', 'g')
                    ))) AS word
                    FROM {IndexEntry._meta.db_table} WHERE id IN ({sql})
                ) AS words
                WHERE char_length(word) BETWEEN {WORD_LENGTHS[0]} AND {WORD_LENGTHS[1]}
                ON CONFLICT DO NOTHING
                """,
                [config, FOLDED_CONFIG, APOSTROPHE_IN_WORD, *params],
            )

    def delete_stale_entries(self):
        """Before a rebuild (`manage.py update_index`): the words are written again."""
        super().delete_stale_entries()
        SearchWord.objects.all().delete()

    def _by_config(self, model, objs):
        if not issubclass(model, TranslatableMixin):
            return {language_config(None): objs}
        languages = dict(
            Locale.objects.filter(pk__in={obj.locale_id for obj in objs}).values_list(
                "pk", "language_code"
            )
        )
        groups = defaultdict(list)
        for obj in objs:
            groups[language_config(languages.get(obj.locale_id))].append(obj)
        return groups


class LanguageQueryMixin:
    def get_config(self, backend):
        """The visitor's language for pages and other translated objects; the site's
        language for images and documents, which are indexed with it."""
        if issubclass(self.queryset.model, TranslatableMixin):
            return language_config(get_language())
        return language_config(None)


class OncePerExecution(CombinedSearchQuery):
    """A tsquery PostgreSQL computes once per execution of the statement, in any plan: the
    generic plan of a prepared statement would compute `to_tsquery(...)` again for every
    row it matches and ranks (680 ms instead of 34 for two words on 10,000 pages)."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f"(SELECT {sql})", params


class LanguageSearchQueryCompiler(LanguageQueryMixin, PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        tsquery = super().build_tsquery(query, config=config)
        if isinstance(tsquery, CombinedSearchQuery):  # every plain query (see _word)
            return OncePerExecution(tsquery.lhs, tsquery.connector, tsquery.rhs, tsquery.config)
        return tsquery

    def build_tsquery_content(self, query, config=None, invert=False):
        """Each word of a plain query as its language reads it, or folded."""
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = [term for term in WORD_SEPARATORS.split(query.query_string) if term]
        stop_words = QUERY_STOP_WORDS.get(config, frozenset())
        terms = [term for term in terms if term.lower() not in stop_words] or terms
        if not terms:
            return None
        words = [self._word(term, config, invert) for term in terms]
        combined = words[0]
        for word in words[1:]:
            if (query.operator == "and") != invert:
                combined &= word
            else:
                combined |= word
        return combined

    @staticmethod
    def _word(term, config, invert):
        as_written = SearchQuery(Lexeme(term, invert=invert), search_type="raw", config=config)
        folded = SearchQuery(
            Lexeme(fold_apostrophes(term), invert=invert),
            search_type="raw",
            config=FOLDED_CONFIG,
        )
        # Not (written or folded) is neither written nor folded.
        return as_written & folded if invert else as_written | folded


class LanguageAutocompleteQueryCompiler(LanguageQueryMixin, PostgresAutocompleteQueryCompiler):
    def get_config(self, backend):
        return backend.autocomplete_config


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageSearchQueryCompiler
    autocomplete_query_compiler_class = LanguageAutocompleteQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        # Titles suggested as the visitor types: by their first letters, diacritics or not.
        self.autocomplete_config = FOLDED_CONFIG

    def configured(self, config):
        """This backend indexing with `config`."""
        backend = copy(self)
        backend.config = config
        return backend


def SearchBackend(params):  # the name modelsearch looks a backend up by
    """LanguageSearchBackend on PostgreSQL; modelsearch's database backend elsewhere."""
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    return database_search_backend(params)


@dataclass
class SearchResults:
    """What a search found: `pages` (a lazy sequence of specific pages, best first), and
    whether they are for words similar to those typed (nothing matched them)."""

    pages: object
    similar: bool = False


def search_pages(query, *, locale):
    """The live public pages of `locale` that match `query`, best first.

    When no page has the words, on PostgreSQL, the pages with any of the words most like
    those typed (a typo, a letter missing or added: trigram similarity of the folded
    words of the pages, SearchWord).
    """
    pages = Page.objects.live().public().filter(locale=locale).specific()
    results = pages.search(query)
    if connection.vendor != "postgresql" or results.count():
        return SearchResults(results)
    words = similar_words(query, config=language_config(locale.language_code))
    if not words:
        return SearchResults(pages.none(), similar=True)
    return SearchResults(pages.search(PlainText(" ".join(words), operator="or")), similar=True)


def similar_words(query, *, config):
    """For each word of `query`, the folded words of the pages in `config` most like it: one
    query, which the trigram index of SearchWord serves whatever the number of pages."""
    stop_words = QUERY_STOP_WORDS.get(config, frozenset())
    terms = [
        fold_apostrophes(term)
        for term in WORD_SEPARATORS.split(query)
        if len(term) >= WORD_LENGTHS[0] and term.lower() not in stop_words
    ]
    if not terms:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT candidate.word FROM unnest(%s::text[]) AS typed(term)
            CROSS JOIN LATERAL (
                SELECT word FROM {SearchWord._meta.db_table}
                WHERE config = %s AND word %% unaccent(lower(typed.term))
                ORDER BY similarity(word, unaccent(lower(typed.term))) DESC, word
                LIMIT {SIMILAR_WORDS}
            ) AS candidate
            """,
            [terms, config],
        )
        return list(dict.fromkeys(word for (word,) in cursor.fetchall()))


def describe_results(pages):
    """Give each page found its kind (`search_kind`), and let its model add what a result
    shows of it (a programme: its next date and centre): a few queries for a whole page of
    results, whatever their number (``describe_search_results`` of the model)."""
    pages = list(pages)
    by_describer = defaultdict(list)
    for page in pages:
        page.search_kind = page._meta.verbose_name
        describer = getattr(type(page), "describe_search_results", None)
        if describer is not None:
            by_describer[describer].append(page)
    for describer, described in by_describer.items():
        describer(described)
    return pages


SUGGESTIONS = 6


def suggest_pages(query, *, locale):
    """Up to six live public pages of `locale` with title words that begin as the words
    of `query` (the last may be unfinished), diacritics folded on PostgreSQL."""
    pages = Page.objects.live().public().filter(locale=locale)
    return list(pages.autocomplete(query)[:SUGGESTIONS])


@checks.register(checks.Tags.database)
def check_search_configurations(databases=None, **kwargs):
    """On PostgreSQL, each language's configuration works: made by the migration, its
    Hunspell files installed on the database server."""
    if not databases or "default" not in databases or connection.vendor != "postgresql":
        return []
    from django.db.migrations.recorder import MigrationRecorder

    if CONFIGURATIONS_MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return []  # `migrate` makes them (and says what is missing if it cannot)
    errors = []
    for language, config in LANGUAGE_CONFIGS.items():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT to_tsvector(%s::regconfig, 'test')", [config])
        except DatabaseError as error:
            errors.append(
                checks.Error(
                    f"The text-search configuration {config} for {language} does not work: "
                    + str(error).splitlines()[0],
                    hint=(
                        "Install Debian's hunspell-pl, hunspell-uk, hunspell-ru and "
                        "hunspell-en-us on the database server, then run `manage.py migrate` "
                        "(home 0004_search_configurations makes the configurations)."
                    ),
                    id="home.E001",
                )
            )
    return errors


def require_search_configurations():
    """Stop an app server's start, with the reason, when the database cannot read a
    language's words (see check_search_configurations); start when it is unreachable,
    since it may be on its way up and every page says so while it is not."""
    try:
        errors = check_search_configurations(databases=["default"])
    except OperationalError:
        logger.warning("The database is unreachable: the search configurations are not checked")
        return
    if errors:
        raise ImproperlyConfigured("\n".join(f"{error.msg} {error.hint}" for error in errors))
