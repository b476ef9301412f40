"""
Site search on 10,000 pages: the time of a first page of results, by full text and by
similar words (the fuzzy fallback), on PostgreSQL with production settings.

    .venv/bin/python bench/search.py                       # build, measure, drop
    .venv/bin/python bench/search.py --keep --explain      # keep the database; + EXPLAIN
    .venv/bin/python bench/search.py --keep --repeat 5     # reuse the kept database
    .venv/bin/python bench/search.py --pages 2000 --repeat 5
    .venv/bin/python bench/search.py --drop                # drop a kept database and stop

It creates a PostgreSQL database of its own (``--database``, ``cic_bench_search``),
migrates it (home 0004 makes the Hunspell configurations, the index of the search and
the list of words for typos) and builds ``--pages`` live pages, a quarter in each language (pl, uk, ru,
en), under a home page of each: news articles (40 %), standard pages (30 %) and
programmes of every kind with a session at a venue (30 %), and six centres. Their
texts are the demo's (demo/content, demo/locale/<lang>/LC_MESSAGES/demo.po) cut into
sentences and put together anew for each page, a page about one demo topic padded
with sentences of the interface catalogues in its language (see :class:`Texts`; a
seeded random, so every build is the same). Pages are added with ``add_child`` while
the search index's signal handlers are off, then indexed once, as ``manage.py
update_index`` does, through the project's backend (``home.search.LanguageSearchBackend``:
each page with its language's configuration, plus the folded copy); then ``VACUUM
ANALYZE``, as autovacuum would (it is off on the development machine's PostgreSQL).
Building takes about 6 minutes on two cores (3.5 adding pages, 2 indexing them).

Then, in this process, on one persistent connection warmed up first (a connection
loads a language's Hunspell dictionary on its first query in it, about 0.5 s), it
times what the search view does for a query: ``search_pages(query, locale=...)`` in
the query's language, then ``Paginator(found.pages, 10).get_page(1)``, iterated (the
count and the first ten specific pages). Production's prepared statements are on
(``prepare_threshold=5``): after a few rounds PostgreSQL may run a statement with its
generic plan, as an app server's worker does. Queries of two groups: words the
full-text search finds (inflected forms), and typos it does not, which go to the
similar words (``similar=True``); a query that lands in the other group than
planned is counted where it landed and named. Each query ``--repeat`` times (default
20), round after round. It prints a table per group and language (samples, median, p95,
max, the median time spent in the database, queries) and one per query (results,
median, p95); ``--explain`` adds EXPLAIN (ANALYZE, BUFFERS) of the search-index
queries of one query of each group. Goals on the two-core development machine:
full-text p95 at most 50 ms, similar words at most 150 ms. Progress goes to stderr,
the tables to stdout. The database is dropped at the end unless ``--keep``, also
after Ctrl-C; with ``--keep`` a database this script built completely with the same
``--pages`` is reused (migrated, and analysed again, first).
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import servers  # noqa: E402

say = servers.say

LANGUAGES = ["pl", "uk", "ru", "en"]
# Per language: (query, the group it is meant for). "full text": word forms that the
# pages have in another form (Hunspell's lemmas); "similar": a typo that no page has.
QUERIES = {
    "pl": [
        ("półkolonii", "full text"),
        ("warsztatach", "full text"),
        ("kurs polskiego", "full text"),
        ("lekarza", "full text"),
        ("legalizacja pobytu", "full text"),
        ("dzieci", "full text"),
        ("półkolnie", "similar"),
        ("warsztay", "similar"),
        ("legalizajca", "similar"),
        ("psycholgo", "similar"),
        ("tłumaczeie", "similar"),
    ],
    "uk": [
        ("табір", "full text"),
        ("майстер-класах", "full text"),
        ("курси польської", "full text"),
        ("юриста", "full text"),
        ("легалізація", "full text"),
        ("дитини", "full text"),
        ("таьір", "similar"),
        ("юрыста", "similar"),
        ("легализація", "similar"),
        ("психолгоа", "similar"),
        ("перекладди", "similar"),
    ],
    "ru": [
        ("лагеря", "full text"),
        ("мастер-классы", "full text"),
        ("курсы польского", "full text"),
        ("юристом", "full text"),
        ("легализация", "full text"),
        ("детей", "full text"),
        ("лагерья", "similar"),
        ("юрыст", "similar"),
        ("легаллизацыя", "similar"),
        ("психолгоа", "similar"),
        ("переводды", "similar"),
    ],
    "en": [
        ("workshops", "full text"),
        ("camp", "full text"),
        ("Polish courses", "full text"),
        ("lawyer", "full text"),
        ("residence permit", "full text"),
        ("children", "full text"),
        ("wrokshops", "similar"),
        ("lawyr", "similar"),
        ("residense", "similar"),
        ("psycholgist", "similar"),
        ("translatoins", "similar"),
    ],
}
GROUPS = ["full text", "similar"]
GOALS_MS = {"full text": 50, "similar": 150}
# What share of each language's pages is of each kind (the rest are standard pages).
NEWS_SHARE = 0.4
PROGRAMME_SHARE = 0.3
BATCH = 250  # pages a transaction
MARKER = "bench/search.py pages={pages}"


# The database


def database_comment(name):
    """The database's comment (what this script left on it), or None without the database."""
    with servers.postgres_admin() as connection:
        row = connection.execute(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
            "FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return None if row is None else row[0]


def mark_built(name, pages):
    with servers.postgres_admin() as connection:
        connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{MARKER.format(pages=pages)}'")


# The texts

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"„«“(]?[A-ZА-ЯІЇЄҐŁŚŻŹĆŃÓ0-9])")
TAGS = re.compile(r"<[^>]+>")
TOWNS = {
    "pl": ["Poznań", "Kalisz", "Konin", "Leszno", "Piła", "Opole"],
    "uk": ["Познань", "Каліш", "Конін", "Лешно", "Піла", "Ополе"],
    "ru": ["Познань", "Калиш", "Конин", "Лешно", "Пила", "Ополе"],
    "en": ["Poznań", "Kalisz", "Konin", "Leszno", "Piła", "Opole"],
}


