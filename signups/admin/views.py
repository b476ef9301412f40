"""
The staff side of sign-ups in the Wagtail admin: the sessions that take sign-ups,
who signed up for each, the export of that list, and what staff do about it.

Only people with ``events.view_participants`` see any of it (superusers have it
implicitly); everyone else gets a 403, whatever the URL. That one permission
also covers the answers to questions marked sensitive. Every look at a
participant list and every export is written to Wagtail's audit log against
the session's :class:`~events.models.Quota`, without personal data (the site
history is open to more people than this list). Every change goes through
``signups.services``, which logs it with the user who made it.
"""

from collections import OrderedDict, namedtuple

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from events.editor_forms import CancelSessionForm
from events.models import LOCAL_TIMEZONE, Quota

from .. import services
from ..attendance import (
    default_meeting,
    meetings_around,
    meetings_of,
    register_summaries,
    register_url,
)
from ..exports import ExportMixin
from ..models import Registration
from .forms import (
    CapacityForm,
    RegistrationFilterSet,
    SessionFilterSet,
    centre_title,
)
from .permissions import SignUpPermissionMixin

Status = Registration.Status


def session_url(quota):
    return reverse("sign_ups:registrations", args=[quota.pk])


def session_name(quota):
    session = quota.session
    if session is None:
        return gettext("Deleted session")
    return session.title or session.page.title


def photo_consent(participant):
    """Whether photos of `participant` may be taken, as (status tag class, label)."""
    if participant.photo_consent_withdrawn_at:
        return "w-status--critical", gettext("Withdrawn")
    if participant.photo_consent:
        return "w-status--primary", gettext("Allowed")
    return "w-status--critical", gettext("Not allowed")


def yes_no(value):
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


def attendance_text(attended):
    """A participant's mark at one meeting, as a cell of the export."""
    if attended is None:
        return ""
    return pgettext("attendance", "Present") if attended else pgettext("attendance", "Absent")


def answer_text(value):
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


class LookupMixin:
    """Looks up what the URL names (``get_objects``) before the view handles the request."""

    def dispatch(self, request, *args, **kwargs):
        self.get_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_objects(self, **kwargs):
        """Look up what the URL names."""


class SignUpAdminMixin(SignUpPermissionMixin, LookupMixin):
    """Refuses anyone without the permission before looking anything up (the permission
    mixin's dispatch comes first), then looks up what the URL names."""

    def log(self, action, **data):
        log(self.quota, action, user=self.request.user, data=data)


class ColumnsExportMixin(ExportMixin):
    """A CSV/XLSX export whose columns are ``export_columns``: field -> (heading, value of a row)."""

    @cached_property
    def list_export(self):
        return list(self.export_columns)

    @cached_property
    def export_headings(self):
        return {field: heading for field, (heading, _value) in self.export_columns.items()}

    def to_row_dict(self, item):
        return OrderedDict(
            (field, value(item)) for field, (_heading, value) in self.export_columns.items()
        )


class QuotaMixin(SignUpAdminMixin):
    def get_objects(self, quota_pk, **kwargs):
        self.quota = get_object_or_404(Quota.objects.select_related("session__page"), pk=quota_pk)


class RegistrationMixin(SignUpAdminMixin):
    def get_objects(self, pk, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.select_related("quota__session__page"), pk=pk
        )
        self.quota = self.registration.quota


class ActionMixin(WagtailAdminTemplateMixin):
    """A confirmation or form page about one session, under its list in the breadcrumbs."""

    header_icon = "group"

    def get_page_subtitle(self):
        return str(self.quota)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("sign_ups:index"), "label": gettext("Sign-ups")},
            {"url": session_url(self.quota), "label": session_name(self.quota)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quota=self.quota, back_url=session_url(self.quota), **kwargs
        )


NextMeeting = namedtuple("NextMeeting", ["starts_at", "is_over"])


