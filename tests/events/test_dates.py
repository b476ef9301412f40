"""
The sessions' materialised dates (events/models/dates.py): one row per occurrence
within the horizon, kept in step with sessions, programmes and cancellations, and
what every calendar page reads, at a cost that does not grow with the sessions kept.
"""

import datetime
import io
import re

import pytest
import recurrence

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.listing import upcoming_occurrences
from events.models import CancelledOccurrence, ProgrammePage, Session, SessionDate
from events.models.dates import FUTURE_DAYS
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days, local, translated, years_of_sessions
from tests.home.factories import CentrePageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(r'class="occurrence__title"><a href="[^"]*">([^<]+)</a>', html)


def starts(session):
    return [
        timezone.localtime(moment)
        for moment in SessionDate.objects.filter(session=session)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    ]


# The rows


def test_a_weekly_club_has_a_row_for_each_meeting(club):
    """Fridays at 16:00 in winter and summer time, one Friday excluded, a Wednesday added."""
    assert starts(club) == [
        local(2027, 3, 12, 16),
        local(2027, 3, 26, 16),
        local(2027, 3, 31, 16),
        local(2027, 4, 2, 16),
        local(2027, 4, 9, 16),
    ]


def test_a_rule_without_an_end_has_rows_up_to_the_horizon(calendar_page):
    page = EventPageFactory(parent=calendar_page)
    session = SessionFactory(
        page=page,
        starts_at=in_days(1),
        ends_at=in_days(1, hour=12),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)]),
    )

    last = starts(session)[-1]

    horizon = timezone.now() + datetime.timedelta(days=FUTURE_DAYS)
    assert horizon - datetime.timedelta(weeks=1) < last < horizon


def test_a_monday_to_friday_camp_is_one_row_that_knows_when_its_last_day_starts(
    calendar_page,
):
    page = EventPageFactory(parent=calendar_page)
    camp = SessionFactory(
        page=page,
        starts_at=local(2027, 7, 5, 8),
        ends_at=local(2027, 7, 9, 13),
        daily=Session.Daily.WEEKDAYS,
    )

    [row] = SessionDate.objects.filter(session=camp)

    assert row.starts_at == local(2027, 7, 5, 8)
    assert row.ends_at == local(2027, 7, 9, 13)
    assert row.last_starts_at == local(2027, 7, 9, 8)
    on_wednesday = SessionDate.objects.between(local(2027, 7, 7), local(2027, 7, 8))
    assert list(on_wednesday) == [row]


# Kept in step


def test_a_session_moved_and_saved_moves_its_row(camp_session):
    camp_session.starts_at += datetime.timedelta(days=2)
    camp_session.ends_at += datetime.timedelta(days=2)
    camp_session.save()

    assert starts(camp_session) == [timezone.localtime(camp_session.starts_at)]


def test_a_deleted_session_takes_its_rows_with_it(camp, camp_session):
    camp_session.delete()

    assert not SessionDate.objects.exists()


def test_a_cancelled_date_marks_its_row_and_bringing_it_back_clears_it(club):
    cancelled_start = local(2027, 3, 26, 16)
    cancellation = CancelledOccurrence.objects.create(
        session_key=club.translation_key, starts_at=cancelled_start
    )

    marked = SessionDate.objects.filter(session=club, cancelled_date__isnull=False)
    assert [row.starts_at for row in marked] == [cancelled_start]

    cancellation.delete()

    assert not SessionDate.objects.filter(cancelled_date__isnull=False).exists()


def test_a_cancelled_session_marks_every_row_in_every_language(camp, camp_session, locales):
    ukrainian = translated(camp, locales["uk"]).sessions.get()

    services.cancel_session(session=camp_session, note="Choroba")

    rows = SessionDate.objects.filter(session__in=[camp_session, ukrainian])
    assert rows.count() == 2
    assert all(row.cancelled_session is not None for row in rows)


def test_publishing_the_polish_programme_moves_the_dates_of_its_translations(
    camp, camp_session, locales
):
    """The translations' rows take the new time through an UPDATE (translation_sync):
    the programme's dates are rebuilt after it."""
    ukrainian = translated(camp, locales["uk"]).sessions.get()
    page = ProgrammePage.objects.get(pk=camp.pk).specific
    sessions = list(page.sessions.all())
    sessions[0].starts_at += datetime.timedelta(hours=2)
    sessions[0].ends_at += datetime.timedelta(hours=2)
    page.sessions = sessions

    page.save_revision().publish()

    assert starts(ukrainian) == [
        timezone.localtime(camp_session.starts_at) + datetime.timedelta(hours=2)
    ]


