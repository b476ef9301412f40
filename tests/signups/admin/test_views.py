"""
Staff see who signed up for each session, export it and act on it, in the Wagtail admin.

Staff tell sessions apart in the sessions list: what, where, which centre, when next,
places and waiting; upcoming first; found by programme, session, venue or town.

Staff notes in every language (issue 11, item 6): why a session is cancelled is given
per language on "Cancel session", kept in each language's row of the session, and
shown on pages and in e-mails in the reader's language; where staff gave none for a
language, the Polish note is shown, saying it is in Polish.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from recurrence import WEEKLY, Recurrence, Rule

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry

from events.models import CancelledSession, ProgrammePage, Quota, Session, SignUpQuestion
from signups import services
from signups.models import Registration
from tests.events.factories import SessionFactory, VenueFactory
from tests.events.utils import in_days, translated
from tests.signups.utils import child, sign_up
from tests.utils import page_text, staff_user, translated_plural, translated_text

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def quota(camp_session):
    return services.quota_for(camp_session)


def registrations_url(quota):
    return reverse("sign_ups:registrations", args=[quota.pk])


def full_camp(camp_session):
    """The camp's 10 places taken by two families, and a third family waiting."""
    first = sign_up(
        camp_session, *(child(f"Child{i}", "Bondarenko") for i in range(6)), email="a@example.com"
    )
    second = sign_up(
        camp_session, *(child(f"Child{i}", "Shevchenko") for i in range(4)), email="b@example.com"
    )
    waiting = sign_up(
        camp_session,
        child("Maksym", "Tkachenko"),
        child("Sofia", "Tkachenko"),
        email="c@example.com",
    )
    return first, second, waiting


