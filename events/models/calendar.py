"""
The calendar core: venues, categories, programmes and their sessions.

Everything people can attend is a *programme* page (an event, a summer camp, a
speaking club, a course...) that owns one or more *sessions*. A session is the
one bookable unit, whatever page it belongs to: a date and time (or a rule that
repeats it), a venue, a number of places and an age range. Sessions are translatable
child objects of their page: every language version of a session shares its
``translation_key``, which is what sign-ups and calendar UIDs are keyed on, so a
place taken in Ukrainian is a place taken in Polish.

Each fact has one owner. Once a session takes sign-ups, its places are its
``Quota``'s (``events.models.signups``), which staff change; a session cancelled
as a whole is a :class:`CancelledSession`, as one cancelled date is a
:class:`CancelledOccurrence`. Neither lives in the page's session rows, so
publishing an older draft of the page brings neither back.
"""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

from recurrence import Recurrence
from recurrence import serialize as serialize_recurrence
from recurrence.fields import RecurrenceField

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import string_to_ascii
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.generation_cache import cached
from home.models import Place, SpokenLanguageRow, StoryPage
from home.restrictions import CachedViewRestrictions, public

from ..page_forms import ProgrammePageForm
from ..sign_up_state import PublicState

LOCAL_TIMEZONE = ZoneInfo(settings.TIME_ZONE)
# How many upcoming dates a programme page lists (a weekly club has many).
PROGRAMME_UPCOMING_LIMIT = 20


def at_session_time(moment, first):
    """An extra date or exclusion as the naive local time it stands for.

    The recurrence widget stores them as dates, that is local midnight (serialised
    in UTC); such a date means "that day, at the session's usual time".
    """
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment, LOCAL_TIMEZONE)
    if moment.time() == datetime.time(0):
        return datetime.datetime.combine(moment.date(), first.time())
    return moment


# How a date reads on the site and in the e-mails; a range of dates shortens the first.
DAY = "l, j E Y"
RANGE_FIRST_DAY = {"day": "l j", "month": "l j E", "year": "l j E Y"}
RANGE_LAST_DAY = "l j E Y"


def date_range_text(first, last):
    """Two dates as one range in the active language: "Monday 6 – Friday 10 July 2026"."""
    if first == last:
        return date_format(first, DAY)
    if first.year != last.year:
        shared = "year"
    elif first.month != last.month:
        shared = "month"
    else:
        shared = "day"
    return f"{date_format(first, RANGE_FIRST_DAY[shared])} – {date_format(last, RANGE_LAST_DAY)}"


def when_text(session, starts_at):
    """When an occurrence of `session` starting at `starts_at` is, in the active language.

    "Monday, 6 July 2026, 09:00–13:00"; a session over several days as one range:
    "Monday 6 – Friday 10 July 2026, daily 08:00–13:00" when it meets every day.
    """
    starts = timezone.localtime(starts_at, LOCAL_TIMEZONE)
    ends = timezone.localtime(
        session.ends_at if starts_at == session.starts_at else starts_at + session.duration,
        LOCAL_TIMEZONE,
    )
    dates = date_range_text(starts.date(), ends.date())
    if session.daily and starts.date() != ends.date():
        if session.all_day:
            if session.daily == Session.Daily.WEEKDAYS:
                return gettext("%(dates)s, Monday to Friday") % {"dates": dates}
            return dates
        values = {"dates": dates, "hours": session.daily_hours}
        if session.daily == Session.Daily.WEEKDAYS:
            return gettext("%(dates)s, Monday to Friday %(hours)s") % values
        return gettext("%(dates)s, daily %(hours)s") % values
    if session.all_day:
        return dates
    if starts.date() == ends.date():
        return f"{date_format(starts, DAY)}, {starts:%H:%M}–{ends:%H:%M}"
    return f"{date_format(starts, DAY)}, {starts:%H:%M} – {date_format(ends, DAY)}, {ends:%H:%M}"


@dataclasses.dataclass(frozen=True)
class StaffNote:
    """A note staff wrote (why a session or date is cancelled, where it moved to).

    ``in_source_language`` is True when the reader's language had no note of its own
    and the note is shown as written, in Polish: pages and e-mails say so.
    """

    text: str
    language_code: str
    in_source_language: bool = False

    def __str__(self):
        return self.text

    @property
    def labelled(self):
        """The note as a line of plain text (a calendar's), saying so when it is in Polish."""
        if self.in_source_language:
            return gettext("From the organisers (in Polish): %(note)s") % {"note": self.text}
        return self.text


