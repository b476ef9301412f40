"""What the calendar's pages work out once: the filter form's HTML kept for the content's
generation (new on every change it shows, never shared between languages or submitted
values), and the rows of a list of occurrences worked out in Python with the same
addresses the tags give."""

import datetime
import re
from unittest import mock

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.feed_cache import feeds_changed
from events.models import Session
from events.templatetags.calendar_tags import session_ics_path, session_path
from signups import services
from tests.events.factories import CategoryFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days, translated
from tests.home.factories import CentrePageFactory
from tests.signups.utils import child, sign_up
from tests.utils import translated_plural, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    """These tests are about rendering: no whole page from the page cache."""
    settings.CIC_PAGE_CACHE = False


def filter_form(html):
    start = html.index('<details class="filters"')
    return html[start : html.index("</details>", start)]


def test_a_venue_added_shows_in_the_filters_on_the_next_page(
    client, calendar_page, locales, django_capture_on_commit_callbacks
):
    VenueFactory(name="Biblioteka Raczyńskich", slug="raczynskich", locale=locales["pl"])
    first = filter_form(client.get(calendar_page.url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        VenueFactory(name="Biblioteka Publiczna", slug="publiczna", locale=locales["pl"])

    second = filter_form(client.get(calendar_page.url).content.decode())

    assert "Biblioteka Publiczna" not in first
    assert "Biblioteka Raczyńskich" in second
    assert "Biblioteka Publiczna" in second


def test_a_category_renamed_shows_in_the_filters_on_the_next_page(
    client, calendar_page, locales, django_capture_on_commit_callbacks
):
    category = CategoryFactory(name="Warsztaty", slug="warsztaty", locale=locales["pl"])
    client.get(calendar_page.url + "month/")
    category.name = "Warsztaty dla dzieci"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()

    html = filter_form(client.get(calendar_page.url + "month/").content.decode())

    assert "Warsztaty dla dzieci" in html


def test_each_language_and_each_choice_has_its_own_filters(client, calendar_page, locales):
    venue = VenueFactory(name="Biblioteka", slug="biblioteka", locale=locales["pl"])
    venue_uk = venue.copy_for_translation(locales["uk"])
    venue_uk.name = "Бібліотека"
    venue_uk.save()
    calendar_uk = translated(calendar_page, locales["uk"])

    polish = filter_form(client.get(calendar_page.url).content.decode())
    ukrainian = filter_form(client.get(calendar_uk.url).content.decode())
    chosen = filter_form(client.get(calendar_page.url + "?venue=biblioteka").content.decode())

    assert "Biblioteka" in polish and "Бібліотека" not in polish
    assert "Бібліотека" in ukrainian and "Biblioteka<" not in ukrainian
    assert 'value="biblioteka" selected' in chosen
    assert 'value="biblioteka" selected' not in polish


def test_a_form_with_errors_is_never_kept(client, calendar_page):
    wrong = client.get(calendar_page.url + "?age=abc")
    again = client.get(calendar_page.url + "?age=abc")
    right = client.get(calendar_page.url + "?age=7")

    assert wrong.status_code == again.status_code == 400
    assert 'id="id_age-errors"' in filter_form(again.content.decode())
    assert right.status_code == 200
    assert "field-error" not in filter_form(right.content.decode())
    assert 'value="7"' in filter_form(right.content.decode())


@pytest.mark.parametrize("language", ["pl", "uk", "en"])
def test_the_sessions_addresses_are_the_ones_reverse_gives(language, camp_session):
    key = camp_session.translation_key
    with translation.override(language):
        assert session_path("feeds:session", key) == reverse(
            "feeds:session", kwargs={"session_key": key}
        )
        assert session_path("signups:sign_up", key) == reverse(
            "signups:sign_up", kwargs={"session_key": key}
        )
        assert session_ics_path(camp_session) == reverse(
            "feeds:session", kwargs={"session_key": key}
        )


def test_a_row_links_the_sign_up_form_and_the_calendar_file(client, calendar_page, camp_session):
    html = client.get(calendar_page.url).content.decode()

    key = camp_session.translation_key
    assert f'href="{reverse("signups:sign_up", kwargs={"session_key": key})}"' in html
    assert f'href="{reverse("feeds:session", kwargs={"session_key": key})}"' in html
    assert f'href="{camp_session.page.url}"' in html


# The rows of a list of occurrences, kept in the shared cache (calendar_tags.occurrence_items)


def rows_of(html):
    start = html.index('<ol class="occurrence-list">')
    return html[start : html.index("</ol>", start)]


def test_a_sign_up_changes_the_places_its_row_shows_at_once(client, calendar_page, camp_session):
    before = rows_of(client.get(calendar_page.url).content.decode())
    sign_up(camp_session, child("Iwan"), child("Marija"))

    after = rows_of(client.get(calendar_page.url).content.decode())

    def places_left(number):
        return translated_plural(
            "%(places)s place left", "%(places)s places left", number, places=number
        )

    assert places_left(10) in before and places_left(8) not in before
    assert places_left(8) in after and places_left(10) not in after


def test_a_session_renamed_or_a_venue_moved_shows_in_its_row_at_once(
    client, calendar_page, camp_session, django_capture_on_commit_callbacks
):
    client.get(calendar_page.url)
    with django_capture_on_commit_callbacks(execute=True):
        camp_session.title = "Turnus specjalny"
        camp_session.save()
        venue = camp_session.venue
        venue.city = "Ostrów Wielkopolski"
        venue.save()

    rows = rows_of(client.get(calendar_page.url).content.decode())

    assert "Turnus specjalny" in rows and "Turnus I<" not in rows
    assert "Ostrów Wielkopolski" in rows


def test_a_row_closes_its_sign_up_when_the_window_closes_with_nothing_saved(
    client, calendar_page, camp_session
):
    """No generation starts when time passes: the row's state is part of its key."""
    Session.objects.filter(pk=camp_session.pk).update(
        registration_closes_at=camp_session.starts_at - datetime.timedelta(days=1)
    )
    feeds_changed()  # as saving the session does
    sign_up_link = reverse("signups:sign_up", kwargs={"session_key": camp_session.translation_key})
    assert sign_up_link in rows_of(client.get(calendar_page.url).content.decode())

    later = camp_session.starts_at - datetime.timedelta(hours=12)
    with mock.patch("django.utils.timezone.now", return_value=later):
        rows = rows_of(client.get(calendar_page.url).content.decode())

    assert sign_up_link not in rows
    assert translated_text("Sign-up closed") in rows


def test_the_rows_cost_the_same_queries_for_few_and_many_sessions_when_nothing_is_kept(
    client, calendar_page, camp, kalisz_library
):
    def cold_queries():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar_page.url).status_code == 200
        return len(queries)

    client.get(calendar_page.url)  # per-process caches (content types, site root paths)
    few = cold_queries()
    for day in range(2, 8):
        SessionFactory(
            page=camp, locale=camp.locale, starts_at=in_days(day, hour=9), venue=kalisz_library
        )

    assert cold_queries() == few


def test_each_language_has_its_own_rows(client, calendar_page, camp, camp_session, locales):
    calendar_uk = translated(calendar_page, locales["uk"])
    camp_uk = translated(camp, locales["uk"])
    camp_uk.title = "Табір у Каліші"
    camp_uk.save_revision().publish()

    polish = rows_of(client.get(calendar_page.url).content.decode())
    ukrainian = rows_of(client.get(calendar_uk.url).content.decode())

    assert "Półkolonie w Kaliszu" in polish and "Табір у Каліші" not in polish
    assert "Табір у Каліші" in ukrainian and "Półkolonie w Kaliszu" not in ukrainian
    assert "/uk/sign-ups/" in ukrainian and "/pl/sign-ups/" not in ukrainian


def test_a_preview_shows_the_draft_not_the_kept_row(client, camp, camp_session):
    client.get(camp.url)  # the live row is kept
    draft = camp.get_latest_revision_as_object()
    sessions = list(draft.sessions.all())
    sessions[0].title = "Turnus z wersji roboczej"
    draft.sessions = sessions

    html = draft.make_preview_request().content.decode()

    assert "Turnus z wersji roboczej" in rows_of(html)
    assert "Turnus z wersji roboczej" not in client.get(camp.url).content.decode()


# The month's grid, kept for the content's generation (events.views.month_view)


def month_url(calendar_page, session):
    day = timezone.localtime(session.starts_at)
    return f"{calendar_page.url}month/{day.year}/{day.month}/"


def grid_of(html):
    start = html.index('<div id="results">')
    return html[start : html.index("</table>", start)]


def test_a_session_cancelled_shows_in_the_month_at_once(
    client, calendar_page, camp_session, django_capture_on_commit_callbacks
):
    url = month_url(calendar_page, camp_session)
    assert "occurrence--cancelled" not in grid_of(client.get(url).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=camp_session, note="Choroba prowadzącej")

    assert "occurrence--cancelled" in grid_of(client.get(url).content.decode())


def test_the_month_of_sessions_with_places_left_is_never_kept(client, calendar_page, camp_session):
    Session.objects.filter(pk=camp_session.pk).update(capacity=2)
    url = month_url(calendar_page, camp_session) + "?places=on"
    assert "Półkolonie w Kaliszu" in grid_of(client.get(url).content.decode())

    sign_up(camp_session, child("Iwan"), child("Marija"))

    assert "Półkolonie w Kaliszu" not in grid_of(client.get(url).content.decode())


def test_each_month_and_each_filter_has_its_own_grid(client, calendar_page, camp_session):
    url = month_url(calendar_page, camp_session)
    day = timezone.localtime(camp_session.starts_at)
    following = f"{calendar_page.url}month/{day.year + 1}/{day.month}/"

    assert "Półkolonie w Kaliszu" in grid_of(client.get(url).content.decode())
    assert "Półkolonie w Kaliszu" not in grid_of(client.get(following).content.decode())
    assert "Półkolonie w Kaliszu" not in grid_of(client.get(url + "?age=40").content.decode())
    assert "Półkolonie w Kaliszu" in grid_of(client.get(url + "?age=8").content.decode())


def test_a_preview_shows_the_organiser_the_draft_names(client, camp, kalisz):
    """The organiser in the visitor's language is kept per generation, but not for a
    preview (home.generation_cache.cached), which shows the draft's choice."""
    konin = CentrePageFactory(parent=kalisz.get_parent(), title="CIC Konin", slug="konin")
    camp.organiser = kalisz
    camp.save_revision().publish()
    assert organiser_named(client.get(camp.url).content.decode()) == "CIC Kalisz"  # kept
    draft = camp.get_latest_revision_as_object()
    draft.organiser = konin

    html = draft.make_preview_request().content.decode()

    assert organiser_named(html) == "CIC Konin"
    assert organiser_named(client.get(camp.url).content.decode()) == "CIC Kalisz"


def organiser_named(html):
    """The centre the page's "Organised by" line names."""
    line = f"<strong>{translated_text('Organised by')}:</strong>"
    start = html.index(line) + len(line)
    return re.search(r"<a [^>]*>([^<]*)</a>", html[start:])[1]