TOPIC_SEGMENTS = 6  # consecutive segments of demo.po (one demo page's, about) make a topic
ON_TOPIC = 0.6  # the share of a page's sentences and titles taken from its topic


class Texts:
    """The demo's texts in one language, cut into titles and sentences, by topic.

    demo.po lists the segments in the order of the demo's pages, so a run of
    TOPIC_SEGMENTS of them is about one thing (a centre, a camp, a course, residence
    permits...). Each page is written about one topic (ON_TOPIC of its sentences and
    titles) and the rest from anywhere: the demo's other sentences, and the sentences of
    the interface catalogues in the language (:func:`padding`), which the demo's 150
    segments alone would not outnumber. So a word like "półkolonie" is on the pages
    about camps and on a few others, not on most pages, as on a real site.
    """

    def __init__(self, language, topics, padding):
        self.language = language
        self.topics = [Topic(self, segments) for segments in topics]
        self.topics = [topic for topic in self.topics if topic.own_sentences]
        self.titles = [title for topic in self.topics for title in topic.own_titles]
        self.sentences = [sentence for topic in self.topics for sentence in topic.own_sentences]
        self.sentences += padding
        self.towns = TOWNS[language]

    def topic(self, rng):
        return rng.choice(self.topics)


class Topic:
    def __init__(self, texts, segments):
        self.texts = texts
        self.own_titles = []
        self.own_sentences = []
        for segment in segments:
            text = " ".join(TAGS.sub(" ", segment).split())
            if not text:
                continue
            if len(text) <= 70 and not text.endswith((".", "!", "?", ":")):
                self.own_titles.append(text)
            else:
                self.own_sentences += [part for part in SENTENCE_END.split(text) if len(part) > 3]

    def pick(self, rng, own, everyone, count):
        """`count` different items, each from the topic's own (ON_TOPIC) or anyone's."""
        chosen = []
        for _ in range(count * 3):
            pool = own if own and rng.random() < ON_TOPIC else everyone
            item = rng.choice(pool)
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == count:
                break
        return chosen

    def titles(self, rng, count):
        return self.pick(rng, self.own_titles, self.texts.titles, count)

    def title(self, rng):
        (title,) = self.titles(rng, 1)
        variation = rng.random()
        if variation < 0.3:
            title = f"{title} – {rng.choice(self.texts.towns)}"
        elif variation < 0.45:
            title = f"{title} {rng.choice(['2025', '2026', '2027'])}"
        return title[:250]

    def paragraph(self, rng, sentences):
        return " ".join(self.pick(rng, self.own_sentences, self.texts.sentences, sentences))

    def body(self, rng):
        """StreamField blocks: two to four paragraphs, a heading or a list now and then."""
        blocks = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.3:
                blocks.append(("heading", {"text": self.titles(rng, 1)[0], "level": "h2"}))
            if rng.random() < 0.2:
                items = "".join(f"<li>{item}</li>" for item in self.titles(rng, 3))
                blocks.append(("paragraph", f"<ul>{items}</ul>"))
            blocks.append(("paragraph", f"<p>{self.paragraph(rng, rng.randint(2, 4))}</p>"))
        return blocks


