"""
The staff desk: what centre staff do for a family on the phone or at the desk.

Sign a family up for a session (the public form's rules, through
``services.sign_up``), correct a sign-up, move it to another session, cancel
one child, and e-mail everyone of a session in their language. Each page sits
under its session's sign-ups (``signups.admin.views``), needs the same
permission and works without JavaScript; the services write the audit log of
the session, with the member of staff and without personal data.
"""

import uuid

from django.core.cache import cache
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.models import Locale

from .. import services
from ..models import Registration
from ..views import sign_up_forms
from .staff_desk_forms import (
    CancelParticipantForm,
    MoveForm,
    ParticipantEditForm,
    RegistrationEditForm,
    SessionMessageForm,
    StaffRegistrantForm,
)
from .views import (
    ActionMixin,
    QuotaMixin,
    RefusedFormMixin,
    RegistrationMixin,
    session_name,
    session_url,
)

Status = Registration.Status

# How long a message form's key is remembered: a reload a week later still sends nothing.
MESSAGE_KEY_SECONDS = 7 * 24 * 60 * 60


def see_other(url):
    """A redirect after a POST that the browser follows with a GET (a reload posts nothing)."""
    response = redirect(url)
    response.status_code = 303
    return response


def status_message(registration):
    """What staff are told about a family's sign-up now: confirmed, or its waiting position."""
    if registration.status == Status.WAITING:
        return gettext(
            "%(name)s is on the waiting list, at position %(position)s, and has been told by "
            "e-mail."
        ) % {"name": registration.name, "position": registration.waiting_position()}
    return gettext(
        "%(name)s is signed up (%(status)s) and has been sent the details and the private "
        "link by e-mail."
    ) % {"name": registration.name, "status": registration.get_status_display()}


def hide_errors(form):
    """Show a bound form as typed, without checking it (a participant added or removed)."""
    form._errors = ErrorDict()


class StaffSignUpView(QuotaMixin, ActionMixin, TemplateView):
    """A family signed up by staff, on the phone or at the desk, by the public form's rules.

    The participants' part is the public form's (its questions, age and
    duplicate checks, adding and removing participants without JavaScript), in
    the admin's language; the registrant gets the same e-mails and private link,
    in the language staff choose for them. The consent is recorded as read to
    the family and agreed to, with the current text's version.
    """

    template_name = "signups/admin/staff_sign_up.html"
    page_title = _("Add a sign-up")

    def get_objects(self, **kwargs):
        super().get_objects(**kwargs)
        if self.quota.session is None:
            raise Http404
        # The programme's questions in the admin's language when the page is translated.
        self.session = self.quota.session_in(Locale.get_active())
        self.page = self.session.page

    def get_forms(self, data=None):
        forms = sign_up_forms(self.request, self.page, self.session, data=data)
        data = forms["participants"].data if data is not None else None
        # The text staff read to the family, in the programme page's language.
        forms["data_consent_text"] = forms["registrant_form"].fields["data_consent"].label
        forms["registrant_form"] = StaffRegistrantForm(
            data,
            data_consent_text=forms["data_consent_text"],
            initial={"language": "pl", "submission_key": uuid.uuid4()},
        )
        return forms

    def get_context_data(self, **kwargs):
        if "participants" not in kwargs:
            kwargs.update(self.get_forms())
        return super().get_context_data(
            session=self.session,
            # Closed, cancelled, or full without a waiting list: no form, and why.
            state=(state := self.session.public_state()),
            refusal=services.refusal_of(state),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        forms = self.get_forms(request.POST)
        registrant_form, participants = forms["registrant_form"], forms["participants"]
        if "add_participant" in request.POST or "remove_participant" in request.POST:
            hide_errors(registrant_form)
            for form in participants.forms:
                hide_errors(form)
            participants._non_form_errors = ErrorList()
            return self.render_to_response(self.get_context_data(**forms))
        # Both checked, so that every problem shows in one round.
        registrant_valid = registrant_form.is_valid()
        if not (participants.is_valid() and registrant_valid):
            return self.render_to_response(self.get_context_data(**forms), status=400)
        submission_key = registrant_form.cleaned_data["submission_key"]
        try:
            registration = services.sign_up(
                session=self.session,
                registrant=registrant_form.registrant(),
                participants=participants.participants(),
                data_consent_version=forms["data_consent_version"],
                submission_key=submission_key,
                page=self.page,
                user=request.user,
            )
        except services.SignUpError as error:
            if error.participant is not None and error.field:
                participants.filled_forms()[error.participant].add_error(
                    error.field, error.message
                )
            else:
                registrant_form.add_error(None, error.message)
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(**forms), status=400)
        messages.success(request, status_message(registration))
        return see_other(session_url(self.quota))


