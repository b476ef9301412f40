"""Every value a visitor sends is bounded: dates, ids, counts, names, consents (issue 13)."""

import pytest

from django.urls import reverse
from django.utils import timezone

from events.models import CancelledOccurrence, Session
from signups import services
from signups.models import Attendance, Participant, Registration
from tests.events.factories import SessionFactory
from tests.events.utils import in_days, summer_camp
from tests.signups.utils import born, child, form_data, form_url, sign_up, sign_up_data
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db

# A weekly club (a repeating session), as in the iCalendar tests.

HUGE = "1" * 23  # past any 64-bit integer, and SQLite's


# Dates


@pytest.mark.parametrize(
    ("route", "query"),
    [
        ("", "date_from=9999-12-30"),
        ("", "date_to=9999-12-31"),
        ("", "date_from=9999-01-01"),
        ("", "date_from=1999-12-31"),
        ("archive/", "date_to=9999-12-31"),
        ("week/", "date_from=9999-12-30"),
        ("month/", "date_to=0001-01-01"),
    ],
)
def test_a_date_out_of_the_calendars_years_is_refused_next_to_its_field(
    client, calendar_page, camp, route, query
):
    response = client.get(f"{calendar_page.url}{route}?{query}")

    field = query.split("=")[0]
    assert response.status_code == 400
    errors = page_text(response).split(f'id="id_{field}-errors"')[1].split("</div>")[0]
    assert (
        translated_text("Enter a date from the year %(first)s to %(last)s.", first=2000, last=2100)
        in errors
    )


def test_the_last_day_of_the_calendars_years_is_a_date_like_any_other(client, calendar_page, camp):
    response = client.get(f"{calendar_page.url}?date_from=2100-12-31&date_to=2100-12-31")

    assert response.status_code == 200


def test_the_date_fields_tell_the_browser_which_years_they_take(client, calendar_page):
    text = client.get(calendar_page.url).content.decode()

    assert text.count('min="2000-01-01"') == 2 and text.count('max="2100-12-31"') == 2


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_a_date_of_a_session_far_out_is_not_found(client, camp_session, day):
    response = client.get(f"/pl/calendar/session/{camp_session.translation_key}.ics?date={day}")

    assert response.status_code == 404


@pytest.mark.parametrize("month", ["0/1", "2026/0", "2026/13", "1999/12", "2101/1", f"{HUGE}/1"])
def test_an_impossible_month_is_not_found(client, calendar_page, month):
    assert client.get(f"{calendar_page.url}month/{month}/").status_code == 404


# Ids in addresses


def test_a_programme_feed_with_an_id_past_any_integer_is_not_found(client, camp):
    assert client.get(f"/uk/calendar/programme/{HUGE}.ics").status_code == 404
    assert client.get(f"/pl/calendar/programme/{'9' * 18}.ics").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "registrations",
        "attendance",
        "capacity",
        "cancel_session",
        "staff_sign_up",
        "session_message",
        "cancel_registration",
        "offer_places",
        "edit_registration",
        "move_registration",
        "cancel_participant",
    ],
)
def test_an_admin_address_with_an_id_past_any_integer_is_not_found(admin_client, name):
    url = reverse(f"sign_ups:{name}", args=[1]).replace("/1/", f"/{HUGE}/")

    # Django's LocaleMiddleware first tries the address with the language prefix.
    assert admin_client.get(url, follow=True).status_code == 404


def test_adding_sessions_to_a_page_id_past_any_integer_is_not_found(admin_client):
    url = reverse("events_add_sessions", args=[1]).replace("/1/", f"/{HUGE}/")

    assert admin_client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("query", [f"page={HUGE}", "page=-1", "page=abc"])
def test_any_page_number_shows_a_page_of_the_list(client, calendar_page, camp, query):
    assert client.get(f"{calendar_page.url}?{query}").status_code == 200


# The private link's cancel


@pytest.fixture
def family(camp_session):
    return sign_up(camp_session, child("Iwan"), child("Maria"))


def cancel_url(registration):
    return reverse(
        "signups:cancel", kwargs={"reference": registration.reference, "token": registration.token}
    )


@pytest.mark.parametrize("value", ["abc", "", HUGE, "-1", "1.0"])
def test_a_participant_that_is_none_of_the_sign_ups_cancels_nobody(client, family, value):
    assert client.get(cancel_url(family), {"participant": value}).status_code == 404
    assert client.post(cancel_url(family), {"participant": value}).status_code == 404
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert not Participant.objects.filter(cancelled_at__isnull=False).exists()


