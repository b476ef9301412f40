"""
Personal data of sign-ups: how long it is kept, and erasure and export on request.

What people give when they sign up is needed until the session is over. After
that, ``apply_retention`` (a management command and a periodic task) erases it:

* health notes and other answers to questions marked sensitive (special-category
  data) ``CIC_SENSITIVE_RETENTION_DAYS`` after the session's last day (default 1);
* everything else that names a person ``CIC_RETENTION_DAYS`` after it (default 90):
  names, e-mail, phone, birth dates, answers. What the centres' figures need is
  kept: status, number of places, preferred language, age band, country of
  origin, attendance and photo consent.

``erase_registrations`` does the same at once, for a registrant who asks (staff,
by e-mail address, or the registrant through their private link). Erasing twice
changes nothing more. Each erasure is in the sign-up audit log, by session, with
the references of the sign-ups erased (``signups.audit``).

An address may also have an alert subscription (``signups.alerts``): staff find it,
export it and erase it (deleted whole) with the sign-ups of the address, logged
against the subscription by its number.
"""

import dataclasses
import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation

from events.models import Quota, SignUpQuestion

from .alerts import centre_choices
from .audit import log_action, log_subscription_action
from .models import (
    AgeBand,
    AlertKind,
    AlertSubscription,
    Participant,
    Registration,
    new_token,
)


@dataclasses.dataclass
class RetentionReport:
    """What apply_retention did (or, in a dry run, would do)."""

    anonymised: dict = dataclasses.field(default_factory=dict)  # quota: registrations
    sensitive_erased: dict = dataclasses.field(default_factory=dict)  # quota: participants

    @property
    def registrations(self):
        return sum(self.anonymised.values())

    @property
    def participants(self):
        return sum(self.sensitive_erased.values())


def session_ended_at(quota):
    """When the session of `quota` was over: its last occurrence's end.

    None while it has not ended, or repeats for ever. A session deleted from its
    page has no end any more: its newest sign-up's time stands in for it.
    """
    if quota.session is None:
        return (
            quota.registrations.order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    return quota.session.last_ends_at()


def quotas_ended_before(moment):
    """The quotas whose session was over before `moment` (one query, and the expansion)."""
    # Only sessions with personal data left: those anonymised already are not looked at again.
    candidates = (
        Quota.objects.filter(Q(session__isnull=True) | Q(session__starts_at__lt=moment))
        .filter(registrations__anonymised_at__isnull=True)
        .distinct()
        .select_related("session")
    )
    return [
        quota
        for quota in candidates
        if (ended := session_ended_at(quota)) is not None and ended < moment
    ]


def apply_retention(*, now=None, dry_run=False):
    """Erase what is past its keeping time; with `dry_run`, only say what that would be."""
    now = now or timezone.now()
    report = RetentionReport()
    sensitive_cutoff = now - datetime.timedelta(days=settings.CIC_SENSITIVE_RETENTION_DAYS)
    for quota in quotas_ended_before(sensitive_cutoff):
        participants = Participant.objects.filter(quota=quota).exclude(sensitive_answers={})
        if count := participants.count():
            report.sensitive_erased[quota] = count
            if not dry_run:
                with transaction.atomic():
                    participants.update(sensitive_answers={}, sensitive_answers_erased_at=now)
                    log_action(
                        quota,
                        "events.retention_erase_sensitive_answers",
                        user=None,
                        participants=count,
                    )
    cutoff = now - datetime.timedelta(days=settings.CIC_RETENTION_DAYS)
    for quota in quotas_ended_before(cutoff):
        registrations = quota.registrations.filter(anonymised_at__isnull=True)
        if count := registrations.count():
            report.anonymised[quota] = count
            if not dry_run:
                with transaction.atomic():
                    erased = anonymise_registrations(registrations, now=now)
                    log_erased(erased, "events.retention_erase_personal_data", user=None)
    return report


def erase_registrations(*, registrations, user=None, now=None):
    """Erase the personal data of `registrations` at once, on request; how many were erased.

    By staff (`user`), for the person who asked, or by the registrant through
    their private link (no `user`).
    """
    action = "events.erase_personal_data" if user else "events.registrant_erase_personal_data"
    with transaction.atomic():
        erased = anonymise_registrations(registrations, now=now)
        log_erased(erased, action, user=user)
    return len(erased)


def log_erased(registrations, action, *, user):
    """One audit log entry per session, with the references of its sign-ups erased."""
    by_quota = {}
    for registration in registrations:
        by_quota.setdefault(registration.quota_id, []).append(str(registration.reference))
    for quota in Quota.objects.filter(pk__in=by_quota).select_related("session__page"):
        log_action(quota, action, user=user, registrations=by_quota[quota.pk])


def anonymise_registrations(registrations, *, now=None):
    """Replace the personal data of `registrations`; those that were not anonymised yet.

    The private link stops working (a new token nobody has). Age bands are
    filled in from the birth date before it goes, for sign-ups made before bands
    were kept.
    """
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            Registration.objects.select_for_update()
            .filter(pk__in=[registration.pk for registration in registrations])
            .filter(anonymised_at__isnull=True)
        )
        participants = Participant.objects.filter(registration__in=pending)
        for participant in participants.filter(age_band="").select_related("quota__session"):
            session = participant.quota.session
            first_day = session.first_day if session else None
            participant.age_band = AgeBand.of(
                participant.age_on(first_day) if first_day else participant.age
            )
            participant.save(update_fields=["age_band"])
        participants.filter(sensitive_answers_erased_at__isnull=True).update(
            sensitive_answers_erased_at=now
        )
        participants.update(
            first_name="",
            last_name="",
            # Unique per session among those not cancelled: one key per person.
            name_key=Concat(Value("erased-"), Cast("pk", output_field=CharField())),
            birth_date=None,
            age=None,
            answers={},
            sensitive_answers={},
        )
        # Each link gets a new secret nobody has, so none of them opens any more.
        for registration in pending:
            registration.name = registration.email = registration.phone = ""
            registration.token = new_token()
            registration.anonymised_at = now
        Registration.objects.bulk_update(
            pending, ["name", "email", "phone", "token", "anonymised_at"]
        )
    return pending


