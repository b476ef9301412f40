"""The home page leads families first to what is on for their children."""

import html
import re

import pytest

from events.models import ProgrammeAudience
from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.utils import translate_page, translated_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "uk", "ru", "en"]


@pytest.fixture
def homes_with_a_calendar(home_page, locales):
    """In four languages: a camp for children and a course for adults."""
    calendar = EventIndexPageFactory(parent=home_page, slug="kalendarz")
    camp = EventPageFactory(parent=calendar, title="Półkolonie", slug="polkolonie")
    course = EventPageFactory(parent=calendar, title="Kurs polskiego A1", slug="kurs")
    for page, audience in [(camp, "children"), (course, "adults")]:
        ProgrammeAudience.objects.create(page=page, audience=audience)
        SessionFactory(page=page, locale=page.locale, starts_at=in_days(10))
        page.save_revision().publish()
    for code in LANGUAGES[1:]:
        for page in [home_page, calendar, camp, course]:
            translate_page(page, locales[code])
    return calendar


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_links_to_the_calendar_of_activities_for_children(
    client, homes_with_a_calendar, code
):
    response = client.get(f"/{code}/")

    text = html.unescape(response.content.decode())
    label = translated_text("Activities for children", code)
    assert f'href="/{code}/kalendarz/?audience=children#results">{label}</a>' in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_lists_the_programmes_for_children_and_not_the_others(
    client, homes_with_a_calendar, code
):
    response = client.get(f"/{code}/")

    text = response.content.decode()
    section = re.search(r'<section class="section children-activities".*?</section>', text, re.S)
    titles = re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', section.group(0))
    assert titles == ["Półkolonie"]
    assert f'<a href="/{code}/kalendarz/polkolonie/">Półkolonie</a>' in response.content.decode()
