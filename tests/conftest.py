import datetime
import io
import types

import pytest
import recurrence

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from events.models import Session
from home.models import HomePage
from signups import services
from signups.models import Registration
from tests.events.factories import (
    CategoryFactory,
    EventIndexPageFactory,
    EventPageFactory,
    SessionFactory,
    VenueFactory,
)
from tests.events.utils import in_days, local, translated
from tests.home.factories import CentreIndexPageFactory, CentrePageFactory
from tests.signups.utils import child, sign_up
from tests.utils import staff_user

# Journeys in a browser, fuzzing, the crawler and the threads racing for places take
# seconds each: `make test-fast` (-m "not slow") leaves them out; `make test` runs them.
SLOW_PATHS = (
    "tests/browser/",
    "tests/fuzz/",
    "tests/test_crawler.py",
    "tests/signups/services/test_concurrency.py",
    "tests/signups/services/test_lock_order.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the tests under SLOW_PATHS `slow`, before -m chooses among them."""
    for item in items:
        if item.nodeid.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)


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
        if connection.vendor == "postgresql":
            empty_tables_with_delete(type(connection.ops))


def empty_tables_with_delete(operations):
    """Make `flush` on PostgreSQL empty the tables with DELETE rather than TRUNCATE.

    Every test marked `transaction=True` ends with a flush, and `serialized_rollback`
    flushes again to restore. TRUNCATE of the site's hundred-odd tables makes new
    files for each, some 3 s a time on the CI machine; DELETE of the few rows a test
    leaves, 0.4 s. The tables end as empty: the flush runs in one transaction, where
    PostgreSQL checks Django's foreign keys (DEFERRABLE INITIALLY DEFERRED) at commit,
    whatever the order. Sequences are kept, as TransactionTestCase keeps them; a flush
    that resets them, or cascades to tables it does not name, still truncates.
    """
    truncate = operations.sql_flush
    if getattr(truncate, "deletes", False):
        return

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    sql_flush.deletes = True
    operations.sql_flush = sql_flush


def restore_database(connection, contents):
    """Empty the database and load `contents` (serialized by Django's test database creation)."""
    from django.core.management import call_command
    from django.db import IntegrityError

    for attempt in range(3):
        # As TransactionTestCase flushes: sequences kept, so that PostgreSQL never hands
        # out an id that the loaded rows hold.
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        try:
            connection.creation.deserialize_db_from_string(contents)
            return
        except IntegrityError:
            # The live server's thread may still be answering a late request of the
            # browser tests before, and write a row (a content type) between the flush
            # and the load: empty the database again and load it again.
            if attempt == 2:
                raise


def keep_serialized_contents(connection, contents):
    """Make `contents` what the tests marked `serialized_rollback` start from."""
    type(connection)._test_serialized_contents = contents
    if "_test_serialized_contents" in vars(connection):
        connection._test_serialized_contents = contents


# What `seeded_demo` serialized, by database alias: seeding takes some 40 s of CPU,
# loading what it made a few. Kept for the process (each pytest-xdist worker seeds
# once), and never changed by the tests: each restores it before it starts.
SEEDED_DEMO = {}


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo site, seeded once for all the tests of a module that ask for it.

    Seeding takes most of such a test's time, and each of them changes the demo (signs
    up, cancels, edits). They are marked `django_db(transaction=True,
    serialized_rollback=True)`: pytest-django empties the database after each and
    restores it, before the next, from the contents serialized on the connection.
    Here those contents are the seeded demo; once the module is done, the
    migrations' own again, and the database as the migrations left it (with pytest-xdist,
    each worker seeds its own database once, and loads what it made in the next module
    that asks for it).
    """
    from django.core.management import call_command
    from django.db import connections

    connection = connections["default"]
    with django_db_blocker.unblock():
        migrated = connection._test_serialized_contents
        seeded = SEEDED_DEMO.get(connection.alias)
        if seeded is None:
            restore_database(
                connection, migrated
            )  # a transactional test before may have emptied it
            call_command("seed_demo", verbosity=0)
            seeded = SEEDED_DEMO[connection.alias] = connection.creation.serialize_db_to_string()
        else:
            restore_database(connection, seeded)
        keep_serialized_contents(connection, seeded)
    yield
    with django_db_blocker.unblock():
        keep_serialized_contents(connection, migrated)
        restore_database(connection, migrated)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language.

    A request to /en/ leaves English active in the test's thread (Django's
    LocaleMiddleware does not switch back), so a message read outside a request would
    otherwise be in the language of whichever test ran before.
    """
    from django.utils import translation

    translation.deactivate()


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


