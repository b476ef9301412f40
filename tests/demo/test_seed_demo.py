"""`seed_demo` on other days than today, the demo's calendar over a year, its
translations, and its superuser. What it builds today: test_seeded_demo.py."""

import collections
import datetime
import io

import polib
import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail_localize.strings import extract_strings

from demo import calendar as demo_calendar
from demo import texts
from demo.management.commands.seed_demo import SUPERUSER_NAME, SUPERUSER_PASSWORD
from demo.management.commands.seed_demo import Command as SeedDemo
from events.models import LOCAL_TIMEZONE, EventPage
from tests.demo.utils import KINDS, kinds_of, kinds_open_at, takes_sign_ups_now
from workshops.models import (
    AdaptationCoursePage,
    LibraryWorkshopPage,
    PolishCoursePage,
    SpeakingClubPage,
    SummerCampPage,
)

# wagtail-localize publishes translations when their transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2027, 7, 14),  # the summer holidays: the camp is in a few weeks
        datetime.date(2027, 8, 30),  # their last days: the next camp is in the winter break
        datetime.date(2027, 2, 22),  # in the winter break: the next camp is in July
    ],
)
def test_the_demo_has_an_open_session_of_every_kind_whatever_the_day_it_is_built(day, monkeypatch):
    now = datetime.datetime.combine(day, datetime.time(18, 30), tzinfo=LOCAL_TIMEZONE)
    monkeypatch.setattr(timezone, "now", lambda: now)

    call_command("seed_demo", verbosity=0)

    assert set(kinds_open_at(now)) == set(KINDS)


def test_every_kind_takes_sign_ups_on_every_day_of_a_year_in_the_demo_calendar():
    """The demo's dates, checked on each day of a year (without the families' sign-ups)."""
    command = SeedDemo()
    venues = collections.defaultdict(lambda: None)
    missing = {}
    for offset in range(366):
        day = datetime.date(2027, 1, 1) + datetime.timedelta(days=offset)
        now = datetime.datetime.combine(day, datetime.time(23), tzinfo=LOCAL_TIMEZONE)
        found = set()
        for data in demo_calendar.programmes(day):
            page = {
                "event": EventPage,
                "summer_camp": SummerCampPage,
                "library_workshop": LibraryWorkshopPage,
                "speaking_club": SpeakingClubPage,
                "polish_course": PolishCoursePage,
                "adaptation_course": AdaptationCoursePage,
            }[data["type"]]()
            for session_data in data["sessions"]:
                if data["type"] == "summer_camp" and session_data["venue"] == "centre:kalisz":
                    continue  # the demo families fill it
                if takes_sign_ups_now(command.session(session_data, venues), now):
                    found.update(kinds_of(page, set(data["audiences"])))
        if set(KINDS) - found:
            missing[day] = set(KINDS) - found

    assert missing == {}


# The demo's translations (demo/locale/<lang>/LC_MESSAGES/demo.po)


def texts_in(value):
    """Every text of the demo's JSON content, rich text cut into its paragraphs and list
    items as wagtail-localize cuts it into segments."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from texts_in(item)
    elif isinstance(value, str):
        yield value
        if value.startswith("<"):
            _template, strings = extract_strings(value)
            yield from (string.data for string, _attributes in strings)


def test_every_demo_translation_is_of_a_text_in_the_demo_content():
    """A Polish text changed or removed in the JSON leaves no translation behind that
    nothing uses (a translator would keep working on it)."""
    content = set(texts_in([texts.SITE, demo_calendar.CALENDAR]))

    for language in texts.LANGUAGES:
        catalogue = polib.pofile(str(texts.catalogue_path(language)))
        orphans = [entry.msgid for entry in catalogue if entry.msgid not in content]
        assert orphans == [], language


# The demo's superuser (issue 13, item 7)


def create_demo_superuser():
    out = io.StringIO()
    SeedDemo(stdout=out).create_superuser()
    return out.getvalue()


def test_without_debug_the_demo_makes_no_superuser_with_the_readme_password(
    django_user_model, settings
):
    """The test settings, like production, have DEBUG off."""
    settings.DEBUG = False
    settings.CIC_DEMO_ADMIN_PASSWORD = ""

    said = create_demo_superuser()

    assert not django_user_model.objects.filter(username=SUPERUSER_NAME).exists()
    assert "DEBUG is off" in said and "CIC_DEMO_ADMIN_PASSWORD" in said
    assert SUPERUSER_PASSWORD not in said


def test_without_debug_the_demo_superuser_gets_the_password_from_the_environment(
    django_user_model, settings
):
    settings.DEBUG = False
    settings.CIC_DEMO_ADMIN_PASSWORD = "a-long-secret-from-the-server"

    said = create_demo_superuser()

    admin = django_user_model.objects.get(username=SUPERUSER_NAME)
    assert admin.is_superuser
    assert admin.check_password("a-long-secret-from-the-server")
    assert not admin.check_password(SUPERUSER_PASSWORD)
    assert "a-long-secret-from-the-server" not in said


def test_under_debug_the_demo_superuser_has_the_readme_password(django_user_model, settings):
    """`make run` on a developer's laptop, as the README says."""
    settings.DEBUG = True
    settings.CIC_DEMO_ADMIN_PASSWORD = ""

    said = create_demo_superuser()

    assert django_user_model.objects.get(username=SUPERUSER_NAME).check_password(
        SUPERUSER_PASSWORD
    )
    assert SUPERUSER_PASSWORD in said
