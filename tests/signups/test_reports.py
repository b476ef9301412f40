"""Staff see the figures the centres publish, and who looked at sign-ups, under Reports."""

import csv
import datetime
import io
import uuid

import openpyxl
import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from events.models import EventPage
from signups import services
from signups.models import Registration
from tests.events.factories import SessionFactory, VenueFactory
from tests.events.utils import local, translated
from tests.utils import page_text, staff_user, translated_text
from workshops.models import SummerCampPage

pytestmark = pytest.mark.django_db

Status = Registration.Status
YEAR = timezone.localdate().year

STATISTICS = reverse("sign_up_reports:statistics")
AUDIT_LOG = reverse("sign_up_reports:audit_log")


def programme(
    parent, title, *, kind=EventPage, organiser=None, venue=None, starts=None, **session
):
    """A programme page of `kind` with one session, by default on 6 July this year."""
    page = parent.add_child(
        instance=kind(title=title, slug=slugify(title), intro="Dla rodzin.", organiser=organiser)
    )
    starts = starts or local(YEAR, 7, 6, 9)
    SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        venue=venue,
        **{"capacity": 10, **session},
    )
    return page


def person(first_name, last_name, age=None, country=""):
    return services.NewParticipant(
        first_name=first_name, last_name=last_name, age=age, country=country
    )


def sign_up(session, language, *participants):
    """Sign `participants` up a month before the session, the registrant preferring `language`."""
    return services.sign_up(
        session=session,
        registrant=services.Registrant(
            name=participants[0].last_name, email=f"{uuid.uuid4()}@example.com", language=language
        ),
        participants=list(participants),
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=session.page,
        now=session.starts_at - datetime.timedelta(days=30),
    )


@pytest.fixture
def summer_camp(calendar_page, kalisz):
    """A summer camp organised by CIC Kalisz: 5 places, all taken, one waiting, one gone.

    Kowalenko (uk): Anna 8 and Taras 10 from Ukraine, confirmed; Anna came, Taras not.
    Nowak (pl): Zofia 15 from Poland (came), Ewa 40 and Piotr of unknown age, confirmed.
    Melnyk (ru): Ivan 35, on the waiting list. Bondarenko (uk): Olha 4, left the list.
    """
    camp = programme(
        calendar_page, "Półkolonie w Kaliszu", kind=SummerCampPage, organiser=kalisz, capacity=5
    )
    session = camp.sessions.get()
    kowalenko = sign_up(
        session, "uk", person("Anna", "Kowalenko", 8, "UA"), person("Taras", "Kowalenko", 10, "UA")
    )
    nowak = sign_up(
        session,
        "pl",
        person("Zofia", "Nowak", 15, "PL"),
        person("Ewa", "Nowak", 40),
        person("Piotr", "Nowak"),
    )
    sign_up(session, "ru", person("Ivan", "Melnyk", 35))
    services.cancel(registration=sign_up(session, "uk", person("Olha", "Bondarenko", 4, "UA")))
    for registration, first_name, attended in [
        (kowalenko, "Anna", True),
        (kowalenko, "Taras", False),
        (nowak, "Zofia", True),
    ]:
        services.mark_attendance(
            participant=registration.participants.get(first_name=first_name),
            date=datetime.date(YEAR, 7, 6),
            attended=attended,
        )
    return camp


@pytest.fixture
def speaking_club(calendar_page, locales):
    """An event with one adult from the United Kingdom, nobody's attendance marked yet."""
    cinema = VenueFactory(name="Kino Meduza", city="Opole", locale=locales["pl"])
    club = programme(
        calendar_page, "Klub konwersacyjny", venue=cinema, starts=local(YEAR, 8, 1, 16)
    )
    sign_up(club.sessions.get(), "en", person("John", "Smith", 30, "GB"))
    return club


