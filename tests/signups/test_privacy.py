"""
Personal data of sign-ups (signups/privacy.py): erased when its keeping time is
over or when someone asks, exported for the person it is about, and every look
at it logged.
"""

import datetime
import json
import uuid
from io import StringIO

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import ModelLogEntry

from events.models import Session, SignUpQuestion
from signups import privacy, services
from signups.models import Attendance, Participant, Registration
from tests.signups.utils import child
from tests.utils import page_text, staff_user, translated_text

pytestmark = pytest.mark.django_db

NAME = "Oksana Zhuravska"
EMAIL = "oksana.zhuravska@example.org"
PHONE = "+48 600 111 222"
CHILDREN = [("Myroslava", "Zhuravska"), ("Bohdan", "Zhuravska")]
HEALTH_NOTE = "Alergia na orzeszki ziemne"
COLLECTED_BY = "Babcia Halyna"


@pytest.fixture
def questions(camp):
    return {
        "collects": SignUpQuestion.objects.create(page=camp, label="Kto odbiera dziecko?"),
        "health": SignUpQuestion.objects.create(
            page=camp, label="Uwagi o zdrowiu", kind=SignUpQuestion.Kind.LONG_TEXT, sensitive=True
        ),
    }


@pytest.fixture
def family(camp_session, questions):
    """A Ukrainian family: two children, one with a health note, from Ukraine."""
    participants = [
        child(
            first_name,
            last_name,
            age=age,
            answers={questions["collects"].key: COLLECTED_BY},
            sensitive_answers={questions["health"].key: HEALTH_NOTE} if age == 7 else {},
            country="UA",
            photo_consent=True,
        )
        for (first_name, last_name), age in zip(CHILDREN, [7, 10], strict=True)
    ]
    registration = services.sign_up(
        session=camp_session,
        registrant=services.Registrant(name=NAME, email=EMAIL, phone=PHONE, language="uk"),
        participants=participants,
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=camp_session.page,
    )
    services.mark_attendance(
        participant=registration.participants.get(first_name="Bohdan"),
        date=timezone.localdate(camp_session.starts_at),
        attended=True,
    )
    return registration


@pytest.fixture
def neighbours(camp_session):
    """Another family on the same session, Polish-speaking, on the waiting list later."""
    return services.sign_up(
        session=camp_session,
        registrant=services.Registrant(name="Anna Nowak", email="anna@example.com", language="pl"),
        participants=[child("Zosia", "Nowak", age=9)],
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=camp_session.page,
    )


def end_session(session, days_ago):
    """Move `session` (in every language) so that it ended `days_ago` days ago."""
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    Session.objects.filter(translation_key=session.translation_key).update(
        starts_at=ends - datetime.timedelta(days=5), ends_at=ends
    )


