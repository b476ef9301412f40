"""The registrant's private link: see the sign-up, cancel, accept an offer, withdraw consent."""

import datetime
import uuid

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from events.models import LOCAL_TIMEZONE, Quota
from signups import services
from signups.models import Registration
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_text

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


def test_photo_consent_and_erasure_need_post(client, family):
    assert client.get(link(family, "photo_consent")).status_code == 405
    assert client.get(link(family, "erase")).status_code == 405
    assert Registration.objects.get().status == "confirmed"


# Links only ever show a page: the action is its one button (issue 10, items 1 and 10)


def offered(camp_session):
    """A family offered the place freed when the family before them cancelled."""
    full = sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@ex.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")
    services.cancel(registration=full, participant=full.participants.first())
    waiting.refresh_from_db()
    assert waiting.status == "offered"
    return waiting


def forms_posting_to(response, url):
    return page_text(response).count(f'action="{url}"')


def test_the_accept_link_shows_the_offer_and_changes_nothing(client, camp_session):
    waiting = offered(camp_session)

    response = client.get(link(waiting, "accept"))

    text = page_text(response)
    assert response.status_code == 200
    assert "Ołena Czeka" in text and "Półkolonie w Kaliszu" in text and "Turnus I" in text
    deadline = timezone.localtime(waiting.offer_expires_at, LOCAL_TIMEZONE)
    assert f"{deadline:%H:%M}" in text
    assert forms_posting_to(response, link(waiting, "accept")) == 1
    assert translated_text("Accept the place") in text
    assert Registration.objects.get(pk=waiting.pk).status == "offered"


def test_the_button_on_the_offer_page_accepts_it(client, camp_session):
    waiting = offered(camp_session)

    response = client.post(link(waiting, "accept"), follow=True)

    assert translated_text("The place is yours: your sign-up is confirmed.") in page_text(response)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_an_expired_offer_says_so_and_has_no_button(client, camp_session):
    waiting = offered(camp_session)
    services.expire_offers(now=timezone.now() + datetime.timedelta(hours=49))

    response = client.get(link(waiting, "accept"))

    text = page_text(response)
    assert response.status_code == 200
    assert translated_text("This offer has expired and the place went to the next family.") in text
    assert (
        translated_text("You are welcome to sign up again, for this or another session.") in text
    )
    assert forms_posting_to(response, link(waiting, "accept")) == 0


def test_an_offer_past_its_deadline_has_no_button_before_it_is_withdrawn(client, camp_session):
    """The periodic job withdraws offers every few minutes: until it runs, the page knows."""
    waiting = offered(camp_session)
    Registration.objects.filter(pk=waiting.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.get(link(waiting, "accept"))

    assert translated_text("The offer has expired") in page_text(response)
    assert forms_posting_to(response, link(waiting, "accept")) == 0


def test_the_accept_link_of_a_confirmed_sign_up_says_it_is_confirmed(client, family):
    response = client.get(link(family, "accept"))

    assert response.status_code == 200
    assert translated_text("Confirmed.") in page_text(response)
    assert forms_posting_to(response, link(family, "accept")) == 0


def test_the_sign_up_page_has_no_one_tap_cancel(client, family):
    response = client.get(link(family))

    assert forms_posting_to(response, link(family, "cancel")) == 0
    assert f'href="{link(family, "cancel")}"' in page_text(response)


def test_cancelling_everyone_asks_first_naming_everyone(client, family):
    response = client.get(link(family, "cancel"))

    text = page_text(response)
    assert response.status_code == 200
    assert translated_text("Cancel the sign-up?") in text
    assert "Iwan Kowalenko" in text and "Maria Kowalenko" in text
    assert forms_posting_to(response, link(family, "cancel")) == 1
    assert f'href="{link(family)}"' in text  # keep my sign-up
    assert Registration.objects.get().status == "confirmed"
    assert Quota.objects.get().taken == 2


def test_cancelling_one_child_asks_first_naming_the_child(client, family):
    iwan = family.participants.get(first_name="Iwan")

    response = client.get(link(family, "cancel"), {"participant": iwan.pk})

    text = page_text(response)
    assert translated_text("Cancel the sign-up of %(name)s?", name="Iwan Kowalenko") in text
    assert f'name="participant" value="{iwan.pk}"' in text
    staying = text.split(translated_text("Still signed up"))[1]
    assert "Maria Kowalenko" in staying and "Iwan Kowalenko" not in staying
    assert family.participants.filter(cancelled_at__isnull=True).count() == 2


def test_the_link_to_cancel_one_child_is_on_the_sign_up_page(client, family):
    iwan = family.participants.get(first_name="Iwan")

    response = client.get(link(family))

    assert f'href="{link(family, "cancel")}?participant={iwan.pk}"' in page_text(response)


def test_leaving_the_waiting_list_asks_first(client, camp_session):
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")

    response = client.get(link(waiting, "cancel"))

    text = page_text(response)
    assert translated_text("Leave the waiting list?") in text
    assert translated_text("Yes, leave the waiting list") in text
    assert "Ołena Czeka" in text
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"


def test_the_cancel_link_of_a_cancelled_sign_up_leads_to_its_page(client, family):
    services.cancel(registration=family)

    response = client.get(link(family, "cancel"), follow=True)

    assert response.status_code == 200
    assert translated_text("This sign-up is cancelled.") in page_text(response)


# What the answer page says (issue 10, item 10)


def test_the_sign_up_page_names_the_address_the_e_mail_went_to(client, family):
    response = client.get(link(family))

    text = page_text(response)
    assert "olena@example.com" in text
    assert (
        translated_text(
            "We have e-mailed the details and the link to this page to <strong>%(email)s</strong>. "
            "If the e-mail is not in your inbox, look in the spam folder.",
            email="olena@example.com",
        )
        in text
    )


def test_a_confirmed_sign_up_can_be_added_to_a_calendar(client, family):
    response = client.get(link(family))

    assert f'href="{link(family, "ics")}"' in page_text(response)


def test_a_cancelled_sign_up_offers_no_calendar(client, family):
    services.cancel(registration=family)

    response = client.get(link(family))

    assert link(family, "ics") not in page_text(response)
    assert client.get(link(family, "ics")).status_code == 404


def test_a_waiting_sign_up_offers_no_calendar(client, camp_session):
    """A calendar entry would read as "signed up": the family is only waiting."""
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")

    assert link(waiting, "ics") not in page_text(client.get(link(waiting)))
    assert client.get(link(waiting, "ics")).status_code == 404


def test_a_ukrainian_registrant_gets_the_offer_page_in_ukrainian(client, camp_session):
    waiting = offered(camp_session)
    with translation.override("uk"):
        url = link(waiting, "accept")

    response = client.get(url)

    assert url.startswith("/uk/")
    assert '<html lang="uk"' in response.content.decode()
    assert translated_text("Accept the place", "uk") in page_text(response)
