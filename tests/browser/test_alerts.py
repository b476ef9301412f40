"""A Ukrainian-speaking mother on a 360 px phone asks to hear when sign-ups open.

From the demo's calendar she follows the link to the alerts form, makes a mistake
first (Enter sends the form), corrects it, opens the confirmation e-mail's link from
Django's outbox, presses its one button and lands on the page that says what she
will hear about. Then the clock moves: the day before the demo's next camp opens for
sign-ups she hears it opens tomorrow at 9:00, at 9:00 that it is open, and the
e-mail's link opens the camp's sign-up form in Ukrainian.
"""

import datetime
import io

import pytest
import time_machine
from playwright.sync_api import expect

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale

from events.models import EventIndexPage, Session
from signups.models import AlertKind, AlertSubscription
from tests.browser.conftest import LINK, csp_violations
from tests.utils import translated_text
from workshops.models import SummerCampPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_mother_subscribes_from_the_calendar_on_her_phone_and_confirms_from_the_e_mail(
    demo, phone, mailoutbox
):
    page = phone.page
    calendar = EventIndexPage.objects.live().filter(locale__language_code="uk").first()

    page.goto(f"{demo}{calendar.url}")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.get_by_role("link", name=translated_text("Tell me when sign-ups open", "uk")).click()
    assert "/uk/sign-ups/alerts/" in page.url
    assert page.locator('[name="language"]').input_value() == "uk"

    # A mistake first: the address cut short. Enter in the field sends the form.
    camp = next_camp_to_open()
    page.locator(f'[name="kinds"][value="{AlertKind.CAMPS}"]').check()
    centre = f'[name="centres"][value="{camp.venue.centre.translation_key}"]'
    page.locator(centre).check()
    page.fill('[name="email"]', "olena@")
    page.locator('[name="email"]').press("Enter")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.locator("li").count() == 1
    assert page.locator(f'[name="kinds"][value="{AlertKind.CAMPS}"]').is_checked()
    assert page.locator(centre).is_checked()
    assert not mailoutbox

    page.fill('[name="email"]', "olena@example.com")
    page.locator('[name="email"]').press("Enter")
    expect(page.locator("h1")).to_have_text(translated_text("Check your inbox", "uk"))

    [mail] = mailoutbox
    assert mail.to == ["olena@example.com"]
    confirm_link = next(link for link in LINK.findall(mail.body) if "/confirm/" in link)
    assert confirm_link.startswith(f"{demo}/uk/"), confirm_link
    page.goto(confirm_link)
    subscription = AlertSubscription.objects.get()
    assert subscription.confirmed_at is None  # opening the link changes nothing
    page.get_by_role("button", name=translated_text("Confirm my alerts", "uk")).click()

    expect(page.locator("main")).to_contain_text(
        translated_text("Your alerts are confirmed.", "uk")
    )
    expect(page.locator("h1")).to_have_text(translated_text("Your alerts", "uk"))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert (subscription.language, subscription.kinds) == ("uk", [AlertKind.CAMPS])
    assert subscription.centres == [str(camp.venue.centre.translation_key)]
    mailoutbox.clear()

    # The day before the camp's sign-ups open, and then at that minute, the job runs.
    opens_at = camp.registration_opens_at
    with time_machine.travel(opens_at - datetime.timedelta(days=1), tick=False):
        call_command("send_alerts", stdout=io.StringIO())
    [soon] = mailoutbox
    time = timezone.localtime(opens_at).strftime("%H:%M")
    assert translated_text("tomorrow", "uk") in soon.subject and time in soon.subject
    with time_machine.travel(opens_at + datetime.timedelta(seconds=20)):
        call_command("send_alerts", stdout=io.StringIO())
        [_soon, opened] = mailoutbox
        assert opened.to == ["olena@example.com"]
        assert opened.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        [sign_up_link] = {link for link in LINK.findall(opened.body) if "/session/" in link}
        assert sign_up_link == f"{demo}/uk/sign-ups/session/{camp.translation_key}/"

        page.goto(sign_up_link)
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        expect(page.locator('[name="participants-0-first_name"]')).to_be_visible()
        expect(page.locator("main")).to_contain_text(
            camp.page.get_translation(Locale.objects.get(language_code="uk")).title
        )

    assert csp_violations(page) == []
    assert phone.failures(allowed={400}) == []


def next_camp_to_open():
    """The demo's camp session (its Polish row) whose sign-ups open next."""
    return (
        Session.objects.filter(
            page__in=SummerCampPage.objects.live(),
            locale__language_code="pl",
            registration_opens_at__gt=timezone.now(),
        )
        .select_related("venue__centre", "locale")
        .order_by("registration_opens_at")
        .first()
    )