def test_sign_ups_list_shows_each_session_with_its_places(admin_client, camp_session):
    full_camp(camp_session)

    response = admin_client.get(reverse("sign_ups:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Turnus I" in html
    assert "Półkolonie w Kaliszu" in html
    [row] = response.context["table"].rows
    quota = row.instance
    assert (quota.capacity, quota.taken, quota.free, quota.waiting) == (10, 10, 0, 1)


def test_sign_ups_list_filters_upcoming_and_past_sessions(admin_client, camp, camp_session):
    past = SessionFactory(
        page=camp,
        locale=camp.locale,
        title="Turnus 0",
        starts_at=in_days(-30),
        ends_at=in_days(-30, hour=13),
        capacity=5,
    )
    services.quota_for(camp_session)
    services.quota_for(past)

    upcoming = admin_client.get(reverse("sign_ups:index"), {"when": "upcoming"})
    earlier = admin_client.get(reverse("sign_ups:index"), {"when": "past"})

    assert [row.instance.session for row in upcoming.context["table"].rows] == [camp_session]
    assert [row.instance.session for row in earlier.context["table"].rows] == [past]


def count_list_queries(client):
    # Once first, so that per-process caches (Django's content types) are filled
    # whatever ran before in this process: what is counted is what grows.
    client.get(reverse("sign_ups:index"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("sign_ups:index"))
    assert response.status_code == 200
    return len(queries)


def test_sign_ups_list_makes_the_same_queries_for_2_and_20_sessions(admin_client, camp):
    def add_sessions(count):
        for day in range(count):
            session = SessionFactory(
                page=camp,
                locale=camp.locale,
                starts_at=in_days(20 + day),
                ends_at=in_days(20 + day, hour=13),
                capacity=10,
                min_age=6,
                max_age=12,
            )
            services.quota_for(session)
            sign_up(session, child(f"Child{day}"))

    add_sessions(2)
    with_two = count_list_queries(admin_client)
    add_sessions(18)
    with_twenty = count_list_queries(admin_client)

    assert Quota.objects.count() == 20
    assert with_twenty == with_two


def test_session_page_lists_registrations_participants_and_waiting_positions(
    admin_client, camp_session
):
    first, second, waiting = full_camp(camp_session)
    later = sign_up(camp_session, child("Ivan", "Melnyk"), email="d@example.com")

    response = admin_client.get(registrations_url(waiting.quota))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Child5 Bondarenko" in html
    assert "Sofia Tkachenko" in html
    positions = {r.pk: r.position for r in response.context["object_list"]}
    assert positions == {first.pk: None, second.pk: None, waiting.pk: 1, later.pk: 2}
    text = page_text(response)
    assert translated_text("Position %(position)s on the waiting list", position=1) in text
    assert translated_text("Position %(position)s on the waiting list", position=2) in text
    assert response.context["waiting_participants"] == 3


def test_session_page_shows_photo_consent_allowed_not_allowed_and_withdrawn(
    admin_client, camp_session
):
    registration = sign_up(
        camp_session,
        child("Anna", photo_consent=True),
        child("Oleh", photo_consent=True),
        child("Taras"),
    )
    services.withdraw_photo_consent(participant=registration.participants.get(first_name="Oleh"))

    response = admin_client.get(registrations_url(registration.quota))

    [shown] = response.context["object_list"]
    consent = {p.first_name: p.photos[1] for p in shown.participants.all()}
    assert consent == {
        "Anna": translated_text("Allowed"),
        "Oleh": translated_text("Withdrawn"),
        "Taras": translated_text("Not allowed"),
    }


def test_session_page_filters_registrations_by_status(admin_client, camp_session):
    _first, _second, waiting = full_camp(camp_session)

    response = admin_client.get(registrations_url(waiting.quota), {"status": "waiting"})

    assert [r.pk for r in response.context["object_list"]] == [waiting.pk]


@pytest.fixture
def questions(camp):
    collects = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Who collects the child?", kind="text"
    )
    health = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Allergies", kind="text", sensitive=True
    )
    return collects, health


def test_csv_export_has_a_row_per_participant_with_answers_and_photo_consent(
    admin_client, camp_session, questions
):
    collects, health = questions
    registration = sign_up(
        camp_session,
        child("Anna", photo_consent=True, answers={collects.key: "Grandmother"}),
        child("Taras", sensitive_answers={health.key: "Peanuts"}),
    )

    response = admin_client.get(registrations_url(registration.quota), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    first_name, photos = translated_text("First name"), translated_text("Photos")
    assert [(r[first_name], r[photos]) for r in rows] == [
        ("Anna", translated_text("Allowed")),
        ("Taras", translated_text("Not allowed")),
    ]
    assert rows[0]["Who collects the child?"] == "Grandmother"
    assert rows[1]["Allergies"] == "Peanuts"
    assert rows[0][translated_text("Registrant")] == "Olena Kowalenko"


def test_xlsx_export_contains_the_participants_and_their_photo_consent(admin_client, camp_session):
    _first, _second, waiting = full_camp(camp_session)

    response = admin_client.get(registrations_url(waiting.quota), {"export": "xlsx"})

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    heading, *rows = workbook.active.iter_rows(values_only=True)
    column = {name: index for index, name in enumerate(heading)}

    def cell(row, heading):
        return row[column[translated_text(heading)]]

    assert len(rows) == 12
    assert {cell(row, "Photos") for row in rows} == {translated_text("Not allowed")}
    maksym = next(row for row in rows if cell(row, "First name") == "Maksym")
    assert cell(maksym, "Status") == translated_text("On the waiting list")
    assert cell(maksym, "Position on the waiting list") == 1
    born = waiting.participants.get(first_name="Maksym").birth_date
    assert cell(maksym, "Date of birth") == born


def test_cancelling_a_registration_frees_places_and_offers_them_to_the_waiting_family(
    admin_client, camp_session
):
    _first, second, waiting = full_camp(camp_session)
    url = reverse("sign_ups:cancel_registration", args=[second.pk])

    confirmation = admin_client.get(url)
    response = admin_client.post(url, follow=True)

    assert translated_plural(
        "Cancel the sign-up of %(name)s (%(status)s, %(places)s place)?",
        "Cancel the sign-up of %(name)s (%(status)s, %(places)s places)?",
        4,
        name="Olena Kowalenko",
        status=translated_text("Confirmed"),
        places=4,
    ) in page_text(confirmation)
    second.refresh_from_db()
    waiting.refresh_from_db()
    assert (second.status, second.cancelled_by) == (Status.CANCELLED, "staff")
    assert waiting.status == Status.OFFERED
    assert Quota.objects.get().taken == 8
    assert translated_text(
        "The sign-up of %(name)s is cancelled and they have been told by e-mail.",
        name="Olena Kowalenko",
    ) in page_text(response)


def test_cancelling_a_cancelled_registration_shows_the_services_refusal(
    admin_client, camp_session
):
    registration = sign_up(camp_session, child("Anna"))
    services.cancel(registration=registration)

    response = admin_client.post(
        reverse("sign_ups:cancel_registration", args=[registration.pk]), follow=True
    )

    assert translated_text("This sign-up is already cancelled.") in page_text(response)


def test_staff_offer_places_by_hand_to_a_waiting_family_out_of_turn(admin_client, camp_session):
    """The services offer freed places at once, so free places next to a waiting
    list only happen when places were added outside them; staff then choose who."""
    _first, _second, waiting = full_camp(camp_session)
    later = sign_up(camp_session, child("Ivan", "Melnyk"), email="d@example.com")
    Quota.objects.filter(pk=later.quota_id).update(capacity=11)

    response = admin_client.post(reverse("sign_ups:offer_places", args=[later.pk]), follow=True)

    later.refresh_from_db()
    waiting.refresh_from_db()
    assert later.status == Status.OFFERED
    assert waiting.status == Status.WAITING
    assert Quota.objects.get().taken == 11
    with translation.override("pl"):
        until = date_format(timezone.localtime(later.offer_expires_at), "SHORT_DATETIME_FORMAT")
    assert translated_text(
        "%(name)s has been offered the places until %(until)s.",
        name="Olena Kowalenko",
        until=until,
    ) in page_text(response)


def test_offering_places_to_a_waiting_family_that_does_not_fit_shows_why(
    admin_client, camp_session
):
    _first, _second, waiting = full_camp(camp_session)

    response = admin_client.post(reverse("sign_ups:offer_places", args=[waiting.pk]), follow=True)

    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
    assert translated_text("This session is full.") in page_text(response)


def test_raising_the_places_offers_them_to_the_waiting_family(admin_client, camp_session):
    first, _second, waiting = full_camp(camp_session)

    response = admin_client.post(
        reverse("sign_ups:capacity", args=[first.quota_id]), {"capacity": 12}, follow=True
    )

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert Session.objects.get(pk=camp_session.pk).places == 12
    assert translated_plural(
        "The places freed were offered to %(count)s waiting sign-up.",
        "The places freed were offered to %(count)s waiting sign-ups.",
        1,
        count=1,
    ) in page_text(response)


def test_places_below_those_taken_are_refused_with_a_clear_message(admin_client, camp_session):
    first, _second, _waiting = full_camp(camp_session)

    response = admin_client.post(
        reverse("sign_ups:capacity", args=[first.quota_id]), {"capacity": 5}
    )

    assert response.status_code == 400
    assert translated_text(
        "%(taken)s places are taken by confirmed sign-ups and open offers: "
        "cancel sign-ups before lowering the places below that.",
        taken=10,
    ) in page_text(response)
    assert Quota.objects.get().capacity == 10


def test_cancelling_the_session_cancels_every_sign_up_and_emails_each_registrant(
    admin_client, camp_session, mailoutbox, django_capture_on_commit_callbacks
):
    first, *_others = full_camp(camp_session)
    url = reverse("sign_ups:cancel_session", args=[first.quota_id])
    mailoutbox.clear()

    confirmation = admin_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"note": "The library is closed for repairs."})

    assert translated_plural(
        "Cancel this session in every language? %(counter)s sign-up (%(participants)s "
        "participants) will be cancelled, and each registrant told by e-mail.",
        "Cancel this session in every language? %(counter)s sign-ups (%(participants)s "
        "participants) will be cancelled, and each registrant told by e-mail.",
        3,
        counter=3,
        participants=12,
    ) in page_text(confirmation)
    assert response.status_code == 302
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert statuses == {Status.CANCELLED}
    camp_session = Session.objects.get(pk=camp_session.pk)
    assert camp_session.is_cancelled
    assert camp_session.note.text == "The library is closed for repairs."
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["a@example.com", "b@example.com", "c@example.com"]


