"""The files staff download (signups/exports.py): named as the programme is, Polish letters
kept; CSV that Polish Excel reads; numbers as numbers; personal data the person can read.
"""

import csv
import io
import json
import re
import uuid
from urllib.parse import unquote

import openpyxl
import pytest

from django.urls import reverse
from django.utils import timezone, translation

from events.models import SignUpQuestion
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days, translated
from tests.signups.utils import child, sign_up
from tests.utils import staff_user, translated_text

pytestmark = pytest.mark.django_db

STATISTICS = reverse("sign_up_reports:statistics")
PERSONAL_DATA = "/admin/personal-data/"


def file_name(word):
    """A word of a file name as the Polish admin names its downloads."""
    with translation.override("pl"):
        return translation.pgettext("file name", word)


def download(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def saved_as(response):
    """The names a browser saves a download under: (RFC 6266 filename*, ASCII filename)."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    plain = re.search(r'filename="([^"]*)"', header)
    return (unquote(extended.group(1)) if extended else None), plain.group(1)


@pytest.fixture
def lodz_session(calendar_page, kalisz_library):
    page = EventPageFactory(
        parent=calendar_page, title="Półkolonie w Łodzi", slug="półkolonie-łódź"
    )
    return SessionFactory(
        page=page,
        locale=page.locale,
        title="Turnus I",
        starts_at=in_days(14, hour=9),
        ends_at=in_days(14, hour=13),
        venue=kalisz_library,
        capacity=10,
    )


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_participant_list_downloads_under_the_programmes_name_with_its_polish_letters(
    admin_client, lodz_session, export_format
):
    registration = sign_up(lodz_session, child("Anna"))

    response = admin_client.get(
        reverse("sign_ups:registrations", args=[registration.quota.pk]), {"export": export_format}
    )

    name, ascii_name = saved_as(response)
    today = timezone.localdate().isoformat()
    prefix = file_name("sign-ups")
    assert name == f"{prefix}-półkolonie-łódź-turnus-i-{today}.{export_format}"
    # Clients that do not read filename* still get a name close to it, not download.csv.
    assert ascii_name.endswith(f"-polkolonie-lodz-turnus-i-{today}.{export_format}")
    assert ascii_name.isascii()


def test_csv_starts_with_the_byte_order_mark_polish_excel_needs(admin_client, lodz_session):
    registration = sign_up(lodz_session, child("Łucja", "Żółkiewska"))

    response = admin_client.get(
        reverse("sign_ups:registrations", args=[registration.quota.pk]), {"export": "csv"}
    )

    content = download(response)
    assert content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert row[translated_text("Last name")] == "Żółkiewska"


def test_csv_dates_and_times_are_to_the_second_in_warsaw_time(admin_client, lodz_session):
    registration = sign_up(lodz_session, child("Anna"))

    response = admin_client.get(
        reverse("sign_ups:registrations", args=[registration.quota.pk]), {"export": "csv"}
    )

    [row] = csv.DictReader(io.StringIO(download(response).decode("utf-8-sig")))
    signed_up = timezone.localtime(registration.created_at).replace(microsecond=0, tzinfo=None)
    assert row[translated_text("Signed up")] == signed_up.isoformat(sep=" ")


def test_xlsx_dates_and_times_are_to_the_second_in_warsaw_time(admin_client, lodz_session):
    """Wagtail writes aware times to XLSX in UTC, two hours off in summer."""
    registration = sign_up(lodz_session, child("Anna"))

    response = admin_client.get(
        reverse("sign_ups:registrations", args=[registration.quota.pk]), {"export": "xlsx"}
    )

    [row] = statistics_rows(response)
    signed_up = timezone.localtime(registration.created_at).replace(microsecond=0, tzinfo=None)
    assert row[translated_text("Signed up")] == signed_up


def statistics_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(download(response)))
    heading, *rows = workbook.active.iter_rows(values_only=True)
    return [dict(zip(heading, row, strict=True)) for row in rows]


def test_statistics_xlsx_has_numbers_or_empty_cells_never_a_dash(admin_client, lodz_session):
    """Nobody's attendance was marked: no attendance rate, but the column stays numeric."""
    sign_up(lodz_session, child("Anna"), child("Taras"))

    response = admin_client.get(STATISTICS, {"export": "xlsx"})

    programme, total = statistics_rows(response)
    assert programme[translated_text("Attendance (%)")] is None
    assert total[translated_text("Attendance (%)")] is None
    assert programme[translated_text("Participants")] == 2
    text_columns = {
        translated_text(heading)
        for heading in (
            "Programme",
            "Kind of programme",
            "Organising centre",
            "Countries of origin (confirmed participants)",
        )
    }
    for row in (programme, total):
        for heading, value in row.items():
            if heading not in text_columns:
                assert value is None or isinstance(value, int), (heading, value)


def test_statistics_csv_leaves_an_unknown_attendance_rate_empty(admin_client, lodz_session):
    sign_up(lodz_session, child("Anna"))

    response = admin_client.get(STATISTICS, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(download(response).decode("utf-8-sig"))))
    assert [row[translated_text("Attendance (%)")] for row in rows] == ["", ""]


