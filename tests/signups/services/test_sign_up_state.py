"""
What a session's sign-up state looks like, everywhere it is shown.

The listing badge, the programme page, the sign-up page and the "only with places
left" filter all read ``Session.public_state``; these tests walk each
state through the pages a family sees, and what the family is told before and
after it is put on the waiting list.
"""

import datetime

import pytest
import recurrence

from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import LOCAL_TIMEZONE, Session
from signups import services
from signups.models import Registration
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.signups.utils import child, form_data, form_url, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db


def listing(client, calendar_page, **filters):
    return page_text(client.get(calendar_page.url, filters))


def sign_up_link(page, session):
    return f'href="{form_url(page, session)}"'


def places_left(count):
    return translated_plural(
        "%(places)s place left", "%(places)s places left", count, places=count
    )


def day_and_time(moment):
    """A moment as the badges write it, in Polish: "14 grudnia", "9:00"."""
    moment = timezone.localtime(moment, LOCAL_TIMEZONE)
    pattern = "j E" if moment.year == timezone.localtime().year else "j E Y"
    with translation.override("pl"):
        return {"date": date_format(moment, pattern), "time": date_format(moment, "G:i")}


def fill(session, places):
    for n in range(places):
        sign_up(session, child("Jan", f"Zapisany{n}"), email=f"zapisany{n}@example.com")


# The badge, on the listing and the programme page


def test_before_sign_up_opens_the_badge_says_when_and_shows_no_places(
    client, calendar_page, camp, camp_session
):
    opens = in_days(3, hour=9)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)

    for html in (listing(client, calendar_page), page_text(client.get(camp.url))):
        assert translated_text("Sign-up opens %(date)s at %(time)s", **day_and_time(opens)) in html
        assert places_left(10) not in html
        assert sign_up_link(camp, camp_session) not in html


def test_after_sign_up_closes_the_badge_says_closed_and_shows_no_places(
    client, calendar_page, camp, camp_session
):
    Session.objects.filter(pk=camp_session.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )

    for html in (listing(client, calendar_page), page_text(client.get(camp.url))):
        assert translated_text("Sign-up closed") in html
        assert places_left(10) not in html
        assert sign_up_link(camp, camp_session) not in html


def test_an_open_session_shows_its_places_left_and_the_sign_up_link(
    client, calendar_page, camp, camp_session
):
    fill(camp_session, 7)

    html = listing(client, calendar_page)

    assert (
        f'{places_left(3)}</span> – <a class="occurrence__sign-up" '
        f"{sign_up_link(camp, camp_session)}>{translated_text('sign up')}"
    ) in html


def test_a_full_session_with_a_waiting_list_offers_to_join_it(
    client, calendar_page, camp, camp_session
):
    fill(camp_session, 10)

    html = listing(client, calendar_page)

    assert (
        f'{translated_text("Full")}</span> – <a class="occurrence__sign-up" '
        f"{sign_up_link(camp, camp_session)}>{translated_text('join the waiting list')}"
    ) in html


def test_a_cancelled_session_says_cancelled_and_takes_no_sign_up(
    client, calendar_page, camp, camp_session
):
    services.cancel_session(session=camp_session)

    html = listing(client, calendar_page)

    assert translated_text("Cancelled") in html
    assert places_left(10) not in html
    assert sign_up_link(camp, camp_session) not in html


def test_a_session_with_a_waiting_list_shows_no_place_left_to_newcomers(
    client, calendar_page, camp, camp_session
):
    """A place freed while families wait is theirs: not "1 place left" for everyone."""
    fill(camp_session, 10)
    sign_up(camp_session, child("A", "Czeka"), child("B", "Czeka"), email="czeka@example.com")
    services.cancel(registration=Registration.objects.filter(status="confirmed").first())

    html = listing(client, calendar_page)
    assert places_left(1) not in html
    assert translated_text("join the waiting list") in html
    form = page_text(client.get(form_url(camp, camp_session)))
    assert translated_text("Join the waiting list") in form
    assert (
        translated_text(
            "Others are already on the waiting list, and places that free up go to them "
            "first, in the order they signed up. If you sign up, you join the list behind "
            "them: when places are free for you, we e-mail you and keep them for you."
        )
        in form
    )


# The filter agrees with the badge


def add_session(calendar_page, title, **fields):
    page = EventPageFactory(parent=calendar_page, title=title)
    fields.setdefault("starts_at", in_days(10))
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=2))
    return SessionFactory(page=page, locale=page.locale, **fields)