def figures():
    """What the statistics are made of: must survive anonymisation unchanged."""
    return {
        "registrations": list(
            Registration.objects.order_by("pk").values_list("status", "places", "language")
        ),
        "participants": list(
            Participant.objects.order_by("pk").values_list(
                "age_band", "country", "photo_consent", "cancelled_at"
            )
        ),
        "attendance": list(
            Attendance.objects.order_by("pk").values_list("participant", "date", "attended")
        ),
    }


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def places_where(needle):
    """Every (table, column) of the database whose text contains `needle`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            rows = model._base_manager.annotate(
                _as_text=Cast(field.name, output_field=models.TextField())
            ).filter(_as_text__icontains=needle)
            if rows.exists():
                found.append((model._meta.db_table, field.column))
    return found


def dates_where(day):
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                type(field) is models.DateField
                and model._base_manager.filter(**{field.name: day}).exists()
            ):
                found.append((model._meta.db_table, field.column))
    return found


def personal_data_of(registration):
    birth_dates = [p.birth_date for p in registration.participants.all()]
    needles = [NAME, EMAIL, PHONE, HEALTH_NOTE, COLLECTED_BY]
    needles += [name for pair in CHILDREN for name in pair]
    needles += [day.isoformat() for day in birth_dates]
    return needles, birth_dates


# Retention


def test_anonymisation_leaves_no_personal_data_of_the_sessions_registrants_anywhere(
    camp_session, family, admin_client
):
    """Search every text column of every table, after staff looked at the list and exported it."""
    admin_client.get(f"/admin/sign-ups/{family.quota_id}/")
    admin_client.get(f"/admin/sign-ups/{family.quota_id}/?export=csv")
    needles, birth_dates = personal_data_of(family)
    # The search finds what is there before (birth dates only in their date column).
    assert all(places_where(needle) for needle in needles if "-" not in needle)
    assert all(dates_where(day) for day in birth_dates)
    end_session(camp_session, days_ago=91)

    privacy.apply_retention()

    for needle in needles:
        assert places_where(needle) == [], needle
    for day in birth_dates:
        assert dates_where(day) == [], day


def test_anonymisation_keeps_the_statistics_unchanged(camp_session, family, neighbours):
    services.cancel(registration=family, participant=family.participants.get(first_name="Bohdan"))
    before = figures()
    end_session(camp_session, days_ago=91)

    report = privacy.apply_retention()

    assert report.registrations == 2
    assert figures() == before
    assert (
        Participant.objects.filter(registration=family)
        .values_list("age_band", flat=True)
        .order_by("pk")[0]
        == "6-12"
    )


def test_running_the_retention_twice_changes_nothing_more(camp_session, family):
    end_session(camp_session, days_ago=91)
    privacy.apply_retention()
    after_first = list(Registration.objects.values())

    report = privacy.apply_retention()

    assert report.registrations == 0
    assert list(Registration.objects.values()) == after_first


def test_sign_ups_are_kept_until_90_days_after_the_session(camp_session, family):
    end_session(camp_session, days_ago=89)

    privacy.apply_retention()

    family.refresh_from_db()
    assert family.name == NAME
    assert family.anonymised_at is None


def test_a_weekly_session_without_an_end_keeps_its_sign_ups(camp_session, family):
    import recurrence

    end_session(camp_session, days_ago=200)
    Session.objects.filter(pk=camp_session.pk).update(
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY)])
    )

    privacy.apply_retention()

    family.refresh_from_db()
    assert family.email == EMAIL


def test_health_notes_are_erased_the_day_after_the_session_and_the_rest_kept(camp_session, family):
    end_session(camp_session, days_ago=2)

    report = privacy.apply_retention()

    assert report.participants == 1
    assert places_where(HEALTH_NOTE) == []
    assert places_where(COLLECTED_BY)  # not sensitive: kept for 90 days
    family.refresh_from_db()
    assert family.name == NAME


def test_the_command_dry_run_lists_what_it_would_erase_and_erases_nothing(camp_session, family):
    end_session(camp_session, days_ago=91)
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert "1 sign-up(s) would be anonymised" in out.getvalue()
    family.refresh_from_db()
    assert family.email == EMAIL


def test_the_command_erases_and_says_how_many(camp_session, family):
    end_session(camp_session, days_ago=91)
    out = StringIO()

    call_command("apply_retention", stdout=out)

    assert "1 sign-up(s) were anonymised" in out.getvalue()
    family.refresh_from_db()
    assert family.email == ""


def test_the_periodic_task_does_what_the_command_does(camp_session, family):
    from signups import tasks

    end_session(camp_session, days_ago=91)

    result = tasks.apply_retention.enqueue()

    assert result.return_value == 1
    family.refresh_from_db()
    assert family.anonymised_at is not None


def test_an_anonymised_sign_up_no_longer_opens_its_private_link(client, camp_session, family):
    link = f"/uk/sign-ups/{family.reference}/{family.token}/"
    assert client.get(link).status_code == 200
    end_session(camp_session, days_ago=91)

    privacy.apply_retention()

    assert client.get(link).status_code == 404


# The registrant erases their own data


def test_the_private_page_offers_to_delete_the_data_of_a_cancelled_sign_up(client, family):
    services.cancel(registration=family)

    response = client.get(f"/uk/sign-ups/{family.reference}/{family.token}/")

    assert translated_text("Delete my data", language="uk") in page_text(response)


def test_the_private_page_does_not_offer_it_before_the_session(client, family):
    response = client.get(f"/uk/sign-ups/{family.reference}/{family.token}/")

    assert translated_text("Delete my data", language="uk") not in page_text(response)


def test_the_registrant_deletes_their_data_after_the_session(client, camp_session, family):
    end_session(camp_session, days_ago=3)

    response = client.post(
        f"/uk/sign-ups/{family.reference}/{family.token}/erase/", {"confirm": "on"}
    )

    assert response.status_code == 200
    assert translated_text("Your data is deleted", language="uk") in page_text(response)
    family.refresh_from_db()
    assert (family.name, family.email, family.phone) == ("", "", "")
    assert places_where(EMAIL) == []


def test_deleting_needs_the_box_ticked(client, camp_session, family):
    end_session(camp_session, days_ago=3)

    response = client.post(f"/uk/sign-ups/{family.reference}/{family.token}/erase/", follow=True)

    assert translated_text(
        "Tick the box to confirm that the data should be deleted.", language="uk"
    ) in page_text(response)
    family.refresh_from_db()
    assert family.email == EMAIL


def test_an_upcoming_confirmed_sign_up_cannot_be_erased_through_the_link(client, family):
    """Erasing it would leave places taken by nobody; cancel first."""
    response = client.post(
        f"/uk/sign-ups/{family.reference}/{family.token}/erase/", {"confirm": "on"}, follow=True
    )

    assert translated_text(
        "You can delete your data once the session is over, or after cancelling.", language="uk"
    ) in page_text(response)
    family.refresh_from_db()
    assert family.email == EMAIL


# Staff: subject access and erasure


@pytest.fixture
def data_officer_client(client, django_user_model):
    client.force_login(
        staff_user(django_user_model, "data-officer", "signups.manage_personal_data")
    )
    return client


URL = "/admin/personal-data/"


def test_staff_find_every_sign_up_of_an_e_mail_address_whatever_its_case(
    data_officer_client, family, neighbours
):
    response = data_officer_client.post(URL, {"email": EMAIL.upper(), "action": "find"})

    html = page_text(response)
    assert response.status_code == 200
    assert NAME in html and "Myroslava Zhuravska" in html and HEALTH_NOTE in html
    assert "Anna Nowak" not in html


def test_staff_export_the_sign_ups_of_an_address_as_json(data_officer_client, family):
    response = data_officer_client.post(URL, {"email": EMAIL, "action": "json"})

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    [registration] = data["registrations"]
    assert registration["email"] == EMAIL
    assert registration["phone"] == PHONE
    assert registration["data_consent"]["version"] == "2026-01"
    assert [p["first_name"] for p in registration["participants"]] == ["Myroslava", "Bohdan"]
    assert registration["participants"][0]["sensitive_answers"]
    assert registration["participants"][0]["photo_consent"]["given"] is True


def test_staff_erase_the_sign_ups_of_an_address_and_the_statistics_stay(
    data_officer_client, family, neighbours
):
    before = figures()

    response = data_officer_client.post(URL, {"email": EMAIL, "action": "erase", "confirm": "on"})

    assert response.status_code == 200
    assert places_where(EMAIL) == []
    assert places_where(HEALTH_NOTE) == []
    assert figures() == before
    neighbours.refresh_from_db()
    assert neighbours.name == "Anna Nowak"


@pytest.mark.parametrize("confirm", [None, "off", "no", "0"])
def test_erasing_needs_the_confirmation(data_officer_client, family, confirm):
    data = {"email": EMAIL, "action": "erase"}
    if confirm is not None:
        data["confirm"] = confirm

    response = data_officer_client.post(URL, data)

    assert response.status_code == 400
    family.refresh_from_db()
    assert family.email == EMAIL


def test_a_bad_address_is_refused_next_to_the_field(data_officer_client):
    response = data_officer_client.post(URL, {"email": "not an address", "action": "find"})

    assert response.status_code == 400
    assert response.context["form"].errors["email"]


@pytest.mark.parametrize(
    "action, logged",
    [
        ("find", "events.view_personal_data"),
        ("json", "events.export_personal_data"),
        ("erase", "events.erase_personal_data"),
    ],
)
def test_each_look_up_export_and_erasure_is_in_the_audit_log_without_the_address(
    data_officer_client, family, action, logged
):
    data_officer_client.post(URL, {"email": EMAIL, "action": action, "confirm": "on"})

    [entry] = ModelLogEntry.objects.filter(action=logged)
    assert entry.user.username == "data-officer"
    assert entry.object_id == str(family.quota_id)
    assert EMAIL not in json.dumps(entry.data) and EMAIL not in entry.label


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_without_the_permission_get_403(client, django_user_model, family, method):
    client.force_login(staff_user(django_user_model, "editor", "events.view_participants"))

    response = getattr(client, method)(URL, {"email": EMAIL, "action": "json"})

    assert response.status_code == 403
    assert not ModelLogEntry.objects.filter(action__endswith="_personal_data").exists()


def test_the_refusal_names_the_permission_that_is_missing(client, django_user_model, family):
    """Staff who may see sign-ups but not erase them are told which permission to ask for."""
    client.force_login(staff_user(django_user_model, "editor", "events.view_participants"))

    response = client.get(URL)

    text = response.content.decode()
    assert translated_text("Can export and erase the personal data of sign-ups") in text
    assert translated_text("Can see who signed up") not in text