@pytest.fixture
def calendar_page(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def kalisz(home_page):
    centres = CentreIndexPageFactory(parent=home_page)
    return CentrePageFactory(parent=centres, title="CIC Kalisz", slug="kalisz", city="Kalisz")


@pytest.fixture
def kalisz_library(kalisz, locales):
    return VenueFactory(name="Biblioteka Publiczna w Kaliszu", city="Kalisz", locale=locales["pl"])


@pytest.fixture
def camp_category(locales):
    return CategoryFactory(name="Półkolonie", slug="polkolonie", locale=locales["pl"])


@pytest.fixture
def camp(calendar_page, kalisz_library):
    """A summer camp week for children aged 6–12, with 10 places and sign-up open."""
    page = EventPageFactory(parent=calendar_page, title="Półkolonie w Kaliszu", slug="polkolonie")
    SessionFactory(
        page=page,
        locale=page.locale,
        title="Turnus I",
        starts_at=in_days(14, hour=9),
        ends_at=in_days(14, hour=13),
        venue=kalisz_library,
        capacity=10,
        min_age=6,
        max_age=12,
    )
    return page


@pytest.fixture
def camp_session(camp):
    return camp.sessions.get()


@pytest.fixture
def coordinator_client(client, django_user_model):
    """A coordinator allowed to see who signed up."""
    client.force_login(staff_user(django_user_model, "coordinator", "events.view_participants"))
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    """An editor who can use the admin but may not see who signed up."""
    client.force_login(staff_user(django_user_model, "editor"))
    return client


@pytest.fixture
def club(calendar_page, locales):
    """A weekly club, Fridays at 16:00, across the change to summer time on 28 March 2027.

    One Friday is off and one Wednesday is added.
    """
    page = EventPageFactory(parent=calendar_page, title="Klub rozmów")
    return SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=local(2027, 3, 12, 16),
        ends_at=local(2027, 3, 12, 18),
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.WEEKLY, count=5)],
            # The recurrence widget stores exclusions and extra dates as dates.
            exdates=[datetime.datetime(2027, 3, 19)],
            rdates=[datetime.datetime(2027, 3, 31)],
        ),
    )


# Sign-ups: e-mails sent after commit, a session's whole story, places recounted.


@pytest.fixture
def places_add_up(transactional_db):
    """After each test, the stored count of places taken matches a recount.

    A test that overbooks on purpose sets ``overbooked`` on what this yields.
    """
    outcome = types.SimpleNamespace(overbooked=False)
    yield outcome
    if not outcome.overbooked:
        call_command("check_places", stdout=io.StringIO())


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the queued e-mails) of what happens inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ukrainian_session(camp, camp_session, locales):
    """The camp's session in Ukrainian, with two places."""
    Session.objects.filter(pk=camp_session.pk).update(capacity=2)
    page = translated(camp, locales["uk"])
    page.title = "Літній табір у Каліші"
    page.save_revision().publish()
    return page.sessions.get()


@pytest.fixture
def every_kind_of_e_mail(ukrainian_session, mailoutbox, committed):
    """A session's whole story, in Ukrainian: each kind of e-mail is sent at least once."""
    session = ukrainian_session
    with committed():
        family = sign_up(session, child("Marta"), child("Ivan"), email="a@example.com")
        first = sign_up(session, child("Olha", "First"), email="b@example.com")
        second = sign_up(session, child("Taras", "Second"), email="c@example.com")
    with committed():
        services.send_reminders(now=session.starts_at - datetime.timedelta(hours=20))
    with committed():  # Ivan's place goes to the first family waiting...
        services.cancel(
            registration=family, participant=family.participants.get(first_name="Ivan")
        )
    with committed():  # ...who let the offer expire: it passes to the second.
        services.expire_offers(now=timezone.now() + datetime.timedelta(hours=49))
    with committed():
        services.accept_offer(registration=second)
    with committed():
        services.cancel(registration=second)
    with committed():  # A date called off, and brought back...
        cancellation, _told = services.cancel_date(
            session=session, starts_at=session.starts_at, notes={"pl": "Ferie"}
        )
    with committed():
        services.restore_date(cancellation=cancellation)
    with committed():  # ...and the session an hour later.
        source = Session.objects.get(
            translation_key=session.translation_key, locale__language_code="pl"
        )
        source.starts_at += datetime.timedelta(hours=1)
        source.ends_at += datetime.timedelta(hours=1)
        source.save()
        services.sync_quotas(source.page)
    with committed():  # Staff move the first family to the camp's second week...
        second_week = SessionFactory(
            page=source.page,
            locale=source.locale,
            title="Turnus II",
            starts_at=source.starts_at + datetime.timedelta(weeks=1),
            ends_at=source.ends_at + datetime.timedelta(weeks=1),
            venue=source.venue,
            capacity=10,
            min_age=6,
            max_age=12,
        )
        source.page.specific.save_revision().publish()
        services.move_registration(
            registration=Registration.objects.get(pk=family.pk), to_session=second_week
        )
        # ...and another family takes the freed place.
        sign_up(session, child("Oksana", "Late"), email="d@example.com")
    with committed():
        services.cancel_session(session=session, note="Remont biblioteki.")
    assert Registration.objects.get(pk=first.pk).cancelled_by == "offer_expired"
    return list(mailoutbox)


@pytest.fixture
def commit():
    """What a commit does: run the on-commit callbacks waiting, and forget them.

    A test is one transaction that is never committed: the changes it makes leave
    their callbacks (a new generation of the pages) waiting, and while any waits the
    page cache stands aside (``uncommitted_changes``), so these tests would never
    reach it. Call this after setting up, and after each change.
    """

    def run():
        connection = transaction.get_connection()
        while connection.run_on_commit:
            waiting, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, callback, _robust in waiting:
                callback()

    return run
