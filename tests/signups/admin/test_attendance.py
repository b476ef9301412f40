"""
Attendance is taken per meeting: a five-day camp has five registers, an eight-week
club eight. Staff mark each confirmed participant present, absent or leave them
not marked; saving reports real changes only. Each register prints and downloads,
and the statistics count meetings held and attendance per meeting.
"""

import csv
import datetime
import io
import uuid
from urllib.parse import quote

import pytest
import recurrence

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import ModelLogEntry

from events.models import CancelledOccurrence, Quota, Session, SignUpQuestion
from signups import services
from signups.models import Attendance
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days, local
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db


def next_monday(weeks=1):
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


def at(day, hour):
    return local(day.year, day.month, day.day, hour)


def present_text():
    with translation.override("pl"):
        return translation.pgettext("attendance", "Present")


def absent_text():
    with translation.override("pl"):
        return translation.pgettext("attendance", "Absent")


def label(day):
    """A meeting's date as the Polish admin shows it."""
    with translation.override("pl"):
        return date_format(day, "l, j E Y")


@pytest.fixture
def family(camp_session):
    """Three children of one family, confirmed for the camp's one meeting."""
    return sign_up(camp_session, child("Anna"), child("Taras"), child("Sofia"))


def register(quota, day=None, **params):
    url = reverse("sign_ups:attendance", args=[quota.pk])
    if day:
        params["date"] = day.isoformat()
    return url, params


def marks(registration):
    return {
        (mark.participant.first_name, mark.date): mark.attended
        for mark in Attendance.objects.filter(participant__registration=registration)
    }


def first_day(session):
    return timezone.localtime(session.starts_at).date()


def save_register(client, registration, day, **states):
    """Post the register of `day`: first name -> "present", "absent" or "" (not marked)."""
    data = {"date": day.isoformat()}
    for participant in registration.participants.all():
        data[f"attendance-{participant.pk}"] = states.get(participant.first_name, "")
    url = reverse("sign_ups:attendance", args=[registration.quota_id])
    return client.post(url, data, follow=True)


def saved_text(day, present, absent):
    parts = ", ".join(
        [
            translated_plural(
                "%(count)s marked present", "%(count)s marked present", present, count=present
            ),
            translated_plural(
                "%(count)s marked absent", "%(count)s marked absent", absent, count=absent
            ),
        ]
    )
    return translated_text(
        "Register for %(date)s saved: %(changes)s.", date=label(day), changes=parts
    )


# Marking a register.


def test_ticking_two_of_three_marks_two_present_and_leaves_the_third_not_marked(
    admin_client, camp_session, family
):
    day = first_day(camp_session)

    response = save_register(admin_client, family, day, Anna="present", Taras="present")

    assert marks(family) == {("Anna", day): True, ("Taras", day): True}
    assert saved_text(day, 2, 0) in page_text(response)


def test_saving_the_register_again_unchanged_reports_no_change(admin_client, camp_session, family):
    day = first_day(camp_session)
    save_register(admin_client, family, day, Anna="present", Taras="absent")

    response = save_register(admin_client, family, day, Anna="present", Taras="absent")

    assert translated_text(
        "Nothing changed in the register for %(date)s.", date=label(day)
    ) in page_text(response)
    assert marks(family) == {("Anna", day): True, ("Taras", day): False}


def test_only_what_changed_is_counted(admin_client, camp_session, family):
    day = first_day(camp_session)
    save_register(admin_client, family, day, Anna="present", Taras="present")

    response = save_register(admin_client, family, day, Anna="present", Taras="absent")

    assert saved_text(day, 0, 1) in page_text(response)


def test_a_mark_can_be_taken_back_to_not_marked(admin_client, camp_session, family):
    day = first_day(camp_session)
    save_register(admin_client, family, day, Anna="present", Taras="absent")

    response = save_register(admin_client, family, day, Anna="present")

    assert marks(family) == {("Anna", day): True}
    assert translated_plural(
        "%(count)s set back to not marked", "%(count)s set back to not marked", 1, count=1
    ) in page_text(response)


def test_the_register_shows_three_choices_with_not_marked_by_default(
    admin_client, camp_session, family
):
    day = first_day(camp_session)
    anna = family.participants.get(first_name="Anna")
    services.mark_attendance(participant=anna, date=day, attended=False)

    response = admin_client.get(*register(family.quota, day))

    html = response.content.decode()
    assert f'name="attendance-{anna.pk}" value="absent" checked' in html
    for participant in family.participants.exclude(pk=anna.pk):
        assert f'name="attendance-{participant.pk}" value="" checked' in html
    assert translated_text("Register for %(date)s", date=label(day)) in page_text(response)


