"""`seed_demo` builds the demo site in four languages, and running it again changes nothing."""

import collections
import csv
import datetime
import io

import openpyxl
import polib
import pytest

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Revision
from wagtail_localize.models import String, StringSegment
from wagtail_localize.strings import extract_strings

from demo import calendar as demo_calendar
from demo import texts
from demo.management.commands.seed_demo import SUPERUSER_NAME, SUPERUSER_PASSWORD
from demo.management.commands.seed_demo import Command as SeedDemo
from demo.texts import TRANSLATIONS
from events.models import LOCAL_TIMEZONE, EventPage, Quota, Session, SignUpQuestion
from events.sign_up_state import PublicState
from home.models import CentrePage, Footer, HomePage, NewsPage
from signups.models import ConsentText
from workshops.models import (
    AdaptationCoursePage,
    LibraryWorkshopPage,
    PolishCoursePage,
    SpeakingClubPage,
    SummerCampPage,
)

# wagtail-localize publishes translations when their transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAFF_NAMES_IN_THE_SEEDS = ["Jedynak", "Grundwald", "Grygier", "Bączyk", "Juraszczyk", "Gosztyła"]

# Every journey a newcomer can try: (kind of programme, the audience it must include).
KINDS = {
    "half-day camp": (SummerCampPage, None),
    "Bajkowóz": (LibraryWorkshopPage, None),
    "speaking club for children": (SpeakingClubPage, "children"),
    "speaking club for adults": (SpeakingClubPage, "adults"),
    "Polish course": (PolishCoursePage, None),
    "adaptation course": (AdaptationCoursePage, None),
    "event": (EventPage, None),
}


def kinds_of(page, audiences):
    return [
        kind
        for kind, (page_class, audience) in KINDS.items()
        if type(page) is page_class and (audience is None or audience in audiences)
    ]


def takes_sign_ups_now(session, now):
    """Open now, with places left, and still to come: what the listing badges "sign up"."""
    state = session.public_state(now)
    return state.code == PublicState.OPEN and state.places_left > 0 and session.occurs_after(now)


def kinds_open_at(now):
    """The kinds of programme with a session in the database that takes sign-ups at `now`."""
    found = collections.Counter()
    sessions = Session.objects.filter(locale__language_code="pl").select_related("page")
    for session in sessions:
        page = session.page.specific
        audiences = set(page.audiences.values_list("audience", flat=True))
        if takes_sign_ups_now(session, now):
            found.update(kinds_of(page, audiences))
    return found


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


def test_seed_demo_builds_the_site_in_four_languages_and_each_centre_answers_its_families(
    client,
):
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


def test_seed_demo_fills_the_kalisz_camp_and_shows_every_state_of_sign_up():
    call_command("seed_demo", verbosity=0)

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
    call_command("seed_demo", verbosity=0)

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


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2027, 7, 14),  # the summer holidays: the camp is in a few weeks
        datetime.date(2027, 8, 30),  # their last days: the next camp is in the winter break
        datetime.date(2027, 2, 22),  # in the winter break: the next camp is in July
    ],
)
def test_the_demo_has_an_open_session_of_every_kind_whatever_the_day_it_is_built(day, monkeypatch):
    now = datetime.datetime.combine(day, datetime.time(18, 30), tzinfo=LOCAL_TIMEZONE)
    monkeypatch.setattr(timezone, "now", lambda: now)

    call_command("seed_demo", verbosity=0)

    assert set(kinds_open_at(now)) == set(KINDS)


def test_every_kind_takes_sign_ups_on_every_day_of_a_year_in_the_demo_calendar():
    """The demo's dates, checked on each day of a year (without the families' sign-ups)."""
    command = SeedDemo()
    venues = collections.defaultdict(lambda: None)
    missing = {}
    for offset in range(366):
        day = datetime.date(2027, 1, 1) + datetime.timedelta(days=offset)
        now = datetime.datetime.combine(day, datetime.time(23), tzinfo=LOCAL_TIMEZONE)
        found = set()
        for data in demo_calendar.programmes(day):
            page = {
                "event": EventPage,
                "summer_camp": SummerCampPage,
                "library_workshop": LibraryWorkshopPage,
                "speaking_club": SpeakingClubPage,
                "polish_course": PolishCoursePage,
                "adaptation_course": AdaptationCoursePage,
            }[data["type"]]()
            for session_data in data["sessions"]:
                if data["type"] == "summer_camp" and session_data["venue"] == "centre:kalisz":
                    continue  # the demo families fill it
                if takes_sign_ups_now(command.session(session_data, venues), now):
                    found.update(kinds_of(page, set(data["audiences"])))
        if set(KINDS) - found:
            missing[day] = set(KINDS) - found

    assert missing == {}


