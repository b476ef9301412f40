"""The kinds of programme (workshops/models.py): each is a page of the calendar, and shows
the facts of its own kind (what to bring to a camp, a course's level, its topics)."""

import pytest

from events.models import EventIndexPage
from tests.utils import page_text, translated_text
from tests.workshops.factories import (
    AdaptationCoursePageFactory,
    LibraryWorkshopPageFactory,
    PolishCoursePageFactory,
    SpeakingClubPageFactory,
    SummerCampPageFactory,
)
from workshops.models import AdaptationCourseTopic, AdaptationTopic, PolishCoursePage

pytestmark = pytest.mark.django_db

KINDS = [
    SummerCampPageFactory,
    LibraryWorkshopPageFactory,
    SpeakingClubPageFactory,
    PolishCoursePageFactory,
    AdaptationCoursePageFactory,
]


@pytest.mark.parametrize("factory", KINDS)
def test_each_kind_of_programme_is_a_page_of_the_calendar(client, calendar_page, factory):
    programme = factory(parent=calendar_page, title="Zajęcia w Kaliszu")

    response = client.get(programme.url)

    assert response.status_code == 200
    assert "<h1>Zajęcia w Kaliszu</h1>" in page_text(response)


@pytest.mark.parametrize("factory", KINDS)
def test_each_kind_of_programme_goes_in_the_calendar_and_has_no_pages_below(factory):
    kind = factory._meta.model

    assert kind.allowed_parent_page_models() == [EventIndexPage]
    assert kind.allowed_subpage_models() == []


def test_a_summer_camp_says_what_to_bring(client, calendar_page):
    camp = SummerCampPageFactory(parent=calendar_page, what_to_bring="Drugie śniadanie\nCzapkę")

    text = page_text(client.get(camp.url))

    assert translated_text("What to bring") in text
    assert "Drugie śniadanie<br>Czapkę" in text


def test_a_summer_camp_with_nothing_to_bring_does_not_mention_it(client, calendar_page):
    camp = SummerCampPageFactory(parent=calendar_page, what_to_bring="")

    assert translated_text("What to bring") not in page_text(client.get(camp.url))


def test_a_polish_course_shows_its_level(client, calendar_page):
    course = PolishCoursePageFactory(parent=calendar_page, level=PolishCoursePage.Level.B1)

    text = page_text(client.get(course.url))

    assert f"<strong>{translated_text('Level')}:</strong> B1" in text


def test_an_adaptation_course_lists_its_topics_in_their_order(client, calendar_page):
    course = AdaptationCoursePageFactory(parent=calendar_page)
    AdaptationCourseTopic.objects.create(
        page=course, topic=AdaptationTopic.HEALTH_CARE, sort_order=1
    )
    AdaptationCourseTopic.objects.create(
        page=course, topic=AdaptationTopic.INSURANCE, sort_order=0
    )

    text = page_text(client.get(course.url))

    insurance = text.index(f"<li>{translated_text('Social insurance')}</li>")
    assert text.index(f"<li>{translated_text('Health care')}</li>") > insurance


def test_an_adaptation_course_without_topics_has_no_topics_section(client, calendar_page):
    course = AdaptationCoursePageFactory(parent=calendar_page)

    assert 'id="topics-heading"' not in page_text(client.get(course.url))
