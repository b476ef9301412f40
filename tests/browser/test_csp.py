"""The site's own pages, public and admin, break no rule of their Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.models import HomePage
from tests.browser.conftest import csp_violations
from tests.events.factories import EventIndexPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days
from tests.home.factories import CentreIndexPageFactory, CentrePageFactory, StandardPageFactory
from workshops.models import SummerCampPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIDEO_URL = "https://www.youtube.com/watch?v=cic-demo"
PASSWORD = "a-long-editor-password"


@pytest.fixture
def camp(locales):
    """A camp open for sign-up, in a calendar, at a centre; and a content page with a video."""
    home = HomePage.objects.get(depth=2, locale=locales["pl"])
    centres = CentreIndexPageFactory(parent=home, show_in_menus=True)
    kalisz = CentrePageFactory(parent=centres)
    calendar = EventIndexPageFactory(parent=home, title="Kalendarz", show_in_menus=True)
    camp = SummerCampPage(title="Półkolonie w Kaliszu", intro="Bezpłatnie.")
    calendar.add_child(instance=camp)
    venue = VenueFactory(name="CIC Kalisz", city="Kalisz", centre=kalisz, locale=locales["pl"])
    SessionFactory(
        page=camp,
        venue=venue,
        capacity=15,
        min_age=6,
        max_age=12,
        starts_at=in_days(10, hour=8),
        ends_at=in_days(14, hour=13),
    )
    camp.save_revision().publish()
    # Stored as YouTube's oEmbed answers it, so that rendering does not go to the internet.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=(
            '<iframe width="200" height="113" src="https://www.youtube.com/embed/cic-demo?feature=oembed"'
            ' frameborder="0" allowfullscreen title="Piknik rodzinny"></iframe>'
        ),
        width=200,
        height=113,
    )
    StandardPageFactory(parent=home, title="O nas", body=[("embed", VIDEO_URL)])
    return camp


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)


def visit(page, url):
    """Open `url`, check that it came with a policy, and return what the policy blocked."""
    response = page.goto(url)
    assert response.ok, url
    assert "content-security-policy" in response.headers, url
    return csp_violations(page)


def test_an_inline_script_injected_into_a_public_page_is_blocked_and_reported(
    live_server, page, home_page
):
    """The listener hears violations, so the tests below that hear none mean something."""
    visit(page, f"{live_server.url}/pl/")

    ran = page.evaluate(
        """() => {
            window.injected = false;
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            return window.injected;
        }"""
    )

    assert ran is False
    assert [violation["directive"] for violation in csp_violations(page)] == ["script-src-elem"]


def test_public_pages_break_no_rule_of_the_content_security_policy(live_server, page, camp):
    calendar = camp.get_parent().specific
    venue = camp.sessions.get().venue
    paths = [
        "/pl/",
        calendar.url,
        calendar.url + calendar.reverse_subpage("this_month"),
        calendar.venue_url(venue),
        camp.url,
        venue.centre.url,
        "/pl/o-nas/",  # with the video
        "/pl/calendar/embed/",
    ]
    found = {path: visit(page, f"{live_server.url}{path}") for path in paths}
    page.goto(f"{live_server.url}{camp.url}")
    page.locator("a.occurrence__sign-up").first.click()
    expect(page.locator('[name="participants-0-first_name"]')).to_be_visible()
    found["the sign-up form"] = csp_violations(page)

    assert found == {path: [] for path in found}


def test_the_admin_page_editor_breaks_no_rule_of_the_admins_policy(
    live_server, page, camp, editor
):
    found = {}
    login = f"{live_server.url}/admin/login/"
    found[login] = visit(page, login)
    page.fill('[name="username"]', "editor")
    page.fill('[name="password"]', PASSWORD)
    page.click('form.login-form button[type="submit"]')
    page.wait_for_url(f"{live_server.url}/admin/")
    found[page.url] = csp_violations(page)

    editor_url = f"{live_server.url}/admin/pages/{camp.pk}/edit/"
    visit(page, editor_url)
    # Wagtail's preview panel frames the page being edited.
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.wait_for_function(
        "title => document.querySelector('#w-preview-iframe')"
        "?.contentDocument?.querySelector('h1')?.textContent.trim() === title",
        arg=camp.title,
    )
    frame = page.locator("#w-preview-iframe").element_handle().content_frame()
    found["the preview panel"] = csp_violations(frame)
    # django-recurrence's widget, on jQuery from django.contrib.admin, has built itself,
    # and builds itself again in a session the editor adds.
    assert page.locator("div.recurrence-widget .control").count() == 1
    page.click("#id_sessions-ADD")
    assert page.locator("div.recurrence-widget .control").count() == 2
    page.get_by_role("button", name="Choose category").click()
    page.locator(".modal-content").wait_for()
    found[editor_url] = csp_violations(page)
    # A public page as an editor sees it, with Wagtail's user bar.
    home = f"{live_server.url}/pl/"
    found[home] = visit(page, home)
    assert page.locator("wagtail-userbar").count() == 1

    assert found == {url: [] for url in found}