def staff_note(text, source_text, language_code):
    """The note for readers of `language_code`: `text` written for them, else `source_text`.

    A translated page that nobody translated the note on carries the Polish words
    (wagtail-localize copies what is not translated): that counts as no note of its own.
    """
    source = settings.LANGUAGE_CODE
    if text and (language_code == source or text != source_text):
        return StaffNote(text, language_code)
    if source_text:
        return StaffNote(source_text, source, in_source_language=language_code != source)
    return None


def free_slug(name, taken):
    """A slug made from `name` that is not one of `taken`: "biblioteka-raczynskich", else "…-2".

    Polish letters become their plain Latin ones (Django's own slugify drops the ł),
    Cyrillic its transliteration.
    """
    base = slugify(string_to_ascii(name))[:90].strip("-") or "venue"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class Venue(TranslatableMixin, Place):
    """Where a session takes place: a centre, a partner library, a cinema, a park.

    Its ``slug`` names it in addresses (its page, the feed and the embedded list
    narrowed to it) in every language, where ids differ from one language to another.
    """

    class Kind(models.TextChoices):
        CENTRE = "centre", _("Integration centre")
        LIBRARY = "library", _("Library")
        CINEMA = "cinema", _("Cinema")
        PARK = "park", _("Park")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_(
            "Names the venue in the addresses of its page and calendars, the same in every "
            "language. Left empty, it is made from the name. Changing it breaks the links "
            "that libraries have copied."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free entrance, lift, accessible toilet, parking..."),
    )
    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the venue is one of our centres."),
    )
    website = models.URLField(_("website"), blank=True)

    override_translatable_fields = [*Place.override_translatable_fields, SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_venue_slug")
        ]

    def __str__(self):
        return f"{self.name}, {self.city}"

    def clean(self):
        # The editor's form has no locale field, so Django skips the constraint; and a
        # slug must name one venue in every language, not only in this one.
        others = Venue.objects.exclude(translation_key=self.translation_key)
        if self.slug and others.filter(slug=self.slug).exists():
            raise ValidationError({"slug": _("Another venue already has this slug.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.shared_slug()
        super().save(*args, **kwargs)

    def shared_slug(self):
        """The slug of this venue's translations, else a new one from its name that no
        other venue has in any language.
        """
        translations = Venue.objects.filter(translation_key=self.translation_key)
        others = Venue.objects.exclude(translation_key=self.translation_key)
        return translations.exclude(slug="").values_list("slug", flat=True).first() or free_slug(
            self.name, taken=set(others.values_list("slug", flat=True))
        )


class Category(TranslatableMixin, models.Model):
    """What kind of activity: family picnic, cinema, library workshop, language course..."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug")
        ]

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    ADULTS = "adults", _("Adults")
    FAMILIES = "families", _("Families")


class ProgrammePage(RoutablePageMixin, StoryPage):
    """What events and every kind of workshop programme share: a description and sessions.

    A concrete page model, so that a session has one foreign key to its programme,
    whatever kind of programme it is.
    """

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("organising centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language_note = models.CharField(
        _("about the language"),
        max_length=200,
        blank=True,
        help_text=_("For example: in Ukrainian with a Polish interpreter."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("organiser")]),
                InlinePanel("audiences", label=_("Audience"), heading=_("Who is it for")),
                InlinePanel(
                    "activity_languages",
                    label=_("Language"),
                    heading=_("Languages of the activity"),
                ),
                FieldPanel("language_note"),
            ],
            heading=_("About the activity"),
        ),
        InlinePanel("sessions", label=_("Session"), heading=_("Sessions"), min_num=1),
        InlinePanel(
            "sign_up_questions",
            label=_("Question"),
            heading=_("Sign-up questions"),
            help_text=_("Asked about each participant, for example who collects the child."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_facts"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("organiser", [index.SearchField("title"), index.SearchField("city")]),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    # Kept with the page where its address leads (home.routing): what every view shows.
    kept_with = {
        "select": ["category", "organiser"],
        "prefetch": ["audiences", "activity_languages"],
    }

    base_form_class = ProgrammePageForm

    # Only its kinds (events, camps, courses...) are created.
    is_creatable = False

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_template(self, request, *args, **kwargs):
        # Every kind of programme shares one template; its own facts are an include.
        return "events/programme_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..feeds import programme_feed_links
        from ..listing import Selection, upcoming_occurrences
        from ..structured_data import event_data

        context = super().get_context(request, *args, **kwargs)
        # Its dates (events.listing), or a page preview's sessions, in memory, expanded.
        sessions = self.sessions.all()
        if isinstance(sessions, models.QuerySet):
            sessions = Selection(ProgrammePage.objects.filter(pk=self.pk))
        upcoming = upcoming_occurrences(sessions, limit=PROGRAMME_UPCOMING_LIMIT)
        # Every date is this page's: the template and the JSON-LD read its audiences and
        # languages, once (a preview's are in memory).
        if not getattr(request, "is_preview", False):
            # The dates' query read the audiences already, on the page it gave them.
            read = upcoming and getattr(upcoming[0].session.page, "_prefetched_objects_cache", {})
            if read and "audiences" in read:
                self._prefetched_objects_cache = {
                    **getattr(self, "_prefetched_objects_cache", {}),
                    "audiences": read["audiences"],
                }
            models.prefetch_related_objects([self], "audiences", "activity_languages")
        for occurrence in upcoming:
            occurrence.session.page = self
        context["upcoming_occurrences"] = upcoming
        context["structured_data"] = [event_data(occurrence, request) for occurrence in upcoming]
        context["feed"] = programme_feed_links(request, self)
        if self.organiser_id:
            # Wagtail's `.localized` looks the active Locale up: once per generation.
            context["organiser"] = cached(
                request,
                f"programme-organiser:{self.pk}:{get_language()}",
                lambda: self.organiser.localized,
            )
        return context

    def search_facts(self):
        """What the site search finds a programme by besides its text, in its language:
        its kind, who it is for, its languages, and each session's name, venue, town and
        days ("camp", "children", "Ukrainian", "Kalisz", "Friday", "14 July 2026")."""
        with translation.override(self.locale.language_code):
            facts = [self.specific_class._meta.verbose_name, self.language_note]
            facts += [*self.audiences.all(), *self.activity_languages.all()]
            for session in self.sessions.select_related("venue"):
                facts.append(session.title)
                if session.venue:
                    venue = session.venue
                    facts += [venue.name, venue.street_address, venue.city]
                days = {timezone.localtime(session.starts_at, LOCAL_TIMEZONE).date()}
                days.add(timezone.localtime(session.ends_at, LOCAL_TIMEZONE).date())
                facts += [date_format(day, "l j E Y") for day in sorted(days)]
            return " ".join(str(fact) for fact in facts if fact)

    @staticmethod
    def describe_search_results(pages):
        """Give programmes found by the site search (in one language) their next date
        (`search_next_date`: the first not over and not cancelled) and their centre
        (`search_centre`), in two or three queries for all of them."""
        from .dates import SessionDate

        next_dates = dict(
            SessionDate.objects.filter(
                session__page__in=pages,
                ends_at__gte=timezone.now(),
                cancelled_session__isnull=True,
                cancelled_date__isnull=True,
            )
            .values_list("session__page")
            .annotate(first=models.Min("starts_at"))
        )
        # The organiser named is the centre's page in the programme's language, unless
        # the centre was translated after the programme: then its translation, found once.
        organisers = Page.objects.in_bulk({page.organiser_id for page in pages} - {None})
        locale_id = pages[0].locale_id if pages else None
        untranslated = [
            organiser.translation_key
            for organiser in organisers.values()
            if organiser.locale_id != locale_id
        ]
        translations = {}
        if untranslated:
            translations = {
                centre.translation_key: centre
                for centre in Page.objects.filter(
                    locale_id=locale_id, translation_key__in=untranslated
                )
            }
        for page in pages:
            page.search_next_date = next_dates.get(page.pk)
            organiser = organisers.get(page.organiser_id)
            if organiser is not None and organiser.locale_id != locale_id:
                organiser = translations.get(organiser.translation_key)
            page.search_centre = organiser

    @path("sign-up/<uuid:session_key>/", name="sign_up")
    def sign_up(self, request, session_key):
        """The sign-up form's old address below the page: it has one of its own now.

        Permanent (308), so that a form sent to the old address is sent on as it was.
        """
        url = reverse("signups:sign_up", kwargs={"session_key": session_key})
        query = request.META.get("QUERY_STRING")
        return redirect(f"{url}?{query}" if query else url, permanent=True, preserve_request=True)

    def extra_facts_template(self):
        """The include that shows what this kind of programme adds (level, topics...)."""
        return None

    @classmethod
    def kinds(cls):
        """Every kind of programme that editors create: events, summer camps, courses..."""
        return [
            model for model in apps.get_models() if issubclass(model, cls) and model is not cls
        ]


class ProgrammeAudience(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)

    panels = [FieldPanel("audience")]

    class Meta(Orderable.Meta):
        verbose_name = _("audience")
        constraints = [
            models.UniqueConstraint(fields=["page", "audience"], name="unique_programme_audience")
        ]

    def __str__(self):
        return self.get_audience_display()


class ProgrammeLanguage(SpokenLanguageRow):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="activity_languages")

    class Meta(SpokenLanguageRow.Meta):
        verbose_name = _("language of the activity")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_programme_language")
        ]


def places_annotations(key):
    """The quota's capacity, places taken and whether anyone is waiting, as subqueries
    on the session whose translation_key is `key` (an OuterRef): see ``Session.load_places``.
    """
    from .signups import Quota, SignUpStatus

    quota = Quota.objects.filter(session_key=key)
    waiting = quota.filter(registrations__status=SignUpStatus.WAITING)
    return {
        "quota_capacity": models.Subquery(quota.values("capacity")[:1]),
        "quota_taken": models.Subquery(quota.values("taken")[:1]),
        "quota_waiting": models.Exists(waiting),
    }


class SessionQuerySet(models.QuerySet):
    def with_places(self):
        """Annotate each session with its quota's capacity, places taken and whether
        anyone is waiting: subqueries, so a listing is one query whatever its length.
        """
        if "quota_waiting" in self.query.annotations:
            return self
        return self.annotate(**places_annotations(models.OuterRef("translation_key")))

    def with_cancellation(self):
        """Annotate each session with its :class:`CancelledSession`, if any (see
        ``Session.cancellation``): subqueries, so a listing is one query whatever its length.
        """
        if "cancellation_cancelled_at" in self.query.annotations:
            return self
        cancelled = CancelledSession.objects.filter(session_key=models.OuterRef("translation_key"))
        return self.annotate(
            cancellation_cancelled_at=models.Subquery(cancelled.values("cancelled_at")[:1]),
            cancellation_note=models.Subquery(cancelled.values("note")[:1]),
            cancellation_note_translations=models.Subquery(
                cancelled.values("note_translations")[:1]
            ),
        )

    def not_cancelled(self):
        """The sessions not cancelled as a whole."""
        return self.exclude(translation_key__in=CancelledSession.objects.values("session_key"))

    def with_source_notes(self):
        """Annotate each session with the status note of its Polish row (see ``Session.note``)."""
        return self.annotate(source_status_note=source_note(models.OuterRef("translation_key")))


def source_note(key):
    """The status note of the Polish row of the session whose translation_key is `key`
    (an OuterRef), as a subquery."""
    source = Session.objects.filter(
        translation_key=key, locale__language_code=settings.LANGUAGE_CODE
    )
    return models.Subquery(source.values("status_note")[:1])


# What a subscribed calendar must be told about when it changes (with the sequence).
SCHEDULE_FIELDS = (
    "sequence",
    "starts_at",
    "ends_at",
    "all_day",
    "daily",
    "recurrence",
    "venue_id",
    "status",
)


def schedule_value(name, value):
    """A schedule field in comparable form: a recurrence as its RFC 5545 text."""
    if name == "recurrence":
        return serialize_recurrence(value) if value and not isinstance(value, str) else value or ""
    return value


def rescheduled_fields(before, after):
    """The SCHEDULE_FIELDS but ``sequence`` in which `after` differs from `before`
    (mappings of them).

    A venue and its translation are one place: a language version that takes the
    translated venue has not moved, and must not count up the session's SEQUENCE.
    """
    changed = {
        name
        for name in SCHEDULE_FIELDS
        if name != "sequence"
        and schedule_value(name, before[name]) != schedule_value(name, after[name])
    }
    venues = {before["venue_id"], after["venue_id"]}
    if "venue_id" in changed and None not in venues:
        places = Venue.objects.filter(pk__in=venues).values_list("translation_key", flat=True)
        if len(set(places)) == 1:
            changed.discard("venue_id")
    return changed


def age_range_text(min_age, max_age):
    """An age range as people read it, in the active language: "6–12 years", "from 6
    years", "up to 12 years", or "" for any age."""
    if min_age is not None and max_age is not None:
        return _("%(min)s–%(max)s years") % {"min": min_age, "max": max_age}
    if min_age is not None:
        return _("from %(min)s years") % {"min": min_age}
    if max_age is not None:
        return _("up to %(max)s years") % {"max": max_age}
    return ""


class Session(TranslatableMixin, Orderable):
    """One bookable session of a programme: a date, or a rule that repeats it.

    Times are aware datetimes shown in Europe/Warsaw. A recurring session (a weekly
    speaking club) keeps its first occurrence in ``starts_at``/``ends_at`` and
    repeats it by ``recurrence`` (django-recurrence: rules, exclusions, extra dates).
    """

    # A whole session cancelled is a CancelledSession, made by staff's "Cancel session".
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MOVED = "moved", _("Moved")

    class Daily(models.TextChoices):
        # Blank (the default): one stretch of time from the start to the end.
        EVERY_DAY = "every_day", _("Every day from the start date to the end date")
        WEEKDAYS = "weekdays", _("Monday to Friday, from the start date to the end date")

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("Optional, for example: first week (turnus I) or group A1."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    daily = models.CharField(
        _("meets daily"),
        max_length=20,
        choices=Daily.choices,
        blank=True,
        help_text=_(
            "For a session over several days, such as a week-long half-day camp: it meets "
            "on each of these days at the hours of the start and end time. Leave empty for "
            "one stretch of time from the start to the end."
        ),
    )
    recurrence = RecurrenceField(
        # By name: django-recurrence's first argument is include_dtstart, not the label.
        verbose_name=_("repeats"),
        blank=True,
        null=True,
        help_text=_("Leave empty for a one-off session. Exclusions and extra dates allowed."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    # The places asked for when the session is made, and the mark of a session that
    # takes sign-ups (not None). Once it is published, its places are its Quota's,
    # which staff change ("Change places"): nothing reads this number for them then.
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty when no sign-up is needed. Once the session is published, its "
            "places are changed under Sign-ups (Change places)."
        ),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    status_note = models.CharField(
        _("note on the status"),
        max_length=255,
        blank=True,
        help_text=_("Where and when it moved to."),
    )
    registration_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("sign-up closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take sign-ups until the session starts."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When it is full, further sign-ups wait for a place to free up."),
    )
    # The iCalendar SEQUENCE: raised whenever the time, place or status changes,
    # so subscribed calendars replace their copy (see save()).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(
        _("time, place or status changed"), null=True, blank=True, editable=False
    )

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("all_day")]),
        FieldPanel("daily"),
        FieldPanel("recurrence"),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
    ]
    override_translatable_fields = [
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("daily"),
        SynchronizedField("recurrence"),
        SynchronizedField("capacity"),
        SynchronizedField("waiting_list"),
        SynchronizedField("status"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="session_age_range_in_order",
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.title or self.page.title}, {when}" if self.page_id else when

    def save(self, *args, **kwargs):
        if self.status not in self.Status.values:
            # A page revision saved while cancellation was a status ("cancelled"):
            # a cancellation is a CancelledSession now, which publishing leaves alone.
            self.status = self.Status.SCHEDULED
        self.raise_sequence_if_rescheduled()
        super().save(*args, **kwargs)

    def raise_sequence_if_rescheduled(self):
        """Raise ``sequence`` when the time, place or status differs from the stored row.

        Compared with the database, not with the page revision being published: an
        older draft carries an older sequence. Never lower than any language version
        of the session, so a row that was deleted and made again keeps counting up.
        """
        stored = (
            Session.objects.filter(pk=self.pk).values(*SCHEDULE_FIELDS).first()
            if self.pk
            else None
        )
        floor = (
            Session.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .aggregate(highest=models.Max("sequence"))["highest"]
        )
        self.sequence = max(self.sequence, floor or 0, stored["sequence"] if stored else 0)
        if stored is None:
            self.changed_at = self.changed_at or timezone.now()
        elif rescheduled_fields(stored, {name: getattr(self, name) for name in SCHEDULE_FIELDS}):
            self.sequence += 1
            self.changed_at = timezone.now()

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("A session cannot end before it starts.")
        if self.daily:
            errors.update(self.daily_errors())
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = _("The maximum age cannot be below the minimum age.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Sign-up must close after it opens.")
        if errors:
            raise ValidationError(errors)

    def daily_errors(self):
        """Why a session that meets daily cannot be saved as it is, by field."""
        errors = {}
        if self.repeats:
            errors["daily"] = _(
                "A session that meets daily cannot also repeat: leave one of the two empty."
            )
        if not (self.starts_at and self.ends_at):
            return errors
        first, last = (
            timezone.make_naive(self.starts_at, LOCAL_TIMEZONE),
            timezone.make_naive(self.ends_at, LOCAL_TIMEZONE),
        )
        if not self.all_day and last.time() <= first.time():
            errors["ends_at"] = _(
                "A session that meets daily ends later in the day than it starts: its start "
                "and end times are the hours of each day."
            )
        if self.daily == self.Daily.WEEKDAYS and (first.weekday() >= 5 or last.weekday() >= 5):
            errors["daily"] = _(
                "A session that meets Monday to Friday starts and ends on a weekday."
            )
        return errors

    @property
    def full_title(self):
        """The programme's title, and the session's name when it has one."""
        return f"{self.page.title} – {self.title}" if self.title else self.page.title

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    @cached_property
    def cancellation(self):
        """The session's :class:`CancelledSession`, or None when it takes place.

        ``with_cancellation()`` reads it for a whole listing in the same query.
        """
        if not hasattr(self, "cancellation_cancelled_at"):
            return CancelledSession.objects.filter(session_key=self.translation_key).first()
        if self.cancellation_cancelled_at is None:
            return None
        return CancelledSession(
            session_key=self.translation_key,
            note=self.cancellation_note,
            note_translations=self.cancellation_note_translations or {},
            cancelled_at=self.cancellation_cancelled_at,
        )

    @property
    def is_cancelled(self):
        return self.cancellation is not None

    @property
    def note(self):
        """Why it is cancelled, or where it moved to, as a :class:`StaffNote` for readers
        of the active language.

        A cancelled session's note is its cancellation's. A moved one's is
        ``status_note``: this row's when it is theirs, else the Polish row's
        (``with_source_notes()`` reads it for a whole listing in the same query).
        """
        language_code = get_language() or settings.LANGUAGE_CODE
        if self.cancellation is not None:
            return self.cancellation.note_in(language_code)
        if not hasattr(self, "source_status_note"):
            self.source_status_note = (
                Session.objects.filter(
                    translation_key=self.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .values_list("status_note", flat=True)
                .first()
            )
        return staff_note(self.status_note, self.source_status_note or "", language_code)

    @property
    def needs_sign_up(self):
        return self.capacity is not None

    @property
    def places(self):
        """How many places the session has; None when no sign-up is needed.

        Its Quota's number once it has one (staff change it there), else the number
        asked for in the page editor.
        """
        if self.capacity is None:
            return None
        self.load_places()
        return self.capacity if self.quota_capacity is None else self.quota_capacity

    @property
    def places_left(self):
        """Places a new sign-up can take; None when no sign-up is needed.

        None while anyone is on the waiting list: free places are kept for those
        waiting, in order (``signups.services``), and newcomers join the list
        behind them. Whether sign-up is open is :meth:`public_state`.
        """
        if self.capacity is None:
            return None
        self.load_places()
        if self.quota_waiting:
            return 0
        return max(self.places - (self.quota_taken or 0), 0)

    @property
    def someone_waiting(self):
        """Whether anyone is on this session's waiting list."""
        if self.capacity is None:
            return False
        self.load_places()
        return bool(self.quota_waiting)

    def load_places(self):
        """Read the quota's figures, unless ``with_places()`` annotated them.

        The annotation spares a listing one query per session.
        """
        if hasattr(self, "quota_waiting"):
            return
        from .signups import Quota, SignUpStatus

        waiting = Quota.objects.filter(
            pk=models.OuterRef("pk"), registrations__status=SignUpStatus.WAITING
        )
        quota = (
            Quota.objects.filter(session_key=self.translation_key)
            .annotate(waiting=models.Exists(waiting))
            .first()
        )
        self.quota_capacity, self.quota_taken, self.quota_waiting = (
            (quota.capacity, quota.taken, quota.waiting) if quota else (None, None, False)
        )

    @property
    def sign_up_closes_at(self):
        """Sign-ups close when set, or when the session starts."""
        return self.registration_closes_at or self.starts_at

    @property
    def first_day(self):
        """The day the session starts, in the calendar's time zone (a camp's Monday)."""
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).date()

    def sign_up_refusal(self, now=None):
        """Why this session takes no sign-up at `now`, as a ``PublicState`` code, or None.

        Only the session and its sign-up window: whether places are left is
        :meth:`public_state`'s part. Sign-up closes at ``registration_closes_at``
        when staff set it, which may be after the session starts (a course that
        takes newcomers after its first meeting), otherwise when it starts.
        """
        now = now or timezone.now()
        if self.capacity is None:
            return PublicState.NO_SIGN_UP
        if self.is_cancelled:
            return PublicState.CANCELLED
        if self.registration_opens_at and now < self.registration_opens_at:
            return PublicState.NOT_OPEN_YET
        if now >= self.sign_up_closes_at:
            return PublicState.CLOSED
        return None

    def public_state(self, now=None):
        """What anyone can do about this session at `now` (:class:`PublicState`)."""
        if code := self.sign_up_refusal(now):
            return PublicState(code=code, opens_at=self.registration_opens_at)
        places_left = self.places_left
        if places_left:
            code = PublicState.OPEN
        elif self.waiting_list:
            code = PublicState.WAITING_LIST
        else:
            code = PublicState.FULL
        return PublicState(
            code=code,
            places_left=places_left,
            closes_at=self.registration_closes_at,
            others_waiting=self.someone_waiting,
        )

    def occurrences_between(self, start, end):
        """Start times (aware, Europe/Warsaw) of this session's occurrences in [start, end).

        The rule is expanded on local wall-clock time, so a club that meets at 16:00
        meets at 16:00 in summer and in winter time alike.
        """
        first = timezone.localtime(self.starts_at, LOCAL_TIMEZONE)
        if self.daily:
            # One occurrence, found by any of its days: a camp is in Wednesday's listing.
            return [first] if any(start <= day < end for day in self.daily_starts()) else []
        if not self.repeats:
            return [first] if start <= first < end else []
        naive_first = first.replace(tzinfo=None)
        naive_end = timezone.make_naive(end, LOCAL_TIMEZONE)
        return [
            timezone.make_aware(occurrence, LOCAL_TIMEZONE)
            for occurrence in self.local_rule(naive_first).between(
                timezone.make_naive(start, LOCAL_TIMEZONE),
                naive_end,
                dtstart=naive_first,
                inc=True,
            )
            if occurrence < naive_end
        ]

    def occurs_after(self, moment):
        """Whether an occurrence of this session starts after `moment`."""
        first = timezone.localtime(self.starts_at, LOCAL_TIMEZONE)
        if self.daily:
            return self.daily_starts()[-1] > moment
        if not self.repeats:
            return first > moment
        naive_first = first.replace(tzinfo=None)
        following = self.local_rule(naive_first).after(
            timezone.make_naive(moment, LOCAL_TIMEZONE), dtstart=naive_first
        )
        return following is not None

    def last_ends_at(self):
        """When the last occurrence ends; None for a rule that repeats for ever."""
        if not self.repeats:
            return self.ends_at
        if any(rule.until is None and rule.count is None for rule in self.recurrence.rrules):
            return None
        first = timezone.make_naive(self.starts_at, LOCAL_TIMEZONE)
        last = max(self.local_rule(first).occurrences(dtstart=first), default=first)
        return timezone.make_aware(last, LOCAL_TIMEZONE) + self.duration

    def meeting_days(self):
        """The local dates a daily session meets on, from its first day to its last."""
        first, last = self.first_day, timezone.localdate(self.ends_at, LOCAL_TIMEZONE)
        days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        if self.daily == self.Daily.WEEKDAYS:
            days = [day for day in days if day.weekday() < 5]
        return days or [first]

    def daily_starts(self):
        """When each day of a daily session starts: the same wall-clock time in summer and winter."""
        time = timezone.localtime(self.starts_at, LOCAL_TIMEZONE).time()
        return [
            timezone.make_aware(datetime.datetime.combine(day, time), LOCAL_TIMEZONE)
            for day in self.meeting_days()
        ]

    @property
    def daily_hours(self):
        """A daily session's hours of each day, for example "08:00–13:00"."""
        starts = timezone.localtime(self.starts_at, LOCAL_TIMEZONE)
        ends = timezone.localtime(self.ends_at, LOCAL_TIMEZONE)
        return f"{starts:%H:%M}–{ends:%H:%M}"

    @property
    def when_display(self):
        """The session's dates and times as a person reads them (see ``when_text``)."""
        return when_text(self, self.starts_at)

    @property
    def repeats(self):
        return bool(self.recurrence and (self.recurrence.rrules or self.recurrence.rdates))

    def local_rule(self, naive_first):
        """The recurrence on local wall-clock time, extra dates and exclusions at the session's time."""
        return Recurrence(
            rrules=self.recurrence.rrules,
            exrules=self.recurrence.exrules,
            rdates=[at_session_time(moment, naive_first) for moment in self.recurrence.rdates],
            exdates=[at_session_time(moment, naive_first) for moment in self.recurrence.exdates],
        )

    def age_range_display(self):
        return age_range_text(self.min_age, self.max_age)


class CancelledOccurrenceQuerySet(models.QuerySet):
    def of_sessions(self, sessions):
        """The cancelled dates of the repeating ones among `sessions` (a list)."""
        keys = {session.translation_key for session in sessions if session.repeats}
        return self.filter(session_key__in=keys) if keys else self.none()


class Cancellation(models.Model):
    """What a cancelled session and a cancelled date share: why, in each language, and when.

    Keyed on the session's ``translation_key``, so it holds in every language.
    """

    note = models.CharField(
        _("why"),
        max_length=255,
        blank=True,
        help_text=_("In Polish; shown in the languages it is not given in, saying so."),
    )
    # The note in the other languages, by language code; the Polish one is `note`.
    note_translations = models.JSONField(_("why, in other languages"), default=dict, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def session_name(self):
        """The session's programme and name, in the language it was written in."""
        session = (
            Session.objects.filter(
                translation_key=self.session_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .select_related("page")
            .first()
        )
        return session.full_title if session else ""

    session_name.short_description = _("session")

    def note_in(self, language_code):
        """Why it is cancelled, as a :class:`StaffNote` for readers of `language_code`."""
        return staff_note(self.note_translations.get(language_code, ""), self.note, language_code)


class CancelledSession(Cancellation):
    """A whole session that will not take place (staff's "Cancel session").

    Made by :meth:`cancel`: for a session that takes sign-ups, through
    ``signups.services.cancel_session``, which cancels the sign-ups too; for any
    other, by the editors' "Cancel session" (``events.editor_views``). Publishing
    the page, a draft saved before too, leaves it as it is. Calendars and feeds
    show the session as cancelled, with the note, for a while
    (``events.feeds.CANCELLED_KEPT``).
    """

    session_key = models.UUIDField(_("session"), unique=True)

    class Meta:
        verbose_name = _("cancelled session")
        verbose_name_plural = _("cancelled sessions")

    def __str__(self):
        return self.session_name()

    @classmethod
    def cancel(cls, session_key, *, notes, now=None):
        """Cancel the session of `session_key` in every language, saying why in `notes`
        (by language code; the Polish one is shown where a language has none).

        None when it is cancelled already.
        """
        source = settings.LANGUAGE_CODE
        try:
            with transaction.atomic():
                return cls.objects.create(
                    session_key=session_key,
                    note=notes.get(source, ""),
                    note_translations={
                        language: text
                        for language, text in notes.items()
                        if text and language != source
                    },
                    cancelled_at=now or timezone.now(),
                )
        except IntegrityError:
            return None


class CancelledOccurrence(Cancellation):
    """One date of a recurring session that will not take place (a club's Friday off).

    Unlike an exclusion in the rule, it stays visible: the calendar shows the date
    as cancelled, and feeds send it as a cancelled instance (``RECURRENCE-ID``).
    """

    session_key = models.UUIDField(_("session"), db_index=True)
    starts_at = models.DateTimeField(_("the occurrence that starts at"))

    objects = CancelledOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("cancelled date")
        verbose_name_plural = _("cancelled dates")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session_key", "starts_at"], name="unique_cancelled_occurrence"
            )
        ]

    def __str__(self):
        return timezone.localtime(self.starts_at, LOCAL_TIMEZONE).strftime("%Y-%m-%d %H:%M")


class EventPage(ProgrammePage):
    """A public event, one-off or recurring: a picnic, a cinema meeting, a conference."""

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")


def venues_of_centre(centre, request=None):
    """Where `centre`'s activities take place: the venues its programmes use, and its own.

    Programmes and venues name a centre in any of its languages (the page link is
    synchronised, not translated), hence the match on translation_key.
    """
    programmes = public(
        ProgrammePage.objects.live().filter(
            locale_id=centre.locale_id, organiser__translation_key=centre.translation_key
        ),
        request,
    )
    return Venue.objects.filter(
        models.Q(sessions__page__in=programmes)
        | models.Q(locale_id=centre.locale_id, centre__translation_key=centre.translation_key)
    ).distinct()


class EventIndexPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """The calendar of one language tree: events and workshop sessions in date order."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "events.EventPage",
        "workshops.SummerCampPage",
        "workshops.LibraryWorkshopPage",
        "workshops.SpeakingClubPage",
        "workshops.PolishCoursePage",
        "workshops.AdaptationCoursePage",
    ]

    class Meta:
        verbose_name = _("calendar")

    def programmes(self, request=None):
        return public(ProgrammePage.objects.live().child_of(self), request)

    def venue_url(self, venue):
        """The address of `venue`'s page in this calendar (the one way to link to it)."""
        return self.url + self.reverse_subpage("venue", args=(venue.slug,))

    def get_sitemap_urls(self, request=None):
        """The calendar, its list of venues, and a page for every venue of its language."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls.append({"location": base + self.reverse_subpage("venues")})
        urls += [
            {"location": base + self.reverse_subpage("venue", args=(slug,))}
            for slug in Venue.objects.filter(locale_id=self.locale_id).values_list(
                "slug", flat=True
            )
        ]
        return urls

    @path("")
    def upcoming(self, request):
        from ..views import upcoming_view

        return upcoming_view(request, self)

    @path("month/", name="this_month")
    @path("month/<int64:year>/<int64:month>/", name="month")
    def month(self, request, year=None, month=None):
        from ..views import month_view

        return month_view(request, self, year=year, month=month)

    @path("week/", name="week")
    def week(self, request):
        from ..views import week_view

        return week_view(request, self)

    @path("archive/", name="archive")
    def archive(self, request):
        from ..views import archive_view

        return archive_view(request, self)

    @path("venues/", name="venues")
    def venues(self, request):
        from ..views import venues_view

        return venues_view(request, self)

    # By slug; an id (the address before slugs, of any language) is sent on to the slug.
    @path("venue/<slug:venue_key>/", name="venue")
    def venue(self, request, venue_key):
        from ..views import venue_view

        return venue_view(request, self, venue_key)
