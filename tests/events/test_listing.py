"""The calendar: upcoming occurrences in date order, filters as links, month, week, archive."""

import json
import re

import pytest
import recurrence

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.feed_cache import feeds_changed
from events.models import ProgrammeAudience, ProgrammeLanguage, Session, SessionDate
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.utils import translated_text
from workshops.models import SummerCampPage

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(r'class="occurrence__title"><a href="[^"]*">([^<]+)</a>', html)


def add_event(calendar_page, title, days, **session_fields):
    page = EventPageFactory(parent=calendar_page, title=title)
    SessionFactory(
        page=page, starts_at=in_days(days), ends_at=in_days(days, hour=12), **session_fields
    )
    return page


def cancel(page, note=""):
    """Cancel the session of `page` as staff do ("Cancel session")."""
    services.cancel_session(session=page.sessions.get(), note=note)


def test_listing_shows_upcoming_occurrences_in_date_order(client, calendar_page):
    add_event(calendar_page, "Kino Meduza", days=10)
    add_event(calendar_page, "Piknik rodzinny", days=3)
    add_event(calendar_page, "Zeszłoroczny piknik", days=-30)

    response = client.get(calendar_page.url)

    assert response.status_code == 200
    assert titles(response) == ["Piknik rodzinny", "Kino Meduza"]


def test_listing_shows_places_left_full_and_no_sign_up(client, calendar_page):
    add_event(calendar_page, "Warsztaty", days=2, capacity=15)
    add_event(calendar_page, "Pełne warsztaty", days=3, capacity=0)
    add_event(calendar_page, "Piknik", days=4)

    html = client.get(calendar_page.url).content.decode()

    assert "15 wolnych miejsc" in html
    assert 'Brak miejsc</span> – <a class="occurrence__sign-up"' in html
    assert translated_text("join the waiting list") in html
    assert "Bez zapisów" in html


def test_cancelled_occurrence_is_shown_as_cancelled(client, calendar_page):
    cinema = add_event(calendar_page, "Spotkanie w kinie", days=5)
    cancel(cinema, note="Z powodu choroby prowadzącej.")

    html = client.get(calendar_page.url).content.decode()

    assert "occurrence--cancelled" in html
    assert "Odwołane" in html
    assert "Z powodu choroby prowadzącej." in html


def test_filters_by_age_centre_category_audience_and_language(
    client, calendar_page, kalisz, kalisz_library, camp_category
):
    camp = SummerCampPage(
        title="Półkolonie w Kaliszu", intro="Tydzień zabawy.", category=camp_category
    )
    calendar_page.add_child(instance=camp)
    ProgrammeAudience.objects.create(page=camp, audience="children")
    ProgrammeLanguage.objects.create(page=camp, code="uk")
    kalisz_library.centre = kalisz
    kalisz_library.save()
    SessionFactory(
        page=camp,
        venue=kalisz_library,
        min_age=6,
        max_age=12,
        starts_at=in_days(20),
        ends_at=in_days(24, hour=13),
    )
    add_event(calendar_page, "Kurs dla dorosłych", days=21, min_age=18)

    def filtered(**params):
        return titles(client.get(calendar_page.url, params))

    assert filtered(age=7) == ["Półkolonie w Kaliszu"]
    assert filtered(age=30) == ["Kurs dla dorosłych"]
    assert filtered(centre=kalisz.pk) == ["Półkolonie w Kaliszu"]
    assert filtered(venue=kalisz_library.pk) == ["Półkolonie w Kaliszu"]
    assert filtered(category="polkolonie") == ["Półkolonie w Kaliszu"]
    assert filtered(audience="children") == ["Półkolonie w Kaliszu"]
    assert filtered(language="uk") == ["Półkolonie w Kaliszu"]
    assert filtered(audience="adults") == []


def test_filters_by_date_range_and_places_left(client, calendar_page):
    add_event(calendar_page, "Za tydzień", days=7, capacity=10)
    add_event(calendar_page, "Za miesiąc", days=30, capacity=0)
    week_ahead = in_days(7).date().isoformat()

    assert titles(
        client.get(calendar_page.url, {"date_from": week_ahead, "date_to": week_ahead})
    ) == ["Za tydzień"]
    assert titles(client.get(calendar_page.url, {"places": "on"})) == ["Za tydzień"]


