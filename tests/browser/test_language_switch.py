import re

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.home.factories import CentreIndexPageFactory, CentrePageFactory
from tests.utils import translate_page, translated_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def kalisz_in_two_languages(locales):
    home = HomePage.objects.get(depth=2, locale=locales["pl"])
    centres = CentreIndexPageFactory(parent=home, show_in_menus=True)
    kalisz = CentrePageFactory(parent=centres)
    translate_page(home, locales["uk"])
    translate_page(centres, locales["uk"])
    kalisz_uk = translate_page(kalisz, locales["uk"])
    kalisz_uk.title = "CIC Каліш"
    kalisz_uk.save_revision().publish()
    return kalisz


def test_visitor_switches_to_ukrainian_and_back_and_finds_the_same_page(
    live_server, page, kalisz_in_two_languages
):
    page.goto(f"{live_server.url}/pl/")
    page.get_by_role("link", name="Nasze Centra").click()
    page.get_by_role("link", name="CIC Kalisz").click()
    assert page.url.endswith("/pl/centra/kalisz/")

    page.get_by_role("navigation", name="Wybierz język").get_by_role(
        "link", name="Українська"
    ).click()

    expect(page).to_have_url(re.compile(r"/uk/centra/kalisz/$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.get_by_role("heading", level=1)).to_have_text("CIC Каліш")

    page.get_by_role("navigation", name="Виберіть мову").get_by_role("link", name="Polski").click()

    expect(page).to_have_url(re.compile(r"/pl/centra/kalisz/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CIC Kalisz")


@pytest.fixture
def calendar_in_two_languages(kalisz_in_two_languages, locales):
    """The calendar in pl and uk, with a camp organised by CIC Kalisz."""
    home = HomePage.objects.get(depth=2, locale=locales["pl"])
    calendar = EventIndexPageFactory(parent=home, title="Kalendarz", slug="kalendarz")
    camp = EventPageFactory(
        parent=calendar, title="Półkolonie w Kaliszu", organiser=kalisz_in_two_languages
    )
    SessionFactory(page=camp, locale=locales["pl"], starts_at=in_days(20))
    other = EventPageFactory(parent=calendar, title="Piknik w Opolu")
    SessionFactory(page=other, locale=locales["pl"], starts_at=in_days(21))
    calendar_uk = translate_page(calendar, locales["uk"])
    for page, title in [(camp, "Денний табір у Каліші"), (other, "Пікнік в Ополі")]:
        translation = translate_page(page, locales["uk"])
        translation.title = title
        translation.save_revision().publish()
    return calendar_uk


def test_visitor_switches_language_on_a_filtered_calendar_and_keeps_the_filter(
    live_server, page, calendar_in_two_languages
):
    page.goto(f"{live_server.url}/pl/kalendarz/")
    page.get_by_text(translated_text("Filter", "pl")).click()
    page.get_by_label(translated_text("Centre", "pl")).select_option(label="CIC Kalisz")
    page.get_by_role("button", name=translated_text("Show", "pl")).click()
    expect(page.locator(".occurrence__title")).to_have_text(["Półkolonie w Kaliszu"])

    page.get_by_role("navigation", name=translated_text("Choose language", "pl")).get_by_role(
        "link", name="Українська"
    ).click()

    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator(".occurrence__title")).to_have_text(["Денний табір у Каліші"])
    centre = page.get_by_label(translated_text("Centre", "uk"))
    assert centre.locator("option:checked").inner_text() == "CIC Каліш"
