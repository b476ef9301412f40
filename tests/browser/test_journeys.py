"""
The families' journeys of issue 10, walked on the demo site as the families walk them.

A Ukrainian-speaking mother on a 360 px phone finds a half-day camp from the home
page, signs two children up (making the usual mistakes first), reads the e-mail,
follows every link in it and cancels one child. Another family, with JavaScript
off, joins the waiting list of a full camp, gets the offer e-mail, follows its
accept link and accepts. Every link followed must answer 2xx; the only non-2xx
page a family may see is the sign-up form sent back with its mistakes (HTTP 400).
"""

import datetime

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from demo.texts import TRANSLATIONS
from events.models import Quota, Session
from signups import services
from signups.models import Registration
from tests.browser.conftest import email_links
from tests.utils import translated_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo camp asks this about every child (in Ukrainian: who collects the child?).
COLLECTS = TRANSLATIONS["uk"]["Kto będzie odbierał dziecko?"]


def camp_title(language):
    """The demo camp programme's title in `language`."""
    return TRANSLATIONS[language]["Półkolonie dla dzieci"]


def born(years_before_camp, session):
    first_day = timezone.localtime(session.starts_at).date()
    return first_day.replace(year=first_day.year - years_before_camp) - datetime.timedelta(days=30)


def test_a_ukrainian_mother_signs_two_children_up_on_her_phone_and_cancels_one(
    demo, phone, mailoutbox
):
    page = phone.page
    page.goto(f"{demo}/uk/")
    assert page.locator("html").get_attribute("lang") == "uk"

    # From the home page to the camps: "Activities for children", then a camp with places.
    page.get_by_role("link", name=translated_text("Activities for children", "uk")).first.click()
    sign_up = page.locator("a.occurrence__sign-up", has_text=translated_text("sign up", "uk"))
    camp = page.locator("article.occurrence", has_text=camp_title("uk")).filter(has=sign_up)
    camp.first.locator("a.occurrence__sign-up").click()
    assert "/sign-ups/session/" in page.url
    session_key = page.url.rstrip("/").rsplit("/", 1)[-1]
    session = Session.objects.get(translation_key=session_key, locale__language_code="uk")
    assert session.page.locale.language_code == "uk"

    # The usual mistakes: the elder child is too old, the younger one's surname is
    # missing, the e-mail is cut short, the consent is not ticked. Enter in a field.
    page.fill('[name="participants-0-first_name"]', "Іван")
    page.fill('[name="participants-0-last_name"]', "Коваленко")
    page.fill('[name="participants-0-birth_date"]', born(15, session).isoformat())
    page.get_by_role("button", name=translated_text("Add another participant", "uk")).click()
    expect(page.locator('[name="participants-1-first_name"]')).to_be_visible()
    page.fill('[name="participants-1-first_name"]', "Марія")
    page.fill('[name="participants-1-birth_date"]', born(7, session).isoformat())
    page.fill('[name="name"]', "Олена Коваленко")
    page.fill('[name="email"]', "olena@")
    page.locator('[name="email"]').press("Enter")

    # One round shows every mistake, in Ukrainian, and the summary is what she sees first.
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    # Too old, two unanswered "who collects the child?", a surname, the e-mail, the consent.
    assert summary.locator("li").count() == 6
    assert "Іван Коваленко" in summary.inner_text()
    assert COLLECTS in summary.inner_text()
    assert page.locator('[name="participants-1-first_name"]').input_value() == "Марія"
    assert page.locator('[name="participants-0-first_name"]').input_value() == "Іван"
    assert "Proszę" not in page.content()

    page.fill('[name="participants-0-birth_date"]', born(9, session).isoformat())
    page.fill('[name="participants-1-last_name"]', "Коваленко")
    page.get_by_label(COLLECTS).nth(0).fill("Мама, Олена Коваленко")
    page.get_by_label(COLLECTS).nth(1).fill("Мама, Олена Коваленко")
    page.fill('[name="email"]', "olena@example.com")
    page.check('[name="data_consent"]')
    page.locator('[name="participants-1-last_name"]').press("Enter")

    expect(page.locator("main")).to_contain_text("olena@example.com")
    registration = Registration.objects.get(email="olena@example.com")
    assert (registration.status, registration.places, registration.language) == (
        "confirmed",
        2,
        "uk",
    )

    # The confirmation e-mail, in Ukrainian, with an .ics; every link in it works.
    confirmation = next(mail for mail in mailoutbox if mail.to == ["olena@example.com"])
    assert confirmation.attachments
    links = email_links(confirmation)
    assert links
    for link in links:
        assert link.startswith(demo), link
        response = page.request.get(link)
        assert response.ok, (response.status, link)

    # Her private link names her sign-up (the e-mail also links to the alerts' form).
    private_link = next(
        link for link in links if f"/uk/sign-ups/{registration.reference}/" in link
    )
    page.goto(private_link)
    maria = registration.participants.get(first_name="Марія")
    page.locator(
        f'[data-participant="{maria.pk}"] a, [data-participant="{maria.pk}"] button'
    ).first.click()
    # A page of its own asks before anything is cancelled.
    assert registration.participants.filter(cancelled_at__isnull=True).count() == 2
    expect(page.locator("main")).to_contain_text("Марія")
    page.locator("main form button[type=submit]").first.click()

    registration.refresh_from_db()
    assert registration.places == 1
    assert registration.participants.get(pk=maria.pk).cancelled_at is not None
    assert phone.failures(allowed={400}) == []


