"""The session's venue field: a chooser that searches by name or town, and makes a new venue."""

import json

import pytest

from django.urls import reverse

from events.models import ProgrammePage, Venue
from tests.events.factories import VenueFactory
from tests.utils import translated_text

pytestmark = pytest.mark.django_db


def chooser_url(name):
    return reverse(Venue.snippet_viewset.chooser_viewset.get_url_name(name))


@pytest.fixture
def venues(locales):
    return [
        VenueFactory(name="Biblioteka Raczyńskich", city="Poznań", locale=locales["pl"]),
        VenueFactory(name="Centrum Integracji", city="Kalisz", locale=locales["pl"]),
        VenueFactory(name="Park Sołacki", city="Poznań", locale=locales["pl"]),
    ]


def test_session_venue_field_uses_the_venue_chooser():
    form_class = ProgrammePage.get_edit_handler().get_form_class()
    widget = form_class.formsets["sessions"].form.base_fields["venue"].widget

    assert widget.get_chooser_modal_url() == chooser_url("choose")


def test_search_finds_venues_by_town(admin_client, venues):
    response = admin_client.get(chooser_url("choose_results"), {"q": "poznań"})

    text = response.content.decode()
    assert "Biblioteka Raczyńskich" in text
    assert "Park Sołacki" in text
    assert "Centrum Integracji" not in text


def test_search_finds_venues_by_name(admin_client, venues):
    response = admin_client.get(chooser_url("choose_results"), {"q": "park"})

    text = response.content.decode()
    assert "Park Sołacki" in text
    assert "Biblioteka Raczyńskich" not in text


def test_chooser_offers_to_create_a_venue(admin_client, venues):
    response = admin_client.get(chooser_url("choose"), {"locale": "pl"})

    html = json.loads(response.content)["html"]
    assert translated_text("Create venue") in html
    assert 'name="city"' in html


def test_created_venue_is_chosen_in_the_page_language(admin_client, locales, kalisz):
    response = admin_client.post(
        chooser_url("create") + "?locale=pl",
        {
            "name": "Park Przyjaźni",
            "kind": "park",
            "street_address": "",
            "postcode": "",
            "city": "Kalisz",
            "centre": kalisz.pk,
        },
    )

    data = json.loads(response.content)
    venue = Venue.objects.get(name="Park Przyjaźni")
    assert data["step"] == "chosen"
    assert data["result"]["id"] == str(venue.pk)
    assert data["result"]["string"] == "Park Przyjaźni, Kalisz"
    assert venue.locale == locales["pl"]
    assert venue.centre == kalisz


def test_venue_form_with_a_mistake_is_shown_again(admin_client, locales):
    response = admin_client.post(
        chooser_url("create") + "?locale=pl", {"name": "", "kind": "park"}
    )

    assert json.loads(response.content)["step"] == "reshow_creation_form"
    assert not Venue.objects.exists()
