"""
The sign-up e-mails: each one after the service call that sends it, as the
registrant reads it.

E-mails leave once the transaction commits; tests run inside one, so the
service calls are wrapped in ``committed()``, which runs the on-commit callbacks.
Wording is checked on English registrants (the source strings); Ukrainian ones
are checked on what does not depend on the catalogue: names, the date as
Django's own Ukrainian formats write it, and the ``/uk/`` private link.

Every link in every sign-up e-mail, followed as a family follows it: a GET that
leads to a page in the registrant's language (issue 10, item 1).

The links are read from both parts of each e-mail in Django's outbox, after the
whole story of a session has happened, so a link is also checked once what it
was about has changed (an offer accepted or expired, a sign-up cancelled).
"""

import datetime
import smtplib
import uuid
from unittest import mock
from urllib.parse import urlsplit

import icalendar
import pytest

from django.db import models, transaction
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import Site

from events.ical import session_uid
from events.models import LOCAL_TIMEZONE, Session
from home.models import SiteSettings
from signups import services, tasks
from signups.emails import SUBJECTS
from signups.models import Registration
from tests.signups.utils import child, sign_up
from tests.utils import links_in, translate_page, translated_text

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def sign_up_in(language, session, *participants, email):
    """A sign-up by a registrant who prefers `language`."""
    return services.sign_up(
        session=session,
        registrant=services.Registrant(name="Alex Doe", email=email, language=language),
        participants=list(participants),
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=session.page,
    )


def small_session(session, places):
    """`session` with only `places` places, before anyone signs up."""
    Session.objects.filter(pk=session.pk).update(capacity=places)
    session.refresh_from_db()
    return session


def link(registration, language, action=""):
    return (
        f"http://testserver/{language}/sign-ups/{registration.reference}/"
        f"{registration.token}/{action}"
    )


def local_day(moment, language):
    with translation.override(language):
        return date_format(timezone.localtime(moment, LOCAL_TIMEZONE), "l, j E Y")


def mail_server_down(error=None):
    """Inside, every message fails as when the mail server drops the connection."""
    error = error or smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    return mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=error
    )


def mails_to(mailoutbox, email):
    return [mail for mail in mailoutbox if mail.to == [email]]


def html_of(mail):
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    return html


def calendar_of(mail):
    [(filename, content, mimetype)] = mail.attachments
    assert mimetype == "text/calendar"
    assert filename.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


# What every e-mail shows, in the registrant's language


def test_confirmation_shows_the_children_session_venue_and_private_link(
    camp_session, mailoutbox, committed
):
    with committed():
        registration = sign_up(camp_session, child("Marta"), child("Ivan"))

    [mail] = mailoutbox
    assert mail.to == ["olena@example.com"]
    assert "Półkolonie w Kaliszu" in mail.subject
    for text in [mail.body, html_of(mail)]:
        assert "Marta Kowalenko" in text
        assert "Ivan Kowalenko" in text
        assert "Półkolonie w Kaliszu" in text
        assert "Turnus I" in text
        assert "Biblioteka Publiczna w Kaliszu" in text
        assert "09:00–13:00" in text
        assert link(registration, "uk") in text


def test_a_ukrainian_registrant_gets_the_date_and_link_in_ukrainian(
    camp_session, mailoutbox, committed
):
    with committed():
        registration = sign_up(camp_session, child("Marta"))

    [mail] = mailoutbox
    ukrainian_day = local_day(camp_session.starts_at, "uk")
    assert ukrainian_day != local_day(camp_session.starts_at, "pl")
    assert ukrainian_day in mail.body
    assert link(registration, "uk") in mail.body
    assert '<html lang="uk">' in html_of(mail)


def test_a_polish_registrant_gets_the_date_and_link_in_polish(camp_session, mailoutbox, committed):
    with committed():
        registration = sign_up_in("pl", camp_session, child("Marta"), email="p@example.com")

    [mail] = mailoutbox
    assert local_day(camp_session.starts_at, "pl") in mail.body
    assert link(registration, "pl") in mail.body


def test_the_session_is_shown_in_the_registrants_language(
    camp, camp_session, locales, mailoutbox, committed
):
    for page in camp.get_ancestors().filter(depth__gte=2):
        translate_page(page, locales["en"])
    english = translate_page(camp, locales["en"])
    english.title = "Summer day camp in Kalisz"
    english.save_revision().publish()

    with committed():
        sign_up_in("en", camp_session, child("Marta"), email="e@example.com")

    [mail] = mailoutbox
    assert "Summer day camp in Kalisz" in mail.subject
    assert "Summer day camp in Kalisz" in mail.body
    assert "Sign-up confirmed" in mail.subject


