"""`seed_demo` builds the demo site in four languages, and running it again changes nothing."""

import csv
import io

import openpyxl
import pytest

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Page, Revision

from events.models import ConsentText, Quota
from home.demo.translations import TRANSLATIONS
from home.models import CentrePage, Footer, HomePage, NewsPage

# wagtail-localize publishes translations when their transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAFF_NAMES_IN_THE_SEEDS = ["Jedynak", "Grundwald", "Grygier", "Bączyk", "Juraszczyk", "Gosztyła"]


def snapshot():
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "contenttypes.", "auth.Permission"))
    }
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "title", "slug", "live", "latest_revision_id", "last_published_at"
        )
    )
    return counts, pages


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = snapshot()

    call_command("seed_demo", verbosity=0)

    assert snapshot() == first


def test_seed_demo_builds_the_centres_and_home_pages_in_four_languages(client):
    call_command("seed_demo", verbosity=0)

    homes = HomePage.objects.live().values_list("locale__language_code", flat=True)
    assert sorted(homes) == ["en", "pl", "ru", "uk"]
    assert Footer.objects.count() == 4
    polish_centres = CentrePage.objects.filter(locale__language_code="pl")
    assert sorted(polish_centres.values_list("city", flat=True)) == [
        "Kalisz",
        "Konin",
        "Leszno",
        "Opole",
        "Piła",
        "Poznań",
    ]
    kalisz = polish_centres.get(city="Kalisz")
    assert (kalisz.street_address, kalisz.phone) == ("ul. Nowy Świat 13", "887 069 112")
    assert NewsPage.objects.filter(locale__language_code="pl").count() >= 2

    ukrainian_home = client.get("/uk/").content.decode()
    assert TRANSLATIONS["uk"]["Centra Integracji Cudzoziemców"] in ukrainian_home
    assert TRANSLATIONS["uk"]["CIC Kalisz"] in ukrainian_home


def test_seed_demo_with_if_empty_leaves_an_edited_site_alone():
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    Page.objects.filter(depth__gt=2).first().specific.save_revision()
    edited = snapshot()

    call_command("seed_demo", "--if-empty", verbosity=0)

    assert snapshot() == edited != first


def test_seed_demo_leaves_out_the_staff_named_in_the_seeds():
    call_command("seed_demo", verbosity=0)

    stored_text = " ".join(str(revision.content) for revision in Revision.objects.all())
    for name in STAFF_NAMES_IN_THE_SEEDS:
        assert name not in stored_text


def test_seed_demo_signs_families_up_for_the_kalisz_winter_camp():
    call_command("seed_demo", verbosity=0)

    quota = Quota.objects.get(taken__gt=0)
    assert (quota.session.title, quota.capacity, quota.taken) == ("Ferie zimowe", 15, 13)
    waiting = quota.registrations.get(status="waiting")
    assert waiting.places == 3
    assert sorted(ConsentText.objects.values_list("locale__language_code", flat=True)) == sorted(
        ["pl", "uk", "ru", "en"] * 2
    )


def test_the_statistics_report_shows_the_demo_sign_ups_and_exports_them(admin_client):
    call_command("seed_demo", verbosity=0)

    page = admin_client.get("/admin/reports/sign-ups/statistics/")
    rows = {
        row[0]: row
        for row in csv.reader(
            io.StringIO(
                admin_client.get("/admin/reports/sign-ups/statistics/?export=csv")
                .getvalue()
                .decode()
            )
        )
    }
    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get("/admin/reports/sign-ups/statistics/?export=xlsx").getvalue())
    )

    assert page.status_code == 200
    assert "Półkolonie dla dzieci" in page.content.decode()
    header, camp = rows["Program"], rows["Półkolonie dla dzieci"]
    figures = dict(zip(header, camp, strict=True))
    assert figures["Potwierdzeni uczestnicy"] == "13"
    assert figures["Uczestnicy na liście rezerwowej"] == "3"
    assert figures["Kraje pochodzenia (potwierdzeni uczestnicy)"].startswith("Ukraina 9")
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert any(row[0] == "Półkolonie dla dzieci" and 13 in row for row in sheet_rows)
