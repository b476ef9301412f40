"""Sending the alerts: "sign-ups open tomorrow", "sign-ups are open" and the weekly
digest, each once, to the subscriptions whose centres, kinds and ages they match, in
each subscriber's language, with links that lead to the sign-up form."""

import datetime
import io
import smtplib
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import CancelledSession, Session
from signups import alert_sending
from signups.models import AlertDelivery, AlertedSession, AlertKind, AlertMoment, AlertSubscription
from tests.events.factories import SessionFactory
from tests.events.utils import in_days, translated
from tests.home.factories import CentrePageFactory
from tests.utils import links_in, page_text, run_together, translated_plural, translated_text
from tests.workshops.factories import SpeakingClubPageFactory, SummerCampPageFactory

pytestmark = pytest.mark.django_db

OPENS_AT = in_days(3, hour=9)


@pytest.fixture
def kalisz_camp(calendar_page, kalisz, kalisz_library):
    """A half-day camp in Kalisz for children aged 6–12, sign-ups open in 3 days at 9:00."""
    page = SummerCampPageFactory(
        parent=calendar_page, title="Półkolonie w Kaliszu", slug="polkolonie", organiser=kalisz
    )
    return camp_week(page, "Turnus I", in_days(30, hour=8), venue=kalisz_library)


@pytest.fixture
def second_week(kalisz_camp):
    """The camp's second week, whose sign-ups open at the same moment."""
    return camp_week(kalisz_camp.page, "Turnus II", in_days(37, hour=8))


def camp_week(page, title, starts_at, **fields):
    """A session of the camp `page` named `title` (one morning, 8:00–13:00: the alerts
    need no more days), for children aged 6–12, with 15 places, whose sign-ups open at
    ``OPENS_AT``."""
    return SessionFactory(
        page=page,
        locale=page.locale,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at.replace(hour=13),
        capacity=15,
        min_age=6,
        max_age=12,
        registration_opens_at=OPENS_AT,
        **fields,
    )


@pytest.fixture
def ukrainian_camp(kalisz_camp, locales):
    page = translated(kalisz_camp.page, locales["uk"])
    page.title = "Денний табір у Каліші"
    page.save_revision().publish()
    return page


def subscription(email, *, language="uk", centres=(), kinds=(), min_age=None, max_age=None):
    return AlertSubscription.objects.create(
        email=email,
        language=language,
        centres=[str(centre.translation_key) for centre in centres],
        kinds=list(kinds),
        min_age=min_age,
        max_age=max_age,
        confirmed_at=timezone.now(),
    )


def queue_at(moment, committed):
    """Run the job at `moment`, the e-mails it queues sent; how many per moment."""
    with time_machine.travel(moment, tick=False), committed():
        return alert_sending.queue_alerts()


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_sign_ups_open_goes_to_the_subscriptions_it_matches_and_no_other(
    kalisz_camp, kalisz, committed, mailoutbox
):
    poznan = CentrePageFactory(parent=kalisz.get_parent(), title="CIC Poznań", slug="poznan")
    subscription("olena@example.com", centres=[kalisz], kinds=[AlertKind.CAMPS], min_age=7)
    subscription("all@example.com", language="pl")
    subscription("ages@example.com", min_age=4, max_age=6)
    subscription("teen@example.com", min_age=14, max_age=16)
    subscription("poznan@example.com", centres=[poznan])
    subscription("clubs@example.com", kinds=[AlertKind.SPEAKING_CLUBS])
    AlertSubscription.objects.create(email="unconfirmed@example.com", language="uk")

    queued = queue_at(OPENS_AT, committed)

    assert queued[AlertMoment.OPEN] == 3
    assert recipients(mailoutbox) == ["ages@example.com", "all@example.com", "olena@example.com"]


def test_each_alert_goes_once_however_often_the_job_runs(kalisz_camp, committed, mailoutbox):
    subscription("olena@example.com")

    queue_at(OPENS_AT - datetime.timedelta(days=1), committed)
    queue_at(OPENS_AT - datetime.timedelta(days=1, minutes=-1), committed)
    queue_at(OPENS_AT, committed)
    queue_at(OPENS_AT + datetime.timedelta(minutes=1), committed)
    with time_machine.travel(OPENS_AT + datetime.timedelta(minutes=2), tick=False):
        call_command("send_alerts", stdout=io.StringIO())

    assert [message.subject for message in mailoutbox] == [
        translated_text(
            "Sign-ups open %(day)s at %(time)s: %(title)s",
            "uk",
            day=translated_text("tomorrow", "uk"),
            time="09:00",
            title="Półkolonie w Kaliszu – Turnus I",
        ),
        translated_text(
            "Sign-ups are open: %(title)s", "uk", title="Półkolonie w Kaliszu – Turnus I"
        ),
    ]


