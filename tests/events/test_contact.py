"""
Each centre answers its own families (issue 10, item 11): the Reply-To and the
contact details of the sign-up e-mails and pages are those of the centre that
organises the session, and the data controller named is the institution that
runs that centre (Opole's is not the one that runs the five Wielkopolska centres).
"""

import datetime
import uuid

import pytest

from django.urls import reverse

from wagtail.models import Site

from home.models import Footer, SiteSettings
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days
from tests.home.factories import CentrePageFactory
from tests.signups.utils import child, sign_up
from tests.utils import page_text

pytestmark = pytest.mark.django_db

ROPS = "Regionalny Ośrodek Polityki Społecznej w Poznaniu"
WUP = "Wojewódzki Urząd Pracy w Opolu"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def site_contact(home_page):
    """The site's own contact details, which a centre's replace."""
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"email": "cic@example.org", "address": "ul. Główna 1, Poznań"}
    )


@pytest.fixture
def kalisz_camp(camp, kalisz):
    """The Kalisz camp, organised by CIC Kalisz, run by the regional social-policy centre."""
    kalisz.operator_name = ROPS
    kalisz.operator_address = "ul. Nowowiejskiego 11, 61-731 Poznań"
    kalisz.save()
    camp.organiser = kalisz
    camp.save()
    return camp


@pytest.fixture
def opole_event(calendar_page, kalisz, locales):
    """An event of CIC Opole, run by the regional labour office."""
    opole = CentrePageFactory(
        parent=kalisz.get_parent(),
        title="CIC Opole",
        slug="opole",
        city="Opole",
        street_address="ul. Damrota 7",
        phone="77 441 00 00",
        email="cic@wup.opole.example",
        operator_name=WUP,
        operator_address="ul. Głogowska 25c, 45-315 Opole",
    )
    venue = VenueFactory(name="Kino Meduza", city="Opole", locale=locales["pl"])
    page = EventPageFactory(
        parent=calendar_page, title="Spotkanie filmowe", slug="kino", organiser=opole
    )
    SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(14, hour=17),
        ends_at=in_days(14, hour=19),
        venue=venue,
        capacity=50,
    )
    return page


def form_url(page):
    return f"/{page.locale.language_code}/sign-ups/session/{page.sessions.get().translation_key}/"


def sign_up_adult(page, email):
    return services.sign_up(
        session=page.sessions.get(),
        registrant=services.Registrant(name="Alex Doe", email=email, language="uk"),
        participants=[
            services.NewParticipant(
                first_name="Alex", last_name="Doe", birth_date=datetime.date(1990, 5, 1)
            )
        ],
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=page,
    )


def test_a_kalisz_camp_s_e_mails_are_answered_by_kalisz(kalisz_camp, mailoutbox, committed):
    with committed():
        sign_up(kalisz_camp.sessions.get(), child("Marta"))

    [mail] = mailoutbox
    assert mail.reply_to == ["info.cickalisz@rops.poznan.pl"]
    [(html, _mimetype)] = mail.alternatives
    for text in [mail.body, html]:
        assert "CIC Kalisz" in text
        assert "887 069 112" in text
        assert "info.cickalisz@rops.poznan.pl" in text


def test_each_centre_answers_its_own_families(kalisz_camp, opole_event, mailoutbox, committed):
    with committed():
        sign_up(kalisz_camp.sessions.get(), child("Marta"), email="kalisz@example.com")
        sign_up_adult(opole_event, "opole@example.com")

    reply_to = {mail.to[0]: mail.reply_to for mail in mailoutbox}
    assert reply_to == {
        "kalisz@example.com": ["info.cickalisz@rops.poznan.pl"],
        "opole@example.com": ["cic@wup.opole.example"],
    }


def test_without_an_organiser_the_venue_s_centre_answers(
    camp, kalisz, kalisz_library, mailoutbox, committed
):
    kalisz_library.centre = kalisz
    kalisz_library.save()

    with committed():
        sign_up(camp.sessions.get(), child("Marta"))

    [mail] = mailoutbox
    assert mail.reply_to == ["info.cickalisz@rops.poznan.pl"]


def test_the_e_mail_names_the_data_controller_of_the_organising_centre(
    kalisz_camp, opole_event, mailoutbox, committed
):
    with committed():
        sign_up(kalisz_camp.sessions.get(), child("Marta"), email="kalisz@example.com")
        sign_up_adult(opole_event, "opole@example.com")

    body = {mail.to[0]: mail.body for mail in mailoutbox}
    assert ROPS in body["kalisz@example.com"] and WUP not in body["kalisz@example.com"]
    assert WUP in body["opole@example.com"] and ROPS not in body["opole@example.com"]
    assert "ul. Głogowska 25c, 45-315 Opole" in body["opole@example.com"]


def test_the_sign_up_form_names_the_organising_centre_and_its_data_controller(
    client, kalisz_camp, opole_event
):
    kalisz_form = page_text(client.get(form_url(kalisz_camp)))
    opole_form = page_text(client.get(form_url(opole_event)))

    assert "887 069 112" in kalisz_form and "info.cickalisz@rops.poznan.pl" in kalisz_form
    assert ROPS in kalisz_form and WUP not in kalisz_form
    assert "77 441 00 00" in opole_form and "cic@wup.opole.example" in opole_form
    assert WUP in opole_form and ROPS not in opole_form


def test_a_centre_run_by_the_site_s_organisation_names_it_as_controller(
    client, camp, kalisz, locales
):
    Footer.objects.create(organisation_name="Centra Integracji Cudzoziemców", locale=locales["pl"])
    camp.organiser = kalisz
    camp.save()

    form = page_text(client.get(form_url(camp)))

    assert "Centra Integracji Cudzoziemców, ul. Główna 1, Poznań" in form


def test_the_sign_up_page_shows_the_organising_centre(client, kalisz_camp):
    registration = sign_up(kalisz_camp.sessions.get(), child("Marta"))
    url = reverse(
        "signups:detail",
        kwargs={"reference": registration.reference, "token": registration.token},
    )

    text = page_text(client.get(url))

    assert "887 069 112" in text and ROPS in text


def test_a_centre_with_only_an_e_mail_is_not_given_the_site_s_phone(opole_event):
    """An Opole family must not be told to call the Poznań office beside Opole's e-mail."""
    from events.contact import contact_for

    SiteSettings.objects.update(phone="61 856 73 00")
    opole = opole_event.organiser
    opole.phone = ""
    opole.save()

    contact = contact_for(page=opole_event)

    assert (contact.email, contact.phone) == ("cic@wup.opole.example", "")