def days_from_now(days):
    """A session start `days` from now, at 10:00 in Warsaw."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, 10)


def statistics_of(client, **filters):
    response = client.get(STATISTICS, filters)
    assert response.status_code == 200
    return response


def figures_of(client, **filters):
    """The figures shown for each programme, by title."""
    return {
        figures.title: figures
        for figures in statistics_of(client, **filters).context["object_list"]
    }


def test_statistics_count_each_participant_under_the_status_of_their_sign_up(
    admin_client, summer_camp
):
    camp = figures_of(admin_client)["Półkolonie w Kaliszu"]

    assert (camp.sessions, camp.sign_ups, camp.participants) == (1, 4, 7)
    assert (camp.confirmed, camp.waiting, camp.offered, camp.cancelled) == (5, 1, 0, 1)


def test_attendance_counts_only_participants_whose_attendance_was_marked(
    admin_client, summer_camp
):
    camp = figures_of(admin_client)["Półkolonie w Kaliszu"]

    assert (camp.attended, camp.attendance_marked, camp.attendance_rate) == (2, 3, 67)


def test_age_groups_languages_and_countries_describe_confirmed_participants(
    admin_client, summer_camp
):
    """Ivan (waiting) and Olha (cancelled) are in the sign-ups, not in who took part."""
    camp = figures_of(admin_client)["Półkolonie w Kaliszu"]

    assert (camp.children, camp.youth, camp.adults, camp.age_unknown) == (2, 1, 1, 1)
    assert camp.languages == {"pl": 1, "uk": 1, "ru": 0, "en": 0}
    assert camp.countries == {"UA": 2, "PL": 1}


def test_the_total_adds_up_every_programme(admin_client, summer_camp, speaking_club):
    response = statistics_of(admin_client)

    total = response.context["view"].statistics.total
    assert (total.sessions, total.sign_ups, total.participants, total.confirmed) == (2, 5, 8, 6)
    assert (total.adults, total.attended, total.attendance_marked) == (2, 2, 3)
    assert total.languages == {"pl": 1, "uk": 1, "ru": 0, "en": 1}
    assert total.countries == {"UA": 2, "PL": 1, "GB": 1}
    assert translated_text("All programmes") in page_text(response)


def test_statistics_are_unchanged_after_personal_data_is_erased(admin_client, summer_camp):
    from signups.privacy import anonymise_registrations

    before = figures_of(admin_client)

    anonymise_registrations(Registration.objects.all(), now=timezone.now())

    assert set(Registration.objects.values_list("name", flat=True)) == {""}
    assert figures_of(admin_client) == before


def test_sign_ups_in_another_language_count_once_under_the_polish_programme(
    admin_client, summer_camp, locales
):
    ukrainian = translated(summer_camp, locales["uk"]).sessions.get()
    sign_up(ukrainian, "uk", person("Maksym", "Tkachenko", 9, "UA"))

    figures = figures_of(admin_client)

    assert list(figures) == ["Półkolonie w Kaliszu"]
    camp = figures["Półkolonie w Kaliszu"]
    assert (camp.sessions, camp.sign_ups, camp.waiting) == (1, 5, 2)


def test_period_is_the_past_year_and_what_comes_unless_chosen(
    admin_client, calendar_page, summer_camp
):
    """Sessions taking sign-ups now count too: a winter camp booked for next year."""
    long_ago = programme(calendar_page, "Piknik", starts=days_from_now(-400))
    sign_up(long_ago.sessions.get(), "pl", person("Jan", "Kowalski", 40))
    next_year = programme(calendar_page, "Ferie zimowe", starts=days_from_now(60))
    sign_up(next_year.sessions.get(), "uk", person("Iwan", "Melnyk", 9))

    response = statistics_of(admin_client)

    assert [figures.title for figures in response.context["object_list"]] == [
        "Ferie zimowe",
        "Półkolonie w Kaliszu",
    ]
    assert not response.context["is_filtering"]


def test_period_leaves_out_sessions_starting_outside_it(admin_client, summer_camp, speaking_club):
    figures = figures_of(admin_client, period_from=f"{YEAR}-07-15", period_to=f"{YEAR}-08-31")

    assert list(figures) == ["Klub konwersacyjny"]


def test_a_period_without_an_end_counts_every_session_from_its_start(
    admin_client, calendar_page, summer_camp
):
    last_year = programme(calendar_page, "Piknik", starts=local(YEAR - 1, 6, 20, 12))
    sign_up(last_year.sessions.get(), "pl", person("Jan", "Kowalski", 40))

    figures = figures_of(admin_client, period_from=f"{YEAR - 1}-01-01", period_to="")

    assert sorted(figures) == ["Piknik", "Półkolonie w Kaliszu"]


def test_a_period_left_empty_leaves_out_sessions_over_a_year_ago(
    admin_client, calendar_page, summer_camp
):
    last_year = programme(calendar_page, "Piknik", starts=days_from_now(-400))
    sign_up(last_year.sessions.get(), "pl", person("Jan", "Kowalski", 40))

    figures = figures_of(admin_client, period_from="", period_to="")

    assert list(figures) == ["Półkolonie w Kaliszu"]


def test_centre_counts_sessions_it_organises_or_hosts(
    admin_client, calendar_page, kalisz, locales, summer_camp, speaking_club
):
    centre_hall = VenueFactory(name="Sala CIC", kind="centre", centre=kalisz, locale=locales["pl"])
    workshop = programme(calendar_page, "Warsztaty w centrum", venue=centre_hall)
    sign_up(workshop.sessions.get(), "uk", person("Iryna", "Savchenko", 33, "UA"))

    figures = figures_of(admin_client, centre=kalisz.pk)

    assert sorted(figures) == ["Półkolonie w Kaliszu", "Warsztaty w centrum"]


def test_kind_counts_only_programmes_of_that_kind(admin_client, summer_camp, speaking_club):
    camps = ContentType.objects.get_for_model(SummerCampPage)

    figures = figures_of(admin_client, kind=camps.pk)

    assert list(figures) == ["Półkolonie w Kaliszu"]
    assert str(figures["Półkolonie w Kaliszu"].kind) == str(SummerCampPage._meta.verbose_name)


def test_programme_counts_only_that_programme(admin_client, summer_camp, speaking_club):
    figures = figures_of(admin_client, programme=speaking_club.pk)

    assert list(figures) == ["Klub konwersacyjny"]


def export_rows(response, export_format):
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    heading, *rows = rows
    return [dict(zip(heading, row, strict=True)) for row in rows]


def language_heading(code):
    """The heading of a preferred language's column, in the admin's language."""
    with translation.override("pl"):
        name = translation.get_language_info(code)["name_translated"]
        heading = translation.gettext("Preferred language: %(language)s (confirmed sign-ups)")
        return heading % {"language": name}


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_has_a_row_per_programme_and_the_total(
    admin_client, summer_camp, speaking_club, export_format
):
    response = admin_client.get(STATISTICS, {"export": export_format})

    club, camp, total = export_rows(response, export_format)

    def cell(row, heading):
        value = row[translated_text(heading)]
        return int(value) if export_format == "csv" and value.isdigit() else value

    assert [cell(row, "Programme") for row in (club, camp, total)] == [
        "Klub konwersacyjny",
        "Półkolonie w Kaliszu",
        translated_text("All programmes"),
    ]
    assert cell(camp, "Organising centre") == "CIC Kalisz"
    assert cell(camp, "Sign-ups") == 4
    assert cell(camp, "Confirmed participants") == 5
    assert cell(camp, "Participants on the waiting list") == 1
    assert cell(camp, "Cancelled participants") == 1
    assert cell(camp, "Attendance (%)") == 67
    # Nobody's attendance marked at the club: an empty cell, the column stays numbers.
    assert cell(club, "Attendance (%)") == ("" if export_format == "csv" else None)
    assert cell(camp, "Children 0–12 (confirmed)") == 2
    assert cell(total, "Adults 18+ (confirmed)") == 2
    assert str(camp[language_heading("uk")]) == "1"
    assert str(total[language_heading("en")]) == "1"
    # Country names in the admin's language, most frequent first; the total names them all.
    assert cell(camp, "Countries of origin (confirmed participants)") == "Ukraina 2, Polska 1"
    assert cell(total, "Countries of origin (confirmed participants)") == (
        "Ukraina 2, Polska 1, Wielka Brytania 1"
    )


def test_a_programme_names_its_five_first_countries_and_counts_the_others(
    admin_client, calendar_page
):
    festival = programme(calendar_page, "Festiwal", capacity=20)
    session = festival.sessions.get()
    for index, country in enumerate(["UA", "UA", "BY", "GE", "MD", "TR", "CU", "IN"]):
        sign_up(session, "pl", person(f"Osoba{index}", "Gość", 30, country))

    response = admin_client.get(STATISTICS, {"export": "csv"})

    festival_row, total = export_rows(response, "csv")
    heading = translated_text("Countries of origin (confirmed participants)")
    named = festival_row[heading].split(", ")
    assert named[0] == "Ukraina 2"
    assert len(named) == 6
    assert named[-1] == translated_text("other countries %(count)s", count=2)
    assert len(total[heading].split(", ")) == 7


def get_statistics(client, **params):
    response = client.get(STATISTICS, params)
    if "export" in params:
        b"".join(response.streaming_content)
    assert response.status_code == 200


def count_queries(client, **params):
    # Once first, so that per-process caches (Django's content types) are filled
    # whatever ran before in this process: what is counted is what grows.
    get_statistics(client, **params)
    with CaptureQueriesContext(connection) as queries:
        get_statistics(client, **params)
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"export": "csv"}], ids=["page", "export"])
def test_statistics_make_the_same_queries_for_2_and_20_programmes(
    admin_client, calendar_page, kalisz, params
):
    def add_programmes(start, count):
        for number in range(start, start + count):
            page = programme(calendar_page, f"Program {number}", organiser=kalisz)
            session = page.sessions.get()
            sign_up(session, "uk", person("Anna", f"Kowalenko{number}", 8, "UA"))
            sign_up(session, "pl", person("Jan", f"Nowak{number}", 40, "PL"))

    add_programmes(0, 2)
    with_two = count_queries(admin_client, **params)
    add_programmes(2, 18)
    with_twenty = count_queries(admin_client, **params)

    assert len(figures_of(admin_client)) == 20
    assert with_twenty == with_two


def test_opening_and_exporting_statistics_is_not_logged(admin_client, summer_camp):
    """The families' sign-ups are logged; looking at the figures adds nothing."""
    logged = ModelLogEntry.objects.count()

    admin_client.get(STATISTICS)
    admin_client.get(STATISTICS, {"export": "xlsx"})

    assert ModelLogEntry.objects.count() == logged