def every_url(registration):
    """Every staff URL about a session, with the method it is used with."""
    quota = registration.quota_id
    return [
        ("get", reverse("sign_ups:index"), {}),
        ("get", reverse("sign_ups:index_results"), {}),
        ("get", reverse("sign_ups:registrations", args=[quota]), {}),
        ("get", reverse("sign_ups:registrations_results", args=[quota]), {}),
        ("get", reverse("sign_ups:registrations", args=[quota]), {"export": "csv"}),
        ("get", reverse("sign_ups:registrations", args=[quota]), {"export": "xlsx"}),
        ("get", reverse("sign_ups:capacity", args=[quota]), {}),
        ("get", reverse("sign_ups:cancel_session", args=[quota]), {}),
        ("get", reverse("sign_ups:cancel_registration", args=[registration.pk]), {}),
        ("get", reverse("sign_ups:attendance", args=[quota]), {}),
        ("get", reverse("sign_ups:attendance", args=[quota]), {"export": "csv"}),
        ("get", reverse("sign_ups:attendance_print", args=[quota]), {}),
        ("post", reverse("sign_ups:attendance", args=[quota]), {}),
        ("post", reverse("sign_ups:offer_places", args=[registration.pk]), {}),
        ("post", reverse("sign_ups:capacity", args=[quota]), {"capacity": 20}),
        ("post", reverse("sign_ups:cancel_session", args=[quota]), {}),
        ("post", reverse("sign_ups:cancel_registration", args=[registration.pk]), {}),
    ]


