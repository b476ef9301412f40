"""
Every link in every sign-up e-mail, followed as a family follows it: a GET that
leads to a page in the registrant's language (issue 10, item 1).

The links are read from both parts of each e-mail in Django's outbox, after the
whole story of a session has happened, so a link is also checked once what it
was about has changed (an offer accepted or expired, a sign-up cancelled).
"""

import datetime
import html
import re
from urllib.parse import urlsplit

import pytest

from django.db import models
from django.utils import timezone, translation

from events.factories import SessionFactory
from events.models import Registration, Session
from signups import services
from signups.emails import SUBJECTS
from tests.conftest import translated_text
from tests.events.conftest import child, sign_up, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ukrainian_session(camp, camp_session, locales):
    """The camp's session in Ukrainian, with two places."""
    Session.objects.filter(pk=camp_session.pk).update(capacity=2)
    page = translated(camp, locales["uk"])
    page.title = "Літній табір у Каліші"
    page.save_revision().publish()
    return page.sessions.get()


@pytest.fixture
def every_kind_of_e_mail(ukrainian_session, mailoutbox, committed):
    """A session's whole story, in Ukrainian: each kind of e-mail is sent at least once."""
    session = ukrainian_session
    with committed():
        family = sign_up(session, child("Marta"), child("Ivan"), email="a@example.com")
        first = sign_up(session, child("Olha", "First"), email="b@example.com")
        second = sign_up(session, child("Taras", "Second"), email="c@example.com")
    with committed():
        services.send_reminders(now=session.starts_at - datetime.timedelta(hours=20))
    with committed():  # Ivan's place goes to the first family waiting...
        services.cancel(
            registration=family, participant=family.participants.get(first_name="Ivan")
        )
    with committed():  # ...who let the offer expire: it passes to the second.
        services.expire_offers(now=timezone.now() + datetime.timedelta(hours=49))
    with committed():
        services.accept_offer(registration=second)
    with committed():
        services.cancel(registration=second)
    with committed():  # A date called off, and brought back...
        cancellation, _told = services.cancel_date(
            session=session, starts_at=session.starts_at, notes={"pl": "Ferie"}
        )
    with committed():
        services.restore_date(cancellation=cancellation)
    with committed():  # ...and the session an hour later.
        source = Session.objects.get(
            translation_key=session.translation_key, locale__language_code="pl"
        )
        source.starts_at += datetime.timedelta(hours=1)
        source.ends_at += datetime.timedelta(hours=1)
        source.save()
        services.sync_quotas(source.page)
    with committed():  # Staff move the first family to the camp's second week...
        second_week = SessionFactory(
            page=source.page,
            locale=source.locale,
            title="Turnus II",
            starts_at=source.starts_at + datetime.timedelta(weeks=1),
            ends_at=source.ends_at + datetime.timedelta(weeks=1),
            venue=source.venue,
            capacity=10,
            min_age=6,
            max_age=12,
        )
        source.page.specific.save_revision().publish()
        services.move_registration(
            registration=Registration.objects.get(pk=family.pk), to_session=second_week
        )
        # ...and another family takes the freed place.
        sign_up(session, child("Oksana", "Late"), email="d@example.com")
    with committed():
        services.cancel_session(session=session, note="Remont biblioteki.")
    assert Registration.objects.get(pk=first.pk).cancelled_by == "offer_expired"
    return list(mailoutbox)


def links_in(mail):
    """The web links of both parts of `mail` (not mailto: or tel:)."""
    [(html_part, _mimetype)] = mail.alternatives
    in_text = re.findall(r"https?://[^\s<>\"]+", mail.body)
    in_html = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', html_part)]
    return {url for url in in_text + in_html if url.startswith(("http://", "https://"))}


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
