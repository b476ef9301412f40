"""
The periodic jobs that production runs from cron or a timer: passing on offers
not accepted in time, and the day-before reminders.
"""

import datetime
import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from events.models import Session
from signups import services, tasks
from signups.models import Registration
from tests.events.factories import SessionFactory
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a management command as cron would, e-mails included; what it printed."""

    def run(command):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(command, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def offered(camp_session, django_capture_on_commit_callbacks):
    """A family whose offer of the one place has run out, and another waiting behind them."""
    Session.objects.filter(pk=camp_session.pk).update(capacity=1)
    camp_session.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(camp_session, child("Marta"), email="first@example.com")
        offered = sign_up(camp_session, child("Ivan"), email="offered@example.com")
        next_in_line = sign_up(camp_session, child("Olha"), email="next@example.com")
        services.cancel(registration=first)
    Registration.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    return offered, next_in_line


def statuses(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def test_expire_offers_passes_an_expired_offer_to_the_next_family(offered, run, mailoutbox):
    offer, next_in_line = offered
    mailoutbox.clear()

    printed = run("expire_offers")

    assert printed == "1 expired offer(s) passed on.\n"
    assert statuses(offer, next_in_line) == [Status.CANCELLED, Status.OFFERED]
    assert sorted(mail.to[0] for mail in mailoutbox) == ["next@example.com", "offered@example.com"]


def test_expire_offers_twice_changes_nothing_more(offered, run, mailoutbox):
    offer, next_in_line = offered
    run("expire_offers")
    mailoutbox.clear()

    printed = run("expire_offers")

    assert printed == "0 expired offer(s) passed on.\n"
    assert statuses(offer, next_in_line) == [Status.CANCELLED, Status.OFFERED]
    assert mailoutbox == []


def test_an_offer_still_running_is_left_alone(camp_session, offered, run):
    offer, next_in_line = offered
    Registration.objects.filter(pk=offer.pk).update(
        offer_expires_at=timezone.now() + datetime.timedelta(hours=1)
    )

    assert run("expire_offers") == "0 expired offer(s) passed on.\n"
    assert statuses(offer, next_in_line) == [Status.OFFERED, Status.WAITING]


@pytest.fixture
def tomorrow_session(camp):
    """A second camp session starting in 20 hours, with one place."""
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=20)
    return SessionFactory(
        page=camp,
        locale=camp.locale,
        title="Turnus II",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=4),
        capacity=1,
        min_age=6,
        max_age=12,
    )


def test_send_reminders_e_mails_confirmed_sign_ups_of_tomorrow_once(
    camp, tomorrow_session, run, mailoutbox, django_capture_on_commit_callbacks
):
    later_session = camp.sessions.get(title="Turnus I")
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = sign_up(tomorrow_session, child("Marta"), email="tomorrow@example.com")
        sign_up(tomorrow_session, child("Ivan"), email="waiting@example.com")
        sign_up(later_session, child("Olha"), email="later@example.com")
    mailoutbox.clear()

    first_run = run("send_reminders")
    second_run = run("send_reminders")

    assert first_run == "1 reminder(s) queued.\n"
    assert second_run == "0 reminder(s) queued.\n"
    [mail] = mailoutbox
    assert mail.to == ["tomorrow@example.com"]
    assert "Turnus II" in mail.body
    assert f"/uk/sign-ups/{confirmed.reference}/" in mail.body
    assert Registration.objects.get(pk=confirmed.pk).reminder_sent_at is not None


def test_the_periodic_tasks_do_what_the_commands_do(
    offered, tomorrow_session, mailoutbox, django_capture_on_commit_callbacks
):
    """Production can enqueue the tasks for the worker instead of running the commands."""
    offer, next_in_line = offered
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(tomorrow_session, child("Marta", "Nowak"), email="tomorrow@example.com")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        expired = tasks.expire_offers.enqueue()
        reminded = tasks.send_reminders.enqueue()

    assert (expired.return_value, reminded.return_value) == (1, 1)
    assert statuses(offer, next_in_line) == [Status.CANCELLED, Status.OFFERED]
    assert "tomorrow@example.com" in [mail.to[0] for mail in mailoutbox]