def test_replies_go_to_the_contact_address_in_the_site_settings(
    camp_session, mailoutbox, committed
):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"email": "kalisz@cic.example"})

    with committed():
        sign_up(camp_session, child("Marta"))

    [mail] = mailoutbox
    assert mail.reply_to == ["kalisz@cic.example"]
    assert mail.from_email == "CIC <noreply@localhost>"


def test_names_are_escaped_in_html_and_kept_as_typed_in_text(camp_session, mailoutbox, committed):
    with committed():
        sign_up(camp_session, child("Siobhán", "O'Brien <b>"))

    [mail] = mailoutbox
    assert "Siobhán O'Brien <b>" in mail.body
    assert "Siobhán O&#x27;Brien &lt;b&gt;" in html_of(mail)


# The calendar attachment


def test_the_confirmation_carries_a_calendar_event_in_warsaw_time(
    camp_session, mailoutbox, committed
):
    with committed():
        registration = sign_up(camp_session, child("Marta"))

    calendar = calendar_of(mailoutbox[0])
    [event] = calendar.events
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.timezones] == ["Europe/Warsaw"]
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert event.start == camp_session.starts_at
    assert event.end == camp_session.ends_at
    assert event["UID"] == f"session-{camp_session.translation_key}@cic"
    assert event["STATUS"] == "CONFIRMED"
    assert link(registration, "uk") in event["DESCRIPTION"]
    assert "Biblioteka Publiczna w Kaliszu" in event["LOCATION"]


def test_the_calendar_event_has_the_same_uid_in_every_language(
    camp, camp_session, locales, mailoutbox, committed
):
    for page in camp.get_ancestors().filter(depth__gte=2):
        translate_page(page, locales["uk"])
    ukrainian = translate_page(camp, locales["uk"])
    ukrainian.title = "Літній табір у Каліші"
    ukrainian.save_revision().publish()
    ukrainian_session = ukrainian.sessions.get()
    assert ukrainian_session.pk != camp_session.pk

    with committed():
        sign_up(ukrainian_session, child("Marta"), email="uk@example.com")
        sign_up_in("pl", camp_session, child("Ola", "Nowak"), email="pl@example.com")

    [uk_event] = calendar_of(mails_to(mailoutbox, "uk@example.com")[0]).events
    [pl_event] = calendar_of(mails_to(mailoutbox, "pl@example.com")[0]).events
    assert uk_event["UID"] == pl_event["UID"] == session_uid(camp_session)
    assert uk_event["SUMMARY"].startswith("Літній табір у Каліші")
    assert pl_event["SUMMARY"].startswith("Półkolonie w Kaliszu")


def test_only_the_confirmation_carries_the_calendar_event(camp_session, mailoutbox, committed):
    small_session(camp_session, 1)
    with committed():
        sign_up(camp_session, child("Marta"), email="first@example.com")
        sign_up(camp_session, child("Ivan"), email="second@example.com")

    [confirmed] = mails_to(mailoutbox, "first@example.com")
    [waiting] = mails_to(mailoutbox, "second@example.com")
    assert len(confirmed.attachments) == 1
    assert waiting.attachments == []


# One e-mail per kind


def test_the_waiting_list_e_mail_gives_the_position(camp_session, mailoutbox, committed):
    small_session(camp_session, 1)
    with committed():
        sign_up_in("en", camp_session, child("Marta"), email="first@example.com")
        sign_up_in("en", camp_session, child("Ivan"), email="second@example.com")
        sign_up_in("en", camp_session, child("Olha"), email="third@example.com")

    [mail] = mails_to(mailoutbox, "third@example.com")
    assert "waiting list, in position 2" in mail.body
    assert "On the waiting list" in mail.subject
    assert "48 hours" in mail.body


def test_the_offer_e_mail_has_the_accept_link_and_the_local_deadline(
    camp_session, mailoutbox, committed
):
    small_session(camp_session, 1)
    with committed():
        first = sign_up(camp_session, child("Marta"), email="first@example.com")
        waiting = sign_up(camp_session, child("Ivan"), email="second@example.com")
    mailoutbox.clear()

    with committed():
        services.cancel(registration=first)

    [mail] = mails_to(mailoutbox, "second@example.com")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    deadline = timezone.localtime(waiting.offer_expires_at, LOCAL_TIMEZONE)
    with translation.override("uk"):
        assert date_format(deadline, "j E Y, H:i") in mail.body
    assert link(waiting, "uk", "accept/") in mail.body
    assert f'href="{link(waiting, "uk", "accept/")}"' in html_of(mail)


