"""A Ukrainian-speaking parent signs two children up in a browser, then cancels one."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from cic_site.public_url import sync_default_site
from home.models import HomePage
from signups import services
from signups.models import Participant, Registration
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
def ukrainian_camp(locales):
    """A Ukrainian camp page whose one session has two places."""
    uk = locales["uk"]
    home = translate_page(HomePage.objects.get(depth=2, locale=locales["pl"]), uk)
    calendar = EventIndexPageFactory(parent=home, title="Календар")
    page = SummerCampPage(title="Денний табір у Каліші", intro="Безкоштовно.")
    calendar.add_child(instance=page)
    SessionFactory(
        page=page,
        locale=uk,
        venue=VenueFactory(name="CIC Каліш", city="Каліш", locale=uk),
        capacity=2,
        min_age=6,
        max_age=12,
        starts_at=in_days(14, hour=8),
        ends_at=in_days(18, hour=13),
    )
    page.save_revision().publish()
    return page


def test_a_parent_signs_up_two_children_and_cancels_one_whose_place_goes_to_the_waiting_family(
    live_server, page, ukrainian_camp, mailoutbox, settings
):
    settings.CIC_PUBLIC_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    sync_default_site()
    session = ukrainian_camp.sessions.get()
    birth = child("x").birth_date.isoformat()

    page.goto(f"{live_server.url}{ukrainian_camp.url}")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.locator("a.occurrence__sign-up").first.click()
    page.fill('[name="participants-0-first_name"]', "Іван")
    page.fill('[name="participants-0-last_name"]', "Коваленко")
    page.fill('[name="participants-0-birth_date"]', birth)
    page.click('button[name="add_participant"]')  # no JavaScript involved: the form comes back
    page.fill('[name="participants-1-first_name"]', "Марія")
    page.fill('[name="participants-1-last_name"]', "Коваленко")
    page.fill('[name="participants-1-birth_date"]', birth)
    page.fill('[name="name"]', "Олена Коваленко")
    page.fill('[name="email"]', "olena@example.com")
    page.check('[name="data_consent"]')
    page.click('button[name="send"]')

    expect(page.locator(".registration__status--confirmed")).to_be_visible()
    registration = Registration.objects.get(email="olena@example.com")
    assert (registration.status, registration.places, registration.language) == (
        "confirmed",
        2,
        "uk",
    )
    waiting = services.sign_up(
        session=session,
        registrant=services.Registrant(name="Andrij Melnyk", email="a@example.com"),
        participants=[child("Sofija", "Melnyk")],
        data_consent_version="1",
        submission_key=uuid.uuid4(),
    )
    assert waiting.status == "waiting"

    confirmation = next(mail for mail in mailoutbox if mail.to == ["olena@example.com"])
    assert confirmation.attachments  # the .ics
    private_link = re.search(r"http://\S+/uk/sign-ups/\S+/", confirmation.body).group(0)
    page.goto(private_link)
    maria = Participant.objects.get(first_name="Марія")
    page.locator(f'a[href$="?participant={maria.pk}"]').click()
    # A page of its own asks first, naming her; nothing is cancelled until she confirms.
    assert "Марія Коваленко" in page.locator("h1").inner_text()
    assert Registration.objects.get(pk=registration.pk).places == 2
    page.locator(f'form:has(input[name="participant"][value="{maria.pk}"]) button').click()

    expect(page.locator(".messages")).to_be_visible()
    registration.refresh_from_db()
    assert registration.places == 1
    assert Registration.objects.get(pk=waiting.pk).status == "offered"
    to_waiting_family = [mail for mail in mailoutbox if mail.to == ["a@example.com"]]
    assert len(to_waiting_family) == 2  # on the waiting list, then a place offered