# Personal data, for the person who asked.


@pytest.fixture
def data_officer_client(client, django_user_model):
    client.force_login(
        staff_user(django_user_model, "data-officer", "signups.manage_personal_data")
    )
    return client


@pytest.fixture
def camp_questions(camp, locales):
    """Two questions written in Polish; the Ukrainian page asks them in Ukrainian."""
    collects = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kto odbiera dziecko?"
    )
    health = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Uwagi o zdrowiu", sensitive=True
    )
    ukrainian = translated(camp, locales["uk"])
    ukrainian.sign_up_questions.filter(translation_key=collects.translation_key).update(
        label="Хто забирає дитину?"
    )
    ukrainian.sign_up_questions.filter(translation_key=health.translation_key).update(
        label="Примітки щодо здоров'я"
    )
    return collects, health


def personal_data(client, email):
    response = client.post(PERSONAL_DATA, {"email": email, "action": "json"})
    assert response.status_code == 200
    [registration] = json.loads(response.content)["registrations"]
    return registration["participants"][0]


def family(camp_session, questions, *, email, language):
    collects, health = questions
    return services.sign_up(
        session=camp_session,
        registrant=services.Registrant(name="Oksana", email=email, language=language),
        participants=[
            child(
                "Myroslava",
                answers={collects.key: "Babcia Halyna"},
                sensitive_answers={health.key: "Alergia na orzeszki"},
            )
        ],
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=camp_session.page,
    )


def test_personal_data_names_the_questions_in_the_registrants_language(
    data_officer_client, camp_session, camp_questions
):
    family(camp_session, camp_questions, email="oksana@example.org", language="uk")

    participant = personal_data(data_officer_client, "oksana@example.org")

    assert participant["answers"] == {"Хто забирає дитину?": "Babcia Halyna"}
    assert participant["sensitive_answers"] == {"Примітки щодо здоров'я": "Alergia na orzeszki"}


def test_personal_data_names_the_questions_in_polish_where_the_page_is_not_translated(
    data_officer_client, camp_session, camp_questions
):
    family(camp_session, camp_questions, email="irina@example.org", language="ru")

    participant = personal_data(data_officer_client, "irina@example.org")

    assert participant["answers"] == {"Kto odbiera dziecko?": "Babcia Halyna"}
    assert participant["sensitive_answers"] == {"Uwagi o zdrowiu": "Alergia na orzeszki"}


def test_personal_data_downloads_under_a_readable_name(
    data_officer_client, camp_session, camp_questions
):
    family(camp_session, camp_questions, email="oksana@example.org", language="uk")

    response = data_officer_client.post(
        PERSONAL_DATA, {"email": "oksana@example.org", "action": "json"}
    )

    name, ascii_name = saved_as(response)
    stamp = timezone.localtime().strftime("%Y%m%d")
    assert (name or ascii_name).startswith(f"{file_name('personal-data')}-{stamp}-")
    assert ascii_name.isascii() and ascii_name.endswith(".json")