def test_the_register_leaves_out_other_sessions_and_families_not_confirmed(
    admin_client, camp, camp_session, family
):
    other = SessionFactory(
        page=camp, locale=camp.locale, starts_at=in_days(30), ends_at=in_days(30, 13), capacity=5
    )
    elsewhere = sign_up(other, child("Ivan")).participants.get()
    Quota.objects.filter(pk=family.quota_id).update(capacity=3)
    waiting = sign_up(camp_session, child("Maksym", "Tkachenko"), email="c@example.com")
    day = first_day(camp_session)
    maksym = waiting.participants.get()

    admin_client.post(
        reverse("sign_ups:attendance", args=[family.quota_id]),
        {
            "date": day.isoformat(),
            f"attendance-{elsewhere.pk}": "present",
            f"attendance-{maksym.pk}": "present",
        },
    )

    assert not Attendance.objects.exists()
    text = page_text(admin_client.get(*register(family.quota, day)))
    assert "Anna" in text
    assert "Maksym" not in text
    assert "Ivan" not in text


def test_saving_a_register_is_in_the_audit_log_with_the_date_and_counts_only(
    admin_client, camp_session, family
):
    day = first_day(camp_session)

    save_register(admin_client, family, day, Anna="present", Taras="absent")

    entry = ModelLogEntry.objects.get(action="events.mark_attendance")
    assert entry.data == {"date": day.isoformat(), "present": 1, "absent": 1, "cleared": 0}


def test_the_mark_records_who_marked_it(admin_client, admin_user, camp_session, family):
    save_register(admin_client, family, first_day(camp_session), Anna="present")

    assert Attendance.objects.get().marked_by == admin_user


# One register per meeting.


@pytest.fixture
def week_camp(camp):
    """A camp meeting Monday to Friday next week, 9:00–13:00, with one child."""
    monday = next_monday()
    session = SessionFactory(
        page=camp,
        locale=camp.locale,
        title="Turnus II",
        starts_at=at(monday, 9),
        ends_at=at(monday + datetime.timedelta(days=4), 13),
        daily=Session.Daily.WEEKDAYS,
        capacity=10,
    )
    return session


def test_a_camp_meeting_on_five_days_has_five_registers(admin_client, week_camp):
    registration = sign_up(week_camp, child("Anna"))
    monday = timezone.localtime(week_camp.starts_at).date()
    days = [monday + datetime.timedelta(days=n) for n in range(5)]

    response = admin_client.get(reverse("sign_ups:registrations", args=[registration.quota_id]))

    assert [register["meeting"].date for register in response.context["registers"]] == days
    text = page_text(response)
    for day in days:
        assert label(day) in text


def test_marks_of_one_day_are_not_those_of_another(admin_client, week_camp):
    registration = sign_up(week_camp, child("Anna"))
    monday = timezone.localtime(week_camp.starts_at).date()
    tuesday = monday + datetime.timedelta(days=1)

    save_register(admin_client, registration, monday, Anna="present")
    save_register(admin_client, registration, tuesday, Anna="absent")

    assert marks(registration) == {("Anna", monday): True, ("Anna", tuesday): False}
    anna = registration.participants.get().pk
    html = admin_client.get(*register(registration.quota, tuesday)).content.decode()
    assert f'name="attendance-{anna}" value="absent" checked' in html


def test_the_register_opens_on_todays_meeting_or_the_next(admin_client, camp):
    monday = next_monday(weeks=0)  # this week's Monday
    session = SessionFactory(
        page=camp,
        locale=camp.locale,
        starts_at=at(monday, 9),
        ends_at=at(monday + datetime.timedelta(days=6), 13),
        daily=Session.Daily.EVERY_DAY,
        capacity=10,
    )
    quota = services.quota_for(session)

    response = admin_client.get(reverse("sign_ups:attendance", args=[quota.pk]))

    assert response.context["meeting"].date == timezone.localdate()


@pytest.fixture
def club(calendar_page):
    """A club meeting on eight Tuesdays from next week, the fourth one called off."""
    page = EventPageFactory(parent=calendar_page, title="Klub konwersacyjny")
    tuesday = next_monday() + datetime.timedelta(days=1)
    session = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=at(tuesday, 16),
        ends_at=at(tuesday, 18),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=8)]),
        capacity=12,
    )
    CancelledOccurrence.objects.create(
        session_key=session.translation_key,
        starts_at=at(tuesday + datetime.timedelta(weeks=3), 16),
    )
    return session


def test_a_weekly_club_has_a_register_per_week_except_the_cancelled_one(admin_client, club):
    quota = services.quota_for(club)
    tuesday = timezone.localtime(club.starts_at).date()
    weeks = [tuesday + datetime.timedelta(weeks=n) for n in range(8) if n != 3]

    response = admin_client.get(reverse("sign_ups:registrations", args=[quota.pk]))

    assert [register["meeting"].date for register in response.context["registers"]] == weeks
    cancelled = tuesday + datetime.timedelta(weeks=3)
    assert admin_client.get(*register(quota, cancelled), follow=True).status_code == 404


