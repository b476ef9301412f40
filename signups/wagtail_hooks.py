from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import page_hooks, reports  # noqa: F401
from .admin.dashboard import SignUpsDashboardPanel
from .admin.permissions import VIEW_PARTICIPANTS
from .admin.viewsets import CancelledOccurrenceViewSet, SignUpsMenuItem, SignUpViewSetGroup
from .audit import LOG_ACTIONS

# Registered as snippets so that the consent texts in the group are snippets
# (translated with wagtail-localize); the sign-up views are registered with it.
register_snippet(SignUpViewSetGroup)


@hooks.register("register_permissions")
def sign_up_permissions():
    """Seeing who signed up and managing their personal data, grantable under Settings → Groups."""
    return Permission.objects.filter(
        Q(content_type__app_label="events", codename="view_participants")
        | Q(content_type__app_label="signups", codename="manage_personal_data")
    )


@hooks.register("register_log_actions")
def sign_up_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def sign_up_report_urls():
    return [path("reports/sign-ups/", include((reports.urlpatterns, "sign_up_reports")))]


@hooks.register("register_reports_menu_item")
def sign_up_statistics_menu_item():
    return SignUpsMenuItem(
        _("Sign-up statistics"),
        reverse("sign_up_reports:statistics"),
        name="sign-up-statistics",
        icon_name="table",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def alert_statistics_menu_item():
    return SignUpsMenuItem(
        _("Alert subscribers"),
        reverse("sign_up_reports:alert_statistics"),
        name="alert-subscribers",
        icon_name="mail",
        order=1350,
    )


@hooks.register("register_reports_menu_item")
def sign_up_audit_log_menu_item():
    return SignUpsMenuItem(
        _("Sign-up audit log"),
        reverse("sign_up_reports:audit_log"),
        name="sign-up-audit-log",
        icon_name="history",
        order=1400,
    )


@hooks.register("register_admin_viewset")
def cancelled_dates_viewset():
    return CancelledOccurrenceViewSet()


@hooks.register("construct_homepage_panels")
def sign_ups_dashboard_panel(request, panels):
    if request.user.has_perm(VIEW_PARTICIPANTS):
        panels.append(SignUpsDashboardPanel())
