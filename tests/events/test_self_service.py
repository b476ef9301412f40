"""The registrant's private link: see the sign-up, cancel, accept an offer, withdraw consent."""

import uuid

import pytest

from django.urls import reverse

from events import services
from events.models import Quota, Registration
from tests.conftest import page_text, translated_text
from tests.events.conftest import child, sign_up

pytestmark = pytest.mark.django_db

ACTIONS = ["detail", "cancel", "accept", "photo_consent", "ics"]


def link(registration, name="detail", token=None):
    return reverse(
        f"signups:{name}",
        kwargs={"reference": registration.reference, "token": token or registration.token},
    )


@pytest.fixture
def family(camp_session):
    return sign_up(camp_session, child("Iwan", photo_consent=True), child("Maria"))


def test_the_private_page_shows_the_sign_up(client, family):
    response = client.get(link(family))

    content = response.content.decode()
    assert response.status_code == 200
    assert translated_text("Confirmed.") in page_text(response)
    assert "Iwan Kowalenko" in content and "Maria Kowalenko" in content
    assert "Półkolonie w Kaliszu" in content
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("action", ACTIONS)
def test_a_tampered_token_is_not_found(client, family, action):
    tampered = family.token[:-1] + ("A" if family.token[-1] != "A" else "B")
    method = client.get if action in ("detail", "ics") else client.post

    assert method(link(family, action, token=tampered)).status_code == 404
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.parametrize("action", ACTIONS)
def test_an_unknown_reference_is_not_found(client, family, action):
    url = reverse(f"signups:{action}", kwargs={"reference": uuid.uuid4(), "token": family.token})
    method = client.get if action in ("detail", "ics") else client.post

    assert method(url).status_code == 404


def test_cancelling_one_child_frees_one_place(client, camp_session, family):
    iwan = family.participants.get(first_name="Iwan")

    response = client.post(link(family, "cancel"), {"participant": iwan.pk}, follow=True)

    assert translated_text("%(name)s is no longer signed up.", name="Iwan Kowalenko") in page_text(
        response
    )
    family.refresh_from_db()
    assert (family.status, family.places) == ("confirmed", 1)
    assert Quota.objects.get().taken == 1


def test_cancelling_everything_frees_every_place(client, family):
    response = client.post(link(family, "cancel"), follow=True)

    assert translated_text("Your sign-up is cancelled.") in page_text(response)
    assert Registration.objects.get().status == "cancelled"
    assert Quota.objects.get().taken == 0


def test_cancelling_again_says_it_is_cancelled_already(client, family):
    client.post(link(family, "cancel"))

    response = client.post(link(family, "cancel"), follow=True)

    assert translated_text("This sign-up is already cancelled.") in page_text(response)


def test_leaving_the_waiting_list(client, camp_session):
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")
    assert translated_text("Leave the waiting list") in page_text(client.get(link(waiting)))

    client.post(link(waiting, "cancel"))

    assert Registration.objects.get(pk=waiting.pk).status == "cancelled"
    assert Quota.objects.get().taken == 10


def test_accepting_an_offered_place(client, camp_session):
    full = sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@ex.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")
    services.cancel(registration=full, participant=full.participants.first())
    assert translated_text("Accept the place") in page_text(client.get(link(waiting)))

    response = client.post(link(waiting, "accept"), follow=True)

    assert translated_text("The place is yours: your sign-up is confirmed.") in page_text(response)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_withdrawing_photo_consent_records_the_time(client, family):
    iwan = family.participants.get(first_name="Iwan")

    client.post(link(family, "photo_consent"), {"participant": iwan.pk})

    iwan.refresh_from_db()
    assert iwan.photo_consent is False
    assert iwan.photo_consent_withdrawn_at is not None


def test_a_participant_of_another_sign_up_cannot_be_touched(client, camp_session, family):
    other = sign_up(camp_session, child("Taras", "Inny"), email="inny@example.com")

    response = client.post(link(family, "cancel"), {"participant": other.participants.get().pk})

    assert response.status_code == 404
    assert Registration.objects.get(pk=other.pk).status == "confirmed"


def test_the_session_downloads_as_ics(client, family):
    response = client.get(link(family, "ics"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in response.content
    assert b"TZID=Europe/Warsaw" in response.content


def test_actions_need_post(client, family):
    assert client.get(link(family, "cancel")).status_code == 405
    assert Registration.objects.get().status == "confirmed"