# Printing and downloading one register.


@pytest.fixture
def questions(camp):
    return {
        "collects": SignUpQuestion.objects.create(page=camp, label="Kto odbiera dziecko?"),
        "health": SignUpQuestion.objects.create(
            page=camp, label="Uwagi o zdrowiu", kind=SignUpQuestion.Kind.LONG_TEXT, sensitive=True
        ),
    }


def test_the_printable_register_lists_each_child_with_who_collects_them_and_boxes(
    admin_client, camp_session, questions
):
    registration = sign_up(
        camp_session,
        child(
            "Anna",
            answers={questions["collects"].key: "Babcia Halina"},
            sensitive_answers={questions["health"].key: "Astma"},
            photo_consent=True,
        ),
    )
    day = first_day(camp_session)
    url = reverse("sign_ups:attendance_print", args=[registration.quota_id])

    response = admin_client.get(url, {"date": day.isoformat()})

    assert response.status_code == 200
    text = page_text(response)
    assert "Kowalenko Anna" in text
    assert "Kto odbiera dziecko?" in text
    assert "Babcia Halina" in text
    assert translated_text("Allowed") in text
    # Health notes stay off paper, and so does the admin's menu.
    assert "Astma" not in text
    assert "sidebar" not in response.content.decode()
    assert "@media print" in response.content.decode()
    entry = ModelLogEntry.objects.get(action="events.view_participants")
    assert entry.data == {"date": day.isoformat(), "printed": True}


def test_a_register_downloads_as_csv_with_the_marks_of_that_date(
    admin_client, camp_session, family
):
    day = first_day(camp_session)
    save_register(admin_client, family, day, Anna="present", Taras="absent")

    response = admin_client.get(*register(family.quota, day, export="csv"))

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = {
        row[translated_text("First name")]: row[translated_text("Attendance")]
        for row in csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    }
    assert rows == {
        "Anna": present_text(),
        "Taras": absent_text(),
        "Sofia": "",
    }
    with translation.override("pl"):
        name = translation.pgettext("file name", "register")
    filename = f"{name}-polkolonie-turnus-i-{day.isoformat()}.csv"
    assert quote(filename, safe="") in response["Content-Disposition"]
    assert ModelLogEntry.objects.filter(action="events.export_participants").exists()