def test_a_participant_of_another_sign_up_cancels_nobody(client, camp_session, family):
    other = sign_up(camp_session, child("Anna", "Nowak"), email="anna@example.com")

    response = client.post(cancel_url(family), {"participant": other.participants.get().pk})

    assert response.status_code == 404
    assert not Participant.objects.filter(cancelled_at__isnull=False).exists()


def test_a_child_cancelled_already_does_not_take_the_last_one_with_it(client, family):
    """With one child left, cancelling "the last one" cancels the sign-up: never by a stale link."""
    iwan, maria = family.participants.order_by("first_name")
    client.post(cancel_url(family), {"participant": iwan.pk})

    response = client.post(cancel_url(family), {"participant": iwan.pk}, follow=True)

    assert translated_text("This participant is not signed up any more.") in page_text(response)
    maria.refresh_from_db()
    assert maria.cancelled_at is None
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_without_a_participant_everyone_is_cancelled(client, family):
    client.post(cancel_url(family))

    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert not Participant.objects.filter(cancelled_at__isnull=True).exists()


# Counts on the sign-up form


@pytest.fixture
def url(camp, camp_session):
    return form_url(camp, camp_session)


def test_a_huge_count_of_participants_builds_no_more_forms_than_allowed(client, url):
    data = form_data(**{"participants-TOTAL_FORMS": "10000000"}, remove_participant="0")

    response = client.post(url, data)

    assert response.status_code == 200
    assert len(response.context["participants"].forms) == 10


@pytest.mark.parametrize("count", ["-5", "0", HUGE * 300, "1e9", " 3"])
def test_any_count_of_participants_gives_a_form(client, url, count):
    response = client.post(url, form_data(**{"participants-TOTAL_FORMS": count}))

    assert response.status_code in (303, 400)


def test_a_post_past_the_limit_changes_nothing_on_the_form(client, url, settings):
    """Adding or removing past the limit is not done: the form comes back as it was sent."""
    settings.CIC_SIGN_UP_FORM_RATE_PER_IP = "1/h"
    two = form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6))
    client.post(url, {**two, "add_participant": "1"})

    response = client.post(url, {**two, "remove_participant": "1"})

    assert response.status_code == 429
    assert len(response.context["participants"].forms) == 2
    assert 'value="Maria"' in response.content.decode()


# Names and consents


INVISIBLE = ["\u200b", "\u200c\u200d", "\u2060", "\ufeff", " \u200b\t\u00a0", "\u3000\u200b"]


@pytest.mark.parametrize("blank", INVISIBLE)
def test_a_name_made_of_invisible_characters_is_no_name(client, url, blank):
    data = form_data((blank, blank, 8), name=blank)

    response = client.post(url, data)

    assert response.status_code == 400
    required = translated_text("This field is required.")
    for field in ("name", "participants-0-first_name", "participants-0-last_name"):
        errors = page_text(response).split(f'id="id_{field}-errors"')[1].split("</p>")[0]
        assert required in errors, field
    assert not Registration.objects.exists()


def test_invisible_characters_around_a_name_are_dropped_and_inside_it_kept(client, url):
    # A zero-width non-joiner belongs inside some Persian names.
    data = form_data(("\u200bMehr\u200cnaz\ufeff", "Ahmadi", 8), name="\u2060Olena Kowalenko ")

    assert client.post(url, data).status_code == 303

    registration = Registration.objects.get()
    assert registration.name == "Olena Kowalenko"
    assert registration.participants.get().first_name == "Mehr\u200cnaz"


@pytest.mark.parametrize("value", ["off", "no", "false", "0", "False", ""])
def test_a_consent_sent_as_anything_but_the_ticked_box_is_no_consent(client, url, value):
    response = client.post(url, form_data(data_consent=value))

    assert response.status_code == 400
    assert 'id="id_data_consent-errors"' in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("value", ["off", "no", "0"])
def test_a_photo_consent_sent_as_off_is_no_photo_consent(client, url, value):
    response = client.post(url, form_data(**{"participants-0-photo_consent": value}))

    assert response.status_code == 303
    assert Participant.objects.get().photo_consent is False


def test_a_ticked_photo_consent_is_a_consent(client, url):
    client.post(url, form_data(**{"participants-0-photo_consent": "on"}))

    assert Participant.objects.get().photo_consent is True