def test_staff_without_the_permission_get_403_on_every_url(editor_client, camp_session):
    registration = sign_up(camp_session, child("Anna"))

    for method, url, data in every_url(registration):
        response = getattr(editor_client, method)(url, data)
        assert response.status_code == 403, (method, url, data)
        assert "Anna" not in response.content.decode()

    registration.refresh_from_db()
    camp_session.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert camp_session.capacity == 10


def test_staff_with_the_permission_open_every_page(coordinator_client, camp_session):
    registration = sign_up(camp_session, child("Anna"))

    for method, url, data in every_url(registration):
        if method == "get":
            response = coordinator_client.get(url, data)
            assert response.status_code == 200, (url, data)


def test_staff_with_the_permission_act_on_sign_ups(coordinator_client, camp_session):
    registration = sign_up(camp_session, child("Anna"))

    response = coordinator_client.post(
        reverse("sign_ups:cancel_registration", args=[registration.pk])
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_sign_ups_menu_item_is_shown_only_to_staff_with_the_permission(
    coordinator_client, client, django_user_model
):
    coordinator_home = coordinator_client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(staff_user(django_user_model, "editor"))
    editor_home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("sign_ups:index") in coordinator_home
    assert reverse("sign_ups:index") not in editor_home


def test_viewing_a_participant_list_is_written_to_the_audit_log(admin_client, admin_user, quota):
    admin_client.get(registrations_url(quota))

    entry = ModelLogEntry.objects.get(action="events.view_participants")
    assert entry.user == admin_user
    assert entry.object_id == str(quota.pk)
    assert entry.content_type.model_class() is Quota


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exporting_a_participant_list_is_written_to_the_audit_log(
    admin_client, admin_user, quota, export_format
):
    admin_client.get(registrations_url(quota), {"export": export_format})

    entry = ModelLogEntry.objects.get(action="events.export_participants")
    assert entry.user == admin_user
    assert entry.object_id == str(quota.pk)
    assert entry.data == {"format": export_format}
    assert not ModelLogEntry.objects.filter(action="events.view_participants").exists()


def test_audit_log_entries_have_a_readable_label(admin_client, quota):
    admin_client.get(registrations_url(quota))

    entry = ModelLogEntry.objects.get(action="events.view_participants")
    with translation.override("pl"):  # the admin's language
        label, message = str(entry.formatter.label), str(entry.message)
    assert label == translated_text("View participants")
    assert message == translated_text("Viewed the participants")


def test_a_name_that_looks_like_html_is_shown_as_text(admin_client, camp_session):
    registration = sign_up(
        camp_session,
        child("<script>alert(1)</script>", "Kowalenko"),
        name="<script>alert(1)</script>",
    )

    detail = admin_client.get(registrations_url(registration.quota)).content.decode()
    confirmation = admin_client.get(
        reverse("sign_ups:cancel_registration", args=[registration.pk])
    ).content.decode()

    for html in (detail, confirmation):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_session_title_that_looks_like_html_is_shown_as_text_in_the_list(
    admin_client, camp_session
):
    camp_session.title = "<script>alert(1)</script>"
    camp_session.save()
    services.quota_for(camp_session)

    html = admin_client.get(reverse("sign_ups:index")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_consent_texts_are_edited_as_snippets(admin_client, locales):
    response = admin_client.get(reverse("wagtailsnippets_signups_consenttext:add"))

    assert response.status_code == 200


SESSIONS = reverse("sign_ups:index")
# Session, user, profile, the count, the rows, the filters' choices, Wagtail's own lookups.
QUERIES_FOR_TWO = 9


def add_session(page, title, days, *, venue=None, hours=4, **kwargs):
    session = SessionFactory(
        page=page,
        locale=page.locale,
        title=title,
        starts_at=in_days(days, hour=9),
        ends_at=in_days(days, hour=9) + datetime.timedelta(hours=hours),
        venue=venue,
        capacity=kwargs.pop("capacity", 10),
        **kwargs,
    )
    services.quota_for(session)
    return session


def titles(response):
    return [row.instance.session.title for row in response.context["table"].rows]


def test_each_row_names_programme_session_venue_centre_places_and_waiting(
    admin_client, camp, camp_session, kalisz, locales
):
    camp.organiser = kalisz
    camp.save()
    full = add_session(camp, "Turnus II", 21, venue=camp_session.venue, capacity=2)
    sign_up(full, child("Anna"), child("Taras"), email="a@example.com")
    sign_up(full, child("Ivan"), email="b@example.com")
    services.quota_for(camp_session)

    response = admin_client.get(SESSIONS)

    text = page_text(response)
    headings = [str(column.label) for column in response.context["table"].columns.values()]
    for heading in ("Programme", "Session", "Venue", "Centre", "Next date", "Places taken"):
        assert translated_text(heading) in headings
    assert "Biblioteka Publiczna w Kaliszu, Kalisz" in text
    assert "CIC Kalisz" in text
    rows = {row.instance.session.title: row for row in response.context["table"].rows}
    assert rows["Turnus II"].instance.waiting == 1
    assert "2 / 2" in text and "0 / 10" in text


def test_upcoming_sessions_come_first_soonest_first_then_past_ones_latest_first(
    admin_client, camp
):
    add_session(camp, "In two weeks", 14)
    add_session(camp, "Long ago", -60)
    add_session(camp, "In three days", 3)
    add_session(camp, "Last week", -7)
    # A weekly club that started a month ago meets next in five days.
    add_session(camp, "Weekly club", -30, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)]))
    # Met twice, the last time 53 days ago: over.
    ended = Recurrence(rrules=[Rule(WEEKLY, count=2)])
    add_session(camp, "Ended club", -60, hours=2, recurrence=ended)

    response = admin_client.get(SESSIONS)

    assert titles(response) == [
        "In three days",
        "Weekly club",
        "In two weeks",
        "Last week",
        "Ended club",
        "Long ago",
    ]


