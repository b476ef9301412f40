"""The month view on a 360 px phone: a list of the days with something on, not a grid."""

import pytest

from events.models import Session
from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory
from tests.events.utils import local

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JULY = "month/2027/7/"


@pytest.fixture
def camp_month(home_page):
    """July 2027: a half-day camp every day from Monday 5 to Friday 9 July, and a film."""
    calendar = EventIndexPageFactory(parent=home_page, title="Kalendarz", slug="kalendarz")
    camp = EventPageFactory(parent=calendar, title="Półkolonie międzykulturowe w Kaliszu")
    SessionFactory(
        page=camp,
        starts_at=local(2027, 7, 5, 8),
        ends_at=local(2027, 7, 9, 13),
        daily=Session.Daily.EVERY_DAY,
    )
    film = EventPageFactory(parent=calendar, title="Kino Meduza")
    SessionFactory(page=film, starts_at=local(2027, 7, 20, 17), ends_at=local(2027, 7, 20, 19))
    return calendar


def test_on_a_360_px_phone_the_month_is_a_readable_list_of_days(live_server, browser, camp_month):
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}{camp_month.url}{JULY}")

    days = page.locator(".month-days")
    assert days.is_visible()
    assert not page.locator(".month-grid").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Six days with something on, each a heading: the camp's five and the film's.
    assert days.get_by_role("heading", level=2).count() == 6
    camp_links = days.get_by_role("link", name="Półkolonie międzykulturowe w Kaliszu")
    assert camp_links.count() == 5
    # A title reads in words across the width, not one letter per line.
    assert camp_links.first.bounding_box()["width"] > 200
    assert "08:00–13:00" in days.inner_text()
    phone.close()


def test_on_a_wide_screen_the_month_is_a_grid(live_server, browser, camp_month):
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    page.goto(f"{live_server.url}{camp_month.url}{JULY}")

    assert page.locator(".month-grid").is_visible()
    assert not page.locator(".month-days").is_visible()
    desktop.close()