# Catalogues whose sentences pad the pages: the project's, then Wagtail's and Django's.
PADDING_CATALOGUES = [
    "locale",
    "wagtail/admin/locale",
    "wagtail/locale",
    "wagtail/images/locale",
    "wagtail/documents/locale",
    "wagtail/users/locale",
    "wagtail_localize/locale",
    "django/conf/locale",
    "django/contrib/admin/locale",
    "django/contrib/auth/locale",
]


def padding(language):
    """The translated sentences (five words or more, no placeholders or markup) of the
    interface catalogues in `language`; English from the Polish catalogues' msgids."""
    import polib

    import django

    site_packages = Path(django.__file__).resolve().parent.parent
    sentences = {}
    for folder in PADDING_CATALOGUES:
        base = ROOT if folder == "locale" else site_packages
        catalogue = "pl" if language == "en" and folder != "locale" else language
        path = base / folder / catalogue / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
                continue
            text = entry.msgid if language == "en" else entry.msgstr
            if len(text.split()) >= 5 and not any(mark in text for mark in "%{<_\n"):
                sentences[text] = None
    return list(sentences)


def load_texts():
    """{language: Texts}: Polish from the demo's msgids, the others from their msgstrs."""
    from demo.texts import TRANSLATIONS

    polish = list(next(iter(TRANSLATIONS.values())).keys())
    topics = [
        polish[start : start + TOPIC_SEGMENTS] for start in range(0, len(polish), TOPIC_SEGMENTS)
    ]
    texts = {"pl": Texts("pl", topics, padding("pl"))}
    for language in LANGUAGES[1:]:
        catalogue = TRANSLATIONS[language]
        texts[language] = Texts(
            language,
            [[catalogue[text] for text in topic if text in catalogue] for topic in topics],
            padding(language),
        )
    return texts


# Building the pages


