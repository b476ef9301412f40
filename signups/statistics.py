"""
Sign-up statistics: the figures the centres publish in their yearly reports.

Counted per programme from the sessions' :class:`~events.models.Quota` rows, so
that the language versions of a session, which share one quota, are counted
once. Only the fields that survive anonymisation are read (status,
preferred language, age band, country, attendance), never names, e-mails or
birth dates: the figures stay the same after personal data is erased.

Attendance is taken per meeting (a camp's five days, a club's eight Fridays):
the meetings held are counted from the sessions' schedules (past dates, cancelled
ones left out), the registers from the marks staff saved.

The same few grouped queries whatever the number of programmes and sessions.

Alert subscribers (``alert_subscribers``) are counted by what they chose, never by
address: one query for the subscriptions' choices and one for the centres' names.
"""

import dataclasses
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language_info, gettext

from events.models import LOCAL_TIMEZONE, CancelledOccurrence, ProgrammePage, Session

from .alerts import centre_choices
from .models import (
    AgeBand,
    AlertKind,
    AlertSubscription,
    Attendance,
    Participant,
    Registration,
    meeting_starts,
)

Status = Registration.Status

# A participant counts as cancelled when they or their whole sign-up were; otherwise
# under their sign-up's status. The four are exclusive and add up to all participants.
NOT_CANCELLED = Q(cancelled_at__isnull=True)
CONFIRMED = NOT_CANCELLED & Q(registration__status=Status.CONFIRMED)
WAITING = NOT_CANCELLED & Q(registration__status=Status.WAITING)
OFFERED = NOT_CANCELLED & Q(registration__status=Status.OFFERED)
CANCELLED = Q(cancelled_at__isnull=False) | Q(registration__status=Status.CANCELLED)

# What is counted of participants, under the names Figures gives it.
PARTICIPANT_COUNTS = {
    "participants": None,
    "confirmed": CONFIRMED,
    "waiting": WAITING,
    "offered": OFFERED,
    "cancelled": CANCELLED,
    # Came to at least one meeting.
    "attended": Q(Exists(Attendance.objects.filter(participant=OuterRef("pk"), attended=True))),
    "children": CONFIRMED & Q(age_band__in=AgeBand.children()),
    "youth": CONFIRMED & Q(age_band__in=AgeBand.youth()),
    "adults": CONFIRMED & Q(age_band__in=AgeBand.adults()),
    "age_unknown": CONFIRMED & Q(age_band=""),
}

# Counted from the registers, meeting by meeting.
ATTENDANCE_COUNTS = ("meetings", "registers", "present", "absent")

COUNTS = ("sessions", "sign_ups", *PARTICIPANT_COUNTS, *ATTENDANCE_COUNTS)


@dataclasses.dataclass
class Figures:
    """The figures of one programme, or of all of them (``page_id`` None).

    Age groups, preferred languages and countries describe those who took part:
    confirmed participants (languages: confirmed sign-ups).
    """

    page_id: int | None = None
    title: str = ""
    kind: str = ""
    organiser: str = ""
    sessions: int = 0
    sign_ups: int = 0
    participants: int = 0
    confirmed: int = 0
    waiting: int = 0
    offered: int = 0
    cancelled: int = 0
    attended: int = 0
    # Meetings held: past dates of the sessions, cancelled ones left out.
    meetings: int = 0
    # Meetings whose register has at least one mark.
    registers: int = 0
    # Marks in those registers: a child present on three days counts three times.
    present: int = 0
    absent: int = 0
    children: int = 0
    youth: int = 0
    adults: int = 0
    age_unknown: int = 0
    # Confirmed sign-ups per preferred language code, in the order of settings.LANGUAGES.
    languages: dict = dataclasses.field(
        default_factory=lambda: {code: 0 for code, _name in settings.LANGUAGES}
    )
    # Confirmed participants per country code, for programmes that asked.
    countries: Counter = dataclasses.field(default_factory=Counter)

    @property
    def is_total(self):
        return self.page_id is None

    @property
    def attendance_marked(self):
        """Marks saved in the registers, present or absent (not marked is not counted)."""
        return self.present + self.absent

    @property
    def attendance_rate(self):
        """Percent of the marks that are "present"; None when nothing was marked."""
        if not self.attendance_marked:
            return None
        return round(100 * self.present / self.attendance_marked)

    @property
    def attendance_per_meeting(self):
        """How many came to a meeting on average, over the meetings with a register taken.

        None when no register was taken.
        """
        if not self.registers:
            return None
        return round(self.present / self.registers, 1)

    def add(self, other):
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, count in other.languages.items():
            self.languages[code] = self.languages.get(code, 0) + count
        self.countries.update(other.countries)


@dataclasses.dataclass
class Statistics:
    programmes: list
    total: Figures