def test_sessions_that_open_together_go_in_one_e_mail_in_the_subscribers_language(
    second_week, ukrainian_camp, committed, mailoutbox
):
    subscription("olena@example.com", language="uk")

    queue_at(OPENS_AT, committed)

    [message] = mailoutbox
    assert message.subject == translated_plural(
        "Sign-ups are open for %(count)d activity",
        "Sign-ups are open for %(count)d activities",
        2,
        "uk",
        count=2,
    )
    text = message.body
    assert "Денний табір у Каліші – Turnus I" in text
    assert "Денний табір у Каліші – Turnus II" in text
    assert "CIC Kalisz" in text
    assert translated_text("%(min)s–%(max)s years", "uk", min=6, max=12) in text
    assert translated_text("places left: %(left)s of %(places)s", "uk", left=15, places=15) in text
    html = message.alternatives[0][0]
    assert '<html lang="uk">' in html


def test_the_alerts_sign_up_link_opens_the_form_in_the_subscribers_language(
    client, ukrainian_camp, kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com", language="uk")

    queue_at(OPENS_AT, committed)

    [message] = mailoutbox
    [sign_up] = [url for url in links_in(message) if "/session/" in url]
    assert urlsplit(sign_up).path == f"/uk/sign-ups/session/{kalisz_camp.translation_key}/"
    with time_machine.travel(OPENS_AT + datetime.timedelta(minutes=5), tick=False):
        response = client.get(urlsplit(sign_up).path)
    assert response.status_code == 200
    assert '<html lang="uk">' in response.content.decode()
    assert "Денний табір у Каліші" in page_text(response)
    assert response.context["form"] is not None


def test_every_alert_offers_the_one_click_unsubscribe_and_the_private_page(
    client, kalisz_camp, committed, mailoutbox
):
    olena = subscription("olena@example.com")

    queue_at(OPENS_AT, committed)

    [message] = mailoutbox
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/alerts/{olena.token}/" in " ".join(links_in(message))
    response = client.post(
        urlsplit(unsubscribe).path, {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True
    )
    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()


def test_no_alert_says_sign_ups_open_now_hours_after_they_opened(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")

    queued = queue_at(OPENS_AT + alert_sending.GRACE + datetime.timedelta(minutes=1), committed)

    # (On a Monday that is the digest's hour: the camp may be in it, as new.)
    assert queued[AlertMoment.OPEN] == 0
    assert AlertedSession.objects.filter(moment=AlertMoment.OPEN).count() == 0


def test_a_cancelled_session_or_a_page_taken_down_sends_no_alert(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")
    CancelledSession.objects.create(session_key=kalisz_camp.translation_key)

    queue_at(OPENS_AT, committed)

    assert mailoutbox == []


def test_the_weekly_digest_lists_the_new_activities_and_is_not_sent_when_there_are_none(
    calendar_page, kalisz, committed, mailoutbox
):
    subscription("olena@example.com", kinds=[AlertKind.SPEAKING_CLUBS])
    club = SpeakingClubPageFactory(parent=calendar_page, title="Klub rozmów", organiser=kalisz)
    SessionFactory(page=club, locale=club.locale, starts_at=in_days(20), capacity=12)
    club.save_revision().publish()
    digest_at = next_digest_moment()

    queue_at(digest_at - datetime.timedelta(minutes=1), committed)
    assert mailoutbox == []
    queue_at(digest_at, committed)
    queue_at(digest_at + datetime.timedelta(minutes=5), committed)

    [message] = mailoutbox
    assert message.subject == translated_plural(
        "%(count)d new activity you can sign up for",
        "%(count)d new activities you can sign up for",
        1,
        "uk",
        count=1,
    )
    assert "Klub rozmów" in message.body
    mailoutbox.clear()
    queue_at(digest_at + datetime.timedelta(days=7), committed)
    assert mailoutbox == []


def next_digest_moment():
    """The next digest's moment after now (and within the week of the fixtures)."""
    moment = timezone.localtime().replace(
        hour=alert_sending.DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    moment += datetime.timedelta(days=(alert_sending.DIGEST_WEEKDAY - moment.weekday()) % 7)
    return moment if moment > timezone.now() else moment + datetime.timedelta(days=7)


def test_a_mail_server_failure_leaves_the_rest_to_send_later_and_sends_none_twice(
    kalisz_camp, committed, mailoutbox
):
    for number in range(3):
        subscription(f"parent{number}@example.com")
    sent = []
    real_send = mail.EmailMessage.send

    def send_twice_then_fail(message, *args, **kwargs):
        if len(sent) == 2:
            raise smtplib.SMTPServerDisconnected("gone")
        sent.append(message.to)
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", send_twice_then_fail):
        # The immediate backend of the tests cannot defer a retry: the task fails, logged.
        queue_at(OPENS_AT, committed)
    assert len(mailoutbox) == 2
    assert AlertDelivery.objects.filter(sent_at__isnull=True).count() == 1

    ids = list(AlertDelivery.objects.values_list("pk", flat=True))
    assert alert_sending.send_deliveries(ids) == 1
    assert alert_sending.send_deliveries(ids) == 0
    assert recipients(mailoutbox) == [f"parent{number}@example.com" for number in range(3)]


def test_queuing_takes_one_query_per_batch_of_subscribers_beyond_a_constant(kalisz_camp):
    def queries_for(count):
        AlertSubscription.objects.all().delete()
        AlertedSession.objects.all().delete()
        Session.objects.filter(pk=kalisz_camp.pk).update(
            registration_opens_at=timezone.now() - datetime.timedelta(seconds=count)
        )
        AlertSubscription.objects.bulk_create(
            AlertSubscription(
                email=f"p{n}@example.com", language="uk", confirmed_at=timezone.now()
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            queued = alert_sending.queue_alerts()
        assert queued[AlertMoment.OPEN] == count
        return len(queries)

    # Reading them in chunks of 2,000, writing the deliveries in bulk (SQLite splits a
    # bulk insert in batches of its own); queuing their tasks happens after the commit.
    assert queries_for(500) - queries_for(5) <= 500 // alert_sending.BATCH_SIZE


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writing transaction at a time: nothing to race (CI runs this in "
    "its PostgreSQL pass)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_running_the_job_at_once_queue_each_alert_once(kalisz_camp, second_week):
    for number in range(20):
        subscription(f"parent{number}@example.com")

    def job():
        with time_machine.travel(OPENS_AT, tick=False):
            alert_sending.queue_alerts()

    with mock.patch.object(alert_sending, "enqueue_sending"):
        assert run_together([job, job]) == [None, None]

    deliveries = AlertDelivery.objects.all()
    assert deliveries.count() == 20
    assert {len(delivery.session_keys) for delivery in deliveries} == {2}


def test_sending_a_batch_takes_as_many_queries_for_50_e_mails_as_for_5(
    second_week, ukrainian_camp, mailoutbox
):
    def queries_for(count):
        AlertDelivery.objects.all().delete()
        AlertSubscription.objects.all().delete()
        keys = [
            str(second_week.translation_key),
            str(ukrainian_camp.sessions.first().translation_key),
        ]
        deliveries = AlertDelivery.objects.bulk_create(
            AlertDelivery(
                subscription=subscription(f"p{n}@example.com", language=["uk", "pl", "ru"][n % 3]),
                moment=AlertMoment.OPEN,
                session_keys=keys,
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            assert alert_sending.send_deliveries([delivery.pk for delivery in deliveries]) == count
        return len(queries)

    queries_for(5)  # the site and the content types, read once per process
    assert queries_for(5) == queries_for(50)
    assert len(mailoutbox) == 60


def test_the_record_of_what_was_sent_to_whom_is_deleted_after_30_days(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")
    queue_at(OPENS_AT, committed)
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 1

    with time_machine.travel(OPENS_AT + datetime.timedelta(days=29), tick=False):
        call_command("apply_retention", stdout=io.StringIO())
    assert AlertDelivery.objects.count() == 1
    with time_machine.travel(OPENS_AT + datetime.timedelta(days=31), tick=False):
        call_command("apply_retention", stdout=io.StringIO())
    assert not AlertDelivery.objects.exists()
    queue_at(OPENS_AT + datetime.timedelta(minutes=1), committed)
    assert len(mailoutbox) == 1  # the claim stays: the alert is not sent again


def test_an_address_the_mail_server_refuses_is_given_up_and_the_batch_goes_on(
    kalisz_camp, committed, mailoutbox
):
    for number in range(3):
        subscription(f"parent{number}@example.com")
    real_send = mail.EmailMessage.send

    def refuse_parent1(message, *args, **kwargs):
        if message.to == ["parent1@example.com"]:
            raise smtplib.SMTPRecipientsRefused({"parent1@example.com": (550, b"no mailbox")})
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", refuse_parent1):
        queue_at(OPENS_AT, committed)

    assert recipients(mailoutbox) == ["parent0@example.com", "parent2@example.com"]
    refused = AlertDelivery.objects.get(subscription__email="parent1@example.com")
    assert refused.failed_at is not None and refused.sent_at is None
    assert alert_sending.requeue_unsent(now=OPENS_AT + datetime.timedelta(hours=1)) == 0


def test_an_e_mail_that_cannot_be_made_is_given_up_and_the_others_are_sent(
    kalisz_camp, committed, mailoutbox
):
    for number in range(3):
        subscription(f"parent{number}@example.com")
    real_build = alert_sending.build_delivery_message

    def broken_for_parent0(delivery, catalogue):
        if delivery.subscription.email == "parent0@example.com":
            raise KeyError("date")
        return real_build(delivery, catalogue)

    with mock.patch.object(alert_sending, "build_delivery_message", broken_for_parent0):
        queue_at(OPENS_AT, committed)

    assert recipients(mailoutbox) == ["parent1@example.com", "parent2@example.com"]
    assert AlertDelivery.objects.filter(failed_at__isnull=False).count() == 1


def test_unsent_alerts_are_queued_again_every_half_hour_and_given_up_after_six_times(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")
    with mock.patch.object(alert_sending, "enqueue_sending") as enqueue:
        queue_at(OPENS_AT, committed)  # the task is lost
        requeued = [
            alert_sending.requeue_unsent(now=OPENS_AT + datetime.timedelta(minutes=minutes))
            for minutes in range(0, 24 * 60, 10)
        ]

    assert requeued.count(1) == alert_sending.MAX_REQUEUES
    assert sum(requeued) == alert_sending.MAX_REQUEUES
    assert enqueue.call_count == 1 + alert_sending.MAX_REQUEUES
    assert AlertDelivery.objects.get().failed_at is not None
    assert mailoutbox == []


def test_when_staff_move_the_opening_the_new_one_is_announced_too(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")
    queue_at(OPENS_AT - datetime.timedelta(days=1), committed)
    moved = OPENS_AT + datetime.timedelta(days=1)
    Session.objects.filter(pk=kalisz_camp.pk).update(registration_opens_at=moved)

    queue_at(OPENS_AT, committed)  # the old opening: nothing
    queue_at(moved - datetime.timedelta(days=1), committed)
    queue_at(moved, committed)
    queue_at(moved + datetime.timedelta(minutes=1), committed)

    tomorrow = translated_text(
        "Sign-ups open %(day)s at %(time)s: %(title)s",
        "uk",
        day=translated_text("tomorrow", "uk"),
        time="09:00",
        title="Półkolonie w Kaliszu – Turnus I",
    )
    opened = translated_text(
        "Sign-ups are open: %(title)s", "uk", title="Półkolonie w Kaliszu – Turnus I"
    )
    assert [message.subject for message in mailoutbox] == [tomorrow, tomorrow, opened]


def test_the_digest_lists_a_session_added_this_week_to_an_older_page(
    kalisz_camp, committed, mailoutbox
):
    subscription("olena@example.com")
    page = kalisz_camp.page
    page.save_revision().publish()
    page.refresh_from_db()
    digest_at = next_digest_moment()
    with time_machine.travel(digest_at - datetime.timedelta(days=30), tick=False):
        page.first_published_at = timezone.now()
        page.save(update_fields=["first_published_at"])
        Session.objects.filter(pk=kalisz_camp.pk).update(changed_at=timezone.now())
    with time_machine.travel(digest_at - datetime.timedelta(days=2), tick=False):
        added = SessionFactory(
            page=page,
            locale=page.locale,
            title="Turnus III",
            starts_at=in_days(44, hour=8),
            ends_at=in_days(44, hour=13),
            capacity=15,
        )

    queue_at(digest_at, committed)

    [message] = mailoutbox
    assert "Turnus III" in message.body
    assert "Turnus I\n" not in message.body
    assert added.sequence == 0
