"""Staff see who signed up for each session, export it and act on it, in the Wagtail admin."""

import csv
import io

import openpyxl
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import ModelLogEntry

from events.factories import SessionFactory
from events.models import Quota, Registration, SignUpQuestion
from signups import services
from tests.conftest import page_text, translated_plural, translated_text

from .conftest import child, in_days, sign_up, staff_user

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
    camp_session.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert camp_session.capacity == 12
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
    camp_session.refresh_from_db()
    assert camp_session.status == "cancelled"
    assert camp_session.status_note == "The library is closed for repairs."
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
    response = admin_client.get(reverse("wagtailsnippets_events_consenttext:add"))

    assert response.status_code == 200