def by_programme(quotas):
    """The figures of every programme with a session among `quotas`, and their total.

    `quotas` is a queryset of :class:`~events.models.Quota` (already filtered by
    period, centre...); a programme is the page of a quota's session, written in
    the default language. Programmes come in title order. Quotas whose session was
    deleted are left out: they belong to no programme and no date.
    """
    quotas = quotas.filter(session__isnull=False)
    kinds = ContentType.objects.get_for_models(*ProgrammePage.kinds())
    kind_names = {
        content_type.pk: model._meta.verbose_name for model, content_type in kinds.items()
    }
    rows = {
        row["page_id"]: Figures(
            page_id=row["page_id"],
            title=row["title"],
            kind=kind_names.get(row["content_type"], ""),
            organiser=row["organiser"] or "",
            sessions=row["sessions"],
        )
        for row in quotas.order_by()
        .values(
            page_id=F("session__page"),
            title=F("session__page__title"),
            content_type=F("session__page__content_type"),
            organiser=F("session__page__organiser__title"),
        )
        .annotate(sessions=Count("pk"))
    }
    programme = F("quota__session__page")  # the key of every grouped query
    registrations = (
        Registration.objects.filter(quota__in=quotas)
        .order_by()
        .values(programme_id=programme)
        .annotate(
            sign_ups=Count("pk"),
            **{
                f"language_{code}": Count("pk", filter=Q(status=Status.CONFIRMED, language=code))
                for code, _name in settings.LANGUAGES
            },
        )
    )
    for row in registrations:
        figures = rows[row["programme_id"]]
        figures.sign_ups = row["sign_ups"]
        figures.languages = {code: row[f"language_{code}"] for code, _name in settings.LANGUAGES}
    participants = Participant.objects.filter(quota__in=quotas).order_by()
    counts = participants.values(programme_id=programme).annotate(
        # Prefixed, so that no count can shadow a field the conditions read.
        **{
            f"count_{name}": Count("pk", filter=condition)
            for name, condition in PARTICIPANT_COUNTS.items()
        }
    )
    for row in counts:
        figures = rows[row["programme_id"]]
        for name in PARTICIPANT_COUNTS:
            setattr(figures, name, row[f"count_{name}"])
    countries = (
        participants.filter(CONFIRMED)
        .exclude(country="")
        .values("country", programme_id=programme)
        .annotate(count=Count("pk"))
    )
    for row in countries:
        rows[row["programme_id"]].countries[row["country"]] = row["count"]
    count_meetings(quotas, rows)
    registers = (
        Attendance.objects.filter(participant__quota__in=quotas)
        .order_by()
        .values("date", "participant__quota", programme_id=F("participant__quota__session__page"))
        .annotate(
            present=Count("pk", filter=Q(attended=True)),
            absent=Count("pk", filter=Q(attended=False)),
        )
    )
    for row in registers:  # one row per meeting with marks
        figures = rows[row["programme_id"]]
        figures.registers += 1
        figures.present += row["present"]
        figures.absent += row["absent"]

    programmes = sorted(
        rows.values(), key=lambda figures: (figures.title.casefold(), figures.page_id)
    )
    total = Figures()
    for figures in programmes:
        total.add(figures)
    return Statistics(programmes=programmes, total=total)


def count_meetings(quotas, rows, now=None):
    """Add to each programme's figures in `rows` the meetings its sessions held by `now`.

    Two queries: the sessions (with whether they are cancelled), and the cancelled
    dates of those that repeat.
    """
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(pk__in=quotas.values("session")).with_cancellation().order_by()
    )
    cancelled = {}
    for occurrence in CancelledOccurrence.objects.of_sessions(sessions):
        day = timezone.localtime(occurrence.starts_at, LOCAL_TIMEZONE).date()
        cancelled.setdefault(occurrence.session_key, set()).add(day)
    for session in sessions:
        held = meeting_starts(
            session, cancelled_dates=cancelled.get(session.translation_key, ()), until=now
        )
        rows[session.page_id].meetings += len(held)


# Alert subscribers.


@dataclasses.dataclass
class AlertFigures:
    """Confirmed alert subscriptions by centre, kind of activity and language of the
    e-mails, as (label, count) rows in the active language; requests not confirmed yet
    apart.

    A subscription that chose several centres (kinds) counts under each; one that
    chose none hears about all of them and counts under "All centres" ("All kinds of
    activity") only. Each counts under one language.
    """

    confirmed: int = 0
    awaiting_confirmation: int = 0
    centres: list = dataclasses.field(default_factory=list)
    kinds: list = dataclasses.field(default_factory=list)
    languages: list = dataclasses.field(default_factory=list)


def alert_subscribers():
    """The :class:`AlertFigures` of every subscription: two queries, whatever their number.

    The JSON lists of choices are counted here rather than in SQL, the same way on
    SQLite and PostgreSQL; a row is three short lists and a date.
    """
    centre_counts, kind_counts, language_counts = Counter(), Counter(), Counter()
    figures = AlertFigures()
    rows = AlertSubscription.objects.order_by().values_list(
        "confirmed_at", "centres", "kinds", "language"
    )
    for confirmed_at, centres, kinds, language in rows:
        if confirmed_at is None:
            figures.awaiting_confirmation += 1
            continue
        figures.confirmed += 1
        centre_counts.update(centres or [None])
        kind_counts.update(kinds or [None])
        language_counts[language] += 1
    names = dict(centre_choices())
    figures.centres = [
        (gettext("All centres"), centre_counts.pop(None, 0)),
        *((title, centre_counts.pop(key, 0)) for key, title in names.items()),
    ]
    if gone := sum(centre_counts.values()):
        figures.centres.append((gettext("Centres no longer on the site"), gone))
    figures.kinds = [
        (gettext("All kinds of activity"), kind_counts[None]),
        *((str(label), kind_counts[value]) for value, label in AlertKind.choices),
    ]
    figures.languages = [
        (get_language_info(code)["name_translated"], language_counts[code])
        for code, _name in settings.LANGUAGES
    ]
    return figures
