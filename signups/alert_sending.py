"""
Sending the alerts: "sign-ups open tomorrow", "sign-ups are open" and the weekly
digest of new activities, each once to each confirmed subscription it matches.

``queue_alerts`` runs every minute (``manage.py send_alerts``, the README's crontab).
It finds the moments due: sessions whose sign-ups open now (``OPEN``), in a day
(``SOON``), and, once a week, the sessions published since the last digest (``NEW``).
Each session is claimed once per moment (an :class:`~signups.models.AlertedSession`
row under a unique constraint), so a job run twice, or by two workers at once, queues
nothing twice. The subscriptions are read in chunks, matched in Python (centres, kinds
and ages are short lists) and written as :class:`~signups.models.AlertDelivery` rows
in bulk: one e-mail per subscription and moment, listing every matching session that
opens at that moment. Tasks of ``BATCH_SIZE`` deliveries then send them
(``send_deliveries``); a delivery is marked sent under a row lock, so a task run again
sends nothing twice either.
"""

import dataclasses
import datetime
import functools
import logging
import smtplib
import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, ngettext

from cic_site.public_url import absolute_url
from events.models import LOCAL_TIMEZONE, Session
from home.models import Footer

from .alerts import centre_choices, compose_alert, described, live_centres
from .models import AlertDelivery, AlertedSession, AlertKind, AlertMoment, AlertSubscription

logger = logging.getLogger(__name__)

# How long before sign-ups open the "tomorrow" alert goes.
SOON_AHEAD = datetime.timedelta(days=1)
# How late a moment is still announced when the job did not run at the time (a
# restart, a deploy); later than this, "sign-ups open now" would no longer be true.
GRACE = datetime.timedelta(hours=1)
# The weekly digest: on this weekday (Monday is 0), from this hour, Warsaw time.
DIGEST_WEEKDAY = 0
DIGEST_HOUR = 10
# A session is new for the digest when it was published within this time.
DIGEST_COVERS = datetime.timedelta(days=7)
# Deliveries per task, and subscriptions read per query.
BATCH_SIZE = 100
CHUNK_SIZE = 2000
# How often unsent deliveries are queued again before they are given up.
MAX_REQUEUES = 6

# Which kind of activity a programme page is, by its model.
PAGE_KINDS = {
    "workshops.summercamppage": AlertKind.CAMPS,
    "workshops.libraryworkshoppage": AlertKind.LIBRARY_WORKSHOPS,
    "workshops.speakingclubpage": AlertKind.SPEAKING_CLUBS,
    "workshops.polishcoursepage": AlertKind.COURSES,
    "workshops.adaptationcoursepage": AlertKind.COURSES,
    "events.eventpage": AlertKind.EVENTS,
}


@dataclasses.dataclass(frozen=True)
class DueSession:
    """What matching needs of a session: its key, centres, kind, ages and opening.

    Its centres are those of the calendar's centre filter: the programme's organiser,
    and the centre it takes place at (a camp held in every centre has no organiser).
    """

    key: str
    centres: frozenset
    kind: str | None
    min_age: int | None
    max_age: int | None
    opens_at: datetime.datetime | None

    def suits(self, subscription):
        """Whether `subscription` (a row of ``SUBSCRIPTION_FIELDS``) asked to hear of it.

        Empty lists mean every centre or kind. Ages match when the two ranges meet; a
        session without an age limit suits every child.
        """
        _pk, centres, kinds, min_age, max_age = subscription
        if centres and self.centres.isdisjoint(centres):
            return False
        if kinds and self.kind not in kinds:
            return False
        if min_age is not None and self.max_age is not None and self.max_age < min_age:
            return False
        return not (max_age is not None and self.min_age is not None and self.min_age > max_age)


SUBSCRIPTION_FIELDS = ("pk", "centres", "kinds", "min_age", "max_age")


def queue_alerts(*, now=None):
    """Queue every alert due at `now`; how many e-mails were queued, by moment."""
    now = now or timezone.now()
    queued = {}
    with transaction.atomic():
        for moment, groups in due_groups(now).items():
            queued[moment] = sum(queue_group(moment, sessions, now) for sessions in groups)
    return queued