class Builder:
    def __init__(self, pages):
        self.pages = pages
        self.texts = load_texts()
        from demo.calendar import CATEGORIES, LIBRARIES, OTHER_VENUES
        from demo.texts import SITE, TRANSLATIONS

        self.site = SITE
        self.catalogues = {"pl": {}, **TRANSLATIONS}
        self.categories_data = CATEGORIES
        self.venues_data = [
            {"name": library["name"], "city": library["town"], "kind": "library"}
            for library in LIBRARIES
        ] + [
            {"name": venue["name"], "city": venue["city"], "kind": venue["kind"]}
            for venue in OTHER_VENUES
        ]

    def translated(self, language, text):
        return self.catalogues[language].get(text, text)

    def build(self):
        from wagtail.models import Locale, Page
        from wagtail.signal_handlers import disable_reference_index_auto_update

        from home.models import HomePage

        started = time.monotonic()
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        polish_home = HomePage.objects.get(depth=2, locale=locales["pl"])
        root = Page.get_first_root_node()
        with search_index_signals_off(), disable_reference_index_auto_update():
            shared = self.shared_keys()
            created = 0
            for number, language in enumerate(LANGUAGES):
                if language == "pl":
                    home = polish_home
                else:
                    home = root.add_child(
                        instance=HomePage(
                            title=self.translated(language, polish_home.title),
                            slug=f"home-{language}",
                            locale=locales[language],
                            translation_key=polish_home.translation_key,
                        )
                    )
                share = self.pages // len(LANGUAGES) + (
                    1 if number < self.pages % len(LANGUAGES) else 0
                )
                created += self.build_language(
                    language, locales[language], home, share, shared, started, created
                )
        say(f"  {created:,} pages in {time.monotonic() - started:.0f} s; indexing them...")
        indexed_at = time.monotonic()
        count = index_everything()
        say(f"  indexed {count:,} objects in {time.monotonic() - indexed_at:.0f} s")
        # The planner's statistics, as autovacuum would gather them on a server where it
        # runs (without them PostgreSQL guesses a few rows per language, and plans for that).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        return time.monotonic() - started

    def shared_keys(self):
        """One translation key for each section, centre, venue and category, shared by its
        four languages as wagtail-localize's translations are."""
        names = ["news", "calendar", "centres", "information"]
        names += [f"centre:{centre['slug']}" for centre in self.site["centres"]]
        names += [f"venue:{number}" for number in range(len(self.venues_data))]
        names += [f"category:{category['slug']}" for category in self.categories_data]
        return {name: uuid.uuid4() for name in names}

    def build_language(self, language, locale, home, total, keys, started, created_before):
        from django.db import transaction

        from events.models import Category, EventIndexPage, Venue
        from home.models import CentreIndexPage, NewsIndexPage, StandardPage

        texts = self.texts[language]
        rng = random.Random(f"cic-search-{language}")
        with transaction.atomic():
            sections = {}
            for name, model, extra in [
                ("news", NewsIndexPage, {}),
                ("calendar", EventIndexPage, {}),
                ("centres", CentreIndexPage, {}),
                ("information", StandardPage, {"body": []}),
            ]:
                sections[name] = home.add_child(
                    instance=model(
                        title=texts.topic(rng).title(rng),
                        slug=name,
                        intro=texts.topic(rng).paragraph(rng, 1),
                        locale=locale,
                        translation_key=keys[name],
                        **extra,
                    )
                )
            centres = [
                self.centre(language, locale, data, sections["centres"], keys)
                for data in self.site["centres"]
            ]
            categories = [
                Category.objects.create(
                    name=self.translated(language, data["name"]),
                    slug=data["slug"],
                    locale=locale,
                    translation_key=keys[f"category:{data['slug']}"],
                )
                for data in self.categories_data
            ]
            venues = [
                Venue.objects.create(
                    name=self.translated(language, data["name"]),
                    city=self.translated(language, data["city"]),
                    kind=data["kind"],
                    locale=locale,
                    translation_key=keys[f"venue:{number}"],
                )
                for number, data in enumerate(self.venues_data)
            ]
        made = len(centres)
        news = round(total * NEWS_SHARE)
        programmes = round(total * PROGRAMME_SHARE)
        kinds = ["news"] * news + ["programme"] * programmes
        kinds += ["standard"] * (total - made - len(kinds))
        rng.shuffle(kinds)
        for start in range(0, len(kinds), BATCH):
            with transaction.atomic():
                for number, kind in enumerate(kinds[start : start + BATCH], start):
                    if kind == "news":
                        self.news(rng, texts.topic(rng), locale, sections["news"], number)
                    elif kind == "programme":
                        self.programme(
                            rng,
                            texts.topic(rng),
                            locale,
                            sections["calendar"],
                            number,
                            categories,
                            venues,
                            centres,
                        )
                    else:
                        self.standard(
                            rng, texts.topic(rng), locale, sections["information"], number
                        )
            made = len(centres) + min(start + BATCH, len(kinds))
            done = created_before + made
            elapsed = time.monotonic() - started
            say(f"  {language}: {made:,}/{total:,} pages ({done:,} in all, {elapsed:.0f} s)")
        return made

    def slug(self, title, number):
        from django.utils.text import slugify

        return f"{slugify(title, allow_unicode=True)[:60].strip('-')}-{number}"

    def centre(self, language, locale, data, parent, keys):
        from home.models import CentreLanguage, CentrePage

        centre = CentrePage(
            title=self.translated(language, data["title"]),
            slug=data["slug"],
            intro=self.translated(language, data["intro"]),
            street_address=data["street_address"],
            city=self.translated(language, data["city"]),
            phone=data["phone"],
            email=data["email"],
            locale=locale,
            translation_key=keys[f"centre:{data['slug']}"],
        )
        for code in data["languages"]:
            centre.languages.add(CentreLanguage(code=code))
        return parent.add_child(instance=centre)

    def news(self, rng, texts, locale, parent, number):
        from home.models import NewsPage

        title = texts.title(rng)
        page = NewsPage(
            title=title,
            slug=self.slug(title, number),
            date=datetime(2022, 1, 1).date() + timedelta(days=rng.randrange(1500)),
            intro=texts.paragraph(rng, rng.randint(1, 2)),
            body=texts.body(rng),
            locale=locale,
        )
        page.tags.add(*texts.titles(rng, 2))
        parent.add_child(instance=page)

    def standard(self, rng, texts, locale, parent, number):
        from home.models import StandardPage

        title = texts.title(rng)
        parent.add_child(
            instance=StandardPage(
                title=title,
                slug=self.slug(title, number),
                intro=texts.paragraph(rng, rng.randint(1, 2)),
                body=texts.body(rng),
                locale=locale,
            )
        )

    def programme(self, rng, texts, locale, parent, number, categories, venues, centres):
        """A programme of a kind drawn at random, with one session at a venue (its name,
        town and days are what search_facts adds to its text)."""
        from django.utils import timezone

        from events.models import EventPage, ProgrammeAudience, ProgrammeLanguage, Session
        from workshops.models import (
            AdaptationCoursePage,
            LibraryWorkshopPage,
            PolishCoursePage,
            SpeakingClubPage,
            SummerCampPage,
        )

        model = rng.choice(
            [
                EventPage,
                SummerCampPage,
                LibraryWorkshopPage,
                SpeakingClubPage,
                PolishCoursePage,
                AdaptationCoursePage,
            ]
        )
        extra = (
            {"level": rng.choice(["A1", "A2", "B1", "B2"])} if model is PolishCoursePage else {}
        )
        title = texts.title(rng)
        page = model(
            title=title,
            slug=self.slug(title, number),
            intro=texts.paragraph(rng, rng.randint(1, 2)),
            body=texts.body(rng),
            category=rng.choice(categories),
            organiser=rng.choice([*centres, None]),
            locale=locale,
            **extra,
        )
        for audience in rng.sample(["children", "youth", "adults", "families"], 2):
            page.audiences.add(ProgrammeAudience(audience=audience))
        for code in rng.sample(LANGUAGES, 2):
            page.activity_languages.add(ProgrammeLanguage(code=code))
        starts = timezone.make_aware(
            datetime(2026, 1, 5, 10) + timedelta(days=rng.randrange(700), hours=rng.randrange(8))
        )
        page.sessions.add(
            Session(
                title=rng.choice(["", "", texts.titles(rng, 1)[0][:120]]),
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue=rng.choice(venues),
                locale=locale,
            )
        )
        parent.add_child(instance=page)


