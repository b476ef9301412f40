"""
Three reports on sign-ups in the Wagtail admin's Reports menu: the figures the
centres publish (sign-up statistics, counted by ``signups.statistics``), how many
families subscribed to alerts (alert subscribers, counted there too), and the
audit log of who looked at or changed sign-ups (the ``events.*`` entries of
Wagtail's audit log, see ``signups.audit``): staff, the families through their
private links, and the scheduled jobs.

All are for staff with ``events.view_participants`` only, a 403 for everyone
else, exports included. The statistics are counts, not personal data: opening
or exporting them is not itself logged.
"""

import datetime
import json

import django_filters
from django_countries import countries
from django_filters.fields import DateRangeField, RangeField

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import IntegerField, Value
from django.urls import path, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry

from events.forms import CalendarDateField
from events.models import ProgrammePage, Quota

from . import statistics
from .admin.forms import CentreFilter, KindFilter
from .admin.permissions import SignUpPermissionMixin
from .exports import ExportMixin

# How many countries a programme's row names; the total names them all.
TOP_COUNTRIES = 5


# Sign-up statistics.


def programmes(request):
    """Programmes as written, in the default language (sessions' places belong to those)."""
    return ProgrammePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "title"
    )


def default_period():
    """From a year ago on: the past year, and the sessions already taking sign-ups."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=365), None


class CalendarPeriodField(DateRangeField):
    """From one day to another, each in the calendar's years: a day of year 1 or 9999
    is a message next to the field, not a date that overflows in the query."""

    def __init__(self, *args, **kwargs):
        RangeField.__init__(self, (CalendarDateField(), CalendarDateField()), *args, **kwargs)


class CalendarPeriodFilter(django_filters.DateFromToRangeFilter):
    field_class = CalendarPeriodField


class StatisticsFilterSet(WagtailFilterSet):
    """Which sessions are counted: by their first day, centre, kind of programme, programme."""

    period = CalendarPeriodFilter(
        label=_("Period"),
        field_name="session__starts_at",
        widget=DateRangePickerWidget,
        help_text=_(
            "Sessions starting on these days; when left empty, from a year ago on, "
            "upcoming sessions included."
        ),
    )
    centre = CentreFilter()
    kind = KindFilter()
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        field_name="session__page",
        queryset=programmes,
        empty_label=_("Any programme"),
    )

    class Meta:
        model = Quota
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        first, last = default_period()
        # The range widget submits period_from and period_to; with neither, the default.
        if data is not None and not (data.get("period_from") or data.get("period_to")):
            data = data.copy()
            data["period_from"] = first.isoformat()
        super().__init__(data, *args, **kwargs)
        # The default period is not shown as a filter someone chose.
        self.filters["period"].extra["initial"] = [first, last]


def programme_title(figures):
    return gettext("All programmes") if figures.is_total else figures.title


def programme_url(figures):
    return None if figures.is_total else reverse("wagtailadmin_pages:edit", args=[figures.page_id])


def attendance_rate(figures):
    rate = figures.attendance_rate
    return "–" if rate is None else rate


def attendance_per_meeting(figures):
    average = figures.attendance_per_meeting
    return "–" if average is None else average


def countries_text(figures):
    """The countries of origin, most frequent first: the first few for a programme, all in total."""
    ranked = sorted(
        ((str(countries.name(code)), count) for code, count in figures.countries.items()),
        key=lambda item: (-item[1], item[0]),
    )
    shown = ranked if figures.is_total else ranked[:TOP_COUNTRIES]
    parts = [f"{name} {count}" for name, count in shown]
    others = sum(count for _name, count in ranked[len(shown) :])
    if others:
        parts.append(gettext("other countries %(count)s") % {"count": others})
    return ", ".join(parts)


def statistics_columns():
    """The table's columns, which are also the export's, with headings in the active language."""
    return [
        TitleColumn(
            "programme",
            label=gettext("Programme"),
            accessor=programme_title,
            get_url=programme_url,
        ),
        Column("kind", label=gettext("Kind of programme")),
        Column("organiser", label=gettext("Organising centre")),
        Column("sessions", label=gettext("Sessions")),
        Column("sign_ups", label=gettext("Sign-ups")),
        Column("participants", label=gettext("Participants")),
        Column("confirmed", label=gettext("Confirmed participants")),
        Column("waiting", label=gettext("Participants on the waiting list")),
        Column("offered", label=gettext("Participants offered a place")),
        Column("cancelled", label=gettext("Cancelled participants")),
        Column("attended", label=gettext("Participants who attended")),
        Column("meetings", label=gettext("Meetings held")),
        Column("registers", label=gettext("Meetings with attendance taken")),
        Column(
            "attendance_per_meeting",
            label=gettext("Present per meeting (average)"),
            accessor=attendance_per_meeting,
        ),
        Column("attendance_marked", label=gettext("Attendance marked")),
        Column("attendance_rate", label=gettext("Attendance (%)"), accessor=attendance_rate),
        Column("children", label=gettext("Children 0–12 (confirmed)")),
        Column("youth", label=gettext("Youth 13–17 (confirmed)")),
        Column("adults", label=gettext("Adults 18+ (confirmed)")),
        Column("age_unknown", label=gettext("Age unknown (confirmed)")),
        *(
            Column(
                f"language_{code}",
                label=gettext("Preferred language: %(language)s (confirmed sign-ups)")
                % {"language": get_language_info(code)["name_translated"]},
                accessor=f"languages.{code}",
            )
            for code, _name in settings.LANGUAGES
        ),
        Column(
            "countries",
            label=gettext("Countries of origin (confirmed participants)"),
            accessor=countries_text,
        ),
    ]


class StatisticsTable(Table):
    def get_row_classname(self, instance):
        return "sign-up-statistics-total" if instance.is_total else ""


class SignUpStatisticsView(SignUpPermissionMixin, ExportMixin, ReportView):
    """Per programme, for the sessions chosen: sign-ups, participants, attendance, ages,
    languages and countries, with their total, on one page; exported as CSV or XLSX.
    """

    page_title = _("Sign-up statistics")
    header_icon = "table"
    index_url_name = "sign_up_reports:statistics"
    index_results_url_name = "sign_up_reports:statistics_results"
    template_name = "signups/reports/sign_up_statistics.html"
    results_template_name = "signups/reports/sign_up_statistics_results.html"
    filterset_class = StatisticsFilterSet
    table_class = StatisticsTable
    # Every programme on one page, above their total.
    paginate_by = None
    verbose_name_plural = _("programmes")

    @cached_property
    def columns(self):
        return statistics_columns()

    @cached_property
    def list_export(self):
        return [column.name for column in self.columns]

    @cached_property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    def get_filtered_queryset(self):
        self.statistics = statistics.by_programme(self.filter_queryset(Quota.objects.all()))
        return self.statistics.programmes

    def with_total(self, programmes):
        return [*programmes, self.statistics.total] if programmes else []

    def get_table(self, object_list):
        return super().get_table(self.with_total(object_list))

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                self.with_total(context["object_list"]), self.request.GET["export"]
            )
        return super().render_to_response(context, **response_kwargs)

    def to_row_dict(self, item):
        row = {column.name: column.get_value(item) for column in self.columns}
        # The page shows a dash where no attendance was marked; a spreadsheet gets an
        # empty cell, so that the column stays numbers and its sums and averages work.
        row["attendance_rate"] = item.attendance_rate
        row["attendance_per_meeting"] = item.attendance_per_meeting
        return row

    def get_filename(self):
        name = pgettext("file name", "sign-up-statistics")
        return f"{name}-{timezone.localdate().isoformat()}"


# Alert subscribers.


class AlertStatisticsView(SignUpPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """How many families hear about sign-ups opening: confirmed subscriptions per centre,
    kind of activity and language of the e-mails, and the requests awaiting confirmation.
    Counts only: no address is read.
    """

    page_title = _("Alert subscribers")
    header_icon = "mail"
    template_name = "signups/reports/alert_statistics.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(figures=statistics.alert_subscribers(), **kwargs)


# The sign-up audit log.

ACTION_PREFIX = "events."


def sign_up_log_entries():
    return ModelLogEntry.objects.filter(action__startswith=ACTION_PREFIX)


def data_text(data):
    """What a log entry records besides who, when and what, as JSON for a spreadsheet."""
    if not data:
        return ""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


class AuditLogFilterSet(HistoryFilterSet):
    """Site history's filters (action, user, date), offering only what sign-ups log."""

    class Meta:
        model = ModelLogEntry
        fields = []

    def get_action_choices(self):
        return [
            (action, label)
            for action, label in log_action_registry.get_choices()
            if action.startswith(ACTION_PREFIX)
        ]

    def get_users_queryset(self):
        return sign_up_log_entries().get_users()