def test_an_expired_offer_is_e_mailed(camp_session, mailoutbox, committed):
    small_session(camp_session, 1)
    with committed():
        first = sign_up(camp_session, child("Marta"), email="first@example.com")
        waiting = sign_up_in("en", camp_session, child("Ivan"), email="second@example.com")
        services.cancel(registration=first)
    mailoutbox.clear()

    with committed():
        services.expire_offers(now=timezone.now() + datetime.timedelta(hours=49))

    [mail] = mails_to(mailoutbox, "second@example.com")
    assert "was not accepted by" in mail.body
    assert "has gone to the next family" in mail.body
    assert link(waiting, "en") in mail.body


def test_the_reminder_says_the_session_is_tomorrow(camp_session, mailoutbox, committed):
    with committed():
        sign_up_in("en", camp_session, child("Marta"), email="e@example.com")
    mailoutbox.clear()

    with committed():
        services.send_reminders(now=camp_session.starts_at - datetime.timedelta(hours=20))

    [mail] = mailoutbox
    assert mail.subject.startswith("Tomorrow:")
    assert "the session is tomorrow" in mail.body
    assert "Marta Kowalenko" in mail.body


@pytest.mark.parametrize(
    ("by_staff", "says"),
    [
        (False, "As you asked, your sign-up is cancelled."),
        (True, "Your sign-up has been cancelled by our staff."),
    ],
)
def test_the_cancellation_says_who_cancelled(
    camp_session, mailoutbox, committed, django_user_model, by_staff, says
):
    with committed():
        registration = sign_up_in("en", camp_session, child("Marta"), email="e@example.com")
    mailoutbox.clear()
    staff = django_user_model.objects.create_user("staff") if by_staff else None

    with committed():
        services.cancel(registration=registration, user=staff)

    [mail] = mailoutbox
    assert says in mail.body
    assert "Sign-up cancelled" in mail.subject
    assert "Marta Kowalenko" in mail.body


def test_cancelling_one_child_lists_who_remains(camp_session, mailoutbox, committed):
    with committed():
        registration = sign_up_in(
            "en", camp_session, child("Marta"), child("Ivan"), child("Olha"), email="e@example.com"
        )
    mailoutbox.clear()
    ivan = registration.participants.get(first_name="Ivan")

    with committed():
        services.cancel(registration=registration, participant=ivan)

    [mail] = mailoutbox
    assert "Ivan Kowalenko is no longer signed up for this session." in mail.body
    remaining = mail.body.split("Still signed up:")[1]
    assert "Marta Kowalenko" in remaining
    assert "Olha Kowalenko" in remaining
    assert "Ivan Kowalenko" not in remaining


def test_a_cancelled_session_is_e_mailed_with_the_staff_note(camp_session, mailoutbox, committed):
    with committed():
        confirmed = sign_up(camp_session, child("Marta"), email="uk@example.com")
        sign_up_in("en", camp_session, child("Ola", "Nowak"), email="en@example.com")
    mailoutbox.clear()

    with committed():
        services.cancel_session(session=camp_session, note="The library is closed for repairs.")

    assert sorted(mail.to[0] for mail in mailoutbox) == ["en@example.com", "uk@example.com"]
    [english] = mails_to(mailoutbox, "en@example.com")
    [ukrainian] = mails_to(mailoutbox, "uk@example.com")
    assert "this session has been cancelled" in english.body
    assert "The library is closed for repairs." in english.body
    assert "The library is closed for repairs." in ukrainian.body
    assert link(confirmed, "uk") in ukrainian.body


# Sending, and a mail server that fails


def test_an_e_mail_overtaken_by_a_later_change_is_not_sent(camp_session, mailoutbox, committed):
    """A waiting-list e-mail leaves after the commit, or later when the mail server failed.

    By then the family may have been offered a place: they are told only that.
    """
    small_session(camp_session, 1)
    with committed():
        first = sign_up(camp_session, child("Marta"), email="first@example.com")
        waiting = sign_up(camp_session, child("Ivan"), email="second@example.com")
        services.cancel(registration=first)

    [mail] = mails_to(mailoutbox, "second@example.com")
    assert link(waiting, "uk", "accept/") in mail.body


def test_no_e_mail_is_sent_when_the_transaction_rolls_back(camp_session, mailoutbox, committed):
    with committed() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        sign_up(camp_session, child("Marta"))
        raise RuntimeError("the request failed after the sign-up")

    assert callbacks == []
    assert mailoutbox == []
    assert not Registration.objects.exists()