def registrations_of(email):
    """Every sign-up made with `email`, whatever its case."""
    return (
        Registration.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)
        .select_related("quota__session__page")
        .prefetch_related("participants__attendances")
        .order_by("created_at", "pk")
    )


def alert_subscription_of(email):
    """The alert subscription of `email`, whatever its case, or None."""
    return AlertSubscription.objects.filter(email__iexact=email.strip()).first()


def erase_alert_subscription(*, subscription, user):
    """Delete `subscription` at once, on request, by staff (`user`): nothing of it is kept."""
    with transaction.atomic():
        log_subscription_action(subscription, "events.erase_alert_subscription", user=user)
        AlertSubscription.objects.filter(pk=subscription.pk).delete()


def can_be_erased_by_registrant(registration, now=None):
    """A registrant may erase a sign-up that is cancelled, or whose session is over."""
    now = now or timezone.now()
    if registration.anonymised_at:
        return False
    if registration.status == Registration.Status.CANCELLED:
        return True
    ended = session_ended_at(registration.quota)
    return ended is not None and ended < now


def export_data(registrations, alert_subscription=None):
    """Everything stored about `registrations` and `alert_subscription`, as JSON-ready
    data (subject access).

    Answers are under the questions as the registrant read them: in their language,
    or in Polish where the programme was not translated.
    """
    labels = question_labels(registrations)
    return {
        "exported_at": timezone.now().isoformat(),
        "registrations": [
            registration_data(registration, labels) for registration in registrations
        ],
        "alert_subscription": (
            subscription_data(alert_subscription) if alert_subscription else None
        ),
    }


def subscription_data(subscription):
    """What an alert subscription stores, its secret link aside; centres and kinds named
    as its owner reads them (in the language of its e-mails), an empty list meaning all."""
    with translation.override(subscription.language):
        centre_names = dict(centre_choices())
        kind_names = dict(AlertKind.choices)
        centres = [centre_names.get(key, key) for key in subscription.centres]
        kinds = [str(kind_names.get(kind, kind)) for kind in subscription.kinds]
    return {
        "email": subscription.email,
        "language": subscription.language,
        "centres": centres,
        "kinds": kinds,
        "min_age": subscription.min_age,
        "max_age": subscription.max_age,
        "requested_at": iso(subscription.created_at),
        "confirmed": subscription.confirmed_at is not None,
        "confirmed_at": iso(subscription.confirmed_at),
        "last_activity_at": iso(subscription.last_activity_at),
        "retention_notice_at": iso(subscription.retention_notice_at),
    }


def question_labels(registrations):
    """The labels of the questions `registrations` answered: {(key, language code): label}."""
    keys = set()
    for registration in registrations:
        for participant in registration.participants.all():
            keys.update(participant.answers, participant.sensitive_answers)
    labels = {}
    for key, language, label in SignUpQuestion.objects.filter(
        translation_key__in=[key for key in keys if is_uuid(key)]
    ).values_list("translation_key", "locale__language_code", "label"):
        labels[str(key), language] = label
    return labels


def labelled(answers, labels, language):
    """`answers` keyed by their question's label in `language`, else in the default language.

    An answer to a question since deleted stays under the question's key; two
    questions with the same label are told apart by a number.
    """
    result = {}
    for key, answer in answers.items():
        label = labels.get((key, language)) or labels.get((key, settings.LANGUAGE_CODE)) or key
        name, number = label, 1
        while name in result:
            number += 1
            name = f"{label} ({number})"
        result[name] = answer
    return result


def is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def registration_data(registration, labels):
    session = registration.quota.session
    return {
        "reference": str(registration.reference),
        "session": str(session) if session else None,
        "programme": session.page.title if session else None,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "preferred_language": registration.language,
        "signed_up_at": registration.created_at.isoformat(),
        "confirmed_at": iso(registration.confirmed_at),
        "cancelled_at": iso(registration.cancelled_at),
        "data_consent": {
            "version": registration.data_consent_version,
            "given_at": iso(registration.data_consent_at),
        },
        "participants": [
            {
                "first_name": participant.first_name,
                "last_name": participant.last_name,
                "birth_date": iso(participant.birth_date),
                "age_band": participant.age_band,
                "country": participant.country.code or None,
                "answers": labelled(participant.answers, labels, registration.language),
                "sensitive_answers": labelled(
                    participant.sensitive_answers, labels, registration.language
                ),
                "photo_consent": {
                    "given": participant.photo_consent,
                    "version": participant.photo_consent_version,
                    "given_at": iso(participant.photo_consent_at),
                    "withdrawn_at": iso(participant.photo_consent_withdrawn_at),
                },
                "attendance": [
                    {"date": mark.date.isoformat(), "present": mark.attended}
                    for mark in participant.attendances.all()
                ],
                "cancelled_at": iso(participant.cancelled_at),
            }
            for participant in registration.participants.all()
        ],
    }


def iso(value):
    return value.isoformat() if value else None
