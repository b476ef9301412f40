"""The demo as `seed_demo` builds it today: four languages, each centre's families, every
state of sign-up, translated; and running it again changes nothing.

Seeding takes some 40 s of CPU: the demo is seeded once (tests/conftest.py's
`seeded_demo`, once per pytest-xdist worker) and each test starts from what it made.
"""

import collections
import csv
import io

import openpyxl
import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Revision
from wagtail_localize.models import String, StringSegment

from demo import calendar as demo_calendar
from demo import texts
from demo.texts import TRANSLATIONS
from events.models import LOCAL_TIMEZONE, EventPage, Quota, Session, SignUpQuestion
from events.sign_up_state import PublicState
from home.models import CentrePage, Footer, HomePage, NewsPage
from signups.models import ConsentText
from tests.demo.utils import KINDS, STAFF_NAMES_IN_THE_SEEDS, kinds_open_at, snapshot
from workshops.models import LibraryWorkshopPage

# wagtail-localize publishes translations when their transaction commits; each test
# starts from the seeded demo (restored from what `seeded_demo` serialized).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("seeded_demo"),
]


def test_seed_demo_is_idempotent():
    first = snapshot()

    call_command("seed_demo", verbosity=0)

    assert snapshot() == first


def test_seed_demo_builds_the_site_in_four_languages_and_each_centre_answers_its_families(
    client,
):
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

    # Each centre its own e-mail (the Reply-To of its sessions) and the institution that
    # runs it (the data controller): Opole's is not the Wielkopolska centres'.
    assert len({centre.email for centre in polish_centres if centre.email}) == 6
    operators = dict(polish_centres.values_list("city", "operator_name"))
    assert operators.pop("Opole") == "Wojewódzki Urząd Pracy w Opolu"
    assert set(operators.values()) == {"Regionalny Ośrodek Polityki Społecznej w Poznaniu"}
    opole = polish_centres.get(city="Opole")
    for slug in ["kino-meduza", "opolskie-goscinne", "urodziny-cic-opole"]:
        event = EventPage.objects.get(slug=slug, locale__language_code="pl")
        assert event.organiser_id == opole.pk
    library_workshops = LibraryWorkshopPage.objects.get(locale__language_code="pl")
    assert library_workshops.organiser_id == polish_centres.get(city="Poznań").pk

    # In Ukrainian: the libraries' names, the news tags, the answers offered on the form.
    bajkowoz = Page.objects.get(slug="bajkowoz", locale__language_code="uk")
    workshops = client.get(bajkowoz.url).content.decode()
    article = Page.objects.get(slug="polkolonie-letnie", locale__language_code="uk")
    news = client.get(article.url).content.decode()
    course = Page.objects.get(slug="kurs-adaptacyjny", locale__language_code="uk").specific
    session = course.sessions.order_by("-starts_at").first()
    form = client.get(
        f"/{course.locale.language_code}/sign-ups/session/{session.translation_key}/"
    ).content.decode()

    assert "Бібліотека Рачинських</a>, Познань" in workshops  # linked to its page
    assert "Biblioteka" not in workshops
    assert ">діти</a>" in news and ">денні табори</a>" in news
    assert "dzieci</a>" not in news
    question = SignUpQuestion.objects.get(kind="choice", locale__language_code="uk")
    assert question.label in form
    assert "Не знаю польської" in form and "Вільно розмовляю" in form
    assert "Nie znam polskiego" not in form


def test_seed_demo_with_if_empty_leaves_an_edited_site_alone():
    first = snapshot()
    Page.objects.filter(depth__gt=2).first().specific.save_revision()
    edited = snapshot()

    call_command("seed_demo", "--if-empty", verbosity=0)

    assert snapshot() == edited != first


def test_seed_demo_leaves_out_the_staff_named_in_the_seeds():
    stored_text = " ".join(str(revision.content) for revision in Revision.objects.all())
    for name in STAFF_NAMES_IN_THE_SEEDS:
        assert name not in stored_text