def due_groups(now):
    """The sessions whose alerts are due at `now` and not yet claimed, by moment, in
    groups that go in one e-mail (those opening at the same moment)."""
    windows = {
        AlertMoment.OPEN: Q(registration_opens_at__gt=now - GRACE, registration_opens_at__lte=now),
        AlertMoment.SOON: Q(
            registration_opens_at__gt=now + SOON_AHEAD - GRACE,
            registration_opens_at__lte=now + SOON_AHEAD,
        ),
    }
    if digest_due(now):
        published = now - DIGEST_COVERS
        # New: on a page first published this week, or added since to an older page (a
        # session never rescheduled keeps the moment it was made in changed_at).
        windows[AlertMoment.NEW] = (
            Q(page__first_published_at__gt=published) | Q(changed_at__gt=published, sequence=0)
        ) & (
            Q(registration_closes_at__gt=now)
            | Q(registration_closes_at__isnull=True, starts_at__gt=now)
        )
    groups = {}
    for moment, window in windows.items():
        sessions = claim(moment, candidates(window), now)
        if moment == AlertMoment.NEW:
            by_opening = {None: sessions} if sessions else {}
        else:
            by_opening = defaultdict(list)
            for session in sessions:
                by_opening[session.opens_at].append(session)
        groups[moment] = list(by_opening.values())
    return groups


def digest_due(now):
    """Whether the weekly digest is due at `now`: within ``GRACE`` of its hour."""
    local = timezone.localtime(now, LOCAL_TIMEZONE)
    start = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return local.weekday() == DIGEST_WEEKDAY and start <= local < start + GRACE


def candidates(window):
    """The sessions in `window` that take sign-ups on a live page, not cancelled: their
    rows in the site's language, where editors make them."""
    rows = (
        Session.objects.filter(window, capacity__isnull=False, page__live=True)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .not_cancelled()
        .values_list(
            "translation_key",
            "page__content_type_id",
            "page__organiser__translation_key",
            "venue__centre__translation_key",
            "min_age",
            "max_age",
            "registration_opens_at",
        )
        .order_by("registration_opens_at", "starts_at", "pk")
    )
    return [
        DueSession(
            key=str(key),
            centres=frozenset(str(centre) for centre in (organiser, venue_centre) if centre),
            kind=PAGE_KINDS.get(
                ContentType.objects.get_for_id(content_type).model_class()._meta.label_lower
            ),
            min_age=min_age,
            max_age=max_age,
            opens_at=opens_at,
        )
        for key, content_type, organiser, venue_centre, min_age, max_age, opens_at in rows
    ]


def claim(moment, sessions, now):
    """The `sessions` this run claims for `moment`: those no run claimed before (for the
    same opening, but for the digest).

    Each claim is a row under a unique constraint, made in a savepoint: a second run
    at the same time waits for the first to commit and then finds its rows taken.
    """

    def opening(session):
        return None if moment == AlertMoment.NEW else session.opens_at

    taken = set(
        AlertedSession.objects.filter(
            moment=moment, session_key__in=[session.key for session in sessions]
        ).values_list("session_key", "opens_at")
    )
    claimed = []
    for session in sessions:
        if (uuid.UUID(session.key), opening(session)) in taken:
            continue
        try:
            with transaction.atomic():
                AlertedSession.objects.create(
                    session_key=session.key,
                    moment=moment,
                    opens_at=opening(session),
                    queued_at=now,
                )
        except IntegrityError:
            continue
        claimed.append(session)
    return claimed


def queue_group(moment, sessions, now):
    """One delivery to each confirmed subscription that some of `sessions` suit, and
    tasks to send them once the transaction commits; how many."""
    subscriptions = (
        AlertSubscription.objects.filter(confirmed_at__isnull=False)
        .values_list(*SUBSCRIPTION_FIELDS)
        .order_by("pk")
    )
    deliveries = []
    for subscription in subscriptions.iterator(chunk_size=CHUNK_SIZE):
        keys = [session.key for session in sessions if session.suits(subscription)]
        if keys:
            deliveries.append(
                AlertDelivery(
                    subscription_id=subscription[0],
                    moment=moment,
                    session_keys=keys,
                    queued_at=now,
                )
            )
    made = AlertDelivery.objects.bulk_create(deliveries)
    for batch in batched([delivery.pk for delivery in made], BATCH_SIZE):
        enqueue_sending(batch)
    return len(made)


def enqueue_sending(delivery_ids):
    from .tasks import send_alert_deliveries

    # robust: a queue that cannot take the task leaves the deliveries unsent, and
    # requeue_unsent() tries again; it must not undo the claims.
    transaction.on_commit(
        functools.partial(send_alert_deliveries.enqueue, delivery_ids=delivery_ids), robust=True
    )


