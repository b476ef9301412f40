import pytest

from home.factories import CentreIndexPageFactory, CentrePageFactory
from home.models import HomePage
from tests.conftest import translate_page

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

    assert page.url.endswith("/uk/centra/kalisz/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.get_by_role("heading", level=1).inner_text() == "CIC Каліш"

    page.get_by_role("navigation", name="Виберіть мову").get_by_role("link", name="Polski").click()

    assert page.url.endswith("/pl/centra/kalisz/")
    assert page.get_by_role("heading", level=1).inner_text() == "CIC Kalisz"
