"""
Who signed up: registrations, their participants, attendance at each meeting, and
the wording of the consents they gave.

A registration points to its session's :class:`~events.models.Quota` (the places
every language version shares), never to a page's inline row: editing or
translating a programme page can rewrite its sessions, and must not touch who
signed up. Every change goes through :mod:`signups.services`.
"""

import datetime
import secrets
import unicodedata
import uuid

from django_countries.fields import CountryField

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from events.models import LOCAL_TIMEZONE, ProgrammePage, Quota, SignUpStatus


def new_token():
    """The secret half of a registrant's private link: 256 random bits."""
    return secrets.token_urlsafe(32)


class AgeBand(models.TextChoices):
    """What is kept of a birth date once it is erased, and what statistics count."""

    UNDER_6 = "0-5", _("under 6")
    FROM_6 = "6-12", _("6–12")
    FROM_13 = "13-17", _("13–17")
    FROM_18 = "18-25", _("18–25")
    FROM_26 = "26-64", _("26–64")
    FROM_65 = "65+", _("65 and over")

    @classmethod
    def of(cls, age):
        if age is None:
            return ""
        for band, lowest in [
            (cls.FROM_65, 65),
            (cls.FROM_26, 26),
            (cls.FROM_18, 18),
            (cls.FROM_13, 13),
            (cls.FROM_6, 6),
        ]:
            if age >= lowest:
                return band
        return cls.UNDER_6

    @classmethod
    def children(cls):
        return [cls.UNDER_6, cls.FROM_6]

    @classmethod
    def youth(cls):
        return [cls.FROM_13]

    @classmethod
    def adults(cls):
        return [cls.FROM_18, cls.FROM_26, cls.FROM_65]