def test_only_with_places_left_means_you_can_sign_up_now_and_get_a_place(client, calendar_page):
    add_session(calendar_page, "Otwarte", capacity=10)
    add_session(calendar_page, "Bez zapisów", capacity=None)
    add_session(calendar_page, "Jeszcze nie", capacity=10, registration_opens_at=in_days(2))
    add_session(
        calendar_page,
        "Już zamknięte",
        capacity=10,
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    waited_for = add_session(calendar_page, "Z kolejką", capacity=2)
    sign_up(waited_for, child("A", "Czeka"), child("B", "Czeka"), child("C", "Czeka"))

    html = listing(client, calendar_page, places="on")

    assert "Otwarte" in html
    assert "Bez zapisów" in html
    for title in ("Jeszcze nie", "Już zamknięte", "Z kolejką"):
        assert title not in html
    assert translated_text("Sign-up closed") not in html


# A course that takes newcomers after its first meeting


@pytest.fixture
def course(calendar_page):
    """A weekly course that began three weeks ago."""
    page = EventPageFactory(parent=calendar_page, title="Kurs polskiego A1")
    first = in_days(-21, hour=17)
    session = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=2),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=20)]),
        capacity=12,
    )
    return page, session


def test_a_course_closes_sign_up_at_its_first_meeting_unless_staff_say_otherwise(
    client, calendar_page, course
):
    page, session = course

    html = listing(client, calendar_page)

    assert translated_text("Sign-up closed") in html
    assert sign_up_link(page, session) not in html


def test_a_course_takes_sign_ups_after_its_first_meeting_when_staff_allow_it(
    client, calendar_page, course
):
    page, session = course
    closes = in_days(14, hour=18)
    Session.objects.filter(pk=session.pk).update(registration_closes_at=closes)

    for html in (listing(client, calendar_page), page_text(client.get(page.url))):
        assert places_left(12) in html
        assert sign_up_link(page, session) in html
        assert (
            translated_text("Sign-up until %(date)s at %(time)s", **day_and_time(closes)) in html
        )
    assert "Kurs polskiego A1" in listing(client, calendar_page, places="on")

    response = client.post(form_url(page, session), form_data(("Anna", "Nowak", 30)))

    assert response.status_code == 303
    assert Registration.objects.get().status == "confirmed"


# Two children, one place: told before and after


def test_the_form_says_before_sending_that_a_bigger_family_will_wait(client, camp, camp_session):
    fill(camp_session, 9)

    html = page_text(client.get(form_url(camp, camp_session)))

    assert (
        translated_plural(
            "Only %(places)s place is left. If you sign up more participants than that, the "
            "whole sign-up joins the waiting list: we keep siblings together.",
            "Only %(places)s places are left. If you sign up more participants than that, the "
            "whole sign-up joins the waiting list: we keep siblings together.",
            1,
            places=1,
        )
        in html
    )


def test_the_form_says_nothing_of_the_kind_with_plenty_of_places(client, camp, camp_session):
    html = page_text(client.get(form_url(camp, camp_session)))

    assert (
        translated_plural(
            "Only %(places)s place is left. If you sign up more participants than that, the "
            "whole sign-up joins the waiting list: we keep siblings together.",
            "Only %(places)s places are left. If you sign up more participants than that, the "
            "whole sign-up joins the waiting list: we keep siblings together.",
            10,
            places=10,
        )
        not in html
    )


def why_too_few(places, count, language="pl"):
    return translated_plural(
        "Only %(places)s place was left for your %(count)s participants, so the whole "
        "sign-up is on the waiting list: we keep siblings together.",
        "Only %(places)s places were left for your %(count)s participants, so the whole "
        "sign-up is on the waiting list: we keep siblings together.",
        places,
        language=language,
        places=places,
        count=count,
    )


def test_two_children_for_one_place_are_told_why_they_wait(client, camp, camp_session):
    fill(camp_session, 9)

    response = client.post(
        form_url(camp, camp_session),
        form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6)),
    )

    registration = Registration.objects.get(email="olena@example.com")
    assert (registration.status, registration.places_left_at_sign_up) == ("waiting", 1)
    # The answer page is in the language of the form the family filled in.
    answer = page_text(client.get(response["Location"]))
    assert why_too_few(1, 2) in answer


def test_the_waiting_e_mail_says_how_many_places_were_left(
    camp_session, django_capture_on_commit_callbacks
):
    fill(camp_session, 9)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(camp_session, child("Iwan"), child("Maria"), email="olena@example.com")

    [message] = mail.outbox
    assert why_too_few(1, 2, language="uk") in message.body


def test_a_family_that_waits_behind_others_is_told_so(
    camp_session, django_capture_on_commit_callbacks
):
    fill(camp_session, 10)
    sign_up(camp_session, child("A", "Czeka"), child("B", "Czeka"), email="czeka@example.com")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(camp_session, child("Iwan"), email="olena@example.com")

    assert registration.others_waiting_at_sign_up
    [message] = mail.outbox
    assert (
        translated_text(
            "Others were already on the waiting list when you signed up, and places that free "
            "up go to them first, in the order they signed up.",
            language="uk",
        )
        in message.body
    )


def test_a_family_that_found_the_session_full_is_told_so(
    camp_session, django_capture_on_commit_callbacks
):
    fill(camp_session, 10)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(camp_session, child("Iwan"), email="olena@example.com")

    [message] = mail.outbox
    assert (
        translated_text("The session was full when you signed up.", language="uk") in message.body
    )
