"""Forms and filters of the staff side of sign-ups and the calendar (the Wagtail admin)."""

import datetime

import django_filters

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from events.editor_forms import NotesByLanguageForm, note_field
from events.forms import CalendarDateField
from events.listing import local_midnight
from events.models import CancelledOccurrence, ProgrammePage, Quota, Session

from ..models import Registration


def programme_kinds():
    """The kinds of programme (events, camps, courses...) as choices: content type id, name.

    The ids are strings, as the filter form submits them, so that a chosen kind is
    named in Wagtail's filter pills.
    """
    models = ProgrammePage.kinds()
    content_types = ContentType.objects.get_for_models(*models)
    return sorted(
        ((str(content_types[model].pk), model._meta.verbose_name_plural) for model in models),
        key=lambda choice: str(choice[1]),
    )


def centres(request):
    from home.models import CentrePage

    # Programmes are written in the default language, so their organiser is too.
    return CentrePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "title"
    )


def in_centre(centre, session="session"):
    """A Q for the sessions that belong to `centre`: held at one of its venues, or, when
    the venue is not a centre's (a library, a park) or not set, organised by it.

    The one definition of a session's centre, for the sessions list and the
    statistics; `session` is the path to the session from the model filtered.
    Compared by translation key: a centre page in any language names the same centre.
    """
    key = centre.translation_key
    return Q(**{f"{session}__venue__centre__translation_key": key}) | Q(
        **{
            f"{session}__venue__centre__isnull": True,
            f"{session}__page__organiser__translation_key": key,
        }
    )


def centre_title(session="session"):
    """The title of the centre a session belongs to (see in_centre), for annotating."""
    return Coalesce(F(f"{session}__venue__centre__title"), F(f"{session}__page__organiser__title"))


def upcoming_sessions(now, session="session"):
    """A Q for the sessions not over at `now`.

    A repeating session (a weekly club) keeps only its first date; it counts as
    upcoming until someone ends it.
    """
    repeats = Q(**{f"{session}__recurrence__isnull": False}) & ~Q(**{f"{session}__recurrence": ""})
    return Q(**{f"{session}__ends_at__gte": now}) | repeats


class KindFilter(django_filters.ChoiceFilter):
    """The kind of programme of a quota's session, with an empty "any kind" choice first.

    The one definition for the sessions list and the statistics, which both list quotas.
    """

    def __init__(self, field_name="session__page__content_type", **kwargs):
        super().__init__(
            field_name=field_name,
            label=_("Kind of programme"),
            choices=programme_kinds,
            empty_label=_("Any kind"),
            **kwargs,
        )

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{self.field_name: int(value)})


class CentreFilter(django_filters.ModelChoiceFilter):
    """The centre a quota's session belongs to (see in_centre), by name, with an "any
    centre" choice: the one definition for the sessions list and the statistics."""

    def __init__(self, field_name="session", **kwargs):
        super().__init__(
            field_name=field_name,
            label=_("Centre"),
            queryset=centres,
            empty_label=_("Any centre"),
            **kwargs,
        )

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(in_centre(value, self.field_name))


class SessionFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        empty_label=_("Any time"),
    )
    kind = KindFilter()
    centre = CentreFilter()

    class Meta:
        model = Quota
        fields = []

    def filter_when(self, queryset, name, value):
        upcoming = upcoming_sessions(timezone.now())
        return queryset.filter(upcoming) if value == "upcoming" else queryset.exclude(upcoming)


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = Registration
        fields = []


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=0,
        help_text=_("In every language. Places gained are offered to the waiting list at once."),
    )


class RepeatingSessionChoiceField(forms.ModelChoiceField):
    """A repeating session as staff tell them apart: "Speaking club · Wednesdays, Poznań"."""

    def label_from_instance(self, session):
        venue = f", {session.venue.city or session.venue.name}" if session.venue else ""
        return f"{session.full_title}{venue}"


class CancelledOccurrenceForm(NotesByLanguageForm, WagtailAdminModelForm):
    """Cancel one date of a recurring session: staff pick the session and the day.

    Once cancelled, only the notes can be changed: a date cancelled by mistake is
    brought back by deleting the cancellation, which tells the families, as adding
    one does (``signups.services.cancel_date`` and ``restore_date``).
    """

    note_label = _("Why")

    session = RepeatingSessionChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        help_text=_("Only repeating sessions are listed; cancel a one-off session on its page."),
    )
    date = CalendarDateField(label=_("Date"), widget=AdminDateInput)

    class Meta:
        model = CancelledOccurrence
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sessions are written in the default language; the cancellation holds in all.
        sessions = (
            Session.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .exclude(Q(recurrence__isnull=True) | Q(recurrence=""))
            .select_related("page", "venue")
            .order_by("page__title", "starts_at")
        )
        self.fields["session"].queryset = sessions
        if self.instance.pk:
            self.initial["session"] = sessions.filter(
                translation_key=self.instance.session_key
            ).first()
            self.initial["date"] = timezone.localtime(self.instance.starts_at).date()
            self.fields["session"].disabled = self.fields["date"].disabled = True
            for code, text in self.instance.note_translations.items():
                self.initial[note_field(code)] = text

    def clean(self):
        cleaned = super().clean()
        session, day = cleaned.get("session"), cleaned.get("date")
        if session and day:
            start = local_midnight(day)
            found = session.occurrences_between(start, start + datetime.timedelta(days=1))
            if not found:
                self.add_error("date", _("This session does not take place on that day."))
            else:
                self.instance.session_key = session.translation_key
                self.instance.starts_at = found[0]
                already = CancelledOccurrence.objects.filter(
                    session_key=session.translation_key, starts_at=found[0]
                ).exclude(pk=self.instance.pk)
                if already.exists():
                    self.add_error("date", _("This date is already cancelled."))
        notes = self.notes()
        self.instance.note_translations = {
            code: text for code, text in notes.items() if code != settings.LANGUAGE_CODE
        }
        return cleaned
