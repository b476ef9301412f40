"""Forms of the editor's tools: a series of sessions at once, and the venue chooser's search.

``SessionSeriesForm`` turns a few answers (first day, number of weeks, venues,
hours, places, ages, sign-up window) into unsaved :class:`~events.models.Session`
rows, one for each first day and venue: a summer camp of 2 centres × 2 weeks is
one form, not four inline panels of 17 fields.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm, LocaleFilterMixin
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from .forms import CalendarDateField
from .models import LOCAL_TIMEZONE, Session, Venue

# More than this in one go is almost certainly a typing slip (52 weeks × 5 venues, say).
MOST_SESSIONS = 60
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def session_label(name):
    """The label the page editor's Sessions panel gives the same field."""
    return capfirst(Session._meta.get_field(name).verbose_name)


def numbered_pattern(title):
    """("Turnus {roman}", 2) for "Turnus II", ("Grupa {n}", 3) for "Grupa 3"; else (title, 1)."""
    prefix, _space, last = title.rpartition(" ")
    if prefix and last.isdigit():
        return f"{prefix} {{n}}", int(last)
    if prefix and last in ROMAN:
        return f"{prefix} {{roman}}", ROMAN.index(last) + 1
    return title, 1


def roman(number):
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


class SessionSeriesForm(forms.Form):
    """What the sessions to add share, and the first days and venues that tell them apart."""

    title_pattern = forms.CharField(
        label=_("Session name"),
        max_length=100,
        required=False,
        help_text=_(
            "Optional. {n} becomes the number of the week and {roman} the same in Roman "
            "numerals: “Turnus {roman}” gives Turnus I, Turnus II..."
        ),
    )
    first_number = forms.IntegerField(
        label=_("Number of the first week"),
        min_value=1,
        max_value=99,
        initial=1,
        help_text=_("{n} and {roman} count from this number."),
    )
    first_day = CalendarDateField(label=_("First day of the first session"), widget=AdminDateInput)
    weeks = forms.IntegerField(
        label=_("Number of weeks"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("A session each week, each starting seven days after the one before."),
    )
    more_days = forms.CharField(
        label=_("Other first days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, for dates that are not a week apart: one date a line, 2026-08-24."),
    )
    days = forms.IntegerField(
        label=_("Days each session lasts"),
        min_value=1,
        max_value=60,
        initial=1,
        help_text=_("5 for a week-long camp from Monday to Friday."),
    )
    daily = forms.ChoiceField(
        label=session_label("daily"),
        required=False,
        choices=[
            ("", _("No: one stretch of time from the start to the end")),
            *Session.Daily.choices,
        ],
        help_text=_("For a session over several days: it meets on each day at these hours."),
    )
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=AdminTimeInput)
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=AdminTimeInput)
    all_day = forms.BooleanField(label=session_label("all_day"), required=False)
    venues = forms.ModelMultipleChoiceField(
        label=_("Venues"),
        queryset=Venue.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A session for each venue ticked, on each first day."),
    )
    capacity = forms.IntegerField(
        label=session_label("capacity"),
        min_value=0,
        required=False,
        help_text=Session._meta.get_field("capacity").help_text,
    )
    waiting_list = forms.BooleanField(
        label=session_label("waiting_list"),
        required=False,
        initial=True,
        help_text=Session._meta.get_field("waiting_list").help_text,
    )
    min_age = forms.IntegerField(
        label=session_label("min_age"), min_value=0, max_value=120, required=False
    )
    max_age = forms.IntegerField(
        label=session_label("max_age"), min_value=0, max_value=120, required=False
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Sign-up opens on"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("The same moment for every session. Leave empty to open at once."),
    )
    opens_days_before = forms.IntegerField(
        label=_("Or sign-up opens this many days before each session"),
        min_value=1,
        max_value=365,
        required=False,
    )
    closes_days_before = forms.IntegerField(
        label=_("Sign-up closes this many days before each session"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=Session._meta.get_field("registration_closes_at").help_text,
    )

    def __init__(self, *args, page, existing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        # What is on the page already is not added twice: the same start at the same venue.
        self.existing = {(session.starts_at, session.venue_id) for session in existing}
        self.skipped = []
        self.fields["venues"].queryset = Venue.objects.filter(locale_id=page.locale_id)

    def clean_more_days(self):
        days = []
        for line in self.cleaned_data["more_days"].split():
            try:
                days.append(datetime.date.fromisoformat(line.strip(",;")))
            except ValueError:
                raise ValidationError(
                    _("“%(text)s” is not a date: write it as 2026-08-24."),
                    params={"text": line},
                ) from None
            self.fields["first_day"].validate(days[-1])
        return days

    def clean(self):
        data = super().clean()
        if not data.get("all_day"):
            for name in ("start_time", "end_time"):
                if name in data and data[name] is None:
                    self.add_error(name, _("Give the time, or tick “All day”."))
        if data.get("registration_opens_at") and data.get("opens_days_before"):
            self.add_error(
                "opens_days_before",
                _("Give one of the two: a moment for every session, or a number of days."),
            )
        if not self.errors:
            count = len(self.first_days()) * max(len(data["venues"]), 1)
            if count > MOST_SESSIONS:
                raise ValidationError(
                    _(
                        "That would make %(count)s sessions; at most %(most)s can be added at once."
                    ),
                    params={"count": count, "most": MOST_SESSIONS},
                )
        return data

    def first_days(self):
        data = self.cleaned_data
        weekly = [data["first_day"] + datetime.timedelta(weeks=n) for n in range(data["weeks"])]
        return sorted({*weekly, *data["more_days"]})

    def build_sessions(self):
        """The sessions to add, unsaved, in date order; each checked as the page editor would.

        A session the page already has (same start, same venue) is left out and listed
        in ``skipped``. Errors are raised as one ``ValidationError`` naming the session
        each is about.
        """
        data = self.cleaned_data
        sessions, errors = [], []
        for number, day in enumerate(self.first_days(), start=data["first_number"]):
            for venue in data["venues"] or [None]:
                session = self.session_on(day, number, venue)
                if (session.starts_at, session.venue_id) in self.existing:
                    self.skipped.append(session)
                    continue
                try:
                    session.clean()
                except ValidationError as error:
                    label = f"{session.title or day.isoformat()}, {venue or ''}".rstrip(", ")
                    errors += [f"{label}: {message}" for message in error.messages]
                sessions.append(session)
        if errors:
            raise ValidationError(errors)
        if not sessions:
            raise ValidationError(_("The page already has all these sessions."))
        return sessions

    def session_on(self, day, number, venue):
        data = self.cleaned_data
        last_day = day + datetime.timedelta(days=data["days"] - 1)
        if data["all_day"]:
            starts = local_time(day, datetime.time(0))
            ends = local_time(last_day, datetime.time(23, 59))
        else:
            starts = local_time(day, data["start_time"])
            ends = local_time(last_day, data["end_time"])
        opens = data["registration_opens_at"]
        if data["opens_days_before"]:
            opens = starts - datetime.timedelta(days=data["opens_days_before"])
        closes = None
        if data["closes_days_before"] is not None:
            closes = starts - datetime.timedelta(days=data["closes_days_before"])
        title = data["title_pattern"].replace("{n}", str(number)).replace("{roman}", roman(number))
        return Session(
            locale_id=self.page.locale_id,
            title=title,
            starts_at=starts,
            ends_at=ends,
            all_day=data["all_day"],
            daily=data["daily"] if data["days"] > 1 else "",
            venue=venue,
            capacity=data["capacity"],
            waiting_list=data["waiting_list"],
            min_age=data["min_age"],
            max_age=data["max_age"],
            registration_opens_at=opens,
            registration_closes_at=closes,
        )


def local_time(day, time):
    return datetime.datetime.combine(day, time, tzinfo=LOCAL_TIMEZONE)


def initial_from(session):
    """The form filled in from `session`: "copy a session" to other weeks or venues.

    Its own week and venue are ticked, and left out as already there: two weeks
    or one more venue is one answer changed. A name ending in a number ("Turnus I",
    "Grupa 2") becomes a pattern that counts on from it.
    """
    starts, ends = (
        timezone.make_naive(session.starts_at, LOCAL_TIMEZONE),
        timezone.make_naive(session.ends_at, LOCAL_TIMEZONE),
    )
    title_pattern, first_number = numbered_pattern(session.title)
    initial = {
        "title_pattern": title_pattern,
        "first_number": first_number,
        "first_day": starts.date(),
        "weeks": 1,
        "days": (ends.date() - starts.date()).days + 1,
        "daily": session.daily,
        "all_day": session.all_day,
        "start_time": None if session.all_day else starts.time(),
        "end_time": None if session.all_day else ends.time(),
        "venues": [session.venue_id] if session.venue_id else [],
        # Its places as they are now (staff may have changed them since it was made).
        "capacity": session.places,
        "waiting_list": session.waiting_list,
        "min_age": session.min_age,
        "max_age": session.max_age,
    }
    if session.registration_opens_at:
        # Camps open sign-up for every week on one day: the same moment.
        initial["registration_opens_at"] = session.registration_opens_at
    if session.registration_closes_at:
        before = session.starts_at - session.registration_closes_at
        initial["closes_days_before"] = max(before.days, 0)
    return initial


class VenueChooserFilterForm(LocaleFilterMixin, BaseFilterForm):
    """The venue chooser's search: by name or town, in the language of the page being edited."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or town")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q", "").strip():
            objects = objects.filter(Q(name__icontains=query) | Q(city__icontains=query))
            self.is_searching = True
            self.search_query = query
        return objects


# Why a session or a date is cancelled, in each language (staff's cancellations).


def note_field(code):
    """The form field of the note in language `code`."""
    return "note" if code == settings.LANGUAGE_CODE else f"note_{code}"


def with_other_language_notes(form_class):
    """Declare a ``note_<code>`` field on `form_class` for each language but Polish."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            field = forms.CharField(max_length=255, required=False)
            form_class.base_fields[note_field(code)] = field
            form_class.declared_fields[note_field(code)] = field
    return form_class


@with_other_language_notes
class NotesByLanguageForm(forms.Form):
    """Why something is cancelled, in each language: ``note`` in Polish, ``note_<code>`` in
    the others.

    A language left empty shows the Polish note, saying it is in Polish.
    """

    note_label = _("Why it is cancelled")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        for code in languages:
            field = self.fields[note_field(code)]
            field.label = gettext("%(label)s (%(language)s)") % {
                "label": self.note_label,
                "language": get_language_info(code)["name_translated"],
            }
            if code == settings.LANGUAGE_CODE:
                field.help_text = _(
                    "Shown in every language that has no note of its own, saying it is in Polish."
                )

    def notes(self):
        """The notes by language code, empty ones left out."""
        found = {
            code: self.cleaned_data.get(note_field(code), "") for code, _name in settings.LANGUAGES
        }
        return {code: text.strip() for code, text in found.items() if text.strip()}


class CancelSessionForm(NotesByLanguageForm):
    # One line per language, as on a cancelled date: at most 255 characters each.
    note = forms.CharField(max_length=255, required=False)
    field_order = [note_field(code) for code, _name in settings.LANGUAGES]
