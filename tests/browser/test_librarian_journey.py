"""
A partner library's journey (issue 12), walked in chromium on the demo site.

The librarian starts from the Polish home page on her phone and clicks her way to
her library's page: the calendar, the list of places, the library. She copies the
feed's address with the Copy button and her calendar application fetches it. Her
library's website is in Ukrainian too: she takes the embed code, changes /pl/ to
/uk/, and puts it on a page of her own site (another origin), where the list of
events shows in Ukrainian.
"""

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.utils import translated_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
LIBRARY = "Biblioteka Raczyńskich"


@pytest.fixture
def library_website(tmp_path):
    """The library's own website: a folder served on another port of this machine."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_librarian_finds_her_venue_subscribes_and_embeds_it_in_ukrainian(
    browser, demo, library_website
):
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo)
    page = context.new_page()

    # From the home page to her library, by clicking only.
    page.goto(f"{demo}/pl/")
    page.get_by_text(translated_text("Menu"), exact=True).click()
    page.locator(".main-nav").get_by_role("link", name="Kalendarz").click()
    page.get_by_role(
        "link",
        name=translated_text("Where activities take place: our centres and partner libraries"),
    ).click()
    expect(page.get_by_role("heading", name=translated_text("Partner libraries"))).to_be_visible()
    page.get_by_role("link", name=LIBRARY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LIBRARY)
    expect(page.locator(".lead")).to_contain_text("Al. Marcinkowskiego 23/24")

    # The feed's address, copied with the button, is what her calendar application fetches.
    page.get_by_role("button", name=translated_text("Copy the address")).first.click()
    expect(page.locator(".copy-field__status").first).to_have_text(translated_text("Copied"))
    feed_url = page.evaluate("navigator.clipboard.readText()")
    assert feed_url.startswith(f"{demo}/pl/calendar/events.ics?venue=")
    feed = page.request.get(feed_url)
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text()
    assert f"LOCATION:{LIBRARY}" in feed.text()

    # The embed code, in Ukrainian, on a page of the library's own website.
    snippet = page.locator("#embed-code").input_value()
    assert "/pl/calendar/embed/" in snippet
    folder, website = library_website
    (folder / "kalendarz.html").write_text(
        "<!DOCTYPE html><html lang='uk'><head><meta charset='utf-8'><title>Бібліотека</title>"
        f"</head><body><h1>Події в бібліотеці</h1>{snippet.replace('/pl/', '/uk/')}</body></html>",
        encoding="utf-8",
    )
    page.goto(f"{website}/kalendarz.html")
    embedded = page.frame_locator("iframe")
    expect(embedded.locator("html")).to_have_attribute("lang", "uk")
    first_event = embedded.locator(".embed__item a").first
    expect(first_event).to_have_text("Bajkowóz – міжкультурні майстер-класи в бібліотеках")
    assert first_event.get_attribute("href").startswith(f"{demo}/uk/")
    context.close()