def next_meeting(session, now):
    """When `session` next meets (a camp's next day, a club's next date), or, once it is
    over, when it last met, as a NextMeeting; None for a deleted session.

    Read from the session's own fields, so a listing spends no query on it.
    """
    if session is None:
        return None
    if session.daily:
        starts = session.daily_starts()
        following = next((start for start in starts if start >= now), None)
        return NextMeeting(following or starts[-1], following is None and session.ends_at < now)
    if session.repeats:
        first = timezone.make_naive(session.starts_at, LOCAL_TIMEZONE)
        rule = session.local_rule(first)
        following = rule.after(timezone.make_naive(now, LOCAL_TIMEZONE), inc=True, dtstart=first)
        if following is not None:
            return NextMeeting(timezone.make_aware(following, LOCAL_TIMEZONE), False)
        last = max(rule.occurrences(dtstart=first), default=first)
        last = timezone.make_aware(last, LOCAL_TIMEZONE)
        return NextMeeting(last, last + session.duration < now)
    return NextMeeting(session.starts_at, session.ends_at < now)


def upcoming_first(quota):
    """Sort key: sessions still to meet, the soonest first; then those over, the latest first."""
    meeting = quota.next_meeting
    if meeting is None:
        return (2, 0)
    moment = meeting.starts_at.timestamp()
    return (1, -moment) if meeting.is_over else (0, moment)


def programme_title(quota):
    session = quota.session
    return session.page.title if session else gettext("Deleted session")


def meeting_date_text(quota):
    if quota.next_meeting is None:
        return ""
    text = date_format(timezone.localtime(quota.next_meeting.starts_at), "SHORT_DATETIME_FORMAT")
    if quota.next_meeting.is_over:
        return gettext("last met %(date)s") % {"date": text}
    return text


def places_text(quota):
    """Places taken of the places there are: "8 / 10"."""
    return f"{quota.taken} / {quota.capacity}"


class SessionPaginator(WagtailPaginator):
    """Counts sessions ("33 sessions"), not the places model the rows are."""

    @cached_property
    def items_count_label(self):
        return ngettext("%(count)s session", "%(count)s sessions", self.count) % {
            "count": self.count
        }


class SessionListView(SignUpAdminMixin, BaseListingView):
    """The sessions that take sign-ups, with where, when and their places; the same few
    queries for any number.

    Upcoming sessions come first, the soonest (or already running) first; then those
    that are over, the most recent first.
    """

    model = Quota
    page_title = _("Sign-ups")
    header_icon = "group"
    index_url_name = "sign_ups:index"
    index_results_url_name = "sign_ups:index_results"
    is_searchable = True
    search_fields = [
        "session__title",
        "session__page__title",
        "session__venue__name",
        "session__venue__city",
    ]
    search_backend_name = None
    filterset_class = SessionFilterSet
    paginate_by = 50
    paginator_class = SessionPaginator
    verbose_name = _("session")
    verbose_name_plural = _("sessions")
    columns = [
        TitleColumn(
            "programme",
            label=_("Programme"),
            accessor=programme_title,
            get_url=session_url,
            sort_key="session__page__title",
        ),
        Column("session", label=_("Session"), accessor="session.title", sort_key="session__title"),
        Column(
            "venue", label=_("Venue"), accessor="session.venue", sort_key="session__venue__name"
        ),
        Column("centre", label=_("Centre"), accessor="centre_title", sort_key="centre_title"),
        Column("meets", label=_("Next date"), accessor=meeting_date_text),
        Column("places", label=_("Places taken"), accessor=places_text, sort_key="taken"),
        Column("waiting", label=_("Waiting"), sort_key="waiting"),
        Column("status", label=_("Status"), accessor="session.get_status_display"),
    ]

    def get_base_queryset(self):
        return Quota.objects.select_related("session__page", "session__venue").annotate(
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            centre_title=centre_title(),
        )

    def get_queryset(self):
        quotas = super().get_queryset()
        now = timezone.now()
        if self.is_explicitly_ordered:
            return quotas
        # When a session next meets depends on its rule (a club that started in
        # September meets this week): sorted here, the whole list, from one query.
        quotas = list(quotas)
        for quota in quotas:
            quota.next_meeting = next_meeting(quota.session, now)
        return sorted(quotas, key=upcoming_first)

    def get_table(self, object_list):
        now = timezone.now()
        for quota in object_list:
            if not hasattr(quota, "next_meeting"):
                quota.next_meeting = next_meeting(quota.session, now)
        return super().get_table(object_list)


