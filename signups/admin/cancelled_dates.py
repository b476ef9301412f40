"""
The admin's create and delete views of cancelled dates (Calendar → Cancelled dates).

Cancelling a date of a repeating session, or bringing it back, goes through
``signups.services.cancel_date`` and ``restore_date``, which e-mail everyone signed
up for the series; the success message says how many were told.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from wagtail.admin.views.generic.models import CreateView, DeleteView

from .. import services
from ..models import Registration


def _date(cancellation):
    return date_format(timezone.localtime(cancellation.starts_at), "DATETIME_FORMAT")


def _told_message(done, told):
    """`done` (a sentence about the date), and who was e-mailed about it."""
    if not told:
        return (
            done
            + " "
            + gettext(
                "No e-mail was sent: nobody is signed up for this session, or the date has passed."
            )
        )
    return (
        done
        + " "
        + ngettext(
            "%(count)s sign-up for this session was told by e-mail.",
            "%(count)s sign-ups for this session were told by e-mail.",
            len(told),
        )
        % {"count": len(told)}
    )


class CancelDateView(CreateView):
    submit_button_label = gettext_lazy("Cancel the date and tell the families")

    def save_instance(self):
        form = self.form
        cancellation, self.told = services.cancel_date(
            session=form.cleaned_data["session"],
            starts_at=form.instance.starts_at,
            notes=form.notes(),
            user=self.request.user,
        )
        return cancellation

    def get_success_message(self, instance):
        done = gettext("The date %(date)s is cancelled.") % {"date": _date(instance)}
        return _told_message(done, self.told)


class RestoreDateView(DeleteView):
    """Delete a cancellation: the date takes place after all, and families are told."""

    page_title = gettext_lazy("Bring the date back")

    @property
    def confirmation_message(self):
        signed_up = (
            Registration.objects.filter(
                quota__session_key=self.object.session_key, status__in=Registration.ACTIVE
            ).count()
            if self.object.starts_at > timezone.now()
            else 0
        )
        return ngettext(
            "Bring this date back? It takes place as planned, and %(count)s sign-up for "
            "the session is told by e-mail.",
            "Bring this date back? It takes place as planned, and %(count)s sign-ups for "
            "the session are told by e-mail.",
            signed_up,
        ) % {"count": signed_up}

    def delete_action(self):
        self.told = services.restore_date(cancellation=self.object, user=self.request.user)

    def get_success_message(self):
        done = gettext("The date %(date)s takes place after all.") % {"date": _date(self.object)}
        return _told_message(done, self.told)
