"""The page editor's form for programmes.

Sessions people signed up for are not deleted. What staff own is shown, not
edited: a session's places once it has a quota (changed under Sign-ups, "Change
places"), and a session's cancellation ("Cancel session", under Sign-ups for a
session that takes sign-ups, else ``events.editor_views``). Those fields are
disabled, so whatever a form sends for them, the session row keeps its own value
and publishing the page (an older draft too) changes neither.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


def cancel_session_url(page, session, action="cancel"):
    """The editor's "Cancel session" of a session without sign-ups, or "restore" to bring it back."""
    return reverse(f"events_{action}_session", args=[page.pk, session.translation_key])


class StaffOwnedWidget(forms.Widget):
    """Shows a value staff change elsewhere, with a link to where they do, instead of an input."""

    template_name = "events/admin/widgets/staff_owned.html"

    def __init__(self, *, text, link_text="", url="", attrs=None):
        super().__init__(attrs)
        self.text, self.link_text, self.url = text, link_text, url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context.update(text=self.text, link_text=self.link_text, url=self.url)
        return context


class ProgrammePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_what_staff_own()

    def show_what_staff_own(self):
        """Make the places of sessions with a quota, and cancelled sessions' status, read-only.

        Two queries for the whole formset, whatever the number of sessions.
        """
        from .models import CancelledSession, Quota

        sessions = self.formsets.get("sessions")
        if sessions is None:
            return
        keys = [form.instance.translation_key for form in sessions.forms]
        quotas = {quota.session_key: quota for quota in Quota.objects.filter(session_key__in=keys)}
        cancellations = {
            cancelled.session_key: cancelled
            for cancelled in CancelledSession.objects.filter(session_key__in=keys)
        }
        for form in sessions.forms:
            key = form.instance.translation_key
            if (quota := quotas.get(key)) and "capacity" in form.fields:
                field = form.fields["capacity"]
                field.disabled = True
                field.help_text = _(
                    "Taken from the sign-ups: change it with “Change places”, which offers "
                    "new places to those waiting."
                )
                field.widget = StaffOwnedWidget(
                    text=str(quota.capacity),
                    link_text=_("Change places"),
                    url=reverse("sign_ups:capacity", args=[quota.pk]),
                )
            if "status" in form.fields and form.instance.pk and self.instance.pk:
                self.show_cancellation(form, quota, cancellations.get(key))

    def show_cancellation(self, form, quota, cancellation):
        """A saved session's status, with the way to cancel it or, cancelled, to bring it back.

        A session that takes sign-ups is cancelled under Sign-ups, which tells every
        family; any other here, with the editor's own "Cancel session".
        """
        field = form.fields["status"]
        if quota is not None:
            cancel_url = reverse("sign_ups:cancel_session", args=[quota.pk])
        else:
            cancel_url = cancel_session_url(self.instance, form.instance)
        if cancellation is None:
            field.help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("Called off? Cancel it in every language, saying why:"),
                cancel_url,
                _("Cancel session"),
            )
            return
        note = cancellation.note_in(self.instance.locale.language_code)
        field.disabled = True
        field.help_text = _(
            "Cancelled with “Cancel session”: publishing the page does not change that."
        )
        field.widget = StaffOwnedWidget(
            text=_("Cancelled: %(note)s") % {"note": note.text} if note else _("Cancelled"),
            link_text="" if quota else _("Bring it back"),
            url="" if quota else cancel_session_url(self.instance, form.instance, "restore"),
        )

    def is_valid(self):
        # The session formset is validated after the page form's own clean(),
        # so the deleted sessions are known only here.
        return super().is_valid() and not self.refuse_deleting_signed_up_sessions()

    def refuse_deleting_signed_up_sessions(self):
        from .models import Quota, SignUpStatus

        sessions = self.formsets.get("sessions")
        deleted = {
            form.instance.translation_key: form.instance
            for form in (sessions.deleted_forms if sessions is not None else [])
            if form.instance.pk
        }
        signed_up = set(
            Quota.objects.filter(
                session_key__in=deleted,
                registrations__status__in=SignUpStatus.holding_or_waiting(),
            ).values_list("session_key", flat=True)
        )
        for key in signed_up:
            self.add_error(
                None,
                _(
                    "People are signed up for the session %(session)s: cancel it under "
                    "Sign-ups (“Cancel session”; everyone is told) instead of deleting it."
                )
                % {"session": deleted[key]},
            )
        return bool(signed_up)
