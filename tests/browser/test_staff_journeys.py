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

from events.models import Registration
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
