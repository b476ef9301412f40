import html
import os

import pytest

from django.utils import translation

from wagtail.models import Locale, Page

from home.models import HomePage

# CI sets this so that a test skipped for a missing PostgreSQL or chromium fails instead.
REQUIRE_ALL_TESTS = os.environ.get("CIC_REQUIRE_ALL_TESTS") == "1"


def skip_unless_available(available, reason):
    """Skip with `reason` on a developer's laptop; fail in CI, where everything must run."""
    if available:
        return
    if REQUIRE_ALL_TESTS:
        pytest.fail(f"{reason} (CIC_REQUIRE_ALL_TESTS=1 turns this skip into a failure)")
    pytest.skip(reason)


def pytest_configure(config):
    """Refuse pytest-xdist modes that break the order the database tests rely on.

    A test with `transaction=True` leaves the database empty (the next such test
    restores it, from `serialized_rollback`), so pytest-django runs those tests after
    all the others. `--dist load`, which `-n` picks, keeps that order on each worker;
    loadfile and the like run a file's transactional tests before other files' tests,
    which then find no home page.
    """
    dist = config.getoption("dist", default="no")
    if dist not in {"no", "load"}:
        raise pytest.UsageError(
            f"--dist {dist} runs tests that empty the database before tests that need "
            "its contents: use -n with the default --dist load."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Let every connection object restore what the migrations created.

    `serialized_rollback` restores the database from contents Django keeps on the
    connection object that created the test database. Playwright's sync API switches
    greenlets, and there Django hands out other connection objects, which lack them:
    keep the contents on the connection class instead.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (cached pages, sitemaps, rate limits)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def locales(db):
    """The four site languages, Polish being the default created by the migrations."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ["pl", "uk", "ru", "en"]
    }


@pytest.fixture
def home_page(db):
    """The Polish home page that the migrations make the site's root."""
    return HomePage.objects.get(depth=2, locale__language_code="pl")


def translate_page(page, locale):
    """A published copy of `page` in `locale` (its parent must be translated already)."""
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


def translated_text(msgid, language="pl", **params):
    """What a page in `language` shows for `msgid`, with its %(name)s placeholders filled."""
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


def translated_plural(singular, plural, number, language="pl", **params):
    """What a page in `language` shows for the plural message that `number` picks."""
    with translation.override(language):
        text = translation.ngettext(singular, plural, number)
    return text % params if params else text


def page_text(response):
    """The text of an HTML response as people read it: entities such as &#x27; decoded.

    Templates escape quotes and apostrophes in translations; compare translated
    text with this rather than with the raw HTML.
    """
    return html.unescape(response.content.decode())
