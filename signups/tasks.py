"""
Background tasks (django-tasks): the sign-up e-mails and the periodic sign-up jobs.

The services queue ``send_registration_email`` once their transaction has
committed. In development and tests the immediate backend runs it at once; in
production django_tasks_db stores it and a worker (``manage.py db_worker``) runs
it, so a slow or failing mail server never holds up a sign-up.

The periodic jobs (expire_offers, send_reminders, apply_retention, and Wagtail's
publish_scheduled) run in production from cron, as management commands or by
enqueueing these tasks for the worker: the README's crontab block is the one list
of them (tests/test_periodic_jobs.py checks it).
"""

import datetime
import logging
import smtplib

from django_tasks import task

from django.conf import settings
from django.utils import timezone

from . import alert_sending, alerts, emails, privacy, services
from .models import AlertSubscription, Registration

logger = logging.getLogger(__name__)


@task()
def send_registration_email(registration_id, kind, retry=0, details=None):
    """Send one sign-up e-mail; when the mail server fails, try again later.

    `details` are the e-mail's own facts (``signups.services._notify``).
    """
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None or emails.is_outdated(registration, kind, details):
        return  # erased meanwhile, or overtaken by a later change and its e-mail
    send_or_retry(
        send_registration_email,
        lambda: emails.build_message(registration, kind, details=details).send(),
        retry=retry,
        about=f"{kind} for registration {registration_id}",
        registration_id=registration_id,
        kind=kind,
        **({"details": details} if details else {}),
    )


@task()
def send_alert_email(subscription_id, kind, retry=0):
    """Send one e-mail about an alert subscription (``signups.alerts``), retried alike."""
    subscription = AlertSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return  # ended or pruned meanwhile
    if kind == "alert_retention" and subscription.retention_notice_at is None:
        return  # kept meanwhile: the notice is void
    send_or_retry(
        send_alert_email,
        lambda: alerts.build_alert_message(subscription, kind).send(),
        retry=retry,
        about=f"{kind} for alert subscription {subscription_id}",
        subscription_id=subscription_id,
        kind=kind,
    )


@task()
def send_alert_deliveries(delivery_ids, retry=0):
    """Send a batch of alerts (``signups.alert_sending``); when the mail server fails,
    the unsent rest is tried again later alike (those sent are marked, so not twice)."""
    send_or_retry(
        send_alert_deliveries,
        lambda: alert_sending.send_deliveries(delivery_ids),
        retry=retry,
        about=f"alerts of deliveries {delivery_ids[0]}–{delivery_ids[-1]}",
        delivery_ids=delivery_ids,
    )


@task()
def send_alerts():
    """Queue the alerts due now (every minute), and again those a lost task left unsent;
    how many were queued."""
    queued = alert_sending.queue_alerts()
    alert_sending.requeue_unsent()
    return sum(queued.values())


def send_or_retry(sending_task, send, *, retry, about, **arguments):
    """Send the e-mail(s) as `send()` does; when the mail server fails, try again later.

    A backend that can run a task later (django_tasks_db) gets `sending_task` again
    with `arguments` and a growing delay, up to ``CIC_EMAIL_RETRIES`` times; the
    immediate backend cannot, so there the failure is only logged. Either way the
    task fails, which records the error, and what queued it is untouched.
    """
    try:
        send()
    except (smtplib.SMTPException, OSError, alert_sending.SendingFailed):
        backend = sending_task.get_backend()
        if not backend.supports_defer or retry >= settings.CIC_EMAIL_RETRIES:
            logger.exception("Could not send e-mail %s", about)
            raise
        delay = datetime.timedelta(seconds=settings.CIC_EMAIL_RETRY_DELAY_SECONDS * (retry + 1))
        logger.warning("E-mail %s failed; trying again in %s", about, delay)
        sending_task.using(run_after=timezone.now() + delay).enqueue(retry=retry + 1, **arguments)
        raise


@task()
def expire_offers():
    """Pass on offered places not accepted in time (every 5 minutes); how many expired."""
    return services.expire_offers()


@task()
def send_reminders():
    """Queue the day-before reminders (every hour); how many were queued."""
    return services.send_reminders()


@task()
def apply_retention():
    """Erase personal data past its keeping time (daily), alert requests never confirmed
    and alert subscriptions unused included; how many sign-ups were anonymised."""
    alerts.prune_alert_requests()
    alerts.apply_alert_retention()
    alert_sending.prune_deliveries()
    return privacy.apply_retention().registrations
