"""
Sign-up operations: every change to places, registrations and participants.

Each public function is one transaction that starts by locking the session's
:class:`~events.models.Quota` row (``SELECT ... FOR UPDATE`` on PostgreSQL; on
SQLite the ``IMMEDIATE`` transaction mode already serialises writers). Places
are taken by a conditional UPDATE checked by its row count, never by counting
and then inserting, and the quota's CHECK constraint is the backstop
(after pretix's ``services/orders.py`` and ``services/quotas.py``).

One lock order everywhere, so that two requests on one session queue rather
than deadlock: the quota first (two quotas, as in :func:`move_registration`,
the lower pk first), then the registrations, then their participants. The rules a sign-up
must meet (session cancelled, sign-up window, places, waiting list) are read
again once the lock is held: staff may have changed them while it waited.
Publishing a page writes its session rows in transactions of Wagtail's own,
committed before :func:`sync_quotas` takes the quota. Every transaction that
locks runs in :func:`_locking`, which bounds the wait for a lock.

Refusals raise :class:`SignUpError` with a message for the person who asked.
E-mails are queued after the transaction commits (``signups.tasks``), so a mail
server that fails can neither lose nor block a sign-up.

Each change is written to the sign-up audit log (``signups.audit``) in the same
transaction, with the `user` who made it: None for the family, through the
public form or its private link, and for scheduled jobs.
"""

import contextlib
import dataclasses
import datetime
import functools

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from wagtail.log_actions import log

from events.feed_cache import places_changed
from events.models import Quota, Session
from events.models.calendar import CancelledOccurrence, CancelledSession, schedule_value
from events.sign_up_state import PublicState

from .attendance import who_takes_part
from .audit import log_action
from .models import AgeBand, Attendance, Participant, Registration, name_key

Status = Registration.Status
CancelledBy = Registration.CancelledBy


class SignUpError(Exception):
    """A refused sign-up or change; ``message`` is meant for the person who asked.

    ``field`` and ``participant`` (an index into the submitted participants) say
    where a form should show it.
    """

    def __init__(self, message, *, code, field=None, participant=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.participant = participant


@dataclasses.dataclass
class Registrant:
    name: str
    email: str
    phone: str = ""
    language: str = settings.LANGUAGE_CODE


@dataclasses.dataclass
class NewParticipant:
    first_name: str
    last_name: str
    birth_date: datetime.date | None = None
    age: int | None = None
    answers: dict = dataclasses.field(default_factory=dict)
    sensitive_answers: dict = dataclasses.field(default_factory=dict)
    photo_consent: bool = False
    country: str = ""

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day):
        if self.birth_date is None:
            return self.age
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def offer_hold():
    """How long an offered place is kept for the family it was offered to."""
    return datetime.timedelta(hours=settings.CIC_OFFER_HOLD_HOURS)


# Reading what is open, and for whom.


# Why a sign-up is refused, by its code: the message the family reads.
REFUSALS = {
    PublicState.NO_SIGN_UP: gettext_lazy("This session takes no sign-ups."),
    PublicState.CANCELLED: gettext_lazy("This session is cancelled."),
    PublicState.NOT_OPEN_YET: gettext_lazy("Sign-up opens on %(when)s."),
    PublicState.CLOSED: gettext_lazy("Sign-up for this session has closed."),
    PublicState.FULL: gettext_lazy("This session is full."),
}


def refused(code, *, opens_at=None):
    """The :class:`SignUpError` of a refusal `code` (see ``REFUSALS``)."""
    message = str(REFUSALS[code])
    if code == PublicState.NOT_OPEN_YET:
        message %= {"when": date_format(timezone.localtime(opens_at), "DATETIME_FORMAT")}
    return SignUpError(message, code=code)


def sign_up_state(session, now=None):
    """Why `session` takes no sign-up now, as a SignUpError, or None when it does.

    The rule is the session's (:meth:`events.models.Session.sign_up_refusal`).
    """
    code = session.sign_up_refusal(now)
    return None if code is None else refused(code, opens_at=session.registration_opens_at)


def refusal_of(state):
    """Why no sign-up is taken in `state` (a ``PublicState``), as the sign-up page says it."""
    if state.code in REFUSALS:
        return refused(state.code, opens_at=state.opens_at)
    return None


def eligibility_errors(session, participants):
    """Every participant outside the session's age range, as SignUpErrors.

    Ages are counted on the session's first day.
    """
    if session.min_age is None and session.max_age is None:
        return []
    first_day = session.first_day
    errors = []
    for index, participant in enumerate(participants):
        age = participant.age_on(first_day)
        if age is None:
            errors.append(
                SignUpError(
                    gettext("Enter the date of birth of %(name)s.")
                    % {"name": participant.full_name},
                    code="birth_date_missing",
                    field="birth_date",
                    participant=index,
                )
            )
        elif (session.min_age is not None and age < session.min_age) or (
            session.max_age is not None and age > session.max_age
        ):
            errors.append(
                SignUpError(
                    gettext(
                        "%(name)s will be %(age)s on the first day, and this session is "
                        "for %(range)s."
                    )
                    % {
                        "name": participant.full_name,
                        "age": age,
                        "range": session.age_range_display(),
                    },
                    code="age",
                    field="birth_date",
                    participant=index,
                )
            )
    return errors