def test_a_failing_mail_server_neither_loses_nor_blocks_the_sign_up(
    camp_session, mailoutbox, committed, caplog
):
    with mail_server_down(), committed():
        registration = sign_up(camp_session, child("Marta"))

    assert registration.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=registration.pk).participants.count() == 1
    assert mailoutbox == []
    assert "Could not send e-mail confirmed" in caplog.text


@override_settings(TASKS=DUMMY_TASKS)
def test_a_failed_e_mail_is_queued_again_for_later(camp_session, mailoutbox, committed):
    with committed():
        registration = sign_up(camp_session, child("Marta"))
    backend = tasks.send_registration_email.get_backend()
    [queued] = backend.results
    assert queued.kwargs == {"registration_id": registration.pk, "kind": "confirmed"}

    with mail_server_down(), pytest.raises(smtplib.SMTPServerDisconnected):
        queued.task.call(*queued.args, **queued.kwargs)

    [_first, retry] = backend.results
    assert retry.task.run_after > timezone.now()
    assert retry.kwargs == {"registration_id": registration.pk, "kind": "confirmed", "retry": 1}

    retry.task.call(*retry.args, **retry.kwargs)

    [mail] = mailoutbox
    assert link(registration, "uk") in mail.body


@override_settings(TASKS=DUMMY_TASKS, CIC_EMAIL_RETRIES=2)
def test_a_failing_e_mail_is_given_up_after_the_last_try(camp_session, committed):
    with committed():
        registration = sign_up(camp_session, child("Marta"))
    backend = tasks.send_registration_email.get_backend()
    backend.clear()

    with mail_server_down(ConnectionRefusedError()), pytest.raises(ConnectionRefusedError):
        tasks.send_registration_email.call(
            registration_id=registration.pk, kind="confirmed", retry=2
        )

    assert backend.results == []


def test_every_kind_of_e_mail_is_sent(every_kind_of_e_mail):
    with translation.override("uk"):
        expected = {
            str(subject % {"title": "Літній табір у Каліші"}) for subject in SUBJECTS.values()
        }

    assert expected <= {mail.subject for mail in every_kind_of_e_mail}


def test_every_link_in_every_e_mail_leads_to_a_page_in_the_registrants_language(
    client, every_kind_of_e_mail
):
    followed = 0
    for mail in every_kind_of_e_mail:
        for url in links_in(mail):
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")

            response = client.get(path, follow=True)

            assert response.status_code == 200, (mail.subject, url)
            assert path.startswith("/uk/"), url
            assert '<html lang="uk">' in response.content.decode(), url
            followed += 1
    assert followed >= 2 * len(every_kind_of_e_mail)  # the session and the private link


def test_following_the_links_changes_nothing(client, ukrainian_session, mailoutbox, committed):
    with committed():
        first = sign_up(ukrainian_session, child("Marta"), child("Ivan"), email="a@example.com")
        waiting = sign_up(ukrainian_session, child("Olha", "Second"), email="b@example.com")
        services.cancel(registration=first, participant=first.participants.get(first_name="Ivan"))
    waiting.refresh_from_db()
    assert waiting.status == "offered"
    before = list(Registration.objects.values().order_by("pk"))
    places = list(Registration.objects.aggregate(models.Sum("places")).values())

    for mail in mailoutbox:
        for url in links_in(mail):
            client.get(urlsplit(url).path)

    assert list(Registration.objects.values().order_by("pk")) == before
    assert list(Registration.objects.aggregate(models.Sum("places")).values()) == places


def test_the_offer_e_mail_leads_to_the_offer_and_its_button_accepts_it(
    client, ukrainian_session, mailoutbox, committed
):
    with committed():
        first = sign_up(ukrainian_session, child("Marta"), child("Ivan"), email="a@example.com")
        waiting = sign_up(ukrainian_session, child("Olha", "Second"), email="b@example.com")
        services.cancel(registration=first, participant=first.participants.get(first_name="Ivan"))
    [offer] = [mail for mail in mailoutbox if mail.to == ["b@example.com"]]
    accept = translated_text("Accept the place", "uk")
    assert accept in offer.body
    [accept_url] = [url for url in links_in(offer) if url.endswith("/accept/")]
    path = urlsplit(accept_url).path

    page = client.get(path)

    assert page.status_code == 200
    assert accept in page.content.decode()
    assert Registration.objects.get(pk=waiting.pk).status == "offered"

    client.post(path)

    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