def name_key(first_name, last_name):
    """A person's name as compared for duplicates: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())[:255]


class Registration(models.Model):
    """One sign-up: an adult, and the participants they sign up together."""

    Status = SignUpStatus

    class CancelledBy(models.TextChoices):
        REGISTRANT = "registrant", _("The registrant")
        STAFF = "staff", _("Staff")
        OFFER_EXPIRED = "offer_expired", _("The offer expired")
        SESSION_CANCELLED = "session_cancelled", _("The session was cancelled")

    # Statuses whose participants hold places.
    HOLDING_PLACES = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = tuple(Status.holding_or_waiting())

    quota = models.ForeignKey(
        Quota,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    page = models.ForeignKey(
        ProgrammePage,
        verbose_name=_("signed up on"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    # The id of the form that was submitted, so a double click or a replay finds
    # the registration it already made instead of making another.
    submission_key = models.UUIDField(unique=True, editable=False)

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    places = models.PositiveSmallIntegerField(
        _("places"), help_text=_("Participants not cancelled.")
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    offered_at = models.DateTimeField(_("place offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=20, choices=CancelledBy.choices, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # What the family was told when it signed up, so its answer page and e-mail
    # can say why it waits ("2 children, 1 place left"), whatever changed since.
    places_left_at_sign_up = models.PositiveSmallIntegerField(
        _("places left at sign-up"),
        null=True,
        blank=True,
        help_text=_("Places a new sign-up could take at that moment: none while others waited."),
    )
    others_waiting_at_sign_up = models.BooleanField(
        _("others were waiting at sign-up"), default=False
    )
    passed_over_at = models.DateTimeField(
        _("passed over on the waiting list"),
        null=True,
        blank=True,
        help_text=_(
            "When free places first went past this waiting sign-up because it did not "
            "fit them; from then on places are kept for it."
        ),
    )

    data_consent_version = models.CharField(_("data processing consent, version"), max_length=40)
    data_consent_at = models.DateTimeField(_("data processing consent given"))
    # Personal data replaced (signups.privacy); what statistics need is kept.
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        permissions = [
            ("manage_personal_data", _("Can export and erase the personal data of sign-ups"))
        ]
        indexes = [models.Index(fields=["quota", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def active_participants(self):
        return [p for p in self.participants.all() if p.cancelled_at is None]

    def why_waiting(self):
        """Why this sign-up went on the waiting list, in the active language; "" if unknown."""
        if self.others_waiting_at_sign_up:
            return gettext(
                "Others were already on the waiting list when you signed up, and places "
                "that free up go to them first, in the order they signed up."
            )
        if self.places_left_at_sign_up is None:
            return ""  # Signed up before this was recorded.
        if self.places_left_at_sign_up == 0:
            return gettext("The session was full when you signed up.")
        return ngettext(
            "Only %(places)s place was left for your %(count)s participants, so the whole "
            "sign-up is on the waiting list: we keep siblings together.",
            "Only %(places)s places were left for your %(count)s participants, so the whole "
            "sign-up is on the waiting list: we keep siblings together.",
            self.places_left_at_sign_up,
        ) % {
            "places": self.places_left_at_sign_up,
            # Everyone signed up then, including any cancelled since.
            "count": len(self.participants.all()),
        }

    def waiting_position(self):
        """1 for the first on the waiting list; None when not waiting."""
        if self.status != self.Status.WAITING:
            return None
        earlier = Registration.objects.filter(
            quota_id=self.quota_id, status=self.Status.WAITING
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return earlier.count() + 1


class Participant(models.Model):
    """A person taking a place: a child signed up by a parent, or the adult themself."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    # Repeats registration.quota so the database can refuse the same child twice.
    quota = models.ForeignKey(Quota, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    name_key = models.CharField(max_length=255, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    # The age on the session's first day, as a band: kept when the birth date is erased.
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    country = CountryField(_("country of origin"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Answers to questions marked sensitive (health notes), kept apart so they
    # can be erased sooner than the rest.
    sensitive_answers = models.JSONField(_("sensitive answers"), default=dict, blank=True)
    sensitive_answers_erased_at = models.DateTimeField(null=True, blank=True)
    photo_consent = models.BooleanField(_("photos allowed"), default=False)
    photo_consent_version = models.CharField(max_length=40, blank=True)
    photo_consent_at = models.DateTimeField(null=True, blank=True)
    photo_consent_withdrawn_at = models.DateTimeField(
        _("photo consent withdrawn"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["registration_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quota", "name_key", "birth_date"],
                condition=Q(cancelled_at__isnull=True, birth_date__isnull=False),
                name="participant_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["quota", "name_key"],
                condition=Q(cancelled_at__isnull=True, birth_date__isnull=True),
                name="participant_without_birth_date_once_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.first_name, self.last_name)
        super().save(*args, **kwargs)

    def age_on(self, day):
        """Age in whole years on `day`, from the birth date if known."""
        if self.birth_date is None:
            return self.age
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# How far past today the registers of a session that repeats for ever are listed.
OPEN_ENDED_REGISTERS = datetime.timedelta(weeks=4)


def meeting_starts(session, *, cancelled_dates=(), until=None):
    """When each meeting of `session` starts (aware, Europe/Warsaw), one per day.

    A session that meets daily (a camp) meets on each of its days, a repeating one
    (a weekly club) at each occurrence of its rule, any other once, on its first day.
    Dates in `cancelled_dates` (local dates of its cancelled occurrences) are left
    out, and so is everything of a cancelled session. With `until`, only meetings
    starting before it; a rule that repeats for ever is listed up to
    ``OPEN_ENDED_REGISTERS`` past today.
    """
    if session.is_cancelled:
        return []
    if session.daily:
        starts = session.daily_starts()
    elif session.repeats:
        end = session.last_ends_at()
        if end is None:
            end = max(timezone.now(), session.starts_at) + OPEN_ENDED_REGISTERS
        if until is not None:
            end = min(end, until)
        starts = session.occurrences_between(session.starts_at, end)
    else:
        starts = [timezone.localtime(session.starts_at, LOCAL_TIMEZONE)]
    meetings, days = [], set(cancelled_dates)
    for start in starts:
        day = timezone.localtime(start, LOCAL_TIMEZONE).date()
        if day not in days and (until is None or start < until):
            days.add(day)
            meetings.append(start)
    return meetings


class Attendance(models.Model):
    """Whether a participant came to the meeting of their session on one date.

    A session has one register per meeting (a camp's five days, a club's eight
    Fridays). No row means not marked yet, which is not the same as absent. Kept
    when personal data is erased, for the statistics: it names no one but the
    participant row, which stays too. Written by ``signups.services.mark_attendance``.
    """

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    date = models.DateField(_("date of the meeting"))
    attended = models.BooleanField(_("present"))
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["date", "participant_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "date"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} {self.date}: {self.attended}"


class ConsentText(TranslatableMixin, models.Model):
    """The wording of a consent, with a version recorded on every sign-up that accepts it."""

    class Kind(models.TextChoices):
        DATA = "data", _("Processing of personal data (required)")
        PHOTOS = "photos", _("Photos of participants (optional)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    version = models.CharField(
        _("version"),
        max_length=40,
        help_text=_("Change it whenever the meaning of the text changes, for example 2026-05."),
    )

    override_translatable_fields = [SynchronizedField("kind"), SynchronizedField("version")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="unique_consent_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.version})"


class AlertKind(models.TextChoices):
    """The kinds of activity a family can hear about: camps are summer camp pages,
    Bajkowóz the library workshop pages, courses both Polish and adaptation courses,
    events the event pages (the kinds of ``events.models.ProgrammePage``)."""

    CAMPS = "camps", _("Half-day camps (summer and winter holidays)")
    LIBRARY_WORKSHOPS = "library_workshops", _("Bajkowóz workshops in libraries")
    SPEAKING_CLUBS = "speaking_clubs", _("Speaking clubs")
    COURSES = "courses", _("Polish and adaptation courses")
    EVENTS = "events", _("Events")


# How long after the notice that an unused subscription is about to end it ends
# (``signups.alerts.apply_alert_retention``).
ALERT_RETENTION_NOTICE_DAYS = 30


class AlertSubscription(models.Model):
    """A request to hear when sign-ups open: one per e-mail address, no account.

    Unconfirmed until its owner presses the button behind the link in the
    confirmation e-mail (double opt-in). What it is about is kept without language:
    centres by their pages' ``translation_key``, kinds as ``AlertKind`` values; an
    empty list means all of them.
    """

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(
        _("language of the e-mails"), max_length=8, choices=settings.LANGUAGES
    )
    centres = models.JSONField(_("centres"), default=list, blank=True)
    kinds = models.JSONField(_("kinds of activity"), default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(_("youngest child's age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest child's age"), null=True, blank=True)
    token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity at"), default=timezone.now)
    # When the notice went that a subscription unused for two years is about to end
    # (``signups.alerts.apply_alert_retention``); any activity clears it.
    retention_notice_at = models.DateTimeField(
        _("retention notice sent at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self):
        return self.email

    @property
    def retention_ends_at(self):
        """When the subscription ends for lack of use, once its owner was told; else None."""
        if self.retention_notice_at is None:
            return None
        return self.retention_notice_at + datetime.timedelta(days=ALERT_RETENTION_NOTICE_DAYS)


class AlertMoment(models.TextChoices):
    """Which alert about a session: the day before its sign-ups open, when they open,
    or in the weekly digest of new activities."""

    SOON = "soon", _("Sign-ups open tomorrow")
    OPEN = "open", _("Sign-ups open")
    NEW = "new", _("New activities")


class AlertedSession(models.Model):
    """A session whose alerts of one moment are queued: the claim that makes each
    alert go once, however often and on however many workers the job runs.

    By the session's ``translation_key``, like a quota: the alert is the same in every
    language, and a page rewritten by an editor keeps its claims. "Tomorrow" and "open"
    are claimed for the opening they announce (``opens_at``): when staff move the
    opening, the new one is announced too. The digest's claim has none.
    """

    session_key = models.UUIDField()
    moment = models.CharField(max_length=8, choices=AlertMoment.choices)
    opens_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session_key", "moment", "opens_at"],
                condition=Q(opens_at__isnull=False),
                name="one_alert_per_session_and_opening",
            ),
            models.UniqueConstraint(
                fields=["session_key", "moment"],
                condition=Q(opens_at__isnull=True),
                name="one_alert_per_session_and_moment",
            ),
        ]

    def __str__(self):
        return f"{self.get_moment_display()}: {self.session_key}"


class AlertDelivery(models.Model):
    """One alert e-mail to one subscription: the sessions it lists, sent by a task.

    Made in bulk when the job queues a moment's alerts; ``sent_at`` (or ``failed_at``)
    is set by the task that sends it, so a task run again sends nothing twice.
    """

    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    moment = models.CharField(max_length=8, choices=AlertMoment.choices)
    session_keys = models.JSONField(default=list)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Given up: the mail server refused this one message for good, or it could not be
    # made; the error is in the worker's log.
    failed_at = models.DateTimeField(null=True, blank=True)
    # Queued again by ``requeue_unsent`` (a task lost with a worker, a mail server down
    # longer than the retries): when last, and how often.
    requeued_at = models.DateTimeField(null=True, blank=True)
    requeues = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["queued_at"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="alert_delivery_unsent",
            )
        ]

    def __str__(self):
        return f"{self.get_moment_display()} to subscription {self.subscription_id}"
