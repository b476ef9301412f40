import pytest
from playwright.sync_api import expect

from events.models import ProgrammeAudience
from home.models import HomePage
from tests.events.factories import (
    CategoryFactory,
    EventIndexPageFactory,
    SessionFactory,
    VenueFactory,
)
from tests.events.utils import in_days
from tests.home.factories import CentreIndexPageFactory, CentrePageFactory
from tests.utils import translate_page, translated_text
from workshops.models import PolishCoursePage, SummerCampPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ukrainian_calendar(locales):
    uk = locales["uk"]
    home = translate_page(HomePage.objects.get(depth=2, locale=locales["pl"]), uk)
    centres = CentreIndexPageFactory(parent=home, title="Наші центри")
    kalisz = CentrePageFactory(parent=centres, title="CIC Каліш", city="Каліш")
    poznan = CentrePageFactory(parent=centres, title="CIC Познань", slug="poznan", city="Познань")
    calendar = EventIndexPageFactory(parent=home, title="Календар", show_in_menus=True)
    camps = CategoryFactory(name="Денні табори", slug="polkolonie", locale=uk)
    courses = CategoryFactory(name="Курси польської", slug="kursy", locale=uk)
    kalisz_centre = VenueFactory(name="CIC Каліш", city="Каліш", centre=kalisz, locale=uk)
    poznan_centre = VenueFactory(name="CIC Познань", city="Познань", centre=poznan, locale=uk)

    def programme(page_class, title, category, venue, ages, **fields):
        page = page_class(title=title, intro="Безкоштовно.", category=category, **fields)
        calendar.add_child(instance=page)
        ProgrammeAudience.objects.create(page=page, audience="children")
        SessionFactory(
            page=page,
            venue=venue,
            min_age=ages[0],
            max_age=ages[1],
            capacity=15,
            starts_at=in_days(10, hour=8),
            ends_at=in_days(14, hour=13),
        )
        page.save_revision().publish()

    programme(SummerCampPage, "Денний табір у Каліші", camps, kalisz_centre, (6, 12))
    programme(SummerCampPage, "Денний табір для підлітків", camps, kalisz_centre, (13, 17))
    programme(SummerCampPage, "Денний табір у Познані", camps, poznan_centre, (6, 12))
    programme(PolishCoursePage, "Польська A1", courses, kalisz_centre, (6, 99), level="A1")
    return calendar


def test_parent_on_a_phone_finds_a_camp_for_a_seven_year_old_in_kalisz(
    live_server, browser, ukrainian_calendar
):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/uk/")
    page.get_by_role("link", name="Календар").first.click()

    page.get_by_text("Фільтри").click()
    page.get_by_label("Центр").select_option(label="CIC Каліш")
    page.get_by_label("Категорія").select_option(label="Денні табори")
    page.get_by_label("Вік учасника").fill("7")
    page.get_by_role("button", name="Показати").click()

    results = page.locator(".occurrence__title")
    expect(results).to_have_text(["Денний табір у Каліші"])
    assert "age=7" in page.url

    results.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Денний табір у Каліші")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Залишилося 15 місць" in page.content()
    phone.close()


# A 360 × 740 phone: what a family sees first.

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}


def test_header_takes_at_most_a_fifth_of_a_phone_screen(live_server, browser, ukrainian_calendar):
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    camp = ukrainian_calendar.get_children().first()

    for path in ["/uk/", ukrainian_calendar.url, camp.url, "/uk/search/?q=табір"]:
        page.goto(live_server.url + path)
        header = page.locator("header.site-header").bounding_box()
        assert header["height"] <= 150, path
        # The four languages stay one tap away, by their short names.
        switcher = page.get_by_role("navigation", name=translated_text("Choose language", "uk"))
        assert switcher.get_by_role("link", name="Polski").is_visible()
    phone.close()


def test_phone_menu_opens_without_javascript(live_server, browser, ukrainian_calendar):
    phone = browser.new_context(**PHONE, java_script_enabled=False)
    page = phone.new_page()
    page.goto(f"{live_server.url}/uk/")
    menu = page.get_by_role("navigation", name=translated_text("Main menu", "uk"))
    assert not menu.get_by_role("link", name="Календар").is_visible()

    page.get_by_text(translated_text("Menu", "uk"), exact=True).click()

    menu.get_by_role("link", name="Календар").click()
    assert page.url == f"{live_server.url}{ukrainian_calendar.url}"
    page.get_by_text(translated_text("Menu", "uk"), exact=True).click()
    search = page.get_by_role("searchbox", name=translated_text("Search the site", "uk"))
    search.fill("табір")
    search.press("Enter")
    assert "/uk/search/?q=" in page.url
    phone.close()


def test_the_whole_menu_shows_on_a_wide_screen(live_server, browser, ukrainian_calendar):
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desktop.new_page()
    page.goto(f"{live_server.url}/uk/")

    assert not page.get_by_text(translated_text("Menu", "uk"), exact=True).is_visible()
    menu = page.get_by_role("navigation", name=translated_text("Main menu", "uk"))
    assert menu.get_by_role("link", name="Календар").is_visible()
    # A combobox: the search suggests titles as one types (site/static/js/search-suggest.js).
    assert page.get_by_role("combobox", name=translated_text("Search the site", "uk")).is_visible()
    # Full language names, not the short ones.
    assert page.get_by_text("Українська", exact=True).is_visible()
    desktop.close()


def test_filter_results_are_in_view_after_show(live_server, browser, ukrainian_calendar):
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(live_server.url + ukrainian_calendar.url)

    page.get_by_text(translated_text("Filter", "uk")).click()
    page.get_by_label(translated_text("Age of the participant", "uk")).fill("14")
    page.get_by_role("button", name=translated_text("Show", "uk")).click()

    results = page.locator(".occurrence__title")
    expect(results).to_have_text(["Денний табір для підлітків", "Польська A1"])
    expect(results.first).to_be_in_viewport()
    phone.close()


def test_home_page_leads_a_parent_on_a_phone_to_the_activities_for_children(
    live_server, browser, ukrainian_calendar
):
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(f"{live_server.url}/uk/")

    for_children = page.get_by_role(
        "link", name=translated_text("Activities for children", "uk"), exact=True
    )
    expect(for_children).to_be_in_viewport()
    for_children.click()

    assert page.url.endswith("?audience=children#results")
    expect(page.locator(".occurrence__title").first).to_be_in_viewport()
    assert "Денний табір у Каліші" in page.locator("#results").inner_text()
    phone.close()
