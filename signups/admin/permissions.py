"""
Who may open the staff side of sign-ups: one check for every view of it.

Two permissions guard it (granted under Settings → Groups, see
``signups.wagtail_hooks``): seeing who signed up, which covers the sessions,
their lists, registers, the staff desk and the reports; and managing personal
data (subject access and erasure). Anyone without the one a view needs gets a
403 that names it, before anything the URL names is looked up.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.models import Permission
from django.template.response import TemplateResponse
from django.utils.translation import gettext

VIEW_PARTICIPANTS = "events.view_participants"
MANAGE_PERSONAL_DATA = "signups.manage_personal_data"


def permission_denied(request, permission):
    """A 403 that names the permission to ask for (`app_label.codename`), in the admin's language."""
    app_label, codename = permission.split(".")
    name = (
        Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        .values_list("name", flat=True)
        .first()
    )
    # The stored name is the model's msgid: the catalogues translate it.
    context = {"permission": gettext(name) if name else permission}
    return TemplateResponse(request, "signups/admin/permission_denied.html", context, status=403)


class SignUpPermissionMixin(PermissionRequiredMixin):
    """Django's permission check for a sign-up admin view, refusing with a 403 that says why.

    Wagtail's own check would redirect to the dashboard with a message; a refusal
    here is a page of its own, whatever the URL (an export, a form's POST).
    """

    permission_required = VIEW_PARTICIPANTS

    def handle_no_permission(self):
        return permission_denied(self.request, self.permission_required)
