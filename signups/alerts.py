"""
"Tell me when sign-ups open": subscribing to alerts, confirming, changing, ending.

A family asks on the public form (``signups.alert_views``) and gets a confirmation
e-mail; only the button behind its link confirms (double opt-in). Every e-mail
carries the subscription's private link (to change or end it) and the RFC 8058
one-click unsubscribe headers (:func:`unsubscribe_headers`). A request never
confirmed is deleted after ``UNCONFIRMED_DAYS`` (:func:`prune_alert_requests`, run
with the daily ``apply_retention``); ending a subscription deletes the address.
A confirmed subscription unused for two years is told it will end, and ends 30 days
later unless its owner keeps it (:func:`apply_alert_retention`, daily too).

A request for an address that is subscribed already answers the same page and
sends one e-mail to that address, as a new one would: the confirmation again while
unconfirmed (with the new choices), else its private link (choices unchanged: only
the owner of the address changes them).
"""

import datetime
import functools
import typing

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cic_site.public_url import absolute_url
from events.models import age_range_text
from home.models import CentrePage, Footer

from .emails import compose
from .models import ALERT_RETENTION_NOTICE_DAYS, AlertKind, AlertSubscription

UNCONFIRMED_DAYS = 7

SUBJECTS = {
    "alert_confirm": _("Confirm your alerts about sign-ups"),
    "alert_already": _("Your alerts about sign-ups"),
    "alert_retention": _("Your alerts about sign-ups will end soon"),
}


def request_alerts(*, email, language, centres, kinds, min_age, max_age):
    """Ask for alerts for `email`; the e-mail that follows goes to that address only.

    Returns nothing that tells a new address from a known one.
    """
    email = email.strip().lower()
    choices = {
        "language": language,
        "centres": sorted(centres),
        "kinds": sorted(kinds),
        "min_age": min_age,
        "max_age": max_age,
    }
    with transaction.atomic():
        subscription, created = AlertSubscription.objects.select_for_update().get_or_create(
            email=email, defaults=choices
        )
        if subscription.confirmed_at is None:
            if not created:
                for name, value in choices.items():
                    setattr(subscription, name, value)
                subscription.save(update_fields=list(choices))
            _queue_email(subscription, "alert_confirm")
        else:
            _queue_email(subscription, "alert_already")


def confirm_alerts(*, subscription):
    """Confirm `subscription` (the button behind the confirmation e-mail's link).

    Confirming twice changes nothing more.
    """
    with transaction.atomic():
        now = timezone.now()
        AlertSubscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, last_activity_at=now
        )
        subscription.refresh_from_db()


def change_alerts(*, subscription, language, centres, kinds, min_age, max_age):
    """Change what `subscription` is about, and the language of its e-mails."""
    with transaction.atomic():
        subscription.language = language
        subscription.centres = sorted(centres)
        subscription.kinds = sorted(kinds)
        subscription.min_age = min_age
        subscription.max_age = max_age
        subscription.last_activity_at = timezone.now()
        subscription.retention_notice_at = None
        subscription.save()


def keep_alerts(*, subscription):
    """Keep `subscription` going after a retention notice (the button on its private page):
    it counts as used now, and the notice is void."""
    with transaction.atomic():
        AlertSubscription.objects.filter(pk=subscription.pk).update(
            last_activity_at=timezone.now(), retention_notice_at=None
        )
        subscription.refresh_from_db()


def end_alerts(*, subscription):
    """End `subscription`: the address is deleted with it."""
    with transaction.atomic():
        AlertSubscription.objects.filter(pk=subscription.pk).delete()