def requeue_unsent(*, now=None, after=datetime.timedelta(minutes=30)):
    """Queue again the deliveries still unsent `after` they were last queued (a task
    lost with a worker, a mail server down for longer than the task's retries), at most
    ``MAX_REQUEUES`` times, then give them up; how many were queued again. Sending
    locks and marks each delivery, so one queued twice still goes once."""
    now = now or timezone.now()
    cutoff = now - after
    unsent = AlertDelivery.objects.filter(sent_at__isnull=True, failed_at__isnull=True).filter(
        Q(requeued_at__isnull=True, queued_at__lt=cutoff) | Q(requeued_at__lt=cutoff)
    )
    with transaction.atomic():
        given_up = unsent.filter(requeues__gte=MAX_REQUEUES).update(failed_at=now)
        if given_up:
            logger.error(
                "Gave up %s alert e-mails still unsent after %s tries", given_up, MAX_REQUEUES
            )
        ids = list(unsent.select_for_update().order_by("pk").values_list("pk", flat=True))
        AlertDelivery.objects.filter(pk__in=ids).update(
            requeued_at=now, requeues=F("requeues") + 1
        )
        for batch in batched(ids, BATCH_SIZE):
            enqueue_sending(batch)
    return len(ids)


def prune_deliveries(*, now=None, older_than=datetime.timedelta(days=30)):
    """Delete the record of the alerts queued longer ago than `older_than` (which address
    was sent what: personal data, kept no longer than a question about it is likely);
    how many. The claims stay: they hold no address, and keep each alert once."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _by_model = AlertDelivery.objects.filter(queued_at__lt=cutoff).delete()
    return deleted


def batched(items, size):
    """`items` in lists of at most `size` (``itertools.batched`` is Python 3.12's)."""
    return [items[start : start + size] for start in range(0, len(items), size)]


class SendingFailed(Exception):
    """The mail server refused part of a batch; the rest is still unsent."""


def send_deliveries(delivery_ids, *, now=None):
    """Send the unsent deliveries among `delivery_ids` over one connection; how many.

    Each is locked while it is sent and marked in the same transaction, so a task run
    twice, or two workers given the same batch, send it once. One message the mail
    server refuses for good (an address that does not exist), or that cannot be made,
    is given up and logged, and the batch goes on. When the server itself fails, those
    sent are still marked and :class:`SendingFailed` is raised for the rest.
    """
    sent, failed = [], []
    failure = None
    with transaction.atomic():
        deliveries = list(
            AlertDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=delivery_ids, sent_at__isnull=True, failed_at__isnull=True)
            .select_related("subscription")
            .order_by("pk")
        )
        if not deliveries:
            return 0
        catalogue = SessionCatalogue(
            {key for delivery in deliveries for key in delivery.session_keys},
            {delivery.subscription.language for delivery in deliveries},
        )
        connection = get_connection()
        try:
            connection.open()
            for delivery in deliveries:
                outcome = send_one(delivery, catalogue, connection)
                (sent if outcome else failed).append(delivery.pk)
        except (smtplib.SMTPException, OSError) as error:
            failure = error
        finally:
            close_quietly(connection)
        moment = now or timezone.now()
        AlertDelivery.objects.filter(pk__in=sent).update(sent_at=moment)
        AlertDelivery.objects.filter(pk__in=failed).update(failed_at=moment)
    if failure is not None:
        unsent = len(deliveries) - len(sent) - len(failed)
        raise SendingFailed(f"{unsent} alert e-mails unsent") from failure
    return len(sent)


def send_one(delivery, catalogue, connection):
    """Send `delivery`'s e-mail over `connection`: True once sent (or when there is
    nothing left to tell), False when given up. The mail server's own failures are
    raised."""
    try:
        message = build_delivery_message(delivery, catalogue)
    except Exception:  # a bug in one e-mail must not hold up, or repeat, the others
        logger.exception("Could not make the alert e-mail of delivery %s", delivery.pk)
        return False
    if message is None:
        return True  # every session gone meanwhile: nothing to say
    message.connection = connection
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        logger.warning("The mail server refused the address of alert delivery %s", delivery.pk)
        return False
    except smtplib.SMTPDataError as error:
        if error.smtp_code < 500:
            raise
        logger.warning("The mail server refused alert delivery %s: %s", delivery.pk, error)
        return False
    return True


