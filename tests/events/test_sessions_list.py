"""Staff tell sessions apart in the sessions list: what, where, which centre, when next,
places and waiting; upcoming first; found by programme, session, venue or town."""

import datetime

import pytest
from recurrence import WEEKLY, Recurrence, Rule

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events.factories import SessionFactory, VenueFactory
from signups import services
from tests.conftest import page_text, translated_plural, translated_text

from .conftest import child, in_days, sign_up

pytestmark = pytest.mark.django_db

SESSIONS = reverse("sign_ups:index")
# Session, user, profile, the count, the rows, the filters' choices, Wagtail's own lookups.
QUERIES_FOR_TWO = 9


def add_session(page, title, days, *, venue=None, hours=4, **kwargs):
    session = SessionFactory(
        page=page,
        locale=page.locale,
        title=title,
        starts_at=in_days(days, hour=9),
        ends_at=in_days(days, hour=9) + datetime.timedelta(hours=hours),
        venue=venue,
        capacity=kwargs.pop("capacity", 10),
        **kwargs,
    )
    services.quota_for(session)
    return session


def titles(response):
    return [row.instance.session.title for row in response.context["table"].rows]


def test_each_row_names_programme_session_venue_centre_places_and_waiting(
    admin_client, camp, camp_session, kalisz, locales
):
    camp.organiser = kalisz
    camp.save()
    full = add_session(camp, "Turnus II", 21, venue=camp_session.venue, capacity=2)
    sign_up(full, child("Anna"), child("Taras"), email="a@example.com")
    sign_up(full, child("Ivan"), email="b@example.com")
    services.quota_for(camp_session)

    response = admin_client.get(SESSIONS)

    text = page_text(response)
    headings = [str(column.label) for column in response.context["table"].columns.values()]
    for heading in ("Programme", "Session", "Venue", "Centre", "Next date", "Places taken"):
        assert translated_text(heading) in headings
    assert "Biblioteka Publiczna w Kaliszu, Kalisz" in text
    assert "CIC Kalisz" in text
    rows = {row.instance.session.title: row for row in response.context["table"].rows}
    assert rows["Turnus II"].instance.waiting == 1
    assert "2 / 2" in text and "0 / 10" in text


def test_upcoming_sessions_come_first_soonest_first_then_past_ones_latest_first(
    admin_client, camp
):
    add_session(camp, "In two weeks", 14)
    add_session(camp, "Long ago", -60)
    add_session(camp, "In three days", 3)
    add_session(camp, "Last week", -7)
    # A weekly club that started a month ago meets next in five days.
    add_session(camp, "Weekly club", -30, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)]))
    # Met twice, the last time 53 days ago: over.
    ended = Recurrence(rrules=[Rule(WEEKLY, count=2)])
    add_session(camp, "Ended club", -60, hours=2, recurrence=ended)

    response = admin_client.get(SESSIONS)

    assert titles(response) == [
        "In three days",
        "Weekly club",
        "In two weeks",
        "Last week",
        "Ended club",
        "Long ago",
    ]


def test_next_date_is_the_next_meeting_or_the_last_one_once_over(admin_client, camp):
    add_session(camp, "Weekly club", -29, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)]))
    add_session(camp, "Last week", -7)

    response = admin_client.get(SESSIONS)

    text = page_text(response)
    next_meeting = timezone.localtime(in_days(6, hour=9))
    last = timezone.localtime(in_days(-7, hour=9))
    assert date_format(next_meeting, "SHORT_DATETIME_FORMAT") in text
    assert (
        date_format(timezone.localtime(in_days(-29, hour=9)), "SHORT_DATETIME_FORMAT") not in text
    )
    assert (
        translated_text("last met %(date)s", date=date_format(last, "SHORT_DATETIME_FORMAT"))
        in text
    )


def test_search_finds_sessions_by_venue_and_by_town(admin_client, camp, camp_session, locales):
    park = VenueFactory(name="Park Przyjaźni", city="Piła", locale=locales["pl"])
    add_session(camp, "Piknik", 10, venue=park)
    services.quota_for(camp_session)

    by_venue = admin_client.get(SESSIONS, {"q": "biblioteka publiczna"})
    by_town = admin_client.get(SESSIONS, {"q": "piła"})

    assert titles(by_venue) == ["Turnus I"]
    assert titles(by_town) == ["Piknik"]


def test_the_count_says_how_many_sessions(admin_client, camp, camp_session):
    services.quota_for(camp_session)
    add_session(camp, "Turnus II", 21)

    response = admin_client.get(SESSIONS)

    assert translated_plural("%(count)s session", "%(count)s sessions", 2, count=2) in page_text(
        response
    )
    assert "places of sessions" not in page_text(response)


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_makes_the_same_queries_for_2_and_20_sessions(
    admin_client, camp, kalisz, locales, count, django_assert_max_num_queries
):
    """The bound is what 2 sessions take (measured): 20 take no more."""
    camp.organiser = kalisz
    camp.save()
    hall = VenueFactory(name="Sala", city="Kalisz", kind="centre", centre=kalisz)
    for day in range(count):
        add_session(camp, f"Turnus {day}", day - count // 2, venue=hall)
        add_session(
            camp, f"Klub {day}", -10, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)])
        )

    admin_client.get(SESSIONS)  # Django's and Wagtail's caches filled, as on a running site

    with django_assert_max_num_queries(QUERIES_FOR_TWO):
        response = admin_client.get(SESSIONS)

    assert len(list(response.context["table"].rows)) == 2 * count


def test_a_deleted_session_is_listed_as_such(admin_client, camp, camp_session):
    services.quota_for(camp_session)
    add_session(camp, "Turnus II", 21)
    camp_session.delete()

    response = admin_client.get(SESSIONS)

    assert response.status_code == 200
    assert translated_text("Deleted session") in page_text(response)
