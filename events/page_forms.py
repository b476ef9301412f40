"""The page editor's form for programmes: sessions people signed up for are not deleted."""

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


class ProgrammePageForm(WagtailAdminPageForm):
    def is_valid(self):
        # The session formset is validated after the page form's own clean(),
        # so the deleted sessions are known only here.
        return super().is_valid() and not self.refuse_deleting_signed_up_sessions()

    def refuse_deleting_signed_up_sessions(self):
        from .models import Registration

        sessions = self.formsets.get("sessions")
        deleted = {
            form.instance.translation_key: form.instance
            for form in (sessions.deleted_forms if sessions is not None else [])
            if form.instance.pk
        }
        signed_up = set(
            Registration.objects.filter(
                quota__session_key__in=deleted, status__in=Registration.ACTIVE
            ).values_list("quota__session_key", flat=True)
        )
        for key in signed_up:
            self.add_error(
                None,
                _(
                    "People are signed up for the session %(session)s: set its status to "
                    "cancelled (everyone is told) instead of deleting it."
                )
                % {"session": deleted[key]},
            )
        return bool(signed_up)
