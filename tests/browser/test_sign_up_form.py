"""The sign-up form on a 360 px phone without JavaScript: Enter, adding a child, the errors."""

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from signups.models import Registration
from tests.events.factories import EventIndexPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days
from tests.signups.utils import child
from tests.utils import translate_page
from workshops.models import SummerCampPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 360, "height": 740},
        "java_script_enabled": False,
    }


@pytest.fixture
def form_url(live_server, locales):
    """The Ukrainian sign-up form of a camp for children aged 6–12."""
    uk = locales["uk"]
    home = translate_page(HomePage.objects.get(depth=2, locale=locales["pl"]), uk)
    calendar = EventIndexPageFactory(parent=home, title="Календар")
    camp = SummerCampPage(title="Денний табір у Каліші", intro="Безкоштовно.")
    calendar.add_child(instance=camp)
    session = SessionFactory(
        page=camp,
        locale=uk,
        venue=VenueFactory(name="CIC Каліш", city="Каліш", locale=uk),
        capacity=10,
        min_age=6,
        max_age=12,
        starts_at=in_days(14, hour=8),
        ends_at=in_days(14, hour=13),
    )
    camp.save_revision().publish()
    return f"{live_server.url}/uk/sign-ups/session/{session.translation_key}/"


def test_enter_submits_the_sign_up_and_the_added_child_and_the_errors_are_in_view(page, form_url):
    birth = child("x").birth_date.isoformat()
    page.goto(form_url)
    page.fill('[name="participants-0-first_name"]', "Іван")

    page.click('button[name="add_participant"]')

    added = page.locator('[name="participants-1-first_name"]')
    expect(added).to_be_focused()
    expect(added).to_be_in_viewport()
    added.fill("Марія")

    # Enter in a text field: before the fix it pressed "Remove participant 1".
    added.press("Enter")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator('[name="participants-0-first_name"]')).to_have_value("Іван")
    expect(page.locator('[name="participants-1-first_name"]')).to_have_value("Марія")
    assert not Registration.objects.exists()

    for index in (0, 1):
        page.fill(f'[name="participants-{index}-last_name"]', "Коваленко")
        page.fill(f'[name="participants-{index}-birth_date"]', birth)
    page.fill('[name="name"]', "Олена Коваленко")
    page.check('[name="data_consent"]')
    page.fill('[name="email"]', "olena@example.com")
    page.press('[name="email"]', "Enter")

    expect(page.locator(".registration__status--confirmed")).to_be_visible()
    assert Registration.objects.get().places == 2