def test_staff_cannot_sign_up_a_child_whose_name_is_invisible(admin_client, camp_session):
    quota = services.quota_for(camp_session)
    data = sign_up_data(("\u200b", "\ufeff", born(8)), name="\u200b \u200d")

    admin_client.post(reverse("sign_ups:staff_sign_up", args=[quota.pk]), data)

    assert not Registration.objects.exists()


def test_staff_cannot_correct_a_name_into_invisible_characters(admin_client, camp_session):
    registration = sign_up(camp_session, child("Iwan"))
    iwan = registration.participants.get()
    url = reverse("sign_ups:edit_registration", args=[registration.pk])
    prefix = f"participant-{iwan.pk}"

    admin_client.post(
        url,
        {
            "name": "\u200b",
            "email": registration.email,
            "phone": "",
            "language": "uk",
            f"{prefix}-first_name": "\u2060",
            f"{prefix}-last_name": "Kowalenko",
            f"{prefix}-birth_date": iwan.birth_date.isoformat(),
        },
    )

    registration.refresh_from_db()
    iwan.refresh_from_db()
    assert registration.name == "Olena Kowalenko"
    assert iwan.first_name == "Iwan"


def test_a_session_a_year_on_is_found_by_its_dates(client, calendar_page, camp):
    """The bounds are far from any real date: a session next year is found by its day."""
    session = SessionFactory(
        page=camp, locale=camp.locale, starts_at=in_days(370), ends_at=in_days(370, hour=12)
    )
    day = session.starts_at.date().isoformat()

    response = client.get(f"{calendar_page.url}?date_from={day}&date_to={day}")

    assert response.status_code == 200
    assert len(response.context["occurrences_page"]) == 1


def test_a_register_mark_for_an_id_past_any_integer_is_ignored(admin_client, camp_session):
    registration = sign_up(camp_session, child("Iwan"))
    iwan = registration.participants.get()
    day = timezone.localtime(camp_session.starts_at).date()

    response = admin_client.post(
        reverse("sign_ups:attendance", args=[registration.quota_id]),
        {
            "date": day.isoformat(),
            f"attendance-{HUGE}": "present",
            f"attendance-{iwan.pk}": "present",
        },
    )

    assert response.status_code == 302
    assert Attendance.objects.get().participant == iwan


@pytest.mark.parametrize("value", ["off", "no", "0"])
def test_erasing_ones_data_needs_the_box_ticked(client, family, value):
    client.post(cancel_url(family))
    erase_url = reverse(
        "signups:erase", kwargs={"reference": family.reference, "token": family.token}
    )

    client.post(erase_url, {"confirm": value})

    assert Registration.objects.get().name == "Olena Kowalenko"


@pytest.mark.parametrize(("month", "gone"), [("2000/1", 'rel="prev"'), ("2100/12", 'rel="next"')])
def test_the_first_and_last_months_lead_to_no_month_out_of_the_calendar(
    client, calendar_page, month, gone
):
    response = client.get(f"{calendar_page.url}month/{month}/")

    assert response.status_code == 200
    assert gone not in response.content.decode()


# Dates staff type


@pytest.mark.parametrize(
    "query", ["period_to=9999-12-31", "period_from=0001-01-01&period_to=0001-01-01"]
)
def test_a_statistics_period_out_of_the_calendars_years_is_refused(admin_client, query):
    response = admin_client.get(f"{reverse('sign_up_reports:statistics')}?{query}")

    assert response.status_code == 200
    assert response.context["filters"].errors


def test_a_date_out_of_the_calendars_years_cancels_no_date(admin_client, club):
    response = admin_client.post(
        reverse("cancelledoccurrence:add"), {"session": club.pk, "date": "9999-12-31"}
    )

    assert response.status_code == 200
    assert not CancelledOccurrence.objects.exists()


@pytest.mark.parametrize(
    "changes", [{"first_day": "9999-12-27"}, {"more_days": "2027-07-19 9999-12-27"}]
)
def test_a_series_of_sessions_out_of_the_calendars_years_adds_nothing(
    admin_client, camp, kalisz_library, changes
):
    url = reverse("events_add_sessions", args=[camp.pk])

    response = admin_client.post(url, summer_camp([kalisz_library], **changes))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == set(changes)
    assert Session.objects.count() == 1