class search_index_signals_off:
    """modelsearch's post_save and post_delete handlers disconnected: the pages are
    indexed once at the end (update_index), not one task per save."""

    def __enter__(self):
        from modelsearch import index, signal_handlers

        from django.db.models.signals import post_delete, post_save

        self.models = [
            model
            for model in index.get_indexed_models()
            if getattr(model, "search_auto_update", True)
        ]
        for model in self.models:
            post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
            post_delete.disconnect(signal_handlers.post_delete_signal_handler, sender=model)
        return self

    def __exit__(self, *exc):
        from modelsearch import signal_handlers

        from django.db.models.signals import post_delete, post_save

        for model in self.models:
            post_save.connect(signal_handlers.post_save_signal_handler, sender=model)
            post_delete.connect(signal_handlers.post_delete_signal_handler, sender=model)


def index_everything():
    """What ``manage.py update_index`` does, with its output kept out of the tables."""
    import io

    from modelsearch.conf import get_app_config

    from django.core.management import call_command

    call_command("update_index", stdout=io.StringIO())
    return get_app_config().get_model("IndexEntry").objects.count()


# Measuring


class Recorder:
    """The queries run while it is installed (an execute_wrapper): their SQL, parameters
    and wall time (PostgreSQL runs on the same cores)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, params, (time.perf_counter() - started) * 1000))

    @property
    def milliseconds(self):
        return sum(ms for _sql, _params, ms in self.queries)


def first_page(query, locale, language):
    """What the search view does: the results found, counted, the first ten read."""
    from django.core.paginator import Paginator
    from django.utils import translation

    from home.search import search_pages

    with translation.override(language):
        found = search_pages(query, locale=locale)
        page = Paginator(found.pages, 10).get_page(1)
        titles = [result.title for result in page]
    return found.similar, page.paginator.count, titles


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(options):
    from django.db import connection

    from wagtail.models import Locale

    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    queries = [
        (language, query, planned)
        for language in LANGUAGES
        for query, planned in QUERIES[language]
    ]
    say("Warming up (each language's dictionaries load once per connection)...")
    landed = {}
    counts = {}
    for _ in range(options.warm_up):
        for language, query, _planned in queries:
            similar, count, _titles = first_page(query, locales[language], language)
            landed[language, query] = "similar" if similar else "full text"
            counts[language, query] = count
    say(f"  warm-up done; {len(queries)} queries x {options.repeat} rounds")
    # (wall ms, database ms, queries) of each time a query was searched
    samples = {key: [] for key in landed}
    for round_number in range(options.repeat):
        for language, query, _planned in queries:
            recorder = Recorder()
            with connection.execute_wrapper(recorder):
                started = time.perf_counter()
                first_page(query, locales[language], language)
                wall = (time.perf_counter() - started) * 1000
            samples[language, query].append((wall, recorder.milliseconds, len(recorder.queries)))
        if (round_number + 1) % 5 == 0:
            say(f"  round {round_number + 1}/{options.repeat}")

    print(
        f"\n{options.pages:,} pages, {options.repeat} rounds after {options.warm_up} of "
        f"warm-up, load average {os.getloadavg()[0]:.1f}, "
        f"{os.cpu_count()} cores, production settings\n"
    )
    print(
        "| group | language | samples | median ms | p95 ms | max ms | database ms (median) "
        "| queries | goal p95 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for group in GROUPS:
        for language in [*LANGUAGES, "all"]:
            rows = [
                sample
                for (lang, query), values in samples.items()
                if landed[lang, query] == group and language in (lang, "all")
                for sample in values
            ]
            if not rows:
                continue
            times = [wall for wall, _database, _queries in rows]
            print(
                f"| {group} | {language} | {len(times)} | {statistics.median(times):.1f} | "
                f"{percentile(times, 0.95):.1f} | {max(times):.1f} | "
                f"{statistics.median(database for _wall, database, _queries in rows):.1f} | "
                f"{statistics.median(queries for _wall, _database, queries in rows):.0f} | "
                f"{GOALS_MS[group]} ms |"
            )
    print("\n| language | query | meant for | found by | results | median ms | p95 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for language, query, planned in queries:
        times = [wall for wall, _database, _queries in samples[language, query]]
        print(
            f"| {language} | {query} | {planned} | {landed[language, query]} | "
            f"{counts[language, query]:,} | {statistics.median(times):.1f} | "
            f"{percentile(times, 0.95):.1f} |"
        )
    missed = [
        f"{language} {query!r}"
        for language, query, planned in queries
        if landed[language, query] != planned
    ]
    if missed:
        print(f"\nIn the other group than planned: {', '.join(missed)}")
    if options.explain:
        for group in GROUPS:
            example = next((key for key in samples if landed[key] == group and counts[key]), None)
            if example:
                explain(connection, example[1], locales[example[0]], example[0], group)


def explain(connection, query, locale, language, group):
    """EXPLAIN (ANALYZE, BUFFERS) of the queries of the search index that a search of
    `query` runs (counting, ranking), and the others' times in a line each."""
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        first_page(query, locale, language)
    print(f"\n### {group}: {language} {query!r}, {len(recorder.queries)} queries\n")
    for number, (sql, _params, ms) in enumerate(recorder.queries, 1):
        print(f"{number:3}. {ms:6.1f} ms  {' '.join(sql.split())[:110]}")
    for number, (sql, params, _ms) in enumerate(recorder.queries, 1):
        if "wagtailsearch_indexentry" not in sql:
            continue
        print(f"\n#### EXPLAIN (ANALYZE, BUFFERS) of query {number}\n")
        print(f"    {sql}")
        print(f"    -- parameters: {params!r}\n")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            for (line,) in cursor.fetchall():
                print(f"    {line}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.strip().splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.strip().splitlines()[1:]),
    )
    parser.add_argument("--database", default="cic_bench_search")
    parser.add_argument("--pages", type=int, default=10_000, help="live pages to build")
    parser.add_argument("--repeat", type=int, default=20, help="times each query is timed")
    parser.add_argument("--warm-up", type=int, default=2, help="rounds before measuring")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS)")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    options = parser.parse_args()
    if options.drop:
        servers.drop_database(options.database)
        say(f"Dropped {options.database}.")
        return 0

    started = time.monotonic()
    built = database_comment(options.database) == MARKER.format(pages=options.pages)
    with servers.cleaned_up_on_signals():
        try:
            if built and options.keep:
                say(f"Reusing {options.database} ({options.pages:,} pages).")
            else:
                say(f"Creating {options.database}...")
                servers.create_database(options.database)
            servers.configure_in_process(options.database)
            from django.core.management import call_command

            say("Migrating...")
            migrated_at = time.monotonic()
            call_command("migrate", "--noinput", verbosity=0)
            say(f"  migrated in {time.monotonic() - migrated_at:.0f} s")
            if not (built and options.keep):
                say(f"Building {options.pages:,} pages...")
                seconds = Builder(options.pages).build()
                mark_built(options.database, options.pages)
                say(f"Built in {seconds:.0f} s.")
                print(f"Built {options.pages:,} pages and their index in {seconds:.0f} s.")
            else:
                # Statistics for what a new migration added (an index on an expression).
                from django.db import connection

                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            measure(options)
        finally:
            if "django.db" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
                from django.db import connections

                connections.close_all()
            if not options.keep:
                servers.drop_database(options.database)
                say(f"Dropped {options.database}.")
    say(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("Interrupted.")
        sys.exit(130)