def prune_alert_requests(*, now=None):
    """Delete the requests not confirmed within ``UNCONFIRMED_DAYS``; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    with transaction.atomic():
        deleted, _by_model = AlertSubscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=cutoff
        ).delete()
    return deleted


def _queue_email(subscription, kind):
    from .tasks import send_alert_email

    # robust: a queue that cannot take the task must not turn a saved request into an error.
    transaction.on_commit(
        functools.partial(send_alert_email.enqueue, subscription_id=subscription.pk, kind=kind),
        robust=True,
    )


def centre_choices(centres=None):
    """The centres to choose from, in the active language: (translation_key, title).

    A centre not translated into the active language is offered by its Polish title.
    `centres` are ``live_centres()`` when the caller read them for several languages.
    """
    centres = live_centres() if centres is None else centres
    chosen = {}
    for centre in centres:
        key = str(centre.translation_key)
        language = centre.locale.language_code
        if language == translation.get_language() or (
            key not in chosen and language == settings.LANGUAGE_CODE
        ):
            chosen[key] = centre.title
    return sorted(chosen.items(), key=lambda item: item[1])


def live_centres():
    """Every live centre page, in every language: what ``centre_choices()`` chooses from."""
    return CentrePage.objects.live().select_related("locale").order_by("title")


def described(subscription, centre_names=None):
    """What `subscription` is about, in the active language, for pages and e-mails.

    `centre_names` are ``centre_choices()`` as a mapping, when the caller read them.
    """
    centre_names = centre_names if centre_names is not None else dict(centre_choices())
    kind_names = dict(AlertKind.choices)
    return {
        "centres": [centre_names[key] for key in subscription.centres if key in centre_names],
        "kinds": [str(kind_names[kind]) for kind in subscription.kinds if kind in kind_names],
        "min_age": subscription.min_age,
        "max_age": subscription.max_age,
        "ages": age_range_text(subscription.min_age, subscription.max_age),
    }


def link(subscription, url_name):
    """The absolute address of one of `subscription`'s private pages, in the active language."""
    return absolute_url(reverse(url_name, kwargs={"token": subscription.token}))


def unsubscribe_headers(subscription):
    """The RFC 8058 headers that let a mail client end `subscription` in one click."""
    with translation.override(subscription.language):
        url = link(subscription, "signups:alert_unsubscribe")
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def build_alert_message(subscription, kind):
    """The e-mail of `kind` (one of ``SUBJECTS``) to `subscription`, in its language."""
    with translation.override(subscription.language):
        return compose_alert(
            subscription,
            kind,
            subject=str(SUBJECTS[kind]),
            choices=described(subscription),
            organisation=Footer.for_language(subscription.language),
            confirm_link=link(subscription, "signups:alert_confirm"),
        )


def compose_alert(subscription, kind, *, subject, choices, organisation, **context):
    """An alert e-mail of `kind` to `subscription`, rendered in the active language (its
    own): what every one carries (what it is about, the private link, the one-click end
    and its headers, the footer) and what `kind` adds in `context`."""
    return compose(
        kind,
        {
            "kind": kind,
            "subject": subject,
            "subscription": subscription,
            "choices": choices,
            "manage_link": link(subscription, "signups:alert_manage"),
            "unsubscribe_link": link(subscription, "signups:alert_unsubscribe"),
            "organisation": organisation,
            "language_code": subscription.language,
            **context,
        },
        layout="alert_base",
        to=subscription.email,
        headers=unsubscribe_headers(subscription),
    )


# Retention: a subscription unused for two years is told that it will end, then ends.

INACTIVE_DAYS = 2 * 365


class AlertRetention(typing.NamedTuple):
    """What :func:`apply_alert_retention` did (or, in a dry run, would do)."""

    noticed: int
    deleted: int


def apply_alert_retention(*, now=None, dry_run=False):
    """Tell each confirmed subscription whose last activity (``last_activity_at``) is
    ``INACTIVE_DAYS`` old that it ends ``ALERT_RETENTION_NOTICE_DAYS`` later unless kept,
    and delete those told that long ago and unused since; with `dry_run`, only count them.

    Each notice goes once: it is queued in the transaction that records it. Any
    activity (keeping, changing the choices) clears the notice.
    """
    now = now or timezone.now()
    ended = AlertSubscription.objects.filter(
        retention_notice_at__lte=now - datetime.timedelta(days=ALERT_RETENTION_NOTICE_DAYS)
    )
    unused = AlertSubscription.objects.filter(
        confirmed_at__isnull=False,
        retention_notice_at__isnull=True,
        last_activity_at__lte=now - datetime.timedelta(days=INACTIVE_DAYS),
    )
    if dry_run:
        return AlertRetention(noticed=unused.count(), deleted=ended.count())
    with transaction.atomic():
        _total, by_model = ended.delete()
    with transaction.atomic():
        # Locked, so that a job running at the same time notices none of them again.
        told = list(unused.select_for_update())
        AlertSubscription.objects.filter(pk__in=[subscription.pk for subscription in told]).update(
            retention_notice_at=now
        )
        for subscription in told:
            _queue_email(subscription, "alert_retention")
    return AlertRetention(
        noticed=len(told), deleted=by_model.get(AlertSubscription._meta.label, 0)
    )
