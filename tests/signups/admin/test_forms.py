"""Staff filter the sessions list and the statistics by centre and kind of programme, and the
filters say what they chose: one definition of a session's centre, an "any" choice, names."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify

from signups import services
from tests.events.factories import SessionFactory, VenueFactory
from tests.events.utils import in_days
from tests.home.factories import CentrePageFactory
from tests.utils import translated_text
from workshops.models import SummerCampPage

pytestmark = pytest.mark.django_db

SESSIONS = reverse("sign_ups:index")
STATISTICS = reverse("sign_up_reports:statistics")
# What the filter form submits when staff choose only a centre.
EMPTY_FORM = {"when": "", "kind": "", "centre": ""}


@pytest.fixture
def poznan(kalisz):
    return CentrePageFactory(
        parent=kalisz.get_parent(), title="CIC Poznań", slug="poznan", city="Poznań"
    )


@pytest.fixture
def kalisz_hall(kalisz, locales):
    """A room at CIC Kalisz: sessions held there belong to Kalisz, whoever organises them."""
    return VenueFactory(name="Sala CIC", city="Kalisz", kind="centre", centre=kalisz)


def programme(parent, title, *, kind=SummerCampPage, organiser=None, venue=None, days=14):
    page = parent.add_child(
        instance=kind(title=title, slug=slugify(title), intro="Dla rodzin.", organiser=organiser)
    )
    session = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(days, hour=9),
        ends_at=in_days(days, hour=13),
        venue=venue,
        capacity=10,
    )
    services.quota_for(session)
    return page


@pytest.fixture
def programmes(calendar_page, kalisz, poznan, kalisz_library, kalisz_hall):
    """Kalisz's camp at the library; Poznań's workshop held at Kalisz; Poznań's own club."""
    from events.models import EventPage

    return {
        "camp": programme(calendar_page, "Kolonie", organiser=kalisz, venue=kalisz_library),
        "guest": programme(
            calendar_page, "Gościnnie", kind=EventPage, organiser=poznan, venue=kalisz_hall
        ),
        "club": programme(calendar_page, "Klub", kind=EventPage, organiser=poznan),
    }


def listed(response):
    return sorted(row.instance.session.page.title for row in response.context["table"].rows)


def pills(response):
    return {
        str(active.field_label): str(active.value)
        for active in response.context["view"].active_filters
    }


def test_sessions_of_a_centre_are_those_held_there_or_organised_by_it_elsewhere(
    admin_client, programmes, kalisz, poznan
):
    at_kalisz = admin_client.get(SESSIONS, {**EMPTY_FORM, "centre": kalisz.pk})
    at_poznan = admin_client.get(SESSIONS, {**EMPTY_FORM, "centre": poznan.pk})

    assert listed(at_kalisz) == ["Gościnnie", "Kolonie"]
    assert listed(at_poznan) == ["Klub"]


def test_choosing_only_a_centre_shows_one_pill_with_its_name(admin_client, programmes, kalisz):
    response = admin_client.get(SESSIONS, {**EMPTY_FORM, "centre": kalisz.pk})

    assert pills(response) == {translated_text("Centre"): "CIC Kalisz"}


def test_kind_and_centre_offer_any_as_their_first_choice(admin_client, programmes):
    response = admin_client.get(SESSIONS)

    form = response.context["filters"].form
    assert next(iter(form.fields["kind"].choices)) == ("", translated_text("Any kind"))
    assert next(iter(form.fields["centre"].choices))[0] == ""


def test_a_chosen_kind_is_named_in_its_pill(admin_client, programmes):
    camps = ContentType.objects.get_for_model(SummerCampPage)

    response = admin_client.get(SESSIONS, {**EMPTY_FORM, "kind": camps.pk})

    assert listed(response) == ["Kolonie"]
    assert pills(response) == {
        translated_text("Kind of programme"): translated_text("summer camps")
    }


def statistics_titles(response):
    return sorted(figures.title for figures in response.context["object_list"])


def test_statistics_count_a_centre_as_the_sessions_list_does(
    admin_client, programmes, kalisz, poznan
):
    form = {"period_from": "", "period_to": "", "kind": "", "programme": ""}

    at_kalisz = admin_client.get(STATISTICS, {**form, "centre": kalisz.pk})
    at_poznan = admin_client.get(STATISTICS, {**form, "centre": poznan.pk})

    assert statistics_titles(at_kalisz) == ["Gościnnie", "Kolonie"]
    assert statistics_titles(at_poznan) == ["Klub"]
    assert pills(at_kalisz) == {translated_text("Centre"): "CIC Kalisz"}


@pytest.mark.parametrize("centre", ["kalisz", "poznan"])
def test_a_centre_has_the_same_sessions_in_the_list_and_in_the_statistics(
    admin_client, programmes, request, centre
):
    """One definition of a session's centre: each programme here has one session."""
    chosen = {"centre": request.getfixturevalue(centre).pk}

    sessions = admin_client.get(SESSIONS, {**EMPTY_FORM, **chosen})
    statistics = admin_client.get(STATISTICS, chosen)

    assert listed(sessions)
    assert listed(sessions) == statistics_titles(statistics)


@pytest.mark.parametrize("kind", [("workshops", "summercamppage"), ("events", "eventpage")])
def test_a_kind_has_the_same_sessions_in_the_list_and_in_the_statistics(
    admin_client, programmes, kind
):
    chosen = {"kind": ContentType.objects.get_by_natural_key(*kind).pk}

    sessions = admin_client.get(SESSIONS, {**EMPTY_FORM, **chosen})
    statistics = admin_client.get(STATISTICS, chosen)

    assert listed(sessions)
    assert listed(sessions) == statistics_titles(statistics)