def test_the_session_export_has_a_column_of_marks_per_meeting(admin_client, week_camp):
    registration = sign_up(week_camp, child("Anna"), child("Taras"))
    monday = timezone.localtime(week_camp.starts_at).date()
    save_register(admin_client, registration, monday, Anna="present", Taras="absent")
    url = reverse("sign_ups:registrations", args=[registration.quota_id])

    response = admin_client.get(url, {"export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))

    def heading(day):
        with translation.override("pl"):
            return translation.gettext("Attendance on %(date)s") % {
                "date": date_format(day, "SHORT_DATE_FORMAT")
            }

    tuesday = monday + datetime.timedelta(days=1)
    first_name = translated_text("First name")
    by_name = {row[first_name]: row for row in rows}
    assert by_name["Anna"][heading(monday)] == present_text()
    assert by_name["Taras"][heading(monday)] == absent_text()
    assert by_name["Anna"][heading(tuesday)] == ""
    assert sum(1 for name in rows[0] if name.startswith(heading(monday)[:5])) == 5


# The session's page (item 12).


def test_the_session_page_names_programme_session_venue_and_dates_and_links_to_the_page(
    admin_client, camp_session
):
    quota = services.quota_for(camp_session)

    response = admin_client.get(reverse("sign_ups:registrations", args=[quota.pk]))

    text = page_text(response)
    assert "Półkolonie w Kaliszu – Turnus I" in text
    assert "Biblioteka Publiczna w Kaliszu" in text
    with translation.override("pl"):
        assert camp_session.when_display in text
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[camp_session.page_id]) in html
    assert f'href="{camp_session.page.url}"' in html
    assert translated_text("View page") in text
    assert translated_text("Edit page") in text


def test_offer_places_now_is_shown_only_while_a_place_is_free(admin_client, camp_session):
    sign_up(camp_session, *(child(f"Child{i}", "Bondarenko") for i in range(10)))
    waiting = sign_up(camp_session, child("Maksym", "Tkachenko"), email="c@example.com")
    url = reverse("sign_ups:registrations", args=[waiting.quota_id])
    offer = reverse("sign_ups:offer_places", args=[waiting.pk])

    full = admin_client.get(url).content.decode()
    Quota.objects.filter(pk=waiting.quota_id).update(capacity=11)
    one_free = admin_client.get(url).content.decode()

    assert offer not in full
    assert offer in one_free


# Statistics.


def test_statistics_count_meetings_held_and_attendance_per_meeting(admin_client, camp):
    """A five-day camp that ended last week: two registers taken, three children."""
    monday = next_monday(weeks=-1)
    session = SessionFactory(
        page=camp,
        locale=camp.locale,
        starts_at=at(monday, 9),
        ends_at=at(monday + datetime.timedelta(days=4), 13),
        daily=Session.Daily.WEEKDAYS,
        capacity=10,
    )
    registration = services.sign_up(
        session=session,
        registrant=services.Registrant(name="Olena", email="o@example.com", language="uk"),
        participants=[child("Anna"), child("Taras"), child("Sofia")],
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=camp,
        now=session.starts_at - datetime.timedelta(days=30),
    )
    tuesday = monday + datetime.timedelta(days=1)
    for day, states in [
        (monday, {"Anna": True, "Taras": True, "Sofia": False}),
        (tuesday, {"Anna": True, "Taras": False}),
    ]:
        for participant in registration.participants.all():
            if participant.first_name in states:
                services.mark_attendance(
                    participant=participant, date=day, attended=states[participant.first_name]
                )

    response = admin_client.get(reverse("sign_up_reports:statistics"))

    [figures] = response.context["object_list"]
    assert (figures.meetings, figures.registers) == (5, 2)
    assert (figures.present, figures.absent, figures.attended) == (3, 2, 2)
    assert figures.attendance_per_meeting == 1.5
    assert figures.attendance_rate == 60


def test_statistics_make_the_same_queries_whatever_the_meetings_and_marks(admin_client, camp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_clubs(first, count):
        for number in range(first, first + count):
            page = EventPageFactory(parent=camp.get_parent(), title=f"Klub {number}")
            start = at(next_monday(weeks=-5), 16)
            session = SessionFactory(
                page=page,
                locale=page.locale,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                recurrence=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.WEEKLY, count=4)]
                ),
                capacity=5,
            )
            CancelledOccurrence.objects.create(
                session_key=session.translation_key,
                starts_at=start + datetime.timedelta(weeks=1),
            )
            registration = services.sign_up(
                session=session,
                registrant=services.Registrant(
                    name="Olena", email=f"{uuid.uuid4()}@example.com", language="uk"
                ),
                participants=[child("Anna")],
                data_consent_version="2026-01",
                submission_key=uuid.uuid4(),
                page=page,
                now=start - datetime.timedelta(days=7),
            )
            services.mark_attendance(
                participant=registration.participants.get(),
                date=timezone.localdate(start),
                attended=True,
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(reverse("sign_up_reports:statistics"))
        assert response.status_code == 200
        return len(queries), response

    add_clubs(0, 2)
    count()  # the first request fills the caches (content types, sites)
    with_two, _response = count()
    add_clubs(2, 6)
    with_eight, response = count()

    assert with_eight == with_two
    total = response.context["view"].statistics.total
    # Four Mondays each, one of them cancelled; one register taken at each club.
    assert (total.meetings, total.registers, total.present) == (24, 8, 8)


def test_a_register_opens_on_the_last_meeting_once_the_session_is_over():
    from signups.attendance import Meeting, default_meeting

    meetings = [Meeting(at(next_monday(weeks=-2) + datetime.timedelta(days=n), 9)) for n in (0, 1)]

    assert default_meeting(meetings) == meetings[-1]
    assert default_meeting([]) is None


def test_a_long_course_lists_the_meetings_around_today_and_each_register_offers_all(
    admin_client, calendar_page
):
    """Forty weekly meetings, the first five weeks ago: the page lists ten, from the
    two before the next one; the register's date picker offers all forty."""
    page = EventPageFactory(parent=calendar_page, title="Kurs języka polskiego A1")
    start = at(next_monday(weeks=-5), 17)
    session = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=40)]),
        capacity=12,
    )
    quota = services.quota_for(session)

    response = admin_client.get(reverse("sign_ups:registrations", args=[quota.pk]))

    shown = [register["meeting"].date for register in response.context["registers"]]
    dates = [timezone.localdate(start) + datetime.timedelta(weeks=n) for n in range(40)]
    upcoming = next(n for n, day in enumerate(dates) if day >= timezone.localdate())
    assert shown == dates[upcoming - 2 : upcoming + 8]
    assert translated_text(
        "%(shown)s of %(total)s meetings shown, around today; each register lets you choose "
        "any date.",
        shown=10,
        total=40,
    ) in page_text(response)
    register_page = admin_client.get(reverse("sign_ups:attendance", args=[quota.pk]))
    assert len(register_page.context["meetings"]) == 40