class EditRegistrationView(RegistrationMixin, ActionMixin, TemplateView):
    """Corrects a sign-up: the registrant's details, and each participant's names and birth date."""

    template_name = "signups/admin/staff_edit_registration.html"
    page_title = _("Edit a sign-up")

    def get_forms(self, data=None):
        registration = self.registration
        registration_form = RegistrationEditForm(
            data,
            initial={
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "language": registration.language,
            },
        )
        participant_forms = [
            ParticipantEditForm(data, participant=participant, session=self.quota.session)
            for participant in registration.active_participants()
        ]
        return {"form": registration_form, "participant_forms": participant_forms}

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs.update(self.get_forms())
        return super().get_context_data(registration=self.registration, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.registration.status == Status.CANCELLED:
            return self.get(request, *args, **kwargs)
        forms = self.get_forms(request.POST)
        form, participant_forms = forms["form"], forms["participant_forms"]
        valid = [form.is_valid()] + [f.is_valid() for f in participant_forms]
        if not all(valid):
            return self.render_to_response(self.get_context_data(**forms), status=400)
        notify = form.cleaned_data["notify"]
        try:
            changed = services.edit_registration(
                registration=self.registration,
                registrant=form.registrant(),
                participants=[f.change() for f in participant_forms],
                notify=notify,
                user=request.user,
            )
        except services.SignUpError as error:
            if error.participant is not None and error.field:
                participant_forms[error.participant].add_error(error.field, error.message)
            else:
                form.add_error(None, error.message)
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(**forms), status=400)
        if not changed:
            messages.info(request, gettext("Nothing was changed."))
            return see_other(session_url(self.quota))
        message = gettext("The sign-up of %(name)s is saved.") % {
            "name": form.cleaned_data["name"]
        }
        if notify:
            message += " " + gettext("They have been told by e-mail.")
        messages.success(request, message)
        return see_other(session_url(self.quota))


class MoveRegistrationView(RegistrationMixin, ActionMixin, RefusedFormMixin, FormView):
    """Moves a sign-up to another session: the family keeps its private link and is e-mailed."""

    template_name = "signups/admin/staff_move_registration.html"
    form_class = MoveForm
    page_title = _("Move a sign-up")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registration": self.registration}

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def form_valid(self, form):
        target = form.cleaned_data["to_quota"]
        try:
            registration = services.move_registration(
                registration=self.registration,
                to_session=target.session,
                waiting_list=form.cleaned_data["if_full"] == "wait",
                user=self.request.user,
            )
        except services.SignUpError as error:
            return self.refuse(form, error)
        messages.success(
            self.request,
            gettext("The sign-up is moved to %(session)s.") % {"session": session_name(target)}
            + " "
            + status_message(registration),
        )
        return see_other(session_url(target))


class CancelParticipantView(RegistrationMixin, ActionMixin, RefusedFormMixin, FormView):
    """Cancels one participant of a sign-up, or all of it; the family is told by e-mail."""

    template_name = "signups/admin/staff_cancel_participant.html"
    form_class = CancelParticipantForm
    page_title = _("Cancel one participant")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registration": self.registration}

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def form_valid(self, form):
        participant = form.participant()
        try:
            registration = services.cancel(
                registration=self.registration,
                participant=participant,
                user=self.request.user,
            )
        except services.SignUpError as error:
            return self.refuse(form, error)
        if registration.status == Status.CANCELLED:
            message = gettext(
                "The sign-up of %(name)s is cancelled and they have been told by e-mail."
            ) % {"name": registration.name}
        else:
            message = gettext(
                "%(participant)s is no longer signed up; %(name)s has been told by e-mail."
            ) % {"participant": participant, "name": registration.name}
        messages.success(self.request, message)
        return see_other(session_url(self.quota))


class SessionMessageView(QuotaMixin, ActionMixin, RefusedFormMixin, FormView):
    """Staff's own e-mail to everyone of a session, in each family's language where given."""

    template_name = "signups/admin/staff_session_message.html"
    form_class = SessionMessageForm
    page_title = _("E-mail everyone")

    def recipient_counts(self):
        return {
            key: services.session_message_recipients(quota=self.quota, recipients=key).count()
            for key in services.RECIPIENTS
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "counts": self.recipient_counts()}

    def form_valid(self, form):
        key = form.cleaned_data["form_key"]
        # cache.add is atomic: of two posts of the same form, one sends.
        if not cache.add(f"events:session-message:{key}", True, MESSAGE_KEY_SECONDS):
            messages.warning(self.request, gettext("This message has been sent already."))
            return see_other(session_url(self.quota))
        recipients = form.cleaned_data["recipients"]
        subjects, bodies = form.texts("subject"), form.texts("body")
        try:
            count = services.email_session(
                quota=self.quota,
                subject_by_language=subjects,
                body_by_language=bodies,
                recipients=recipients,
                user=self.request.user,
            )
        except services.SignUpError as error:
            cache.delete(f"events:session-message:{key}")
            return self.refuse(form, error)
        messages.success(
            self.request,
            ngettext(
                "The message is on its way to %(count)s sign-up.",
                "The message is on its way to %(count)s sign-ups.",
                count,
            )
            % {"count": count},
        )
        return see_other(session_url(self.quota))