def test_seed_demo_fills_the_kalisz_camp_and_shows_every_state_of_sign_up():
    quota = Quota.objects.get(taken__gt=0)
    assert (quota.session.venue.city, quota.capacity, quota.taken) == ("Kalisz", 15, 15)
    assert quota.session.title == demo_calendar.camp_title(
        timezone.localtime(quota.session.starts_at).date()
    )
    waiting = quota.registrations.get(status="waiting")
    assert waiting.places == 3
    assert sorted(ConsentText.objects.values_list("locale__language_code", flat=True)) == sorted(
        ["pl", "uk", "ru", "en"] * 2
    )

    now = timezone.now()
    assert set(kinds_open_at(now)) == set(KINDS)
    codes = collections.Counter(
        session.public_state(now).code
        for session in Session.objects.filter(locale__language_code="pl")
        if session.occurs_after(now)
    )
    assert codes[PublicState.OPEN] >= 7
    for state in ["waiting_list", "not_open_yet", "closed", "no_sign_up"]:
        assert codes[state] >= 1, state
    camps = Session.objects.filter(page__slug="polkolonie", locale__language_code="pl")
    assert all(camp.daily == Session.Daily.EVERY_DAY for camp in camps)
    upcoming = camps.order_by("-starts_at").first()
    starts = timezone.localtime(upcoming.starts_at, LOCAL_TIMEZONE)
    ends = timezone.localtime(upcoming.ends_at, LOCAL_TIMEZONE)
    assert (starts.weekday(), starts.hour, ends.weekday(), ends.hour) == (0, 8, 4, 13)


def test_the_statistics_report_shows_the_demo_sign_ups_and_exports_them(admin_client):
    page = admin_client.get("/admin/reports/sign-ups/statistics/")
    rows = {
        row[0]: row
        for row in csv.reader(
            io.StringIO(
                admin_client.get("/admin/reports/sign-ups/statistics/?export=csv")
                .getvalue()
                .decode("utf-8-sig")  # the byte-order mark Polish Excel needs
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
    assert figures["Potwierdzeni uczestnicy"] == "15"
    assert figures["Uczestnicy na liście rezerwowej"] == "3"
    assert figures["Kraje pochodzenia (potwierdzeni uczestnicy)"].startswith("Ukraina 9")
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert any(row[0] == "Półkolonie dla dzieci" and 15 in row for row in sheet_rows)


def test_every_partner_library_of_the_demo_says_where_it_is(client):
    """A library's page gives its street address, or sends people to its own website,
    or (neither known) tells them to ask the centre: never a town alone."""
    from events.models import EventIndexPage, Venue
    from tests.utils import translated_text

    calendar = EventIndexPage.objects.get(locale__language_code="pl")
    libraries = Venue.objects.filter(kind=Venue.Kind.LIBRARY, locale=calendar.locale)
    assert libraries.count() == len(demo_calendar.LIBRARIES)

    for library in libraries:
        response = client.get(calendar.venue_url(library))
        assert response.status_code == 200
        html = response.content.decode()
        if library.street_address:
            assert library.street_address in html
        elif library.website:
            assert translated_text("The exact address is on the venue’s own website:") in html
            assert f'href="{library.website}"' in html
        else:
            assert (
                translated_text(
                    "Ask the centre that organises the activity for the exact address."
                )
                in html
            )


def test_every_text_the_demo_makes_translatable_is_translated_into_each_language():
    """Slugs aside: a page's address keeps its Polish slug in every language."""
    segments = StringSegment.objects.exclude(context__path="slug")
    strings = String.objects.filter(segments__in=segments).distinct()
    assert strings.exists()
    for language in texts.LANGUAGES:
        untranslated = strings.exclude(translations__locale__language_code=language)
        assert list(untranslated.values_list("data", flat=True)) == [], language