def report_urls():
    """Every URL of both reports, exports included."""
    urls = []
    for name in ("statistics", "audit_log"):
        page, results = (
            reverse(f"sign_up_reports:{name}"),
            reverse(f"sign_up_reports:{name}_results"),
        )
        urls += [(page, {}), (results, {}), (page, {"export": "csv"}), (page, {"export": "xlsx"})]
    return urls


def test_staff_without_the_permission_get_403_on_every_report_url(editor_client, summer_camp):
    for url, params in report_urls():
        response = editor_client.get(url, params)
        assert response.status_code == 403, (url, params)
        assert "Kowalenko" not in response.content.decode()


def test_staff_with_the_permission_open_and_export_every_report(coordinator_client, summer_camp):
    for url, params in report_urls():
        assert coordinator_client.get(url, params).status_code == 200, (url, params)


def test_reports_are_in_the_menu_only_for_staff_with_the_permission(
    coordinator_client, client, django_user_model
):
    coordinator_home = coordinator_client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(staff_user(django_user_model, "editor"))
    editor_home = client.get(reverse("wagtailadmin_home")).content.decode()

    for url in (STATISTICS, AUDIT_LOG):
        assert url in coordinator_home
        assert url not in editor_home


# The sign-up audit log.


@pytest.fixture
def quota(summer_camp):
    """The camp's session, with an empty log: the families' own sign-ups that fill it
    are logged too (tests/signups/test_audit.py)."""
    ModelLogEntry.objects.all().delete()
    return services.quota_for(summer_camp.sessions.get())