def test_next_date_is_the_next_meeting_or_the_last_one_once_over(admin_client, camp):
    add_session(camp, "Weekly club", -29, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)]))
    add_session(camp, "Last week", -7)

    response = admin_client.get(SESSIONS)

    text = page_text(response)
    next_meeting = timezone.localtime(in_days(6, hour=9))
    last = timezone.localtime(in_days(-7, hour=9))
    assert date_format(next_meeting, "SHORT_DATETIME_FORMAT") in text
    assert (
        date_format(timezone.localtime(in_days(-29, hour=9)), "SHORT_DATETIME_FORMAT") not in text
    )
    assert (
        translated_text("last met %(date)s", date=date_format(last, "SHORT_DATETIME_FORMAT"))
        in text
    )


def test_search_finds_sessions_by_venue_and_by_town(admin_client, camp, camp_session, locales):
    park = VenueFactory(name="Park Przyjaźni", city="Piła", locale=locales["pl"])
    add_session(camp, "Piknik", 10, venue=park)
    services.quota_for(camp_session)

    by_venue = admin_client.get(SESSIONS, {"q": "biblioteka publiczna"})
    by_town = admin_client.get(SESSIONS, {"q": "piła"})

    assert titles(by_venue) == ["Turnus I"]
    assert titles(by_town) == ["Piknik"]