class SignUpAuditLogView(SignUpPermissionMixin, ExportMixin, LogEntriesView):
    """Wagtail's site history narrowed to sign-ups: every view and export of a participant
    list and every change to a sign-up, newest first, with who ("system" for the family
    and the scheduled jobs, which the action names), when, which session and what was
    recorded with it.

    Shown to everyone who may see sign-ups, whatever else of the site history they
    may see; the entries themselves hold no personal data.
    """

    page_title = _("Sign-up audit log")
    index_url_name = "sign_up_reports:audit_log"
    index_results_url_name = "sign_up_reports:audit_log_results"
    results_template_name = "signups/reports/sign_up_audit_log_results.html"
    filterset_class = AuditLogFilterSet
    list_export = ["timestamp", "user_display_name", "action", "label", "data"]
    export_headings = {
        "timestamp": _("Date/Time"),
        "user_display_name": _("User"),
        "action": _("Action"),
        "label": _("Session"),
        "data": _("Details"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The details as they were recorded (times: ExportMixin).
        self.custom_field_preprocess["data"] = dict.fromkeys(self.FORMATS, data_text)

    def get_filtered_queryset(self):
        # Sign-ups log on models only, so of the site history's union of log models
        # only ModelLogEntry is left, in the shape its decorate_paginated_queryset reads.
        self.log_models = [ModelLogEntry]
        entries = (
            sign_up_log_entries()
            .values("pk", "timestamp")
            .annotate(log_model_index=Value(0, output_field=IntegerField()))
        )
        return self.filter_queryset(entries).order_by("-timestamp", "-pk")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        quota_type = ContentType.objects.get_for_model(Quota)
        logged = {entry.object_id for entry in entries if entry.content_type_id == quota_type.pk}
        existing = {
            str(pk) for pk in Quota.objects.filter(pk__in=logged).values_list("pk", flat=True)
        }
        for entry in entries:
            entry.session_url = (
                reverse("sign_ups:registrations", args=[entry.object_id])
                if entry.content_type_id == quota_type.pk and entry.object_id in existing
                else None
            )
        return entries

    def get_action_label(self, action):
        if log_action_registry.action_exists(action):
            return force_str(log_action_registry.get_action_label(action))
        return action

    def get_filename(self):
        name = pgettext("file name", "sign-up-audit-log")
        return f"{name}-{timezone.localdate().isoformat()}"


urlpatterns = [
    path("statistics/", SignUpStatisticsView.as_view(), name="statistics"),
    path(
        "statistics/results/",
        SignUpStatisticsView.as_view(results_only=True),
        name="statistics_results",
    ),
    path("alerts/", AlertStatisticsView.as_view(), name="alert_statistics"),
    path("audit-log/", SignUpAuditLogView.as_view(), name="audit_log"),
    path(
        "audit-log/results/",
        SignUpAuditLogView.as_view(results_only=True),
        name="audit_log_results",
    ),
]