def participant_list(quota):
    return reverse("sign_ups:registrations", args=[quota.pk])


def audit_log(client, **filters):
    response = client.get(AUDIT_LOG, filters)
    assert response.status_code == 200
    return response


def test_audit_log_shows_who_viewed_and_exported_a_participant_list_newest_first(
    admin_client, admin_user, quota
):
    admin_client.get(participant_list(quota))
    admin_client.get(participant_list(quota), {"export": "csv"})

    response = audit_log(admin_client)

    entries = response.context["object_list"]
    assert [entry.action for entry in entries] == [
        "events.export_participants",
        "events.view_participants",
    ]
    assert {entry.user for entry in entries} == {admin_user}
    text = page_text(response)
    assert translated_text("Export participants") in text
    assert translated_text("View participants") in text
    assert str(quota) in text
    assert participant_list(quota) in text
    assert "format: csv" in text


def count_audit_log_queries(client):
    audit_log(client)  # once first, as count_queries does
    with CaptureQueriesContext(connection) as queries:
        audit_log(client)
    return len(queries)


def test_audit_log_makes_the_same_queries_for_2_and_20_entries(admin_client, admin_user, quota):
    for _number in range(2):
        log(quota, "events.view_participants", user=admin_user)
    with_two = count_audit_log_queries(admin_client)
    for _number in range(18):
        log(quota, "events.export_participants", user=admin_user, data={"format": "csv"})
    with_twenty = count_audit_log_queries(admin_client)

    assert with_twenty == with_two