def test_the_count_says_how_many_sessions(admin_client, camp, camp_session):
    services.quota_for(camp_session)
    add_session(camp, "Turnus II", 21)

    response = admin_client.get(SESSIONS)

    assert translated_plural("%(count)s session", "%(count)s sessions", 2, count=2) in page_text(
        response
    )
    assert "places of sessions" not in page_text(response)


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_makes_the_same_queries_for_2_and_20_sessions(
    admin_client, camp, kalisz, locales, count, django_assert_max_num_queries
):
    """The bound is what 2 sessions take (measured): 20 take no more."""
    camp.organiser = kalisz
    camp.save()
    hall = VenueFactory(name="Sala", city="Kalisz", kind="centre", centre=kalisz)
    for day in range(count):
        add_session(camp, f"Turnus {day}", day - count // 2, venue=hall)
        add_session(
            camp, f"Klub {day}", -10, hours=2, recurrence=Recurrence(rrules=[Rule(WEEKLY)])
        )

    admin_client.get(SESSIONS)  # Django's and Wagtail's caches filled, as on a running site

    with django_assert_max_num_queries(QUERIES_FOR_TWO):
        response = admin_client.get(SESSIONS)

    assert len(list(response.context["table"].rows)) == 2 * count


def test_a_deleted_session_is_listed_as_such(admin_client, camp, camp_session):
    services.quota_for(camp_session)
    add_session(camp, "Turnus II", 21)
    camp_session.delete()

    response = admin_client.get(SESSIONS)

    assert response.status_code == 200
    assert translated_text("Deleted session") in page_text(response)


POLISH, UKRAINIAN = "Awaria ogrzewania w bibliotece.", "Аварія опалення в бібліотеці."


@pytest.fixture
def camp_in_every_language(camp, calendar_page, locales):
    """The camp, and the calendar with it, in Ukrainian, Russian and English."""
    for language in ("uk", "ru", "en"):
        translated(camp, locales[language])
    return camp


@pytest.fixture
def families(camp_session, camp_in_every_language):
    """A Ukrainian family and a Russian one."""
    olena = sign_up(camp_session, child("Marta"))
    irina = sign_up(camp_session, child("Irina", "Petrova"), email="irina@example.com")
    Registration.objects.filter(pk=irina.pk).update(language="ru")
    return olena, irina


def own_notes(session):
    """The note of each language of the session's cancellation, empty where it has none."""
    cancellation = CancelledSession.objects.get(session_key=session.translation_key)
    return {
        "pl": cancellation.note,
        **{code: cancellation.note_translations.get(code, "") for code in ("uk", "ru", "en")},
    }


def cancel_url(camp_session):
    return reverse("sign_ups:cancel_session", args=[Quota.objects.get().pk])


def cancel(coordinator_client, camp_session, django_capture_on_commit_callbacks, **notes):
    with django_capture_on_commit_callbacks(execute=True):
        return coordinator_client.post(cancel_url(camp_session), notes)


def test_the_cancel_form_asks_for_the_note_in_every_language(
    coordinator_client, camp_session, families
):
    response = coordinator_client.get(cancel_url(camp_session))

    form = response.context["form"]
    assert list(form.fields) == ["note", "note_uk", "note_ru", "note_en"]
    labels = [str(field.label) for field in form.fields.values()]
    why = translated_text("Why it is cancelled")
    with translation.override("pl"):
        expected = [
            gettext("%(label)s (%(language)s)") % {"label": why, "language": name}
            for name in ("polski", "ukraiński", "rosyjski", "angielski")
        ]
    assert labels == expected


def test_each_language_of_the_session_keeps_its_own_note(
    coordinator_client, camp_session, families, django_capture_on_commit_callbacks
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )

    assert own_notes(camp_session) == {"pl": POLISH, "uk": UKRAINIAN, "ru": "", "en": ""}


def test_families_read_the_note_in_their_language_or_the_polish_one_marked_as_such(
    coordinator_client, camp_session, families, django_capture_on_commit_callbacks, mailoutbox
):
    mailoutbox.clear()

    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )

    [ukrainian] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    [russian] = [mail for mail in mailoutbox if mail.to == ["irina@example.com"]]
    assert translated_text("From the organisers: %(note)s", "uk", note=UKRAINIAN) in ukrainian.body
    assert POLISH not in ukrainian.body
    assert (
        translated_text("From the organisers (in Polish): %(note)s", "ru", note=POLISH)
        in russian.body
    )