def close_quietly(connection):
    """Close the mail connection; a server that fails to say goodbye changes nothing."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        logger.warning("The mail server failed while the connection was closed", exc_info=True)


class SessionCatalogue:
    """The sessions a batch of deliveries lists, in each language they go out in, with
    the centres' names and the footer of each language: a few queries, whatever the
    number of deliveries.

    A session not translated into a language is shown in the site's language.
    """

    def __init__(self, keys, languages):
        sessions = (
            Session.objects.filter(translation_key__in=keys, page__live=True)
            .filter(locale__language_code__in={*languages, settings.LANGUAGE_CODE})
            .not_cancelled()
            .with_places()
            .select_related("page", "locale", "venue__centre", "page__organiser")
        )
        self.sessions = {
            (str(session.translation_key), session.locale.language_code): session
            for session in sessions
        }
        self.footers = {language: Footer.for_language(language) for language in languages}
        self.centre_names = {}
        centres = list(live_centres())
        for language in languages:
            with translation.override(language):
                self.centre_names[language] = dict(centre_choices(centres))

    def get(self, key, language):
        return self.sessions.get((key, language)) or self.sessions.get(
            (key, settings.LANGUAGE_CODE)
        )


def build_delivery_message(delivery, catalogue):
    """The alert e-mail of `delivery`, in its subscription's language; None when none of
    its sessions is still there to tell about."""
    subscription = delivery.subscription
    language = subscription.language
    with translation.override(language):
        sessions = [
            described_session(session, key, catalogue.centre_names[language])
            for key in delivery.session_keys
            if (session := catalogue.get(key, language)) is not None
        ]
        if not sessions:
            return None
        opens_at = sessions[0]["opens_at"]
        return compose_alert(
            subscription,
            f"alert_{delivery.moment}",
            subject=alert_subject(delivery.moment, sessions, opens_at),
            choices=described(subscription, catalogue.centre_names[language]),
            organisation=catalogue.footers[language],
            sessions=sessions,
            opens_on=opening_day(opens_at),
            opens_at=time_format(timezone.localtime(opens_at, LOCAL_TIMEZONE)) if opens_at else "",
        )


def described_session(session, key, centre_names):
    """What an alert says of one session, in the active language.

    Where: its centre by the name in `centre_names` (``centre_choices()``, the active
    language's), and the venue, with its town, when it is not that centre's own.
    """
    venue = session.venue
    centre = session.page.organiser or (venue.centre if venue else None)
    where = [centre_names.get(str(centre.translation_key), centre.title)] if centre else []
    if venue and venue.centre_id is None:
        where += [venue.name, venue.city]
    return {
        "title": session.full_title,
        "when": session.when_display,
        "ages": session.age_range_display(),
        "where": ", ".join(dict.fromkeys(part for part in where if part)),
        "places": session.places,
        "places_left": session.places_left,
        "opens_at": session.registration_opens_at,
        "sign_up_link": absolute_url(reverse("signups:sign_up", kwargs={"session_key": key})),
        "page_link": session.page.get_full_url() or "",
    }


def opening_day(opens_at):
    """ "tomorrow" when sign-ups open the day after today, else the date, in words."""
    if opens_at is None:
        return ""
    day = timezone.localtime(opens_at, LOCAL_TIMEZONE).date()
    if day == timezone.localdate(timezone=LOCAL_TIMEZONE) + datetime.timedelta(days=1):
        return gettext("tomorrow")
    return gettext("on %(date)s") % {"date": date_format(day, "j E")}


def alert_subject(moment, sessions, opens_at):
    """The subject line: what happens, and to what, in the active language."""
    count = len(sessions)
    if moment == AlertMoment.SOON:
        return gettext("Sign-ups open %(day)s at %(time)s: %(title)s") % {
            "day": opening_day(opens_at),
            "time": time_format(timezone.localtime(opens_at, LOCAL_TIMEZONE)),
            "title": sessions[0]["title"]
            if count == 1
            else ngettext("%(count)d activity", "%(count)d activities", count) % {"count": count},
        }
    if moment == AlertMoment.OPEN:
        if count == 1:
            return gettext("Sign-ups are open: %(title)s") % {"title": sessions[0]["title"]}
        return ngettext(
            "Sign-ups are open for %(count)d activity",
            "Sign-ups are open for %(count)d activities",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d new activity you can sign up for",
        "%(count)d new activities you can sign up for",
        count,
    ) % {"count": count}