def test_audit_log_leaves_out_what_is_not_about_sign_ups(
    admin_client, admin_user, quota, summer_camp
):
    log(summer_camp, "wagtail.edit", user=admin_user)

    assert list(audit_log(admin_client).context["object_list"]) == []


def test_audit_log_filters_by_action(admin_client, quota):
    admin_client.get(participant_list(quota))
    admin_client.get(participant_list(quota), {"export": "xlsx"})

    entries = audit_log(admin_client, action="events.export_participants").context["object_list"]

    assert [entry.action for entry in entries] == ["events.export_participants"]


def test_audit_log_filters_by_user(admin_client, coordinator_client, quota, django_user_model):
    admin_client.get(participant_list(quota))
    coordinator_client.get(participant_list(quota))
    coordinator = django_user_model.objects.get(username="coordinator")

    entries = audit_log(admin_client, user=coordinator.pk).context["object_list"]

    assert [entry.user for entry in entries] == [coordinator]


def test_audit_log_filters_by_date(admin_client, quota):
    admin_client.get(participant_list(quota))
    admin_client.get(participant_list(quota), {"export": "csv"})
    ModelLogEntry.objects.filter(action="events.view_participants").update(
        timestamp=local(YEAR - 1, 3, 1, 12)
    )

    entries = audit_log(
        admin_client, timestamp_from=f"{YEAR - 1}-01-01", timestamp_to=f"{YEAR - 1}-12-31"
    ).context["object_list"]

    assert [entry.action for entry in entries] == ["events.view_participants"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_audit_log_export_has_who_when_what_and_which_session(admin_client, quota, export_format):
    admin_client.get(participant_list(quota), {"export": "csv"})
    entry = ModelLogEntry.objects.get()

    response = admin_client.get(AUDIT_LOG, {"export": export_format})

    [row] = export_rows(response, export_format)
    assert row[translated_text("User")] == "admin"
    assert row[translated_text("Action")] == translated_text("Export participants")
    assert row[translated_text("Session")] == str(quota)
    assert row[translated_text("Details")] == '{"format": "csv"}'
    when = timezone.localtime(entry.timestamp).replace(microsecond=0, tzinfo=None)
    assert str(row[translated_text("Date/Time")]) == str(when)
