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

import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale

from events.models import ProgrammePage, Quota, Session
from signups.models import Attendance, Registration
from tests.utils import translated_text

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


def publish(page):
    """The page editor's footer: open the menu beside "Save draft", then "Publish"."""
    page.wait_for_load_state("networkidle")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator('footer button[name="action-publish"]').click()


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
    publish(page)
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


def next_wednesday_of(session):
    """The club's next meeting date after today, as the admin's date field takes it."""
    after = timezone.now() + datetime.timedelta(days=1)
    first = session.occurrences_between(after, after + datetime.timedelta(weeks=3))[0]
    return timezone.localtime(first).date()


def test_centre_staff_run_a_club_from_the_admin(staff_browser, demo, mailoutbox):
    club = Session.objects.get(page__slug="speaking-club-poznan", locale__language_code="pl")
    quota = Quota.objects.get(session_key=club.translation_key)
    page = staff_browser("koordynatorka", "Pracownicy centrum")

    # She finds the Poznań club in the sessions list by its town.
    open_menu(page, _("Sign-ups"), _("Sessions"))
    page.get_by_placeholder(_("Search")).first.fill("Poznań")
    page.keyboard.press("Enter")
    row = page.locator("tr", has_text="Środy").filter(has_text="Speaking club w Poznaniu")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Speaking club w Poznaniu").click()
    expect(page.locator("h2", has_text="Środy").first).to_be_visible()

    # A Ukrainian mother phones: she adds her son, reads her the consent.
    page.get_by_role("link", name=_("Add a sign-up")).first.click()
    page.fill('[name="participants-0-first_name"]', "Taras")
    page.fill('[name="participants-0-last_name"]', "Melnyk")
    page.fill('[name="participants-0-birth_date"]', "2015-03-14")
    page.fill('[name="name"]', "Iryna Melnyk")
    page.fill('[name="email"]', "iryna.melnyk@example.com")
    page.fill('[name="phone"]', "+48 600 100 200")
    page.select_option('[name="language"]', "uk")
    # A first mistake: the consent was not ticked; Enter sends the form back, kept.
    page.press('[name="phone"]', "Enter")
    expect(
        page.get_by_text(_("Read the consent to the family: a sign-up needs their agreement."))
    ).to_be_visible()
    assert page.locator('[name="participants-0-first_name"]').input_value() == "Taras"
    page.locator('[name="data_consent"]').check()
    page.get_by_role("button", name=_("Sign the family up")).last.click()
    expect(page.locator(".messages")).to_be_visible()
    registration = Registration.objects.get(email="iryna.melnyk@example.com")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.language == "uk"
    welcome = [mail for mail in mailoutbox if mail.to == ["iryna.melnyk@example.com"]]
    assert len(welcome) == 1
    assert "/sign-ups/" in welcome[0].body or "/zapisy/" in welcome[0].body

    # The register of last Wednesday: one present, nobody turned absent by default.
    page.goto(f"{demo}/admin/sign-ups/{quota.pk}/")
    registers = page.locator("table.sign-up-registers")
    registers.get_by_role("link", name=_("Open register")).first.click()
    radios = page.locator('input[type="radio"][value="present"]')
    radios.first.check()
    page.get_by_role("button", name=_("Save register")).click()
    expect(page.locator(".messages")).to_be_visible()
    assert Attendance.objects.filter(attended=True).count() == 1
    assert not Attendance.objects.filter(attended=False).exists()

    # Next Wednesday's club is off: every family signed up is told, in its language.
    mailoutbox.clear()
    open_menu(page, _("Calendar"), _("Cancelled dates"))
    page.get_by_role("link", name=_("Add"), exact=False).first.click()
    page.locator('[name="session"]').select_option(
        label="Speaking club w Poznaniu – Środy, Poznań"
    )
    day = next_wednesday_of(club)
    page.fill('[name="date"]', day.isoformat())
    page.keyboard.press("Escape")
    page.locator('[name="note"]').fill("Centrum jest zamknięte.")
    page.locator('[name="note_uk"]').fill("Центр зачинено.")
    page.get_by_role("button", name=_("Cancel the date and tell the families")).click()
    told = quota.registrations.filter(status__in=Registration.ACTIVE).count()
    expect(page.locator(".messages")).to_contain_text(str(told))
    assert told >= 1
    assert len(mailoutbox) == told
    to_iryna = next(mail for mail in mailoutbox if mail.to == ["iryna.melnyk@example.com"])
    assert to_iryna.subject.startswith(translated_text("One date cancelled: %(title)s", "uk")[:10])
    assert "Центр зачинено." in to_iryna.body

    # The list of who signed up, for the centre's files: the name keeps "Środy".
    page.goto(f"{demo}/admin/sign-ups/{quota.pk}/")
    page.get_by_role("button", name=translated_text("Actions", "pl")).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=translated_text("Download CSV", "pl")).click()
    assert "środy" in download_info.value.suggested_filename
    rows = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "Taras" in rows