class SessionSignUpsView(QuotaMixin, ColumnsExportMixin, BaseListingView):
    """Who signed up for one session, with their participants; exported as CSV or XLSX.

    The export has one row per participant, with the answers to the programme's
    questions under the labels of the page the session was written on.
    """

    model = Registration
    template_name = "signups/admin/session_sign_ups.html"
    results_template_name = "signups/admin/session_sign_ups_results.html"
    page_title = _("Sign-ups")
    header_icon = "group"
    filterset_class = RegistrationFilterSet
    is_searchable = True
    search_fields = ["name", "email", "participants__first_name", "participants__last_name"]
    search_backend_name = None
    # Everyone on one page: the waiting list reads in order.
    paginate_by = None
    verbose_name_plural = _("sign-ups")
    show_export_buttons = True

    @cached_property
    def questions(self):
        if self.quota.session is None:
            return []
        return list(self.quota.session.page.sign_up_questions.all())

    @cached_property
    def first_day(self):
        session = self.quota.session
        return session.first_day if session else None

    @cached_property
    def export_columns(self):
        """Every column of the export: field -> (heading, value of a participant)."""
        columns = OrderedDict(
            registrant=(_("Registrant"), lambda p: p.registration.name),
            email=(_("E-mail"), lambda p: p.registration.email),
            phone=(_("Phone"), lambda p: p.registration.phone),
            language=(_("Preferred language"), lambda p: p.registration.get_language_display()),
            status=(_("Status"), lambda p: p.registration.get_status_display()),
            position=(_("Position on the waiting list"), lambda p: p.registration.position),
            signed_up=(_("Signed up"), lambda p: p.registration.created_at),
            first_name=(_("First name"), lambda p: p.first_name),
            last_name=(_("Last name"), lambda p: p.last_name),
            birth_date=(_("Date of birth"), lambda p: p.birth_date),
            age=(_("Age on the first day"), lambda p: p.age_now),
        )
        for question in self.questions:
            columns[f"answer_{question.key}"] = (
                question.label,
                lambda p, key=question.key: answer_text(p.all_answers.get(key)),
            )
        columns["photos"] = (_("Photos"), lambda p: p.photos[1])
        # One column per meeting: present, absent, or empty when not marked.
        for meeting in self.meetings:
            columns[f"attendance_{meeting.date.isoformat()}"] = (
                gettext("Attendance on %(date)s")
                % {"date": date_format(meeting.date, "SHORT_DATE_FORMAT")},
                lambda p, day=meeting.date: attendance_text(p.marks.get(day)),
            )
        columns["cancelled"] = (_("Participant cancelled"), lambda p: p.cancelled_at)
        return columns

    @cached_property
    def meetings(self):
        return meetings_of(self.quota)

    def get_base_queryset(self):
        return self.quota.registrations.prefetch_related("participants__attendances")

    def search_queryset(self, queryset):
        # Searching participants' names joins them: one row per registration again.
        return super().search_queryset(queryset).distinct()

    def get_index_url(self):
        return session_url(self.quota)

    def get_index_results_url(self):
        return reverse("sign_ups:registrations_results", args=[self.quota.pk])

    def get_page_title(self):
        """The programme and the session's own name: "Półkolonie w Kaliszu – Turnus I"."""
        session = self.quota.session
        return session.full_title if session else gettext("Deleted session")

    def get_page_subtitle(self):
        """Where and when: the venue and the date(s)."""
        session = self.quota.session
        if session is None:
            return str(self.quota.session_key)
        return ", ".join(filter(None, [str(session.venue or ""), session.when_display]))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("sign_ups:index"), "label": gettext("Sign-ups")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_header_buttons(self):
        """What staff do most at the desk, in sight; the rest under "Actions" (a list to append to)."""
        buttons = []
        if self.quota.session and not self.quota.session.is_cancelled:
            # The staff desk (events/staff_views.py).
            buttons += [
                HeaderButton(
                    gettext("Add a sign-up"),
                    url=reverse("sign_ups:staff_sign_up", args=[self.quota.pk]),
                    icon_name="plus",
                ),
                HeaderButton(
                    gettext("E-mail everyone"),
                    url=reverse("sign_ups:session_message", args=[self.quota.pk]),
                    icon_name="mail",
                ),
            ]
        return buttons + super().get_header_buttons()

    def get_header_more_buttons(self):
        """The page's own links, places, cancelling, then the downloads."""
        buttons = []
        page = self.quota.session.page if self.quota.session else None
        if page is not None:
            if page.live and (live_url := page.get_url(self.request)):
                buttons.append(Button(gettext("View page"), url=live_url, icon_name="view"))
            buttons.append(
                Button(
                    gettext("Edit page"),
                    url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    icon_name="edit",
                )
            )
        buttons.append(
            Button(
                gettext("Change places"),
                url=reverse("sign_ups:capacity", args=[self.quota.pk]),
                icon_name="edit",
            )
        )
        if self.quota.session and not self.quota.session.is_cancelled:
            buttons.append(
                Button(
                    gettext("Cancel session"),
                    url=reverse("sign_ups:cancel_session", args=[self.quota.pk]),
                    icon_name="cross",
                )
            )
        for priority, button in enumerate(buttons, start=10):
            button.priority = priority
        return buttons + super().get_header_more_buttons()

    def get_filename(self):
        """The programme and the session, as staff tell them apart in their downloads."""
        session = self.quota.session
        if session is None:
            names = [str(self.quota.session_key)]
        else:
            names = [session.page.slug, slugify(session.title, allow_unicode=True)]
        return "-".join(
            [
                pgettext("file name", "sign-ups"),
                *filter(None, names),
                timezone.localdate().isoformat(),
            ]
        )

    def describe(self, registrations):
        """Give each registration its waiting position and each participant what is shown."""
        waiting = self.quota.registrations.filter(status=Status.WAITING).values_list(
            "pk", flat=True
        )
        positions = {pk: position for position, pk in enumerate(waiting, start=1)}
        for registration in registrations:
            registration.position = positions.get(registration.pk)
            for participant in registration.participants.all():
                participant.registration = registration
                participant.age_now = (
                    participant.age_on(self.first_day) if self.first_day else participant.age
                )
                participant.photos = photo_consent(participant)
                participant.all_answers = {
                    **participant.answers,
                    **participant.sensitive_answers,
                }
                participant.answer_list = [
                    (question, answer_text(participant.all_answers.get(question.key)))
                    for question in self.questions
                ]
                participant.marks = {
                    mark.date: mark.attended for mark in participant.attendances.all()
                }
                participant.present = sum(participant.marks.values())
                participant.absent = len(participant.marks) - participant.present
        return registrations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.describe(list(context["object_list"]))
        waiting = self.quota.registrations.filter(status=Status.WAITING).aggregate(
            sign_ups=Count("pk"), participants=Sum("places")
        )
        context.update(
            quota=self.quota,
            session=self.quota.session,
            waiting_sign_ups=waiting["sign_ups"],
            waiting_participants=waiting["participants"] or 0,
            # Offering places by hand makes sense only while some are free.
            can_offer_places=self.quota.free > 0,
        )
        if not self.results_only:
            context.update(self.registers_context())
        return context

    def registers_context(self):
        """The session's meetings, each with its register, the default one first in line."""
        meeting = default_meeting(self.meetings)
        return {
            "registers": register_summaries(self.quota, meetings_around(self.meetings, meeting)),
            "meeting_count": len(self.meetings),
            "default_meeting": meeting,
            "default_register_url": register_url(self.quota, meeting) if meeting else None,
        }

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            export_format = self.request.GET["export"]
            self.log("events.export_participants", format=export_format)
            participants = [
                participant
                for registration in context["object_list"]
                for participant in registration.participants.all()
            ]
            return self.as_spreadsheet(participants, export_format)
        self.log("events.view_participants")
        return super().render_to_response(context, **response_kwargs)