def repeated_participant_errors(participants):
    """The same person twice in one submission."""
    seen = set()
    errors = []
    for index, participant in enumerate(participants):
        key = (name_key(participant.first_name, participant.last_name), participant.birth_date)
        if key in seen:
            errors.append(
                SignUpError(
                    gettext("%(name)s is on this form twice.") % {"name": participant.full_name},
                    code="duplicate",
                    field="first_name",
                    participant=index,
                )
            )
        seen.add(key)
    return errors


def quota_for(session):
    """The places of `session`, shared by its language versions; made on first use.

    An existing quota comes with its session and programme page, which name it in the
    audit log: `session` itself when it is that session with its page at hand (the
    sign-up form's, in the site's language), so that they are not read again.
    """
    at_hand = _source_at_hand(session)
    quotas = Quota.objects.filter(session_key=session.translation_key)
    quota = one_or_none(quotas if at_hand else quotas.select_related("session__page"))
    if quota is not None:
        if at_hand and quota.session_id is not None:
            quota.session = (
                session
                if quota.session_id == session.pk
                else Session.objects.select_related("page").get(pk=quota.session_id)
            )
        return quota
    source = (
        Session.objects.filter(
            translation_key=session.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or session
    )
    quota, _created = Quota.objects.get_or_create(
        session_key=session.translation_key,
        defaults={
            "capacity": source.capacity or 0,
            "session": source,
            "told_schedule": schedule_of(source),
        },
    )
    return quota


def _source_at_hand(session):
    """Whether `session` was read with its page and the page's locale, in the site's
    language: then it is, almost always, the session its quota names."""
    if not Session.page.is_cached(session):
        return False
    page = session.page
    return (
        type(page).locale.is_cached(page) and page.locale.language_code == settings.LANGUAGE_CODE
    )


# What families are told of a session's time and place: compared at each publish.
TIME_AND_PLACE = ("starts_at", "ends_at", "all_day", "daily", "recurrence", "venue_id")


def schedule_of(session):
    """The time, place and status of `session` as stored in ``Quota.told_schedule`` (JSON).

    Times in UTC, so a session read back from a page revision and the same one read
    from the database compare equal.
    """
    return {
        "starts_at": session.starts_at.astimezone(datetime.UTC).isoformat(),
        "ends_at": session.ends_at.astimezone(datetime.UTC).isoformat(),
        "all_day": session.all_day,
        "daily": session.daily,
        "recurrence": schedule_value("recurrence", session.recurrence),
        "venue_id": session.venue_id,
        "status": session.status,
        "sequence": session.sequence,
    }


def one_or_none(queryset):
    """The row of `queryset`, which a unique key limits to one at most, or None.

    As ``.first()`` without the ORDER BY it adds, which costs Django more to build
    than the database to run, on the queries every sign-up makes.
    """
    return next(iter(queryset.order_by()[:1]), None)


# Operations.


def sign_up(
    *,
    session,
    registrant,
    participants,
    data_consent_version,
    submission_key,
    new_submission=False,
    page=None,
    user=None,
    now=None,
):
    """Sign `participants` up for `session`, all of them or none.

    They are confirmed when they all fit and nobody is waiting; otherwise the
    whole sign-up joins the waiting list, behind everyone already on it (free
    places belong to them, see :func:`_offer_free_places`), or is refused when
    the session has none. The registration keeps what the family was told:
    how many places were left for new sign-ups, and whether others were
    waiting. Submitting the same form twice (same `submission_key`) returns the
    registration the first submission made (`new_submission`: the caller has just
    found none with its key, which is then not looked up again; a submission saved
    meanwhile is still found, by the key's unique constraint). A `user` is staff
    signing a family up on the phone or at the desk, who read the consent to them.
    """
    now = now or timezone.now()
    if not new_submission and (
        existing := one_or_none(Registration.objects.filter(submission_key=submission_key))
    ):
        return existing
    if not participants:
        raise SignUpError(gettext("Add at least one participant."), code="no_participants")
    if refusal := sign_up_state(session, now):
        raise refusal
    for errors in (
        eligibility_errors(session, participants),
        repeated_participant_errors(participants),
    ):
        if errors:
            raise errors[0]
    quota = quota_for(session)
    # Checked before the lock: a child signed up by another form meanwhile is refused
    # by the participants' unique constraint (the IntegrityError below).
    if error := _signed_up_already(quota, participants):
        raise error
    # The rows are made before the lock is taken, so that it is held only to read the
    # places and the rules, take the places and write the rows (status and places are
    # filled in under it; the same form sent twice is refused by the unique key).
    count = len(participants)
    registration = Registration(
        quota=quota,
        page=page,
        submission_key=submission_key,
        name=registrant.name,
        email=registrant.email,
        phone=registrant.phone,
        language=registrant.language,
        places=count,
        created_at=now,
        data_consent_version=data_consent_version,
        data_consent_at=now,
    )
    rows = [
        Participant(
            registration=registration,
            quota=quota,
            first_name=participant.first_name,
            last_name=participant.last_name,
            name_key=name_key(participant.first_name, participant.last_name),
            birth_date=participant.birth_date,
            age=participant.age,
            country=participant.country,
            answers=participant.answers,
            sensitive_answers=participant.sensitive_answers,
            photo_consent=participant.photo_consent,
            photo_consent_version=data_consent_version if participant.photo_consent else "",
            photo_consent_at=now if participant.photo_consent else None,
        )
        for participant in participants
    ]
    try:
        with _locking():
            quota = _relock(quota)
            # Staff may have cancelled the session, closed its sign-up or changed its
            # rules while this request waited: check them again, now that nobody else can.
            session = _current(session)
            if refusal := sign_up_state(session, now):
                raise refusal
            if errors := eligibility_errors(session, participants):
                raise errors[0]
            # Anyone already waiting who fits goes first.
            _offers, others_waiting = _serve_waiting_list(quota, now)
            if others_waiting is None:  # the list was not read: no place was free
                others_waiting = quota.registrations.filter(status=Status.WAITING).exists()
            places_left = 0 if others_waiting else quota.free
            if not others_waiting and _take_places(quota, count):
                status = Status.CONFIRMED
            elif session.waiting_list:
                status = Status.WAITING
            else:
                raise _not_enough_places(places_left)
            registration.quota = quota
            registration.status = status
            registration.confirmed_at = now if status == Status.CONFIRMED else None
            registration.places_left_at_sign_up = places_left
            registration.others_waiting_at_sign_up = others_waiting
            registration.save(force_insert=True)
            first_day = session.first_day
            for row, participant in zip(rows, participants, strict=True):
                row.registration = registration
                row.age_band = AgeBand.of(participant.age_on(first_day))
            Participant.objects.bulk_create(rows)
            if status == Status.WAITING:
                # The places left are kept for the waiting list now: the listing and
                # the feeds show none.
                transaction.on_commit(places_changed)
                _offer_free_places(quota, now)
            _notify(registration, "confirmed" if status == Status.CONFIRMED else "waiting")
            signed_up = {
                "registration": str(registration.reference),
                "status": status,
                "participants": count,
            }
            if user is None:
                log_action(quota, "events.registrant_sign_up", user=None, **signed_up)
            else:
                log_action(
                    quota,
                    "events.staff_sign_up",
                    user=user,
                    data_consent="read to the family by staff",
                    data_consent_version=data_consent_version,
                    **signed_up,
                )
    except IntegrityError:
        # The same form was saved by a concurrent submission while this one waited
        # for the lock, or the same person was signed up by another form meanwhile.
        if existing := Registration.objects.filter(submission_key=submission_key).first():
            return existing
        raise (
            _signed_up_already(quota, participants)
            or SignUpError(
                gettext("One of these participants is already signed up for this session."),
                code="duplicate",
            )
        ) from None
    return registration


def cancel(*, registration, participant=None, user=None, now=None):
    """Cancel a whole registration, or one of its participants.

    Cancelling the last participant cancels the registration. Freed places are
    offered to the waiting list at once. Without a `user`, the family cancels
    through its private link; with one, staff do.
    """
    now = now or timezone.now()
    with _locking():
        _locked_quota(registration.quota_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise SignUpError(gettext("This sign-up is already cancelled."), code="cancelled")
        active = registration.participants.filter(cancelled_at__isnull=True)
        if participant is not None and not active.filter(pk=participant.pk).exists():
            # A stale form: never the child left in this one's place.
            raise SignUpError(
                gettext("This participant is not signed up any more."), code="cancelled"
            )
        if participant is not None and active.count() > 1:
            active.filter(pk=participant.pk).update(cancelled_at=now)
            registration.places -= 1
            registration.save(update_fields=["places"])
            freed = 1
            kind = "participant_cancelled"
        else:
            freed = registration.places
            active.update(cancelled_at=now)
            registration.status, previous = Status.CANCELLED, registration.status
            registration.cancelled_at = now
            registration.cancelled_by = CancelledBy.STAFF if user else CancelledBy.REGISTRANT
            registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
            freed = freed if previous in Registration.HOLDING_PLACES else 0
            kind = "cancelled"
        if freed and registration.status != Status.WAITING:
            _release_places(registration.quota_id, freed)
        else:
            # A change on the waiting list: places kept for it may be free for all now.
            transaction.on_commit(places_changed)
        quota = _locked_quota(registration.quota_id)
        _offer_free_places(quota, now)
        _notify(registration, kind)
        if kind == "cancelled":
            action = (
                "events.cancel_registration" if user else "events.registrant_cancel_registration"
            )
        else:
            action = (
                "events.cancel_participant" if user else "events.registrant_cancel_participant"
            )
        log_action(quota, action, user=user, registration=str(registration.reference))
    return registration


def promote_waiting_list(*, quota, now=None):
    """Offer free places to the waiting list, first come first served; the offers made."""
    now = now or timezone.now()
    with _locking():
        return _offer_free_places(_locked_quota(quota.pk), now)


def offer_places(*, registration, user=None, now=None):
    """Offer places to one waiting registration, out of turn (staff, by hand)."""
    now = now or timezone.now()
    with _locking():
        quota = _locked_quota(registration.quota_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.WAITING:
            raise SignUpError(
                gettext("Only a waiting sign-up can be offered places."), code="state"
            )
        if not _take_places(quota, registration.places):
            quota.refresh_from_db()
            raise _not_enough_places(quota.free)
        _make_offer(registration, now)
        log_action(
            quota, "events.offer_places", user=user, registration=str(registration.reference)
        )
    return registration


def accept_offer(*, registration, now=None):
    """Confirm an offered place, if the offer has not expired (the family, by its private link)."""
    now = now or timezone.now()
    with _locking():
        quota = _locked_quota(registration.quota_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CONFIRMED:
            return registration
        if registration.status != Status.OFFERED or registration.offer_expires_at <= now:
            raise SignUpError(
                gettext("This offer has expired and the place went to the next family."),
                code="offer_expired",
            )
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _notify(registration, "confirmed")
        log_action(
            quota,
            "events.registrant_accept_offer",
            user=None,
            registration=str(registration.reference),
        )
    return registration


def expire_offers(*, now=None):
    """Withdraw offers not accepted in time and pass their places on; how many expired."""
    now = now or timezone.now()
    expired = 0
    for pk, quota_id in Registration.objects.filter(
        status=Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", "quota_id"):
        with _locking():
            quota = _locked_quota(quota_id)
            registration = Registration.objects.select_for_update().get(pk=pk)
            if registration.status != Status.OFFERED or registration.offer_expires_at > now:
                continue  # accepted or cancelled meanwhile
            registration.participants.filter(cancelled_at__isnull=True).update(cancelled_at=now)
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancelled_by = CancelledBy.OFFER_EXPIRED
            registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
            _release_places(quota.pk, registration.places)
            _notify(registration, "offer_expired")
            _offer_free_places(_locked_quota(quota.pk), now)
            log_action(
                quota,
                "events.expire_offer",
                user=None,
                registration=str(registration.reference),
                participants=registration.places,
            )
            expired += 1
    return expired


def change_capacity(*, quota, capacity, user=None, now=None):
    """Set a session's places, in every language; places gained go to the waiting list.

    The quota is the one record of them: the page editor shows its number and
    publishing the page never changes it.
    """
    now = now or timezone.now()
    with _locking():
        quota = _locked_quota(quota.pk)
        if capacity < quota.taken:
            raise SignUpError(
                gettext(
                    "%(taken)s places are taken by confirmed sign-ups and open offers: "
                    "cancel sign-ups before lowering the places below that."
                )
                % {"taken": quota.taken},
                code="capacity",
                field="capacity",
            )
        before, quota.capacity = quota.capacity, capacity
        quota.save(update_fields=["capacity"])
        transaction.on_commit(places_changed)
        offers = _offer_free_places(quota, now)
        log_action(
            quota,
            "events.change_capacity",
            user=user,
            before=before,
            after=capacity,
            offers=len(offers),
        )
        return offers


def cancel_session(*, session, note="", notes=None, user=None, now=None):
    """Cancel a session in every language, and every sign-up for it (each one is e-mailed).

    The cancellation is a :class:`~events.models.CancelledSession` of its own, which
    the page editor neither shows as a status nor can undo. `notes` says why, by
    language code ({"pl": ..., "uk": ...}); `note` alone is the Polish one. A
    language without a note of its own shows the Polish one, saying so.
    """
    now = now or timezone.now()
    notes = notes if notes is not None else {settings.LANGUAGE_CODE: note}
    with _locking():
        quota = _locked_quota_of(session.translation_key)
        if CancelledSession.cancel(session.translation_key, notes=notes, now=now) is None:
            raise SignUpError(
                gettext("This session is already cancelled."), code="session_cancelled"
            )
        if quota is None:
            return []
        cancelled = _cancel_registrations_of(quota, now)
        log_action(quota, "events.cancel_session", user=user, sign_ups=len(cancelled))
        return cancelled


def sync_quotas(page):
    """Give the new sessions of `page` that take sign-ups their places, once it is published.

    The places asked for in the editor become the session's quota the first time
    it is published; from then on they are the quota's, which only
    :func:`change_capacity` changes (and a cancellation is
    :func:`cancel_session`'s), so publishing any draft, an older one too, changes
    neither. A new time or place, or a session marked as moved, is e-mailed to
    everyone signed up (:func:`_tell_schedule_change`); translations published on
    their own change nothing here, so nobody is told twice.
    """
    for session in page.sessions.all():
        quota = Quota.objects.filter(session_key=session.translation_key).first()
        if quota is None:
            if session.capacity is not None and not session.is_cancelled:
                quota_for(session)
            continue
        if quota.session_id not in (None, session.pk):
            continue
        with _locking():
            _tell_schedule_change(_locked_quota(quota.pk), session)


def cancel_date(*, session, starts_at, notes, user=None, now=None):
    """Cancel the date of repeating `session` that starts at `starts_at`, in every language.

    `notes` says why, by language code; the Polish one is shown where a language has
    none. Everyone signed up (confirmed, offered or waiting) is e-mailed, when the
    date is still to come. Returns the cancellation and the registrations told.
    """
    now = now or timezone.now()
    if not session.occurrences_between(starts_at, starts_at + datetime.timedelta(seconds=1)):
        raise SignUpError(
            gettext("This session does not take place on that day."), code="not_a_date"
        )
    source = settings.LANGUAGE_CODE
    with _locking():
        _locked_quota_of(session.translation_key)
        try:
            with transaction.atomic():
                cancellation = CancelledOccurrence.objects.create(
                    session_key=session.translation_key,
                    starts_at=starts_at,
                    note=notes.get(source, ""),
                    note_translations={
                        language: text
                        for language, text in notes.items()
                        if text and language != source
                    },
                    cancelled_at=now,
                )
        except IntegrityError:
            raise SignUpError(
                gettext("This date is already cancelled."), code="date_cancelled"
            ) from None
        log(cancellation, "wagtail.create", user=user)
        told = _tell_about_date(cancellation, "date_cancelled", now)
    return cancellation, told


def restore_date(*, cancellation, user=None, now=None):
    """Take back the cancellation of one date: it takes place after all.

    Everyone signed up is e-mailed, when the date is still to come, so that nobody
    stays away on the word of the first e-mail. Returns the registrations told.
    """
    now = now or timezone.now()
    with _locking():
        _locked_quota_of(cancellation.session_key)
        log(cancellation, "wagtail.delete", user=user)
        cancellation.delete()
        return _tell_about_date(cancellation, "date_restored", now)


def withdraw_photo_consent(*, participant, now=None):
    """The family takes back its consent to photos of `participant` (by its private link)."""
    now = now or timezone.now()
    with transaction.atomic():
        if Participant.objects.filter(pk=participant.pk, photo_consent=True).update(
            photo_consent=False, photo_consent_withdrawn_at=now
        ):
            log_action(
                participant.quota,
                "events.registrant_withdraw_photo_consent",
                user=None,
                registration=str(participant.registration.reference),
            )


@dataclasses.dataclass
class RegisterChanges:
    """What saving a register changed: participants newly marked present or absent,
    and marks taken back to "not marked"."""

    present: int = 0
    absent: int = 0
    cleared: int = 0

    @property
    def total(self):
        return self.present + self.absent + self.cleared


def mark_attendance(*, participant, date, attended, user=None, now=None):
    """Mark `participant` present (True) or absent (False) at the meeting on `date`, or
    not marked (None); whether that changed anything.
    """
    now = now or timezone.now()
    marks = Attendance.objects.filter(participant=participant, date=date)
    with transaction.atomic():
        if attended is None:
            deleted, _by_model = marks.delete()
            return bool(deleted)
        if marks.exclude(attended=attended).update(
            attended=attended, marked_at=now, marked_by=user
        ):
            return True
        _mark, created = Attendance.objects.get_or_create(
            participant=participant,
            date=date,
            defaults={"attended": attended, "marked_at": now, "marked_by": user},
        )
        return created


def mark_register(*, quota, date, marks, user=None, now=None):
    """Save the register of the meeting on `date` of `quota`'s session.

    `marks` maps participant pks to True (present), False (absent) or None (not
    marked). Only confirmed participants not cancelled are marked; the others are
    left alone. Returns the real changes only (:class:`RegisterChanges`): a
    participant left as they were is not counted, and "not marked" is never
    turned into absent.
    """
    now = now or timezone.now()
    changes = RegisterChanges()
    with transaction.atomic():
        participants = who_takes_part(quota).filter(pk__in=list(marks))
        for participant in participants:
            attended = marks[participant.pk]
            if mark_attendance(
                participant=participant, date=date, attended=attended, user=user, now=now
            ):
                if attended is None:
                    changes.cleared += 1
                elif attended:
                    changes.present += 1
                else:
                    changes.absent += 1
        log_action(
            quota,
            "events.mark_attendance",
            user=user,
            date=date.isoformat(),
            present=changes.present,
            absent=changes.absent,
            cleared=changes.cleared,
        )
    return changes


def send_reminders(*, now=None):
    """Queue the day-before reminder for confirmed sign-ups; each is sent once."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        quota__session__starts_at__gt=now,
        quota__session__starts_at__lte=now + datetime.timedelta(days=1),
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            if Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                _notify(Registration(pk=pk), "reminder")
                sent += 1
    return sent


# Staff desk: changes staff make from the admin for a family on the phone or at the desk.


@dataclasses.dataclass
class ParticipantChange:
    """New names and date of birth for one participant of a registration (staff's edit)."""

    participant: Participant
    first_name: str
    last_name: str
    birth_date: datetime.date | None


# The fields of an edit, as the audit log names them (never their values).
REGISTRANT_FIELDS = ("name", "email", "phone", "language")
PARTICIPANT_FIELDS = ("first_name", "last_name", "birth_date")


def edit_registration(*, registration, registrant, participants, notify=False, user=None):
    """Correct a sign-up: the registrant's details and participants' names and birth dates.

    `participants` is a list of :class:`ParticipantChange` for active
    participants of `registration`. The session's age range is checked again
    and the same child twice on the session is refused, as at sign-up. Returns
    the names of the fields that changed ("name", "first_name"...), which the
    audit log names too (never their values). The family is e-mailed
    ("sign_up_edited") only when `notify`.
    """
    session = registration.quota.session
    with _locking():
        quota = _locked_quota(registration.quota_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise SignUpError(gettext("This sign-up is cancelled."), code="cancelled")
        changed = [
            field
            for field in REGISTRANT_FIELDS
            if getattr(registrant, field) != getattr(registration, field)
        ]
        active = {p.pk: p for p in registration.participants.filter(cancelled_at__isnull=True)}
        edited = [change for change in participants if change.participant.pk in active]
        as_new = [
            NewParticipant(
                first_name=change.first_name,
                last_name=change.last_name,
                birth_date=change.birth_date,
                age=change.participant.age,
            )
            for change in edited
        ]
        errors = repeated_participant_errors(as_new)
        if session is not None:
            errors = eligibility_errors(session, as_new) + errors
        if errors:
            raise errors[0]
        keys = [name_key(p.first_name, p.last_name) for p in as_new]
        # Who else is on the session under these names: one query, not one per participant.
        others = set(
            Participant.objects.filter(quota=quota, cancelled_at__isnull=True, name_key__in=keys)
            .exclude(registration=registration)
            .values_list("name_key", "birth_date")
        )
        for index, (key, participant) in enumerate(zip(keys, as_new, strict=True)):
            if (key, participant.birth_date) in others:
                raise SignUpError(
                    gettext("%(name)s is already signed up for this session.")
                    % {"name": participant.full_name},
                    code="duplicate",
                    field="first_name",
                    participant=index,
                )
        for field in changed:
            setattr(registration, field, getattr(registrant, field))
        registration.save(update_fields=changed)
        first_day = session.first_day if session else None
        try:
            for change, participant in zip(edited, as_new, strict=True):
                row = active[change.participant.pk]
                fields = [f for f in PARTICIPANT_FIELDS if getattr(change, f) != getattr(row, f)]
                if not fields:
                    continue
                changed += [f for f in fields if f not in changed]
                for field in fields:
                    setattr(row, field, getattr(change, field))
                if first_day and row.birth_date:
                    row.age_band = AgeBand.of(participant.age_on(first_day))
                # save() keeps name_key in step with the names.
                with transaction.atomic():
                    row.save(update_fields=[*fields, "name_key", "age_band"])
        except IntegrityError:
            raise SignUpError(
                gettext("One of these participants is already signed up for this session."),
                code="duplicate",
            ) from None
        if changed:
            if notify:
                _notify(registration, "sign_up_edited")
            log_action(
                quota,
                "events.edit_registration",
                user=user,
                registration=str(registration.reference),
                fields=changed,
                told=notify,
            )
    return changed


def move_registration(*, registration, to_session, waiting_list=False, user=None, now=None):
    """Move a sign-up, with its participants, to another session (staff, by phone).

    The same registration moves, so the family's private link keeps working and
    both sessions' histories name it. The target's rules apply: its age range,
    no child twice, and its places, all or nothing; when the participants do
    not fit (or others wait there), the sign-up joins the target's waiting list
    at its end if `waiting_list` is true and the session has one, else it is
    refused. Both sessions' quotas are locked, the lower pk first, so that two
    moves in opposite directions cannot deadlock. Places freed in the old
    session are offered to its waiting list. The family is e-mailed ("moved").
    """
    now = now or timezone.now()
    if refusal := _refusal_for_staff(to_session):
        raise refusal
    target = quota_for(to_session)
    with _locking():
        locked = {pk: _locked_quota(pk) for pk in sorted({registration.quota_id, target.pk})}
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise SignUpError(gettext("This sign-up is cancelled."), code="cancelled")
        old, target = locked[registration.quota_id], locked[target.pk]
        # Another member of staff may have cancelled the target while this waited.
        to_session = _current(to_session)
        if refusal := _refusal_for_staff(to_session):
            raise refusal
        if old.pk == target.pk:
            raise SignUpError(
                gettext("This sign-up is already for that session."), code="same_session"
            )
        active = [
            NewParticipant(
                first_name=p.first_name, last_name=p.last_name, birth_date=p.birth_date, age=p.age
            )
            for p in registration.participants.filter(cancelled_at__isnull=True)
        ]
        if errors := eligibility_errors(to_session, active):
            raise errors[0]
        _refuse_signed_up_already(target, active)
        _offer_free_places(target, now)
        others_waiting = target.registrations.filter(status=Status.WAITING).exists()
        count = len(active)
        if not others_waiting and _take_places(target, count):
            status = Status.CONFIRMED
        elif waiting_list and to_session.waiting_list:
            status = Status.WAITING
        else:
            raise _not_enough_places(0 if others_waiting else target.free)
        held = registration.status in Registration.HOLDING_PLACES
        registration.quota = target
        # The programme page in the language the family signed up in, where there is one.
        registration.page = (
            registration.page and to_session.page.get_translation_or_none(registration.page.locale)
        ) or to_session.page
        registration.status = status
        registration.offered_at = registration.offer_expires_at = None
        registration.passed_over_at = registration.reminder_sent_at = None
        if status == Status.CONFIRMED:
            registration.confirmed_at = now
        else:
            # Behind everyone already waiting there, as a new sign-up would be.
            registration.created_at = now
            registration.confirmed_at = None
        registration.save()
        first_day = to_session.first_day
        for participant in registration.participants.all():
            participant.quota = target
            if participant.cancelled_at is None:
                participant.age_band = AgeBand.of(participant.age_on(first_day)) or (
                    participant.age_band
                )
            participant.save(update_fields=["quota", "age_band", "name_key"])
        if held:
            _release_places(old.pk, registration.places)
        else:
            transaction.on_commit(places_changed)
        _offer_free_places(_locked_quota(old.pk), now)
        _notify(registration, "moved")
        # On both sessions, so that each one's history names the sign-up.
        reference = str(registration.reference)
        log_action(
            old,
            "events.move_registration",
            user=user,
            registration=reference,
            to_session=target.pk,
        )
        log_action(
            target,
            "events.move_registration_here",
            user=user,
            registration=reference,
            from_session=old.pk,
            status=status,
        )
    return registration


def _refusal_for_staff(session):
    """Why staff cannot put anyone on `session`: only a cancelled one or one without sign-ups.

    Unlike families, staff may add to a session whose sign-up window is closed.
    """
    # sign_up_state names these two before the window, whatever the time.
    refusal = sign_up_state(session)
    if refusal is not None and refusal.code in (PublicState.NO_SIGN_UP, PublicState.CANCELLED):
        return refusal
    return None


# Who a message to a session goes to.
RECIPIENTS = {
    "active": Registration.ACTIVE,
    "confirmed": (Status.CONFIRMED,),
    "waiting": (Status.WAITING,),
}


def session_message_recipients(*, quota, recipients="active"):
    """The registrations a message to `quota`'s session goes to; see :data:`RECIPIENTS`."""
    return quota.registrations.filter(
        status__in=RECIPIENTS[recipients], anonymised_at__isnull=True
    )


def email_session(*, quota, subject_by_language, body_by_language, recipients="active", user=None):
    """E-mail every family of a session staff's own message, each in its language.

    `subject_by_language` and `body_by_language` map language codes to text;
    Polish (the default language) is required, and a family whose language has
    no translation gets it, saying so at the top. One task per registration is
    queued after the transaction commits (retried like every e-mail when the mail
    server fails). Returns how many were queued.
    """
    default = settings.LANGUAGE_CODE
    if not (subject_by_language.get(default) and body_by_language.get(default)):
        raise SignUpError(
            gettext("Write the subject and the message in Polish."), code="no_default_text"
        )
    registrations = list(
        session_message_recipients(quota=quota, recipients=recipients).values_list(
            "pk", "language"
        )
    )
    with transaction.atomic():
        for pk, language in registrations:
            translated = bool(subject_by_language.get(language) and body_by_language.get(language))
            text_language = language if translated else default
            _notify(
                Registration(pk=pk),
                "session_message",
                subject=subject_by_language[text_language],
                body=body_by_language[text_language],
                language=text_language,
            )
        log_action(
            quota,
            "events.email_session",
            user=user,
            recipients=recipients,
            count=len(registrations),
            languages=sorted(body_by_language),
        )
    return len(registrations)


# Internals; each runs inside a caller's transaction, with the quota locked.


@contextlib.contextmanager
def _locking():
    """A transaction that waits at most ``CIC_LOCK_TIMEOUT_SECONDS`` for each lock.

    On PostgreSQL a lock held longer (a stuck request, a long job) then fails with
    lock_not_available (SQLSTATE 55P03), which
    :class:`cic_site.middleware.DatabaseBusyMiddleware` answers with "busy, try
    again" (503), instead of a request that waits for ever (pretix sets the same).
    ``set_config(..., true)`` is ``SET LOCAL`` with a parameter: it ends with the
    transaction. SQLite has its own timeout (``SQLITE_OPTIONS``).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            milliseconds = round(settings.CIC_LOCK_TIMEOUT_SECONDS * 1000)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"]
                )
        yield


def _locked_quota(pk):
    return Quota.objects.select_for_update().get(pk=pk)


def _relock(quota):
    """`quota` locked and read again, keeping the session and page it was read with.

    They only name it in the audit log, so no query is made for them under the lock.
    """
    locked = _locked_quota(quota.pk)
    if locked.session_id == quota.session_id and Quota.session.is_cached(quota):
        locked.session = quota.session
    return locked


def _current(session):
    """`session` read again, with the quota locked: what staff changed meanwhile counts.

    Whether it is cancelled is read in the same query.
    """
    current = one_or_none(Session.objects.with_cancellation().filter(pk=session.pk))
    if current is None:  # its page was deleted, which cancels its sessions first
        raise refused(PublicState.CANCELLED)
    return current


def _locked_quota_of(session_key):
    """The locked places of the session with `session_key`; None if it never took sign-ups."""
    return Quota.objects.select_for_update().filter(session_key=session_key).first()


def _take_places(quota, count):
    """Take `count` places if they are all free; True when taken."""
    taken = Quota.objects.filter(pk=quota.pk, taken__lte=F("capacity") - count).update(
        taken=F("taken") + count
    )
    if taken:
        quota.taken += count
        # The feeds show places left.
        transaction.on_commit(places_changed)
    return bool(taken)


def _release_places(quota_id, count):
    Quota.objects.filter(pk=quota_id).update(taken=F("taken") - count)
    transaction.on_commit(places_changed)


def _not_enough_places(free):
    if not free:
        return refused(PublicState.FULL)
    return SignUpError(
        ngettext(
            "Only %(count)s place is left for this session.",
            "Only %(count)s places are left for this session.",
            free,
        )
        % {"count": free},
        code=PublicState.FULL,
    )


def _refuse_signed_up_already(quota, participants):
    if error := _signed_up_already(quota, participants):
        raise error


def _signed_up_already(quota, participants):
    """The SignUpError for the first of `participants` signed up for `quota` already, or None."""
    keys = {name_key(p.first_name, p.last_name): p for p in participants}
    for first_name, last_name, key, birth_date in Participant.objects.filter(
        quota=quota, cancelled_at__isnull=True, name_key__in=keys
    ).values_list("first_name", "last_name", "name_key", "birth_date"):
        if keys[key].birth_date == birth_date:
            return SignUpError(
                gettext("%(name)s is already signed up for this session.")
                % {"name": f"{first_name} {last_name}"},
                code="duplicate",
                field="first_name",
                participant=list(keys).index(key),
            )
    return None


def _offer_free_places(quota, now):
    """Offer the free places to the waiting list; the offers made.

    The rule (README, "The waiting list"): while anyone waits, every free place
    belongs to the waiting list, which is never skipped for good.

    - The list is served in sign-up order; each family that fits the free places
      is offered them (siblings are never split).
    - A family that does not fit keeps its position and may be passed over once:
      the first time free places go past it (to a smaller family behind it, or
      kept because they fit nobody) it is marked ``passed_over_at``. From then
      on the places are kept for it: nobody behind it is offered any until
      enough are free for it.

    So a small family is not kept waiting behind a large one when a place frees
    up that the large one cannot use yet (PRODUCT: "the first waiting sign-up
    that fits is offered the places"), and the large one is delayed by that at
    most once ("it is offered as soon as it fits", not skipped for ever).
    A family larger than the whole session can never fit: it holds up nobody.
    Staff can still offer places out of turn (:func:`offer_places`).
    """
    offers, _still_waiting = _serve_waiting_list(quota, now)
    return offers


def _serve_waiting_list(quota, now):
    """:func:`_offer_free_places`, and whether anyone still waits after the offers:
    None when no place was free, so the list was not read."""
    if quota.free <= 0:
        return [], None  # nothing to offer: the waiting list is not even read
    offers = []
    waiting = list(
        Registration.objects.filter(quota=quota, status=Status.WAITING).order_by(
            "created_at", "pk"
        )
    )
    for registration in waiting:
        if quota.free <= 0:
            break
        if registration.places <= quota.free:
            if _take_places(quota, registration.places):
                _make_offer(registration, now)
                offers.append(registration)
            continue
        if registration.places > quota.capacity:
            continue
        if registration.passed_over_at is not None:
            break  # Passed over once already: the free places are kept for it.
        registration.passed_over_at = now
        registration.save(update_fields=["passed_over_at"])
    return offers, any(registration.status == Status.WAITING for registration in waiting)


def _make_offer(registration, now):
    registration.status = Status.OFFERED
    registration.offered_at = now
    registration.offer_expires_at = now + offer_hold()
    registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
    _notify(registration, "offered")


def _cancel_registrations_of(quota, now):
    cancelled = list(quota.registrations.filter(status__in=Registration.ACTIVE))
    Participant.objects.filter(registration__in=cancelled, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    quota.registrations.filter(pk__in=[r.pk for r in cancelled]).update(
        status=Status.CANCELLED, cancelled_at=now, cancelled_by=CancelledBy.SESSION_CANCELLED
    )
    Quota.objects.filter(pk=quota.pk).update(taken=0)
    transaction.on_commit(places_changed)
    # The e-mails leave after the commit: if the page is being deleted, its
    # sessions are gone by then, so they carry what they must name.
    cancelled_session = _session_as_told(quota)
    for registration in cancelled:
        _notify(registration, "session_cancelled", session=cancelled_session)
    return cancelled


def _session_as_told(quota):
    """The session of `quota` in every language, as JSON: names, time, place and notes."""
    rows = Session.objects.filter(translation_key=quota.session_key).select_related(
        "page", "locale"
    )
    cancellation = CancelledSession.objects.filter(session_key=quota.session_key).first()
    told = {"schedule": None, "languages": {}}
    for row in rows:
        language = row.locale.language_code
        note = ""
        if cancellation is not None:
            own = language == settings.LANGUAGE_CODE
            note = cancellation.note if own else cancellation.note_translations.get(language, "")
        told["languages"][language] = {
            "page_title": row.page.title,
            "organiser_id": row.page.organiser_id,
            "title": row.title,
            "note": note,
        }
        if row.pk == quota.session_id or told["schedule"] is None:
            told["schedule"] = schedule_of(row)
    return told


def _tell_schedule_change(quota, session):
    """E-mail everyone signed up when `session`'s time or place is not what they were told.

    The quota keeps what they were told (``told_schedule``), which is the "before" of
    the e-mail; a session marked as moved is told too (its note says where). A
    cancelled session has its own e-mail. Returns the registrations told.
    """
    told, schedule = quota.told_schedule, schedule_of(session)
    if told == schedule:
        return []
    Quota.objects.filter(pk=quota.pk).update(told_schedule=schedule)
    quota.told_schedule = schedule
    moved = schedule["status"] == Session.Status.MOVED and told and told["status"] != "moved"
    if (
        told is None
        or session.is_cancelled
        or not (moved or any(told[name] != schedule[name] for name in TIME_AND_PLACE))
    ):
        return []
    registrations = list(quota.registrations.filter(status__in=Registration.ACTIVE))
    for registration in registrations:
        _notify(registration, "session_changed", before=told, after=schedule)
    return registrations


def _tell_about_date(cancellation, kind, now):
    """E-mail everyone signed up for the series about one of its dates (`kind`)."""
    if cancellation.starts_at <= now:
        return []
    quota = _locked_quota_of(cancellation.session_key)
    if quota is None:
        return []
    registrations = list(quota.registrations.filter(status__in=Registration.ACTIVE))
    for registration in registrations:
        _notify(registration, kind, starts_at=cancellation.starts_at.isoformat())
    return registrations


def _notify(registration, kind, **details):
    """E-mail the registrant once the transaction has committed.

    `details` (JSON values) are what the e-mail needs beyond the registration as it
    is when sent: the date cancelled, the time and place before a change.
    """
    from .tasks import send_registration_email

    if details:
        details = {"details": details}
    # robust: a queue that cannot take the task must not turn a saved sign-up into an error.
    transaction.on_commit(
        functools.partial(
            send_registration_email.enqueue,
            registration_id=registration.pk,
            kind=kind,
            **details,
        ),
        robust=True,
    )
