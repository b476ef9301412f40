"""The admin dashboard shows staff today's and the coming week's sessions, waiting lists and offers."""

import datetime
from unittest import mock

import pytest

from django.urls import reverse
from django.utils import timezone

from events.models import Quota
from signups.admin.dashboard import SignUpsDashboardPanel
from signups.models import Registration
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


def today_at(hour):
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def at_noon():
    """The clock at noon today: a session "late today" (23:00) is still to come, whatever
    hour the test runs at (between 23:00 and midnight, sign-ups for it would be closed)."""
    noon = today_at(12)
    with mock.patch("django.utils.timezone.now", return_value=noon):
        yield noon


def programme(calendar_page, venue, title, *starts, capacity=10, **session):
    page = EventPageFactory(parent=calendar_page, title=title)
    for starts_at in starts:
        SessionFactory(
            page=page,
            locale=page.locale,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            venue=venue,
            capacity=capacity,
            **session,
        )
    page.save_revision().publish()
    return page


def test_dashboard_says_so_when_there_is_nothing(coordinator_client, calendar_page):
    text = page_text(coordinator_client.get(DASHBOARD))

    assert translated_text("No sessions today.") in text
    assert translated_text("No sessions in the next seven days.") in text
    assert translated_text("Nobody is on a waiting list.") in text
    assert translated_text("No offer expires within 24 hours.") in text


def test_dashboard_lists_todays_and_this_weeks_sessions_with_their_places(
    coordinator_client, calendar_page, kalisz_library, at_noon
):
    # Late today, so that it is not over at noon.
    club = programme(calendar_page, kalisz_library, "Klub rozmów", today_at(23))
    picnic = programme(calendar_page, kalisz_library, "Piknik rodzinny", in_days(3))
    programme(calendar_page, kalisz_library, "Kino za miesiąc", in_days(30))
    session = club.sessions.get()
    sign_up(session, child("Ola"), child("Iwan"))

    response = coordinator_client.get(DASHBOARD)

    text = page_text(response)
    assert "Klub rozmów" in text and "Piknik rodzinny" in text
    assert "Kino za miesiąc" not in text
    assert translated_text("%(taken)s of %(capacity)s", taken=2, capacity=10) in text
    quota = Quota.objects.get(session_key=session.translation_key)
    assert reverse("sign_ups:registrations", args=[quota.pk]) in text
    panel = next(p for p in response.context["panels"] if isinstance(p, SignUpsDashboardPanel))
    lists = panel.get_context_data({})
    assert [m.session.page.title for m in lists["today"]] == [club.title]
    assert [m.session.page.title for m in lists["week"]] == [picnic.title]


def test_a_weekly_club_is_listed_by_its_meeting_this_week(
    coordinator_client, calendar_page, kalisz_library
):
    """A session that started weeks ago meets again this week: the meeting is what counts."""
    from recurrence import WEEKLY, Recurrence, Rule

    programme(
        calendar_page,
        kalisz_library,
        "Klub konwersacyjny",
        in_days(-14),
        recurrence=Recurrence(rrules=[Rule(WEEKLY)]),
    )

    text = page_text(coordinator_client.get(DASHBOARD))

    assert "Klub konwersacyjny" in text
    assert translated_text("No sessions in the next seven days.") not in text


def test_dashboard_lists_waiting_lists_and_offers_about_to_expire(
    coordinator_client, calendar_page, kalisz_library
):
    page = programme(calendar_page, kalisz_library, "Półkolonie", in_days(10), capacity=1)
    session = page.sessions.get()
    sign_up(session, child("Ola"))
    sign_up(session, child("Iwan"), child("Petro"), email="petro@example.com")
    Registration.objects.filter(status=Registration.Status.WAITING).update(
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=5),
    )
    sign_up(session, child("Maria"), email="maria@example.com")

    text = page_text(coordinator_client.get(DASHBOARD))

    assert (
        translated_plural("%(counter)s person waiting", "%(counter)s people waiting", 1, counter=1)
        in text
    )
    assert (
        translated_plural(
            "%(counter)s place offered, until %(expires)s",
            "%(counter)s places offered, until %(expires)s",
            2,
            counter=2,
            expires="",
        ).split(",")[0]
        in text
    )


def test_people_who_cannot_see_sign_ups_do_not_get_the_panel(editor_client, calendar_page):
    text = page_text(editor_client.get(DASHBOARD))

    assert translated_text("Sessions and sign-ups") not in text


@pytest.mark.parametrize("programmes", [1, 6])
def test_dashboard_queries_do_not_grow_with_sessions(
    calendar_page, kalisz_library, django_assert_max_num_queries, programmes, at_noon
):
    for n in range(programmes):
        page = programme(
            calendar_page, kalisz_library, f"Zajęcia {n}", today_at(23), in_days(2), capacity=1
        )
        session = page.sessions.first()
        sign_up(session, child("Ola"), email=f"a{n}@example.com")
        sign_up(session, child("Iwan"), email=f"b{n}@example.com")
    panel = SignUpsDashboardPanel()
    with django_assert_max_num_queries(8):
        html = panel.render_html({})

    assert html.count("<tr>") == 2 * programmes + 2
