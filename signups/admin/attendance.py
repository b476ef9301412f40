"""
Attendance registers in the Wagtail admin: one register per meeting of a session.

A camp that meets on five days has five registers, an eight-week club eight. From
the session's page staff open the register of a date (today's meeting by
default), mark each confirmed participant present or absent or leave them not
marked, print it to tick on paper, or download it. The same permission and audit
log as the rest of the sign-up admin (``signups.admin.views``); changes go through
``signups.services.mark_register``.
"""

from collections import OrderedDict

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages

from cic_site.converters import is_id

from .. import services
from ..attendance import (
    ABSENT,
    NOT_MARKED,
    PRESENT,
    STATES,
    default_meeting,
    meetings_of,
    register_url,
    who_takes_part,
)
from ..models import Attendance
from .views import (
    ActionMixin,
    ColumnsExportMixin,
    QuotaMixin,
    answer_text,
    attendance_text,
    photo_consent,
    session_url,
)


class RegisterMixin(QuotaMixin):
    """The register of one meeting of a session, chosen by ``?date=`` (ISO) or by default."""

    def get_objects(self, **kwargs):
        super().get_objects(**kwargs)
        self.meetings = meetings_of(self.quota)
        requested = self.request.GET.get("date") or self.request.POST.get("date")
        if requested:
            self.meeting = next(
                (m for m in self.meetings if m.date.isoformat() == requested), None
            )
        else:
            self.meeting = default_meeting(self.meetings)
        if self.meeting is None:
            raise Http404

    def log(self, action, **data):
        super().log(action, date=self.meeting.date.isoformat(), **data)

    @cached_property
    def questions(self):
        """The programme's questions that are not sensitive (who collects the child...)."""
        page = self.quota.session.page
        return [question for question in page.sign_up_questions.all() if not question.sensitive]

    def get_rows(self):
        """Everyone taking part, with what the register shows of them and their mark."""
        first_day = self.quota.session.first_day
        marks = dict(
            Attendance.objects.filter(
                participant__quota=self.quota, date=self.meeting.date
            ).values_list("participant_id", "attended")
        )
        participants = who_takes_part(self.quota).select_related("registration")
        rows = []
        for participant in participants.order_by("last_name", "first_name", "pk"):
            attended = marks.get(participant.pk)
            participant.age_now = participant.age_on(first_day)
            participant.photos = photo_consent(participant)
            participant.answer_list = [
                (question, answer_text(participant.answers.get(question.key)))
                for question in self.questions
            ]
            participant.attended = attended
            participant.state = {True: PRESENT, False: ABSENT}.get(attended, NOT_MARKED)
            rows.append(participant)
        return rows


class AttendanceView(RegisterMixin, ColumnsExportMixin, ActionMixin, TemplateView):
    """The register of one meeting: present, absent or not marked for each participant.

    Saving changes only what staff changed, and says how many; a participant left
    "not marked" stays so (never absent by default). Exported as CSV or XLSX.
    """

    template_name = "signups/admin/attendance_register.html"
    header_icon = "tick"

    def get_page_title(self):
        return gettext("Register for %(date)s") % {"date": self.meeting.label}

    def get_page_subtitle(self):
        return self.quota.session.full_title

    @cached_property
    def export_columns(self):
        columns = OrderedDict(
            first_name=(_("First name"), lambda p: p.first_name),
            last_name=(_("Last name"), lambda p: p.last_name),
            age=(_("Age on the first day"), lambda p: p.age_now),
            photos=(_("Photos"), lambda p: p.photos[1]),
        )
        for question in self.questions:
            columns[f"answer_{question.key}"] = (
                question.label,
                lambda p, key=question.key: answer_text(p.answers.get(key)),
            )
        columns.update(
            registrant=(_("Registrant"), lambda p: p.registration.name),
            phone=(_("Phone"), lambda p: p.registration.phone),
            attendance=(
                _("Attendance"),
                lambda p: attendance_text(p.attended),
            ),
        )
        return columns

    def get_filename(self):
        session = self.quota.session
        return "-".join(
            filter(
                None,
                [
                    pgettext("file name", "register"),
                    session.page.slug,
                    slugify(session.title, allow_unicode=True),
                    self.meeting.date.isoformat(),
                ],
            )
        )

    def get_context_data(self, **kwargs):
        index = self.meetings.index(self.meeting)
        return super().get_context_data(
            meeting=self.meeting,
            meetings=self.meetings,
            rows=self.get_rows(),
            questions=self.questions,
            previous_url=register_url(self.quota, self.meetings[index - 1]) if index else None,
            next_url=(
                register_url(self.quota, self.meetings[index + 1])
                if index + 1 < len(self.meetings)
                else None
            ),
            print_url=register_url(self.quota, self.meeting, "sign_ups:attendance_print"),
            csv_url=register_url(self.quota, self.meeting, export="csv"),
            xlsx_url=register_url(self.quota, self.meeting, export="xlsx"),
            action_url=reverse("sign_ups:attendance", args=[self.quota.pk]),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        if self.is_export:
            export_format = request.GET["export"]
            self.log("events.export_participants", format=export_format)
            return self.as_spreadsheet(self.get_rows(), export_format)
        self.log("events.view_participants")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        marks = {}
        for name, value in request.POST.items():
            prefix, _sep, pk = name.partition("-")
            if prefix == "attendance" and is_id(pk) and value in STATES:
                marks[int(pk)] = STATES[value]
        changes = services.mark_register(
            quota=self.quota, date=self.meeting.date, marks=marks, user=request.user
        )
        messages.success(request, changes_message(changes, self.meeting))
        return redirect(register_url(self.quota, self.meeting))


def changes_message(changes, meeting):
    """What saving a register changed, counting real changes only."""
    if not changes.total:
        return gettext("Nothing changed in the register for %(date)s.") % {"date": meeting.label}
    parts = [
        ngettext("%(count)s marked present", "%(count)s marked present", changes.present)
        % {"count": changes.present},
        ngettext("%(count)s marked absent", "%(count)s marked absent", changes.absent)
        % {"count": changes.absent},
    ]
    if changes.cleared:
        parts.append(
            ngettext(
                "%(count)s set back to not marked",
                "%(count)s set back to not marked",
                changes.cleared,
            )
            % {"count": changes.cleared}
        )
    return gettext("Register for %(date)s saved: %(changes)s.") % {
        "date": meeting.label,
        "changes": ", ".join(parts),
    }


class PrintRegisterView(RegisterMixin, TemplateView):
    """The register of one meeting as a plain page to print and tick on paper."""

    template_name = "signups/admin/attendance_register_print.html"

    def get_context_data(self, **kwargs):
        session = self.quota.session
        return super().get_context_data(
            quota=self.quota,
            session=session,
            meeting=self.meeting,
            rows=self.get_rows(),
            questions=self.questions,
            register_url=register_url(self.quota, self.meeting),
            back_url=session_url(self.quota),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        self.log("events.view_participants", printed=True)
        return super().get(request, *args, **kwargs)
