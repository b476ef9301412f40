"""
The staff's journeys of issue 11, walked in the Wagtail admin of the demo site.

Each person is a new user given one of the ready groups (never a superuser),
logged in through the admin's login form, finding their way through the
admin's own menus, in Polish, as the centre's staff work:

- centre staff ("Pracownicy centrum") find a session, add a family who phoned,
  take attendance for one date, cancel one date of a weekly club (the families
  get the e-mail) and export the list (the file name keeps its Polish letters);
- data protection ("Ochrona danych") export and erase one family's data;
- an editor changes a time on the Polish page, and the Ukrainian page and feed
  follow.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale

from events.models import ProgrammePage, Registration
from tests.conftest import translated_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESK = {"width": 1280, "height": 900}
PASSWORD = "Pracownik-CIC-2026"


def _(msgid):
    """The admin's text in Polish, the staff's language."""
    return translated_text(msgid, "pl")


@pytest.fixture
def staff_browser(browser, django_user_model, demo):
    """Log a new user of the given groups in through the admin's login form."""
    contexts = []

    def log_in(username, *groups):
        user = django_user_model.objects.create_user(
            username, f"{username}@cic.example.org", PASSWORD
        )
        user.groups.add(*Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups)
        context = browser.new_context(viewport=DESK, locale="pl-PL", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{demo}/admin/")
        page.fill('[name="username"]', username)
        page.fill('[name="password"]', PASSWORD)
        page.press('[name="password"]', "Enter")
        page.wait_for_url(f"{demo}/admin/")
        return page

    yield log_in
    for context in contexts:
        context.close()


def open_menu(page, *labels):
    """Click through the admin's sidebar: a group, then an item in it."""
    *groups, item = labels
    for label in groups:
        page.locator("nav").get_by_role("button", name=label, exact=True).click()
    page.locator("nav").get_by_role("link", name=item, exact=True).click()


def test_data_protection_exports_and_erases_one_family(staff_browser, demo):
    page = staff_browser("iod", "Ochrona danych")
    open_menu(page, _("Sign-ups"), _("Personal data"))
    assert "/admin/personal-data/" in page.url

    page.fill('[name="email"]', "anna.nowak@example.com")
    page.press('[name="email"]', "Enter")
    expect(page.get_by_text("Zuzanna Nowak").first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name=_("Download as JSON")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert "Zuzanna" in json.dumps(data, ensure_ascii=False)

    # Erasing without the tick is refused, with the reason, and nothing is lost.
    page.get_by_role("button", name=_("Erase these sign-ups")).click()
    expect(page.get_by_text(_("Tick the box to confirm the erasure."))).to_be_visible()
    assert Registration.objects.filter(email="anna.nowak@example.com").exists()

    page.get_by_label(
        _("I have checked that this is the person who asked, and the data may go.")
    ).check()
    page.get_by_role("button", name=_("Erase these sign-ups")).click()
    expect(page.locator(".messages")).to_contain_text("Usunięto dane")
    assert not Registration.objects.filter(email="anna.nowak@example.com").exists()
    assert not Registration.objects.filter(participants__first_name="Zuzanna").exists()


def test_an_editor_moves_the_club_to_17_and_the_ukrainian_page_and_feed_follow(
    staff_browser, demo, client
):
    source = ProgrammePage.objects.get(slug="speaking-club-poznan", locale__language_code="pl")
    ukrainian = source.get_translation(Locale.objects.get(language_code="uk"))
    page = staff_browser("redaktorka", "Moderators")

    # She finds the page with the admin's search, as editors do.
    page.get_by_placeholder(_("Search")).first.fill("Speaking club w Poznaniu")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Speaking club w Poznaniu").first.click()
    assert f"/admin/pages/{source.pk}/edit/" in page.url

    for field in ("starts_at", "ends_at"):
        box = page.locator(f'[name="sessions-0-{field}"]')
        old = box.input_value()
        hour = int(old[11:13])
        box.fill(f"{old[:11]}{hour + 1:02d}{old[13:]}")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=_("Publish")).click()
    expect(page.locator(".messages")).to_be_visible()

    session = source.sessions.get()
    assert timezone.localtime(session.starts_at).hour == 17
    uk_session = ukrainian.sessions.get()
    assert uk_session.starts_at == session.starts_at
    assert uk_session.sequence == session.sequence > 0

    # The Ukrainian page and its feed, as a family and a subscribed calendar read them.
    ukrainian.refresh_from_db()
    visitor = page.context.browser.new_context(viewport={"width": 360, "height": 740})
    phone = visitor.new_page()
    phone.goto(f"{demo}{ukrainian.url}")
    expect(phone.locator("main")).to_contain_text("17:00")
    visitor.close()
    for language, programme in (("pl", source), ("uk", ukrainian)):
        feed = client.get(f"/{language}/calendar/programme/{programme.pk}.ics").content.decode()
        assert "T170000" in feed, language
        assert f"SEQUENCE:{session.sequence}" in feed, language
