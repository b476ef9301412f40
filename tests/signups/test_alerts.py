"""Subscribing to "sign-ups open" alerts: the form, double opt-in, the private page,
one-click unsubscribe (RFC 8058) and the pruning of requests never confirmed."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation

from signups import alerts
from signups.models import AlertKind, AlertSubscription
from tests.signups.utils import url_in
from tests.utils import links_in, page_text, translated_text

pytestmark = pytest.mark.django_db


def form(email="olena@example.com", **fields):
    return {"email": email, "language": "uk", "kinds": [AlertKind.CAMPS], **fields}


@pytest.fixture
def subscribe(client, committed):
    """Send the form in `language`; the answer, with the e-mails it queued sent."""

    def send(data=None, language="uk", **extra):
        with committed():
            return client.post(url_in(language), data or form(), **extra)

    return send


def path_of(url):
    return urlsplit(url).path


def test_the_form_is_in_the_page_language_and_offers_the_centres(client, kalisz):
    response = client.get(url_in("uk"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uk">' in content
    assert '<option value="uk" selected>' in content
    assert f'value="{kalisz.translation_key}"' in content and "CIC Kalisz" in content


def test_a_request_sends_the_confirmation_and_nothing_else(subscribe, mailoutbox):
    response = subscribe()

    assert response.status_code == 303
    assert response["Location"] == url_in("uk", "signups:alert_sent")
    [mail] = mailoutbox
    assert mail.to == ["olena@example.com"]
    assert mail.subject == translated_text("Confirm your alerts about sign-ups", "uk")
    assert AlertSubscription.objects.get().confirmed_at is None


def test_opening_the_confirmation_link_confirms_nothing(client, subscribe, mailoutbox):
    subscribe()
    subscription = AlertSubscription.objects.get()

    for name in ["signups:alert_confirm", "signups:alert_manage"]:
        response = client.get(url_in("uk", name, token=subscription.token))
        assert response.status_code == 200
        assert translated_text("Confirm my alerts", "uk") in page_text(response)

    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_the_button_confirms_and_leads_to_what_they_will_hear_about(client, subscribe, kalisz):
    subscribe(form(centres=[str(kalisz.translation_key)]))
    subscription = AlertSubscription.objects.get()

    response = client.post(url_in("uk", "signups:alert_confirm", token=subscription.token))

    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert translated_text("Your alerts are confirmed.", "uk") in page_text(page)
    assert "CIC Kalisz" in page_text(page)
    assert str(AlertKind.CAMPS.label) in page_text(page)


def test_a_confirmed_subscription_s_confirmation_link_says_so(client, confirmed):
    response = client.get(url_in("uk", "signups:alert_confirm", token=confirmed.token))

    assert response.status_code == 200
    assert translated_text("You confirmed them already: nothing more to do.", "uk") in (
        page_text(response)
    )


def test_an_address_already_subscribed_gets_the_same_answer_and_its_choices_are_kept(
    subscribe, confirmed, mailoutbox
):
    new = subscribe(form(email="new@example.com"))
    known = subscribe(form(email="Olena@Example.com", kinds=[AlertKind.EVENTS]))

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    confirmed.refresh_from_db()
    assert confirmed.kinds == [AlertKind.CAMPS]
    assert [mail.to for mail in mailoutbox] == [["new@example.com"], ["olena@example.com"]]
    assert mailoutbox[1].subject == translated_text("Your alerts about sign-ups", "uk")


def test_asking_again_before_confirming_sends_the_confirmation_again_with_the_new_choices(
    subscribe, mailoutbox
):
    subscribe()
    subscribe(form(kinds=[AlertKind.SPEAKING_CLUBS], language="ru"))

    subscription = AlertSubscription.objects.get()
    assert subscription.kinds == [AlertKind.SPEAKING_CLUBS]
    assert subscription.language == "ru"
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == translated_text("Confirm your alerts about sign-ups", "ru")


def test_bad_input_answers_400_with_each_message_by_its_field_and_the_rest_kept(
    subscribe, mailoutbox
):
    response = subscribe(form(email="olena@", min_age="10", max_age="6"))

    text = page_text(response)
    assert response.status_code == 400
    with translation.override("uk"):
        assert translation.gettext("Enter a valid email address.") in text
    assert (
        translated_text("The oldest child cannot be younger than the youngest one.", "uk") in text
    )
    assert 'value="olena@"' in text and 'value="10"' in text
    [camps_box] = re.findall(rf'<input[^>]*value="{AlertKind.CAMPS}"[^>]*>', text)
    assert "checked" in camps_box
    assert not AlertSubscription.objects.exists() and not mailoutbox


def test_the_trap_field_filled_in_answers_400_and_keeps_nothing(subscribe, mailoutbox):
    response = subscribe(form(website="https://spam.example"))

    assert response.status_code == 400
    assert not AlertSubscription.objects.exists() and not mailoutbox


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/m")
def test_too_many_requests_with_one_e_mail_get_429_from_any_address(subscribe):
    subscribe(REMOTE_ADDR="10.0.0.1")

    response = subscribe(REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 429
    assert response["Retry-After"]
    assert 'value="olena@example.com"' in response.content.decode()


@override_settings(CIC_SIGN_UP_RATE_PER_IP="2/h")
def test_too_many_requests_from_one_address_get_429(subscribe):
    for number in range(2):
        assert subscribe(form(email=f"{number}@example.com")).status_code == 303

    response = subscribe(form(email="third@example.com"))

    assert response.status_code == 429
    assert AlertSubscription.objects.count() == 2


def test_the_private_page_changes_the_choices(client, confirmed):
    url = url_in("uk", "signups:alert_manage", token=confirmed.token)

    response = client.post(
        url, {"language": "en", "kinds": [AlertKind.COURSES], "min_age": "", "max_age": "12"}
    )

    assert response.status_code == 303
    confirmed.refresh_from_db()
    assert (confirmed.language, confirmed.kinds, confirmed.centres) == ("en", ["courses"], [])
    assert confirmed.max_age == 12
    assert translated_text("Your choices are saved.", "uk") in page_text(client.get(url))


def test_the_private_page_refuses_bad_ages_with_400_and_changes_nothing(client, confirmed):
    url = url_in("uk", "signups:alert_manage", token=confirmed.token)

    response = client.post(url, {"language": "uk", "min_age": "40"})

    assert response.status_code == 400
    confirmed.refresh_from_db()
    assert confirmed.min_age is None


def test_ending_the_alerts_from_the_private_page_deletes_the_address(confirmed):
    client = Client(enforce_csrf_checks=True)
    page = client.get(url_in("uk", "signups:alert_manage", token=confirmed.token))
    assert translated_text("End my alerts", "uk") in page_text(page)

    response = client.post(
        url_in("uk", "signups:alert_unsubscribe", token=confirmed.token),
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 200
    assert translated_text("Your alerts have ended", "uk") in page_text(response)
    assert not AlertSubscription.objects.exists()


@pytest.mark.parametrize("name", ["alert_manage", "alert_confirm", "alert_unsubscribe"])
def test_an_old_link_after_the_alerts_ended_says_why_and_leads_to_the_form(
    client, confirmed, name
):
    link = url_in("uk", f"signups:{name}", token=confirmed.token)
    alerts.end_alerts(subscription=confirmed)

    response = client.get(link)

    assert response.status_code == 404
    assert '<html lang="uk">' in response.content.decode()
    assert translated_text("This link no longer opens", "uk") in page_text(response)
    assert f'href="{url_in("uk")}"' in response.content.decode()


def test_a_mail_client_s_one_click_post_without_csrf_deletes_the_subscription(confirmed):
    """RFC 8058: the client posts exactly this body, with no cookie and no token."""
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        url_in("uk", "signups:alert_unsubscribe", token=confirmed.token),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()


def test_a_one_click_sent_twice_answers_200_the_second_time_too(client, confirmed):
    url = url_in("uk", "signups:alert_unsubscribe", token=confirmed.token)

    client.post(url, {"List-Unsubscribe": "One-Click"})

    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_opening_the_unsubscribe_address_only_shows_a_button(client, confirmed):
    response = client.get(url_in("uk", "signups:alert_unsubscribe", token=confirmed.token))

    assert response.status_code == 200
    assert 'name="List-Unsubscribe" value="One-Click"' in response.content.decode()
    assert AlertSubscription.objects.exists()


@pytest.mark.parametrize(
    "name", ["signups:alert_confirm", "signups:alert_manage", "signups:alert_unsubscribe"]
)
def test_an_unknown_private_link_is_404(client, confirmed, name):
    assert client.get(url_in("uk", name, token="not-a-token")).status_code == 404


def test_the_confirmation_e_mail_carries_the_one_click_unsubscribe_headers(subscribe, mailoutbox):
    subscribe()
    subscription = AlertSubscription.objects.get()

    [mail] = mailoutbox
    unsubscribe = mail.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://") or unsubscribe.startswith("<http://")
    assert path_of(unsubscribe.strip("<>")) == url_in(
        "uk", "signups:alert_unsubscribe", token=subscription.token
    )
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in mail.message().as_string()


def test_the_e_mail_is_in_the_chosen_language_and_every_link_opens_there(
    client, subscribe, mailoutbox
):
    """Asked on the Polish page for e-mails in Russian: the e-mail and its pages are Russian."""
    subscribe(form(language="ru"), language="pl")

    [mail] = mailoutbox
    assert mail.subject == translated_text("Confirm your alerts about sign-ups", "ru")
    [(html, _mimetype)] = mail.alternatives
    assert '<html lang="ru">' in html
    links = links_in(mail)
    assert len(links) >= 2
    for url in links:
        response = client.get(path_of(url))
        assert response.status_code == 200, url
        assert path_of(url).startswith("/ru/"), url
        assert '<html lang="ru">' in response.content.decode(), url
    assert AlertSubscription.objects.get().confirmed_at is None


def test_requests_never_confirmed_are_deleted_after_7_days(confirmed):
    now = timezone.now()
    old = AlertSubscription.objects.create(
        email="old@example.com", language="pl", created_at=now - datetime.timedelta(days=8)
    )
    recent = AlertSubscription.objects.create(
        email="recent@example.com", language="pl", created_at=now - datetime.timedelta(days=6)
    )
    confirmed.created_at = now - datetime.timedelta(days=30)
    confirmed.save()

    assert alerts.prune_alert_requests(now=now) == 1

    remaining = set(AlertSubscription.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, confirmed.pk}
    assert old.pk not in remaining


def test_the_daily_retention_job_prunes_the_requests_never_confirmed(db):
    AlertSubscription.objects.create(
        email="old@example.com",
        language="pl",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )

    call_command("apply_retention", stdout=io.StringIO())

    assert not AlertSubscription.objects.exists()
