"""The site search on PostgreSQL (home.search): text-search configurations, the index that
serves them, and the list of words for typos.

Each language reads words with Debian's Hunspell dictionary of it (packages
hunspell-pl, hunspell-uk, hunspell-ru, hunspell-en-us on the database server:
their files are converted into PostgreSQL's tsearch_data by pg_updatedicts when
installed), then with the Snowball stemmer where PostgreSQL has one (Russian,
English) or as written (Polish, Ukrainian). ``cic_folded`` reads every word
without its diacritics (unaccent). A GIN index on what modelsearch matches
(``title || body``), and a trigram index (pg_trgm) on the words of the pages
(SearchWord). Nothing but the SearchWord table on SQLite.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import DatabaseError, migrations, models

# language: (Hunspell files, stop words, the dictionary for words Hunspell does not know)
LANGUAGES = {
    "pl": ("pl_pl", None, "simple"),
    "uk": ("uk_ua", None, "simple"),
    "ru": ("ru_ru", "russian", "russian_stem"),
    "en": ("en_us", "english", "english_stem"),
}
PACKAGES = "hunspell-pl hunspell-uk hunspell-ru hunspell-en-us"
WORDS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart"


def create_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # modelsearch matches `(title || body) @@ query`: without this, every search reads
        # every entry (and PostgreSQL has no statistics to plan it with).
        cursor.execute(
            "CREATE INDEX cic_search_title_body ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )
        cursor.execute(
            "CREATE INDEX cic_search_word_trigrams ON home_searchword "
            "USING gin (word gin_trgm_ops)"
        )
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION cic_folded (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION cic_folded ALTER MAPPING FOR {WORDS} "
            "WITH unaccent, simple"
        )
        for language, (files, stop_words, fallback) in LANGUAGES.items():
            options = f"TEMPLATE = ispell, DictFile = {files}, AffFile = {files}"
            if stop_words:
                options += f", StopWords = {stop_words}"
            try:
                cursor.execute(f"CREATE TEXT SEARCH DICTIONARY cic_{language}_hunspell ({options})")
            except DatabaseError as error:
                raise RuntimeError(
                    f"PostgreSQL could not read the Hunspell dictionary {files}: {error}\n"
                    f"Install Debian's {PACKAGES} on the database server (`make install` "
                    "does on a developer's machine), then migrate again."
                ) from error
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION cic_{language} (COPY = simple)")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION cic_{language} ALTER MAPPING FOR {WORDS} "
                f"WITH cic_{language}_hunspell, {fallback}"
            )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS cic_search_title_body")
        for language in LANGUAGES:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS cic_{language}")
            cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS cic_{language}_hunspell")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS cic_folded")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_centre_operator"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "config",
                    models.CharField(max_length=20, verbose_name="text-search configuration"),
                ),
                ("word", models.CharField(max_length=100, verbose_name="word")),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "constraints": [
                    models.UniqueConstraint(fields=("config", "word"), name="unique_search_word")
                ],
            },
        ),
        migrations.RunPython(create_configurations, drop_configurations),
    ]