def test_a_family_without_javascript_waits_for_a_place_and_accepts_it_from_the_email(
    demo, phone_without_javascript, mailoutbox
):
    visitor = phone_without_javascript
    page = visitor.page
    page.goto(f"{demo}/uk/")
    page.get_by_role("link", name=translated_text("Activities for children", "uk")).first.click()
    join = page.locator(
        "a.occurrence__sign-up", has_text=translated_text("join the waiting list", "uk")
    )
    full_camp = page.locator("article.occurrence", has_text=camp_title("uk")).filter(has=join)
    full_camp.first.locator("a.occurrence__sign-up").click()
    session_key = page.url.rstrip("/").rsplit("/", 1)[-1]
    session = Session.objects.get(translation_key=session_key, locale__language_code="uk")

    page.fill('[name="participants-0-first_name"]', "Софія")
    page.fill('[name="participants-0-last_name"]', "Мельник")
    page.fill('[name="participants-0-birth_date"]', born(8, session).isoformat())
    page.get_by_label(COLLECTS).fill("Тато")
    page.fill('[name="name"]', "Андрій Мельник")
    page.fill('[name="email"]', "andrij@example.com")
    page.check('[name="data_consent"]')
    page.locator('button[name="send"]').click()

    expect(page.locator(".registration__status--waiting")).to_be_visible()
    registration = Registration.objects.get(email="andrij@example.com")
    assert registration.status == "waiting"

    # The centre adds places: the families waiting before them and then they are offered one.
    quota = Quota.objects.get(session_key=session.translation_key)
    waiting_places = sum(
        quota.registrations.filter(status="waiting").values_list("places", flat=True)
    )
    services.change_capacity(quota=quota, capacity=quota.capacity + waiting_places)
    registration.refresh_from_db()
    assert registration.status == "offered"

    offer = [mail for mail in mailoutbox if mail.to == ["andrij@example.com"]][-1]
    accept_link = next(link for link in email_links(offer) if "/accept/" in link)
    page.goto(accept_link)
    registration.refresh_from_db()
    assert registration.status == "offered"  # nothing happens on a GET
    assert "Софія" in page.locator("main").inner_text()
    page.locator("main form button[type=submit]").first.click()

    expect(page.locator(".registration__status--confirmed")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert visitor.failures() == []