def test_pages_show_the_note_in_their_language_or_the_polish_one_marked_as_such(
    client, coordinator_client, camp, camp_session, families, django_capture_on_commit_callbacks
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )
    ukrainian, russian = (
        camp.get_translation(camp.locale.__class__.objects.get(language_code=language))
        for language in ("uk", "ru")
    )

    ukrainian_page = page_text(client.get(ukrainian.url))
    russian_page = page_text(client.get(russian.url))

    assert UKRAINIAN in ukrainian_page and POLISH not in ukrainian_page
    assert translated_text("From the organisers, in Polish:", "ru") in russian_page
    assert f'<span lang="pl">{POLISH}</span>' in russian_page


def test_the_ukrainian_note_survives_the_next_publish_of_the_ukrainian_page(
    coordinator_client, camp, camp_session, families, django_capture_on_commit_callbacks, locales
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )
    ukrainian = ProgrammePage.objects.get(
        translation_key=camp.translation_key, locale=locales["uk"]
    ).specific

    ukrainian.get_latest_revision_as_object().save_revision().publish()

    with translation.override("uk"):
        assert ukrainian.sessions.get().note.text == UKRAINIAN


def test_a_note_left_untranslated_on_a_translated_page_counts_as_polish(
    client, camp, camp_session, camp_in_every_language, locales
):
    """wagtail-localize copies what nobody translated: the Polish words in the English row."""
    Session.objects.filter(translation_key=camp_session.translation_key).update(
        status=Session.Status.MOVED, status_note="Do sali 12."
    )
    english = camp.get_translation(locales["en"])

    html = page_text(client.get(english.url))

    assert translated_text("From the organisers, in Polish:", "en") in html
    assert '<span lang="pl">Do sali 12.</span>' in html


def test_cancelling_without_notes_per_language_keeps_the_polish_note(camp_session, families):
    """Other code (deleting a programme) cancels with one note, written in Polish."""
    from signups import services

    services.cancel_session(session=camp_session, note=POLISH)

    notes = own_notes(camp_session)
    assert notes["pl"] == POLISH
    assert notes["uk"] == ""