def test_bad_filter_gets_a_clear_message_and_a_400(client, calendar_page):
    add_event(calendar_page, "Piknik", days=3)

    response = client.get(
        calendar_page.url, {"age": "siedem", "date_from": "2027-01-10", "date_to": "2027-01-01"}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Wpisz liczbę całkowitą." in html
    assert "Data końcowa nie może być wcześniejsza niż początkowa." in html
    assert 'value="siedem"' in html


def test_listing_pages_through_many_occurrences(client, calendar_page):
    for day in range(1, 46):
        add_event(calendar_page, f"Zajęcia {day:02d}", days=day)

    first = titles(client.get(calendar_page.url))
    third = titles(client.get(calendar_page.url, {"page": 3}))

    assert len(first) == 20
    assert third == [f"Zajęcia {day:02d}" for day in range(41, 46)]


def test_month_view_puts_each_occurrence_on_its_day(client, calendar_page):
    page = add_event(calendar_page, "Spotkanie integracyjne", days=0)
    session = page.sessions.get()
    day = session.starts_at.astimezone(session.starts_at.tzinfo).day

    response = client.get(calendar_page.url + "month/")

    html = response.content.decode()
    assert response.status_code == 200
    cell = re.search(rf'<span class="month-grid__day">{day}</span>(.*?)</td>', html, re.S)
    assert "Spotkanie integracyjne" in cell.group(1)


def test_month_view_rejects_an_impossible_month(client, calendar_page):
    assert client.get(calendar_page.url + "month/2026/13/").status_code == 404


def test_week_view_lists_this_weeks_days(client, calendar_page):
    response = client.get(calendar_page.url + "week/")

    assert response.status_code == 200
    assert response.content.decode().count('class="day-heading"') == 7


def test_archive_lists_past_occurrences_newest_first(client, calendar_page):
    add_event(calendar_page, "Dawno temu", days=-60)
    add_event(calendar_page, "Niedawno", days=-2)
    add_event(calendar_page, "Wkrótce", days=2)

    assert titles(client.get(calendar_page.url + "archive/")) == ["Niedawno", "Dawno temu"]


def test_venue_page_lists_what_is_on_there(client, calendar_page, kalisz_library):
    add_event(calendar_page, "Bajkowóz w bibliotece", days=4, venue=kalisz_library)
    add_event(calendar_page, "Gdzie indziej", days=5)

    response = client.get(f"{calendar_page.url}venue/biblioteka-publiczna-w-kaliszu/")

    assert response.status_code == 200
    assert "Biblioteka Publiczna w Kaliszu" in response.content.decode()
    assert titles(response) == ["Bajkowóz w bibliotece"]


def test_unknown_venue_is_a_404(client, calendar_page):
    assert client.get(f"{calendar_page.url}venue/999999/").status_code == 404
    assert client.get(f"{calendar_page.url}venue/{'9' * 23}/").status_code == 404
    assert client.get(f"{calendar_page.url}venue/nie-ma-takiej/").status_code == 404


def test_centre_page_lists_what_is_on_there(client, calendar_page, kalisz, kalisz_library):
    kalisz_library.centre = kalisz
    kalisz_library.save()
    add_event(calendar_page, "Warsztaty w centrum", days=4, venue=kalisz_library)

    assert titles(client.get(kalisz.url)) == ["Warsztaty w centrum"]


def test_programme_page_has_event_json_ld(client, calendar_page, kalisz_library):
    page = add_event(calendar_page, "Kino Meduza", days=6, capacity=50, venue=kalisz_library)
    ProgrammeLanguage.objects.create(page=page, code="uk")
    ProgrammeAudience.objects.create(page=page, audience="families")

    html = client.get(page.url).content.decode()

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    [event] = json.loads(raw)
    assert event["@type"] == "Event"
    assert event["name"] == "Kino Meduza"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"]["name"] == "Biblioteka Publiczna w Kaliszu"
    assert event["location"]["address"]["addressLocality"] == "Kalisz"
    assert event["offers"]["price"] == "0"
    assert event["remainingAttendeeCapacity"] == 50
    assert event["inLanguage"] == ["uk"]
    assert event["audience"] == [{"@type": "Audience", "audienceType": "Families"}]


def test_cancelled_session_is_cancelled_in_json_ld(client, calendar_page):
    page = add_event(calendar_page, "Piknik", days=6)
    cancel(page)

    html = client.get(page.url).content.decode()

    assert '"eventStatus": "https://schema.org/EventCancelled"' in html


def build_occurrences(calendar_page, venue, count):
    """`count` one-off occurrences spread over ten programmes, with their dates: every
    other one upcoming (days 1, 3, 5, …), the others past (days 2, 4, 6, … ago), so
    that the week and the month around today hold some of them."""
    pages = [EventPageFactory(parent=calendar_page) for _ in range(10)]
    for page in pages:
        ProgrammeAudience.objects.create(page=page, audience="children")
    sessions = Session.objects.bulk_create(
        Session(
            page=pages[number % 10],
            locale=calendar_page.locale,
            sort_order=number,
            starts_at=in_days((1 + number % 300) * (-1 if number % 2 else 1)),
            ends_at=in_days((1 + number % 300) * (-1 if number % 2 else 1), hour=12),
            venue=venue,
            capacity=20,
        )
        for number in range(count)
    )
    # bulk_create sends no signal: their dates, which the calendar reads, made here, and
    # the change announced as publishing does (a new generation of the pages' content).
    SessionDate.objects.refresh(sessions)
    feeds_changed()


def listed_dates(response):
    """The occurrences a calendar page lists: its titles, or a month's days' entries."""
    days = re.findall(r'<ul class="month-days__list">(.*?)</ul>', response.content.decode(), re.S)
    return titles(response) + [entry for day in days for entry in day.split("<li")[1:]]


def count_queries(client, url):
    """The queries of `url` and the occurrences it lists."""
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(listed_dates(response))


@pytest.mark.slow
@pytest.mark.parametrize("view", ["", "month/", "week/", "archive/", "venue/"])
def test_calendar_views_make_the_same_queries_for_10_and_500_occurrences(
    client, settings, calendar_page, kalisz, kalisz_library, view
):
    settings.CIC_PAGE_CACHE = False  # each page rendered, not answered from the cache
    kalisz_library.centre = kalisz
    kalisz_library.save()
    url = calendar_page.venue_url(kalisz_library) if view == "venue/" else calendar_page.url + view
    build_occurrences(calendar_page, kalisz_library, 10)
    few, listed = count_queries(client, url)
    few_on_centre, listed_on_centre = count_queries(client, kalisz.url)

    build_occurrences(calendar_page, kalisz_library, 490)

    many, listed_of_many = count_queries(client, url)
    many_on_centre, listed_on_centre_of_many = count_queries(client, kalisz.url)
    assert many == few
    assert many_on_centre == few_on_centre
    # Not empty pages: the sessions' dates are listed, a page of them once there are many.
    assert listed > 0 and listed_of_many > listed
    if view in ("", "archive/", "venue/"):
        assert (listed, listed_of_many) == (5, 20)
    assert (listed_on_centre, listed_on_centre_of_many) == (5, 20)


def test_sitemap_lists_the_calendar_and_its_venues(client, calendar_page, kalisz_library):
    body = client.get("/sitemap.xml").content.decode()

    assert f"<loc>http://testserver{calendar_page.url}</loc>" in body
    assert f"<loc>http://testserver{calendar_page.venue_url(kalisz_library)}</loc>" in body


def test_home_page_shows_the_next_four_occurrences_of_one_off_and_weekly_sessions(
    client, home_page, calendar_page
):
    """The home page loads only the earliest one-off sessions; a weekly one must still
    take its place among them."""
    club = add_event(calendar_page, "Klub", days=2)
    club_session = club.sessions.get()
    club_session.recurrence = recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
    club_session.save()
    add_event(calendar_page, "Jutro", days=1)
    add_event(calendar_page, "Pojutrze", days=3)
    add_event(calendar_page, "Za miesiąc", days=30)

    assert titles(client.get(home_page.url)) == ["Jutro", "Klub", "Pojutrze", "Klub"]