def test_every_partner_library_of_the_demo_says_where_it_is(client):
    """A library's page gives its street address, or sends people to its own website,
    or (neither known) tells them to ask the centre: never a town alone."""
    from events.models import EventIndexPage, Venue
    from tests.utils import translated_text

    call_command("seed_demo", verbosity=0)
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


# The demo's translations (demo/locale/<lang>/LC_MESSAGES/demo.po)


def texts_in(value):
    """Every text of the demo's JSON content, rich text cut into its paragraphs and list
    items as wagtail-localize cuts it into segments."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from texts_in(item)
    elif isinstance(value, str):
        yield value
        if value.startswith("<"):
            _template, strings = extract_strings(value)
            yield from (string.data for string, _attributes in strings)


def test_every_demo_translation_is_of_a_text_in_the_demo_content():
    """A Polish text changed or removed in the JSON leaves no translation behind that
    nothing uses (a translator would keep working on it)."""
    content = set(texts_in([texts.SITE, demo_calendar.CALENDAR]))

    for language in texts.LANGUAGES:
        catalogue = polib.pofile(str(texts.catalogue_path(language)))
        orphans = [entry.msgid for entry in catalogue if entry.msgid not in content]
        assert orphans == [], language


def test_every_text_the_demo_makes_translatable_is_translated_into_each_language():
    """Slugs aside: a page's address keeps its Polish slug in every language."""
    call_command("seed_demo", verbosity=0)

    segments = StringSegment.objects.exclude(context__path="slug")
    strings = String.objects.filter(segments__in=segments).distinct()
    assert strings.exists()
    for language in texts.LANGUAGES:
        untranslated = strings.exclude(translations__locale__language_code=language)
        assert list(untranslated.values_list("data", flat=True)) == [], language


# The demo's superuser (issue 13, item 7)


def create_demo_superuser():
    out = io.StringIO()
    SeedDemo(stdout=out).create_superuser()
    return out.getvalue()


def test_without_debug_the_demo_makes_no_superuser_with_the_readme_password(
    django_user_model, settings
):
    """The test settings, like production, have DEBUG off."""
    settings.DEBUG = False
    settings.CIC_DEMO_ADMIN_PASSWORD = ""

    said = create_demo_superuser()

    assert not django_user_model.objects.filter(username=SUPERUSER_NAME).exists()
    assert "DEBUG is off" in said and "CIC_DEMO_ADMIN_PASSWORD" in said
    assert SUPERUSER_PASSWORD not in said


def test_without_debug_the_demo_superuser_gets_the_password_from_the_environment(
    django_user_model, settings
):
    settings.DEBUG = False
    settings.CIC_DEMO_ADMIN_PASSWORD = "a-long-secret-from-the-server"

    said = create_demo_superuser()

    admin = django_user_model.objects.get(username=SUPERUSER_NAME)
    assert admin.is_superuser
    assert admin.check_password("a-long-secret-from-the-server")
    assert not admin.check_password(SUPERUSER_PASSWORD)
    assert "a-long-secret-from-the-server" not in said


def test_under_debug_the_demo_superuser_has_the_readme_password(django_user_model, settings):
    """`make run` on a developer's laptop, as the README says."""
    settings.DEBUG = True
    settings.CIC_DEMO_ADMIN_PASSWORD = ""

    said = create_demo_superuser()

    assert django_user_model.objects.get(username=SUPERUSER_NAME).check_password(
        SUPERUSER_PASSWORD
    )
    assert SUPERUSER_PASSWORD in said