class CancelRegistrationView(RegistrationMixin, ActionMixin, TemplateView):
    template_name = "signups/admin/cancel_registration.html"
    page_title = _("Cancel a sign-up")

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.cancel(registration=self.registration, user=request.user)
        except services.SignUpError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("The sign-up of %(name)s is cancelled and they have been told by e-mail.")
                % {"name": self.registration.name},
            )
        return redirect(session_url(self.quota))


class OfferPlacesView(RegistrationMixin, View):
    """Offers places to one waiting sign-up out of turn; the family is e-mailed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            registration = services.offer_places(registration=self.registration, user=request.user)
        except services.SignUpError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("%(name)s has been offered the places until %(until)s.")
                % {
                    "name": registration.name,
                    "until": date_format(
                        timezone.localtime(registration.offer_expires_at),
                        "SHORT_DATETIME_FORMAT",
                    ),
                },
            )
        return redirect(session_url(self.quota))


class RefusedFormMixin:
    def refuse(self, form, error):
        """Show a refusal from the services on the form, as a 400."""
        form.add_error(error.field if error.field in form.fields else None, error.message)
        messages.error(self.request, error.message)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CapacityView(QuotaMixin, ActionMixin, RefusedFormMixin, FormView):
    template_name = "signups/admin/capacity.html"
    form_class = CapacityForm
    page_title = _("Change places")

    def get_initial(self):
        return {"capacity": self.quota.capacity}

    def form_valid(self, form):
        capacity = form.cleaned_data["capacity"]
        try:
            offers = services.change_capacity(
                quota=self.quota, capacity=capacity, user=self.request.user
            )
        except services.SignUpError as error:
            return self.refuse(form, error)
        message = gettext("The session now has %(capacity)s places.") % {"capacity": capacity}
        if offers:
            message += " " + ngettext(
                "The places freed were offered to %(count)s waiting sign-up.",
                "The places freed were offered to %(count)s waiting sign-ups.",
                len(offers),
            ) % {"count": len(offers)}
        messages.success(self.request, message)
        return redirect(session_url(self.quota))


class CancelSessionView(QuotaMixin, ActionMixin, RefusedFormMixin, FormView):
    template_name = "signups/admin/cancel_session.html"
    form_class = CancelSessionForm
    page_title = _("Cancel session")

    def get_objects(self, **kwargs):
        super().get_objects(**kwargs)
        if self.quota.session is None:
            raise Http404

    def get_context_data(self, **kwargs):
        active = self.quota.registrations.filter(status__in=Registration.ACTIVE)
        return super().get_context_data(
            active_sign_ups=active.count(),
            active_participants=active.aggregate(n=Sum("places"))["n"] or 0,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            cancelled = services.cancel_session(
                session=self.quota.session, notes=form.notes(), user=self.request.user
            )
        except services.SignUpError as error:
            return self.refuse(form, error)
        messages.success(
            self.request,
            ngettext(
                "The session is cancelled; %(count)s sign-up was cancelled and told by e-mail.",
                "The session is cancelled; %(count)s sign-ups were cancelled and told by e-mail.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )
        return redirect(session_url(self.quota))