def test_the_nightly_command_fills_what_no_signal_saw_and_changes_nothing_run_again(
    calendar_page,
):
    page = EventPageFactory(parent=calendar_page)
    [session] = Session.objects.bulk_create(
        [Session(page=page, locale=page.locale, starts_at=in_days(3), ends_at=in_days(3, 12))]
    )
    assert not SessionDate.objects.exists()

    out = io.StringIO()
    call_command("refresh_session_dates", stdout=out)
    first = list(SessionDate.objects.values_list("session", "starts_at", "ends_at"))
    call_command("refresh_session_dates", stdout=io.StringIO())

    assert first == [(session.pk, in_days(3), in_days(3, 12))]
    assert list(SessionDate.objects.values_list("session", "starts_at", "ends_at")) == first
    assert "1 date(s) of 1 session(s)" in out.getvalue()


# Read by the pages


def test_a_month_beyond_the_horizon_is_expanded_from_the_rules(client, calendar_page):
    """Nobody keeps rows three years ahead; the month view still shows the date."""
    page = EventPageFactory(parent=calendar_page, title="Daleka przyszłość")
    day = timezone.localdate() + datetime.timedelta(days=3 * 365)
    SessionFactory(
        page=page,
        starts_at=local(day.year, day.month, day.day, 10),
        ends_at=local(day.year, day.month, day.day, 12),
    )
    SessionDate.objects.all().delete()

    html = client.get(f"{calendar_page.url}month/{day.year}/{day.month}/").content.decode()

    assert "Daleka przyszłość" in html


def test_a_page_preview_lists_the_dates_of_unsaved_sessions(calendar_page, rf):
    page = EventPageFactory(parent=calendar_page, title="Podgląd")
    page.sessions = [Session(starts_at=in_days(5), ends_at=in_days(5, hour=12))]
    request = rf.get("/")
    request.is_preview = True

    upcoming = page.get_context(request)["upcoming_occurrences"]

    assert [occurrence.starts_at for occurrence in upcoming] == [in_days(5)]


def test_the_embed_lists_the_dates_of_the_sessions_it_is_given(calendar_page):
    """events.feeds passes a queryset of sessions (keeping its name and signature)."""
    page = EventPageFactory(parent=calendar_page)
    later = SessionFactory(page=page, starts_at=in_days(9), ends_at=in_days(9, hour=12))
    sooner = SessionFactory(page=page, starts_at=in_days(2), ends_at=in_days(2, hour=12))

    found = upcoming_occurrences(Session.objects.all(), limit=5)

    assert [occurrence.session for occurrence in found] == [sooner, later]


# What it costs

# Each page's own queries (its dates, their sessions, the audiences, a count) and the
# site frame's (menu, footer, settings, language switcher, the filter form's
# choices), whatever the number of sessions: 11 (home, month, week, centre) to 14
# (venue) today, within the budget of 15 (docs/performance.md).
MOST_QUERIES = 15


def page_queries(client, url):
    """The queries of `url`, asked for a third time (the frame is cached by then)."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.slow
def test_every_calendar_page_costs_the_same_queries_for_50_and_5000_sessions(
    client, home_page, calendar_page, kalisz
):
    """5 centres × 3 years of sessions, two of them past: what a site keeps."""
    centres = [(kalisz, VenueFactory(centre=kalisz))]
    for town, slug in [
        ("Poznań", "poznan"),
        ("Konin", "konin"),
        ("Leszno", "leszno"),
        ("Piła", "pila"),
    ]:
        centre = CentrePageFactory(parent=kalisz.get_parent(), title=f"CIC {town}", slug=slug)
        centres.append((centre, VenueFactory(centre=centre, city=town)))
    years_of_sessions(calendar_page, centres, 50)
    programme = calendar_page.get_children().live().last()
    urls = {
        "home": home_page.url,
        "listing": calendar_page.url,
        "month": calendar_page.url + "month/",
        "week": calendar_page.url + "week/",
        "archive": calendar_page.url + "archive/",
        "programme": programme.url,
        "centre": kalisz.url,
        "venue": calendar_page.venue_url(centres[0][1]),
    }
    few = {name: page_queries(client, url) for name, url in urls.items()}

    years_of_sessions(calendar_page, centres, 4950, first=50)
    many = {name: page_queries(client, url) for name, url in urls.items()}

    counts = {name: (few[name][0], many[name][0]) for name in urls}
    assert all(at_50 == at_5000 for at_50, at_5000 in counts.values()), counts
    assert all(at_5000 <= MOST_QUERIES for _, at_5000 in counts.values()), counts
    # Not an empty page: the listing and the archive show a full page of dates.
    assert len(titles(many["listing"][1])) == len(titles(many["archive"][1])) == 20