class Counted:
    """The editor's hands: every click and every field typed into, counted."""

    def __init__(self, page):
        self.page, self.clicks, self.typed = page, 0, 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def type(self, selector, value):
        self.typed += 1
        self.page.fill(selector, value)

    def choose(self, selector, value):
        self.clicks += 2  # open the list, pick
        self.page.select_option(selector, value)


def test_an_editor_adds_a_summer_camp_of_two_weeks_in_two_centres(staff_browser, demo):
    """Issue 11: four camp sessions (Kalisz and Konin, two weeks) without 32 typed fields."""
    camp = ProgrammePage.objects.get(slug="polkolonie", locale__language_code="pl")
    before = camp.sessions.count()
    page = staff_browser("redaktor-lato", "Moderators")
    page.goto(f"{demo}/admin/pages/{camp.pk}/edit/")
    hands = Counted(page)

    hands.click(page.get_by_role("button", name=_("Actions")).first)
    hands.click(page.get_by_role("link", name=_("Add sessions")).first)
    hands.type('[name="title_pattern"]', "Turnus {roman} (sierpień)")
    hands.type('[name="first_day"]', "2027-08-02")
    page.keyboard.press("Escape")
    hands.type('[name="weeks"]', "2")
    hands.type('[name="days"]', "5")
    hands.choose('[name="daily"]', "weekdays")
    hands.type('[name="start_time"]', "08:00")
    page.keyboard.press("Escape")
    hands.type('[name="end_time"]', "13:00")
    page.keyboard.press("Escape")
    for town in ("Kalisz", "Konin"):
        hands.click(
            page.locator('[name="venues"]').locator("xpath=..").filter(has_text=town).first
        )
    hands.type('[name="capacity"]', "15")
    hands.type('[name="min_age"]', "6")
    hands.type('[name="max_age"]', "12")
    hands.click(page.get_by_role("button", name=_("Preview the sessions")))
    preview = page.locator("table").first
    expect(preview.locator("tbody tr")).to_have_count(4)
    hands.click(page.get_by_role("button", name=_("Add these sessions to the page")))
    expect(page.locator(".messages")).to_be_visible()
    assert f"/admin/pages/{camp.pk}/edit/" in page.url

    # A draft to review: nothing is public until the editor publishes.
    camp.refresh_from_db()
    assert camp.sessions.count() == before
    assert camp.has_unpublished_changes
    publish(page)
    expect(page.locator(".messages")).to_be_visible()
    added = camp.sessions.filter(title__endswith="(sierpień)")
    assert added.count() == 4
    assert {session.venue.city for session in added} == {"Kalisz", "Konin"}
    assert all(session.daily == "weekdays" and session.capacity == 15 for session in added)
    # The Ukrainian camp has them too, with the same times.
    ukrainian = camp.get_translation(Locale.objects.get(language_code="uk"))
    assert (
        ukrainian.sessions.filter(translation_key__in=added.values("translation_key")).count() == 4
    )
    # In the page editor's Sessions panel the same four took 32 typed fields and 19 clicks.
    assert (hands.typed, hands.clicks) == (9, 8)
