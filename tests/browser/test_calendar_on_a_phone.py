import pytest

from events.factories import CategoryFactory, EventIndexPageFactory, SessionFactory, VenueFactory
from events.models import ProgrammeAudience
from home.factories import CentreIndexPageFactory, CentrePageFactory
from home.models import HomePage
from tests.conftest import translate_page
from tests.events.conftest import in_days
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
    assert results.all_inner_texts() == ["Денний табір у Каліші"]
    assert "age=7" in page.url

    results.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Денний табір у Каліші"
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Залишилося 15 місць" in page.content()
    phone.close()
